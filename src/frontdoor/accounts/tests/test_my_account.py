import json
import re

import pytest

from frontdoor.accounts import roles
from frontdoor.accounts.models import ContactPreference, ResidentAccount
from frontdoor.accounts.tests.factories import resident, resident_sign_in, staff
from frontdoor.audit.models import AuditEvent
from frontdoor.cases import queries as case_queries
from frontdoor.cases import services as cases
from frontdoor.cases.tests import factories as case_factories
from frontdoor.notify import queries as notify_queries

EMAIL = "amara@example.com"


def _case(email: str = EMAIL, phone: str = ""):
    case_factories.case_type()
    return case_factories.case(contact=case_factories.contact(email=email, phone=phone))


@pytest.fixture
def signed_in(client, db):
    account = resident(EMAIL)
    resident_sign_in(client, account)
    return account


def _last_code(to: str) -> str:
    message = notify_queries.messages_to(addresses=[to]).first()
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def test_my_account_lists_each_request_with_its_status_and_latest_update(client, signed_in):
    case = _case()
    manager = staff(roles.SERVICE_MANAGER, username="tom")
    cases.case_update_public(user=manager, reference=case.reference, text="Crew sent")
    cases.case_note_add(user=manager, reference=case.reference, text="Staff only: gate code 1234")
    page = client.get("/account/").content.decode()
    table = page[page.index("<table") : page.index("</table>")]
    assert case.reference in table and "Crew sent" in table
    assert "We have your request" in table  # the status in the resident's words
    detail = client.get(f"/account/requests/{case.reference}/").content.decode()
    assert "Crew sent" in detail
    assert "gate code" not in detail  # internal notes never reach the resident
    assert AuditEvent.objects.filter(action="case.viewed_by_resident").count() == 1


def test_messages_sent_to_the_resident_are_listed(client, signed_in):
    case = _case()
    page = client.get("/account/messages/").content.decode()
    assert f"reference {case.reference}" in page


def test_contact_details_are_saved_and_a_bad_postcode_explained(client, signed_in):
    bad = client.post("/account/details/", {"full_name": "Amara", "postcode": "not a postcode"})
    assert bad.status_code == 400 and "Enter a real postcode" in bad.content.decode()
    assert ResidentAccount.objects.get().full_name == ""
    good = client.post(
        "/account/details/",
        {"full_name": "Amara Okonkwo", "address": "4 Bedford Place", "postcode": "so15 2db"},
    )
    assert good.status_code == 302
    account = ResidentAccount.objects.get()
    assert (account.full_name, account.postcode) == ("Amara Okonkwo", "SO15 2DB")


def test_preferences_per_topic_and_sms_needs_a_confirmed_mobile(client, signed_in):
    refused = client.post("/account/preferences/", {"bins": ["sms"]})
    assert refused.status_code == 400
    assert "Add and confirm a mobile number" in refused.content.decode()
    assert not ContactPreference.objects.exists()
    client.post("/account/preferences/", {"bins": ["email", "post"], "news": []})
    from frontdoor.accounts import queries

    assert queries.resident_preferences_for(email=EMAIL) == {
        "bins": ["email", "post"],
        "case_updates": [],
        "council_tax": [],
        "news": [],
    }


def test_a_resident_claims_requests_made_with_their_mobile_by_the_code_sent_to_it(
    client, signed_in
):
    by_phone = _case(email="", phone="07700 900982")
    assert by_phone.resident_id is None
    response = client.post("/account/earlier-requests/", {"address": "+44 7700 900982"})
    assert response["Location"] == "/account/earlier-requests/code/"
    wrong = client.post("/account/earlier-requests/code/", {"code": "00000"})
    assert wrong.status_code == 400
    assert case_queries.case_get(reference=by_phone.reference).resident_id is None
    code = _last_code("+447700900982")
    done = client.post("/account/earlier-requests/code/", {"code": code})
    assert done["Location"] == "/account/"
    assert case_queries.case_get(reference=by_phone.reference).resident_id == signed_in.user.pk
    account = ResidentAccount.objects.get()
    assert account.phone == "+447700900982" and account.phone_verified_at is not None
    assert "1 earlier request added" in client.get("/account/").content.decode()


