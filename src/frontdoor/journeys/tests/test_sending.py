"""Sending a form: exactly one submission however often it is sent, and a clear page
(with nothing half made) for a tampered page, a changed form or a closed form."""

import uuid

import pytest

from frontdoor.cases import queries as case_queries
from frontdoor.cases import services as cases
from frontdoor.journeys import services
from frontdoor.journeys.models import Draft, Submission
from frontdoor.journeys.tests.factories import form_published, hidden, question, staff
from frontdoor.notify import queries as notify_queries

pytestmark = pytest.mark.django_db

PAGES = [
    {"key": "name", "questions": [question("full_name", label="What is your name?",
                                           autocomplete="name")]},
    {"key": "bags", "questions": [question("bags", "number", label="How many bags?")]},
    {"key": "email", "questions": [question("email", "email", label="Your email?")]},
]  # fmt: skip


@pytest.fixture
def ready(client):
    """A resident who has answered every page and is on check answers."""
    manager = staff()
    form = form_published(*PAGES, manager=manager)
    client.post(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/name/", {"version": "1", "full_name": "Ada"})
    client.post(f"/forms/{form.slug}/bags/", {"version": "1", "bags": "2"})
    client.post(f"/forms/{form.slug}/email/", {"version": "1", "email": "ada@example.com"})
    check = client.get(f"/forms/{form.slug}/check-answers/")
    return form, manager, check


def _send(client, form, check, **override):
    data = {"version": "1", "submission_key": hidden(check, "submission_key"), **override}
    return client.post(f"/forms/{form.slug}/check-answers/", data)


def test_a_double_click_makes_one_submission(client, ready):
    form, _, check = ready
    first = _send(client, form, check)
    second = _send(client, form, check)
    assert first.url == second.url == f"/forms/{form.slug}/confirmation/"
    assert Submission.objects.count() == 1


def test_sending_the_same_draft_twice_through_the_service_returns_the_same_submission(ready):
    draft = Draft.objects.get()
    first = services.submission_make(draft_key=draft.key, version_number=1)
    again = services.submission_make(draft_key=draft.key, version_number=1)
    assert first.pk == again.pk
    assert Submission.objects.count() == 1


def test_a_retry_from_a_browser_whose_session_kept_the_draft_shows_the_confirmation(client, ready):
    form, _, check = ready
    before = dict(client.session)
    _send(client, form, check)
    session = client.session  # as if the first response, and its cookie, never arrived
    session.clear()
    session.update(before)
    session.save()
    retry = _send(client, form, check)
    assert retry.url == f"/forms/{form.slug}/confirmation/"
    assert Submission.objects.count() == 1


def test_a_tampered_submission_key_gets_a_clear_page_and_sends_nothing(client, ready):
    form, _, check = ready
    response = _send(client, form, check, submission_key=str(uuid.uuid4()))
    assert response.status_code == 400
    assert "there is a problem with the page you sent" in response.content.decode()
    assert not Submission.objects.exists()
    assert Draft.objects.exists()


@pytest.mark.parametrize("version", ["", "one", "-1"])
def test_a_tampered_version_field_gets_a_clear_page_and_keeps_the_answers(client, ready, version):
    form, _, check = ready
    response = _send(client, form, check, version=version)
    assert response.status_code == 400
    page = client.post(f"/forms/{form.slug}/name/", {"version": version, "full_name": "Eve"})
    assert page.status_code == 400
    assert Draft.objects.get().answers == {
        "full_name": "Ada",
        "bags": "2",
        "email": "ada@example.com",
    }
    assert not Submission.objects.exists()


def test_a_form_republished_mid_journey_offers_the_new_version_keeping_answers(client, ready):
    form, manager, check = ready
    services.question_add(
        slug=form.slug, by=manager, page_key="bags", question=question("colour", label="Colour?")
    )
    services.page_update(slug=form.slug, by=manager, page_key="bags", title="Your bags", body="")
    services.form_publish(slug=form.slug, by=manager)
    response = _send(client, form, check)
    assert response.status_code == 409
    assert "has been updated since you started" in response.content.decode()
    assert not Submission.objects.exists()
    moved = client.post(f"/forms/{form.slug}/updated/")
    assert moved.url == f"/forms/{form.slug}/bags/"
    assert Draft.objects.get().answers == {
        "full_name": "Ada",
        "bags": "2",
        "email": "ada@example.com",
    }
    assert Draft.objects.get().version.number == 2


def test_a_page_made_from_an_old_version_is_not_saved(client, ready):
    form, manager, _ = ready
    services.form_publish(slug=form.slug, by=manager)
    client.post(f"/forms/{form.slug}/updated/")
    response = client.post(f"/forms/{form.slug}/name/", {"version": "1", "full_name": "Eve"})
    assert response.status_code == 409
    assert Draft.objects.get().answers["full_name"] == "Ada"


def test_sending_after_the_form_is_unpublished_makes_no_case(client, ready):
    form, manager, check = ready
    services.form_unpublish(slug=form.slug, by=manager)
    response = _send(client, form, check)
    assert response.status_code == 410
    assert "is closed" in response.content.decode()
    assert not Submission.objects.exists()
    assert client.get(f"/forms/{form.slug}/").status_code == 410


def test_a_submission_becomes_one_case_with_its_acknowledgement(client, ready):
    form, _, check = ready
    _send(client, form, check)
    _send(client, form, check)
    submission = Submission.objects.get()
    case = case_queries.case_get(reference=submission.case_reference)
    assert (case.contact_name, case.contact_email) == ("Ada", "ada@example.com")
    assert case.answers == {
        "What is your name?": "Ada",
        "How many bags?": "2",
        "Your email?": "ada@example.com",
    }
    messages = notify_queries.messages_about(about_type="case", about_id=case.reference)
    assert [m.to for m in messages] == ["ada@example.com"]
    assert case_queries.case_types().filter(code="test_case").count() == 1


def test_a_case_the_cases_app_refuses_leaves_no_submission_and_keeps_the_answers(client, ready):
    form, _, check = ready
    cases.case_type_define(code="test_case", name="Test case", active=False)
    response = _send(client, form, check)
    assert response.status_code == 422
    assert "Your form could not be sent" in response.content.decode()
    assert not Submission.objects.exists()
    assert Draft.objects.get().answers["full_name"] == "Ada"


def test_check_answers_sends_an_incomplete_journey_back_to_the_page_that_is_due(client):
    form = form_published(*PAGES)
    client.post(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/name/", {"version": "1", "full_name": "Ada"})
    response = client.get(f"/forms/{form.slug}/check-answers/")
    assert response.url == f"/forms/{form.slug}/bags/"


def test_the_confirmation_page_needs_the_browser_that_sent_the_form(client, ready):
    form, _, check = ready
    _send(client, form, check)
    client.cookies.clear()
    assert client.get(f"/forms/{form.slug}/confirmation/").url == f"/forms/{form.slug}/"


def test_a_submission_pins_the_version_it_was_made_with(client, ready):
    form, manager, check = ready
    _send(client, form, check)
    services.form_publish(slug=form.slug, by=manager)
    assert Submission.objects.get().version.number == 1
