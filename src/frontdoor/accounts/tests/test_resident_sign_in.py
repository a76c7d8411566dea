import datetime
import logging
import re

import pytest
from django.utils import timezone

from frontdoor.accounts.models import OneTimeCode, ResidentAccount
from frontdoor.accounts.tests.factories import resident, resident_sign_in, staff
from frontdoor.cases.tests import factories as case_factories
from frontdoor.notify import queries as notify_queries

EMAIL = "amara@example.com"


def _last_email(to: str = EMAIL):
    message = notify_queries.messages_to(addresses=[to]).first()
    assert message is not None, f"no message to {to}"
    link = re.search(r"https?://\S+/account/sign-in/link/(\S+)/", message.body)
    code = re.search(r"\b(\d{6})\b", message.body)
    return message, (link.group(1) if link else ""), (code.group(1) if code else "")


def _case(email: str):
    case_factories.case_type()
    return case_factories.case(contact=case_factories.contact(email=email))


def _ask(client, email=EMAIL, **extra):
    return client.post("/account/sign-in/", {"email": email, **extra})


def _signed_in_as(client):
    response = client.get("/account/")
    if response.status_code != 200:
        return None
    return response.context["account"]


def test_my_account_asks_a_visitor_to_sign_in(client, db):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/account/"


def test_asking_to_sign_in_emails_a_link_and_a_code_and_says_check_your_email(client, db):
    response = _ask(client, email="  Amara@Example.com ")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/check-email/"
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page and EMAIL in page
    message, token, code = _last_email()
    assert token and code
    assert "work once, for the next 15 minutes" in message.body
    # Only hashes are kept: the database alone cannot sign anyone in.
    row = OneTimeCode.objects.get()
    assert token not in row.link_hash and code not in row.code_hash
    assert _signed_in_as(client) is None


def test_the_link_signs_up_a_new_resident_after_they_confirm(client, db):
    _ask(client)
    _, token, _ = _last_email()
    confirm = client.get(f"/account/sign-in/link/{token}/")
    assert confirm.status_code == 200 and "Continue signing in" in confirm.content.decode()
    assert _signed_in_as(client) is None  # opening the link spends nothing
    response = client.post(f"/account/sign-in/link/{token}/")
    assert response["Location"] == "/account/"
    account = _signed_in_as(client)
    assert account.email == EMAIL and not account.user.is_staff


def test_the_code_signs_in_the_browser_that_asked(client, db):
    account = resident()
    _ask(client)
    _, _, code = _last_email()
    response = client.post("/account/sign-in/check-email/", {"code": code})
    assert response["Location"] == "/account/"
    assert _signed_in_as(client) == account
    assert ResidentAccount.objects.count() == 1


def test_a_reused_link_is_refused_with_a_clear_message_and_no_session(client, db):
    _ask(client)
    _, token, _ = _last_email()
    client.post(f"/account/sign-in/link/{token}/")
    client.post("/account/sign-out/")
    again = client.post(f"/account/sign-in/link/{token}/")
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert _signed_in_as(client) is None


def test_an_expired_link_is_refused_with_a_clear_message_and_no_session(client, db):
    _ask(client)
    _, token, _ = _last_email()
    OneTimeCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    for response in (
        client.get(f"/account/sign-in/link/{token}/"),
        client.post(f"/account/sign-in/link/{token}/"),
    ):
        assert response.status_code == 410
        assert "This sign-in link has expired" in response.content.decode()
    assert _signed_in_as(client) is None


def test_a_made_up_link_is_refused(client, db):
    response = client.post("/account/sign-in/link/not-a-real-token/")
    assert response.status_code == 410
    assert "not valid" in response.content.decode()
    assert _signed_in_as(client) is None


def test_five_wrong_codes_spend_the_code_even_the_right_one_after(client, db, caplog):
    _ask(client)
    _, _, code = _last_email()
    wrong = "000000" if code != "000000" else "111111"
    with caplog.at_level(logging.WARNING, logger="frontdoor.security"):
        for _ in range(4):
            response = client.post("/account/sign-in/check-email/", {"code": wrong})
            assert response.status_code == 400
            assert "The code is not right" in response.content.decode()
        last = client.post("/account/sign-in/check-email/", {"code": wrong})
    assert "too many times" in last.content.decode()
    assert "refused action=one-time code" in caplog.text
    response = client.post("/account/sign-in/check-email/", {"code": code})
    assert "too many times" in response.content.decode()
    assert _signed_in_as(client) is None


