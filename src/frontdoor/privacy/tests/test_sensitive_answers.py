"""A free-text answer marked sensitive is encrypted at rest once sent; the case shows a link,
and only staff who may see the case can open it, each opening audited."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from frontdoor.accounts import roles
from frontdoor.audit import queries as audit_queries
from frontdoor.cases import queries as cases_queries
from frontdoor.journeys.models import Submission
from frontdoor.journeys.tests.factories import form_published, hidden, question, staff
from frontdoor.privacy import services
from frontdoor.privacy.tests import factories

SECRET = "I am fleeing domestic abuse"
PAGES = [
    {"key": "email", "questions": [question("email", "email", label="Your email?")]},
    {"key": "why", "questions": [question("why", "long_text", label="Why do you need help?",
                                          sensitive=True)]},
]  # fmt: skip


@pytest.fixture
def sent(db, client):
    form = form_published(*PAGES)
    client.post(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/email/", {"version": "1", "email": "ada@example.com"})
    client.post(f"/forms/{form.slug}/why/", {"version": "1", "why": SECRET})
    check = client.get(f"/forms/{form.slug}/check-answers/")
    client.post(
        f"/forms/{form.slug}/check-answers/",
        {"version": "1", "submission_key": hidden(check, "submission_key")},
    )
    client.logout()
    return Submission.objects.get()


def test_the_answer_is_stored_encrypted_in_the_submission_and_not_on_the_case(sent):
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM journeys_submission")
        stored = str(cursor.fetchone()[0])
    assert SECRET not in stored and "sealed" in stored
    case = cases_queries.case_get(reference=sent.case_reference)
    assert SECRET not in json.dumps(case.answers)
    assert "Sensitive answer, shown only on request" in json.dumps(case.answers)


def test_staff_who_may_see_the_case_open_it_and_each_opening_is_audited(sent, client):
    client.force_login(staff(roles.AGENT))
    page = client.get(f"/staff/privacy/sensitive/{sent.reference}/why/")
    assert page.status_code == 200 and SECRET in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    opened = audit_queries.audit_search(action="submission.sensitive_answer_viewed")
    assert opened.filter(subject_id=sent.case_reference).count() == 1


def test_staff_whose_role_does_not_need_it_are_refused(sent, client):
    client.force_login(staff(roles.DIRECTORY_EDITOR))
    page = client.get(f"/staff/privacy/sensitive/{sent.reference}/why/")
    assert page.status_code == 403 and SECRET not in page.content.decode()
    assert not audit_queries.audit_search(action="submission.sensitive_answer_viewed").exists()


def test_the_residents_own_subject_access_bundle_gives_their_answer_back(sent):
    officer = factories.data_officer()
    request = services.subject_request_open(
        actor=officer, kind="access", emails=["ada@example.com"]
    )
    bundle = services.subject_access_bundle(actor=officer, reference=request.reference)
    forms = next(s for s in bundle["sections"] if s["source"] == "forms")["records"]
    assert forms[0]["answers"]["why"] == SECRET
