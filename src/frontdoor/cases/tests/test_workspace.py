"""The staff workspace through HTTP: queues, the case page, files, bulk changes, contacts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.cases import services
from frontdoor.cases.models import Case, CaseAttachment
from frontdoor.cases.tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def officer(db, client):
    factories.case_type()
    person = factories.officer(username="priya")
    client.force_login(person)
    return person


def _post(client, case, action, **fields):
    prefix = {"transition": "transition", "assign": "assign", "update": "update", "note": "note"}
    data = {f"{prefix.get(action, action)}-{name}": value for name, value in fields.items()}
    return client.post(f"/staff/cases/{case.reference}/{action}/", data)


def test_the_queue_finds_a_case_by_postcode_and_highlights_breached_targets(officer, client):
    late = factories.case(received_at=timezone.now() - datetime.timedelta(days=20))
    on_time = factories.case(contact=factories.contact(postcode="SO15 2JZ"))
    page = client.get("/staff/cases/", {"sla": "breached"}).content.decode()
    assert late.reference in page and on_time.reference not in page
    assert 'Late<span class="govuk-visually-hidden">, past its target' in page
    page = client.get("/staff/cases/", {"q": "so15 2jz"}).content.decode()
    assert on_time.reference in page and late.reference not in page


def test_the_queue_page_takes_the_same_number_of_queries_for_many_cases(officer, client):
    factories.case()
    client.get("/staff/cases/")  # the first page after sign-in notes the session's activity
    with CaptureQueriesContext(connection) as one:
        client.get("/staff/cases/")
    for _ in range(10):
        factories.case()
    with CaptureQueriesContext(connection) as eleven:
        client.get("/staff/cases/")
    assert len(eleven) == len(one)


def test_an_officer_moves_a_case_on_from_its_page(officer, client):
    case = factories.case()
    response = _post(client, case, "transition", transition="start", version=1, public_text="")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "in_progress"
    page = client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "moved on" in page and "Status: In progress" in page


def test_an_illegal_step_is_explained_and_changes_nothing(officer, client):
    case = factories.case()
    response = _post(client, case, "transition", transition="reopen", version=1)
    assert response.status_code == 400
    page = response.content.decode()
    assert "You cannot reopen a case that is received" in page
    assert "govuk-error-summary" in page and "<title>Error: " in page
    case.refresh_from_db()
    assert case.status == "received" and case.version == 1


def test_a_stale_edit_is_refused_with_a_conflict_and_the_latest_version(officer, client):
    case = factories.case()
    services.case_assign(
        user=officer, reference=case.reference, expected_version=1, assignee="priya"
    )
    response = _post(client, case, "transition", transition="start", version=1)
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert 'name="transition-version" value="2"' in response.content.decode()
    case.refresh_from_db()
    assert case.status == "received"


def test_a_file_of_the_wrong_type_is_refused(officer, client):
    case = factories.case()
    fake = SimpleUploadedFile("photo.png", b"MZ this is really a program", "image/png")
    response = client.post(f"/staff/cases/{case.reference}/files/", {"attachment-file": fake})
    assert response.status_code == 400
    assert "The selected file must be a JPG, PNG or PDF" in response.content.decode()
    assert not CaseAttachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(officer, client):
    case = factories.case()
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * services.MAX_FILE_BYTES, "image/png")
    response = client.post(f"/staff/cases/{case.reference}/files/", {"attachment-file": big})
    assert response.status_code == 400
    assert "must be smaller than 10MB" in response.content.decode()
    assert not CaseAttachment.objects.exists()


def test_a_photo_is_attached_and_downloaded(officer, client):
    case = factories.case()
    photo = SimpleUploadedFile("../../bin.png", PNG, "application/octet-stream")
    response = client.post(f"/staff/cases/{case.reference}/files/", {"attachment-file": photo})
    assert response.status_code == 302
    attachment = CaseAttachment.objects.get()
    assert attachment.name == "bin.png" and attachment.content_type == "image/png"
    download = client.get(f"/staff/cases/{case.reference}/files/{attachment.pk}/")
    assert b"".join(download.streaming_content) == PNG
    attachment.file.delete()


def test_bulk_assign_moves_every_selected_case(officer, client):
    first, second = factories.case(), factories.case()
    response = client.post(
        "/staff/cases/bulk/",
        {
            "cases": [f"{first.reference}:1", f"{second.reference}:1"],
            "action": "assign",
            "assignee": "priya",
        },
    )
    assert response.status_code == 302
    assert set(Case.objects.values_list("assignee__username", flat=True)) == {"priya"}


def test_an_agent_opens_a_case_from_a_phone_call(db, client):
    factories.case_type()
    client.force_login(factories.agent("ade"))
    response = client.post(
        "/staff/cases/log-contact/",
        {
            "channel": "phone",
            "about": "new",
            "case_type": "missed-bin",
            "summary": "Bin missed again on Portswood Road",
            "name": "Jack Turner",
            "phone": "07700 900123",
            "preference": "sms",
            "priority": "normal",
            "idempotency_key": "abc",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{case.reference}/")
    assert case.channel == "phone" and case.created_by.username == "ade"
    # The same form sent twice (a double click) makes one case.
    client.post("/staff/cases/log-contact/", {**response.wsgi_request.POST.dict()})
    assert Case.objects.count() == 1


def test_an_agent_logs_a_chasing_contact_on_an_existing_case(db, client):
    factories.case_type()
    case = factories.case()
    client.force_login(factories.agent("ade"))
    response = client.post(
        "/staff/cases/log-contact/",
        {"channel": "face_to_face", "about": "existing", "reference": case.reference.lower()},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.chasing_contacts == 1


def test_a_contact_about_an_unknown_reference_is_explained(db, client):
    factories.case_type()
    client.force_login(factories.agent("ade"))
    response = client.post(
        "/staff/cases/log-contact/",
        {"channel": "phone", "about": "existing", "reference": "KKKK-KKKK"},
    )
    assert response.status_code == 400
    assert "There is no request with that reference" in response.content.decode()


def test_a_message_that_could_not_be_delivered_is_shown_on_the_case(officer, client):
    from django.test import override_settings

    from frontdoor.notify import services as notify

    case = factories.case()
    # GOV.UK Notify is configured, but this template was never given a Notify template id:
    # the message fails at once, without any request leaving the machine.
    with override_settings(NOTIFY_API_KEY="x" * 74, NOTIFY_BASE_URL="http://127.0.0.1:9"):
        notify.outbox_deliver()
    page = client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "1 message to the resident could not be delivered" in page
    assert "no GOV.UK Notify template id" in page