def test_claiming_another_email_needs_its_code_and_takes_only_unclaimed_requests(client, signed_in):
    old = _case(email="old@example.com")
    client.post("/account/earlier-requests/", {"address": "old@example.com"})
    code = _last_code("old@example.com")
    client.post("/account/earlier-requests/code/", {"code": code})
    assert case_queries.case_get(reference=old.reference).resident_id == signed_in.user.pk
    # The same code cannot be used again, by this resident or anyone.
    again = client.post("/account/earlier-requests/code/", {"code": code})
    assert again.status_code == 302 and again["Location"] == "/account/earlier-requests/"


def test_a_bad_address_to_claim_is_explained(client, signed_in):
    response = client.post("/account/earlier-requests/", {"address": "0123"})
    assert response.status_code == 400
    assert "Enter a UK mobile number" in response.content.decode()


def test_download_my_data_is_machine_readable_and_complete(client, signed_in):
    case = _case()
    by_phone = _case(email="", phone="07700 900982")
    client.post("/account/earlier-requests/", {"address": "07700 900982"})
    client.post("/account/earlier-requests/code/", {"code": _last_code("07700900982")})
    client.post("/account/preferences/", {"bins": ["email"]})
    response = client.get("/account/your-data/download/")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    sections = {section["source"]: section["records"] for section in data["sections"]}
    (account,) = sections["accounts"]
    assert account["email"] == EMAIL and account["phone"] == "07700900982"
    assert account["communication_preferences"]["bins"] == ["email"]
    assert {item["reference"] for item in sections["cases"]} == {case.reference, by_phone.reference}
    assert any(case.reference in message["subject"] for message in sections["messages"])
    assert AuditEvent.objects.filter(action="privacy.my_data_downloaded").count() == 1


def test_closing_the_account_wipes_it_signs_out_and_keeps_the_requests(client, signed_in):
    case = _case()
    client.get("/account/")
    unconfirmed = client.post("/account/close/", {})
    assert unconfirmed.status_code == 400
    assert "Confirm you want to close your account" in unconfirmed.content.decode()
    response = client.post("/account/close/", {"confirm": "on"})
    assert "Your account is closed" in response.content.decode()
    assert client.get("/account/").status_code == 302
    account = ResidentAccount.objects.get()
    assert account.closed_at is not None
    assert EMAIL not in (account.email, account.user.email) and not account.user.is_active
    kept = case_queries.case_get(reference=case.reference)
    assert kept is not None and kept.resident_id == account.user_id
    # The same address may open a new account later; the old one stays closed.
    from frontdoor.accounts import services

    sent = services.sign_in_request(email=EMAIL)
    new_account, _ = services.sign_in_with_link(token=sent.link_token)
    assert new_account.pk != account.pk


def test_a_closed_account_session_is_not_signed_in(client, signed_in):
    from frontdoor.accounts import services

    services.resident_account_close(user=signed_in.user)
    assert client.get("/account/").status_code == 302


def test_a_form_sent_while_signed_in_joins_the_account_whatever_email_was_typed(client, signed_in):
    from frontdoor.journeys.tests.factories import form_published, hidden, question

    form = form_published(
        {"key": "email", "questions": [question("email", "email", label="Your email?")]}
    )
    client.post(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/email/", {"version": "1", "email": "work@example.com"})
    check = client.get(f"/forms/{form.slug}/check-answers/")
    sent = client.post(
        f"/forms/{form.slug}/check-answers/",
        {"version": "1", "submission_key": hidden(check, "submission_key")},
    )
    assert sent.status_code == 302
    (case,) = case_queries.case_queue(user=staff(roles.SERVICE_MANAGER, username="tom"))
    assert case.contact_email == "work@example.com"
    assert case.resident_id == signed_in.user.pk
    assert case.reference in client.get("/account/").content.decode()
