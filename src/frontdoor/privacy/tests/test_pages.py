"""The data officer's pages, through HTTP: each form's success and its refusals."""

from __future__ import annotations

import json

import pytest

from frontdoor.cases import queries as cases_queries
from frontdoor.cases.tests import factories as case_factories
from frontdoor.privacy.models import DisposalRun, LegalHold, RetentionRule, SubjectRequest
from frontdoor.privacy.tests import factories


@pytest.fixture
def officer(db, client):
    factories.case_type()
    user = factories.data_officer()
    client.force_login(user)
    return user


@pytest.fixture
def worker(db):
    return case_factories.staff("case_officer", "service_manager", teams=("waste",))


def test_pages_are_for_data_officers_only(db, client):
    client.force_login(case_factories.agent())
    assert client.get("/staff/privacy/").status_code == 403
    assert client.get("/staff/privacy/retention/").status_code == 403


def test_the_privacy_notice_is_generated_from_the_declaration(db, client):
    page = client.get("/privacy/").content.decode()
    assert "Online form answers and files" in page and "Public task" in page
    assert "6 years after the case was closed" in page


def test_a_retention_period_of_zero_gets_an_error_summary_and_saves_nothing(officer, client):
    response = client.post(
        "/staff/privacy/retention/",
        {"kind": "case", "case_type": "missed-bin", "period": "0", "unit": "years"},
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert "The retention period must be at least 1 month" in response.content.decode()
    response = client.post(
        "/staff/privacy/retention/",
        {"kind": "case", "case_type": "missed-bin", "period": "two", "unit": "years"},
    )
    assert "as a whole number" in response.content.decode()
    assert not RetentionRule.objects.exists()


def test_a_two_year_rule_for_a_case_type_is_saved_in_months(officer, client):
    response = client.post(
        "/staff/privacy/retention/",
        {"kind": "case", "case_type": "missed-bin", "period": "2", "unit": "years"},
        follow=True,
    )
    assert RetentionRule.objects.get().months == 24
    assert "Missed bin collection" in response.content.decode()


def test_releasing_a_hold_without_a_reason_shows_the_error_and_keeps_the_hold(officer, client):
    case = factories.open_case()
    client.post(
        "/staff/privacy/holds/new/",
        {"target_type": "case", "target": case.reference, "reason": "Insurance claim"},
    )
    hold = LegalHold.objects.get()
    response = client.post(f"/staff/privacy/holds/{hold.pk}/release/", {"reason": ""})
    assert response.status_code == 400
    assert "Enter why the hold can be released" in response.content.decode()
    hold.refresh_from_db()
    assert hold.released_at is None


def test_dry_run_then_real_run_through_the_pages(
    officer, worker, client, django_capture_on_commit_callbacks
):  # noqa: E501
    old = factories.closed_case(officer=worker, years_ago=7)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/privacy/disposal/")
    dry = DisposalRun.objects.get()
    page = client.get(f"/staff/privacy/disposal/{dry.pk}/").content.decode()
    assert old.reference in page and "would be anonymised" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/privacy/disposal/{dry.pk}/")
    real = DisposalRun.objects.get(dry_run=False)
    page = client.get(f"/staff/privacy/disposal/{real.pk}/").content.decode()
    assert "Finished" in page and 'id="disposal-log"' in page
    assert old.reference not in page.split('id="disposal-log"')[1]
    assert cases_queries.case_get(reference=old.reference).contact_email == ""
    again = client.post(f"/staff/privacy/disposal/{dry.pk}/")
    assert again.status_code == 400 and "already been run for real" in again.content.decode()


def test_a_subject_access_request_gives_json_and_pdf_and_is_audited(officer, worker, client):
    mine = factories.closed_case(officer=worker, years_ago=1, email="amara@example.com")
    theirs = factories.closed_case(
        officer=worker, years_ago=1, email="someone@example.com", name="Someone Else"
    )
    response = client.post(
        "/staff/privacy/requests/", {"kind": "access", "emails": "Amara@example.com"}, follow=True
    )
    request = SubjectRequest.objects.get()
    assert mine.reference in response.content.decode()
    bundle = json.loads(
        client.get(f"/staff/privacy/requests/{request.reference}/bundle.json").content
    )
    text = json.dumps(bundle)
    assert mine.reference in text and theirs.reference not in text and "Someone Else" not in text
    pdf = client.get(f"/staff/privacy/requests/{request.reference}/bundle.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from frontdoor.audit import queries as audit_queries

    assert (
        audit_queries.audit_search(
            subject_id=request.reference, action="privacy.subject_access_exported"
        ).count()
        == 2
    )


def test_a_request_with_no_identifier_is_refused(officer, client):
    response = client.post("/staff/privacy/requests/", {"kind": "access", "emails": ""})
    assert response.status_code == 400
    assert "Enter at least one email address" in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_erasing_a_person_under_a_legal_hold_is_refused_and_changes_nothing(
    officer, worker, client
):
    case = factories.closed_case(officer=worker, years_ago=1, email="held@example.com")
    client.post(
        "/staff/privacy/holds/new/",
        {"target_type": "resident", "target": "held@example.com", "reason": "Tribunal"},
    )
    client.post("/staff/privacy/requests/", {"kind": "erasure", "emails": "held@example.com"})
    request = SubjectRequest.objects.get()
    response = client.post(
        f"/staff/privacy/requests/{request.reference}/erase/", {"reason": "Asked to be forgotten"}
    )
    assert response.status_code == 400
    assert "a legal hold covers" in response.content.decode()
    assert cases_queries.case_get(reference=case.reference).contact_email == "held@example.com"
    request.refresh_from_db()
    assert request.status == SubjectRequest.OPEN


def test_erasure_anonymises_closed_cases_and_keeps_open_ones(officer, worker, client):
    closed = factories.closed_case(officer=worker, years_ago=1, email="gone@example.com")
    still_open = factories.open_case(email="gone@example.com")
    client.post("/staff/privacy/requests/", {"kind": "erasure", "emails": "gone@example.com"})
    request = SubjectRequest.objects.get()
    response = client.post(f"/staff/privacy/requests/{request.reference}/erase/", {"reason": ""})
    assert "Enter the reason for erasing" in response.content.decode()
    client.post(
        f"/staff/privacy/requests/{request.reference}/erase/",
        {"reason": "Article 17: no longer needed"},
    )
    request.refresh_from_db()
    assert request.status == SubjectRequest.ERASED
    assert request.outcome["cases"] == 1 and request.outcome["open cases kept"] == 1
    assert cases_queries.case_get(reference=closed.reference).contact_email == ""
    assert (
        cases_queries.case_get(reference=still_open.reference).contact_email == "gone@example.com"
    )


def test_a_residents_own_download_uses_the_same_bundle_without_staff_notes(officer, worker):
    from django.contrib.auth import get_user_model

    from frontdoor.cases import services as cases
    from frontdoor.privacy import services

    resident = get_user_model().objects.create_user(username="amara", email="amara@example.com")
    case = factories.closed_case(officer=worker, years_ago=1, email="amara@example.com")
    cases.case_note_add(user=worker, reference=case.reference, text="Internal: difficult caller")
    factories.closed_case(officer=worker, years_ago=1, email="someone@example.com")
    bundle = services.my_data_bundle(user=resident)
    sections = {s["source"]: s["records"] for s in bundle["sections"]}
    assert [c["reference"] for c in sections["cases"]] == [case.reference]
    assert [a["username"] for a in sections["accounts"]] == ["amara"]
    assert "difficult caller" not in json.dumps(bundle)