def test_the_code_only_works_in_the_browser_that_asked_for_it(client, db, django_user_model):
    from django.test import Client

    _ask(client)
    _, _, code = _last_email()
    other = Client()
    assert other.post("/account/sign-in/check-email/", {"code": code}).status_code == 302
    assert _signed_in_as(other) is None  # sent back to ask for an email first


def test_the_same_answer_for_an_address_with_an_account_and_one_without(client, db):
    resident()
    known = _ask(client)
    unknown = _ask(client, email="nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Both get an email: one to sign in, one to sign up. The page says nothing more.
    assert notify_queries.messages_to(addresses=[EMAIL, "nobody@example.com"]).count() == 2


def test_a_badly_formed_address_gets_an_error_summary_and_no_email(client, db):
    response = _ask(client, email="amara.example.com")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "in the correct format" in page
    assert not OneTimeCode.objects.exists()


def test_too_many_sign_in_emails_to_one_address_are_refused(client, db):
    for _ in range(5):
        assert _ask(client).status_code == 302
    response = _ask(client)
    assert response.status_code == 429
    assert "too many sign-in emails" in response.content.decode()
    assert notify_queries.messages_to(addresses=[EMAIL]).count() == 5


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/steal", "//evil.example/steal", "/staff/audit/", "javascript:alert(1)"],
)
def test_after_sign_in_a_resident_goes_only_to_this_sites_resident_pages(client, db, next_url):
    _ask(client, next=next_url)
    _, token, _ = _last_email()
    response = client.post(f"/account/sign-in/link/{token}/")
    assert response["Location"] == "/account/"


def test_after_sign_in_a_resident_goes_back_where_they_were(client, db):
    _ask(client, next="/account/preferences/")
    _, token, _ = _last_email()
    assert client.post(f"/account/sign-in/link/{token}/")["Location"] == "/account/preferences/"


def test_signing_in_gives_a_new_session_key(client, db):
    _ask(client)
    before = client.cookies["sessionid"].value
    _, token, _ = _last_email()
    client.post(f"/account/sign-in/link/{token}/")
    assert client.cookies["sessionid"].value != before
    assert _signed_in_as(client) is not None


def test_a_staff_members_email_never_signs_in_as_staff(client, db):
    member = staff(username="priya")
    _ask(client, email=member.email)
    _, token, _ = _last_email(member.email)
    client.post(f"/account/sign-in/link/{token}/")
    account = _signed_in_as(client)
    assert account is not None and account.user != member
    assert client.get("/staff/").status_code == 302


def test_earlier_requests_with_the_same_email_join_the_account_at_sign_in(client, db):
    made_before = _case(EMAIL)
    someone_elses = _case("someone@example.com")
    _ask(client)
    _, token, _ = _last_email()
    client.post(f"/account/sign-in/link/{token}/")
    page = client.get("/account/").content.decode()
    assert made_before.reference in page
    assert someone_elses.reference not in page


def test_a_resident_sees_only_their_own_cases(client, db):
    account = resident()
    _case("someone@example.com")
    mine = _case(EMAIL)
    theirs = _case("someone@example.com")
    resident_sign_in(client, account)
    assert client.get(f"/account/requests/{mine.reference}/").status_code == 200
    assert client.get(f"/account/requests/{theirs.reference}/").status_code == 404


def test_a_resident_cannot_reach_staff_pages_or_the_staff_api(client, db):
    resident_sign_in(client, resident())
    assert client.get("/staff/").status_code == 302
    assert client.get("/staff/cases/").status_code == 302
    assert client.get("/staff/audit/").status_code == 302
    assert client.get("/api/cases/K7QM-4XTD").status_code in {401, 403}


def test_staff_are_not_signed_in_to_my_account(client, db):
    client.force_login(staff(username="priya"))
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
