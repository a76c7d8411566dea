"""Residents rate a form 1 to 5; its service manager sees the average per version and week."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.journeys import queries, services
from frontdoor.journeys.models import Feedback, Submission
from frontdoor.journeys.tests.factories import form_published, hidden, staff

pytestmark = pytest.mark.django_db


def _sent(client, form, version="1"):
    client.post(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/name/", {"version": version, "full_name": "Ada"})
    check = client.get(f"/forms/{form.slug}/check-answers/")
    client.post(
        f"/forms/{form.slug}/check-answers/",
        {"version": version, "submission_key": hidden(check, "submission_key")},
    )
    return Submission.objects.latest("submitted_at")


def test_the_confirmation_page_links_to_a_rating_that_is_kept_once(client):
    form = form_published()
    _sent(client, form)
    page = client.get(f"/forms/{form.slug}/confirmation/").content.decode()
    link = page.split('href="/forms/feedback/')[1].split('"')[0]
    url = f"/forms/feedback/{link}"
    assert "Overall, how did you feel" in client.get(url).content.decode()
    client.post(url, {"rating": "4", "comment": "Quick"})
    response = client.post(url, {"rating": "5", "comment": "Quick and clear"})
    assert "Thank you for your feedback" in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.comment, feedback.moment) == (
        5,
        "Quick and clear",
        "submitted",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Select how you feel about the service"), ({"rating": "9"}, "Select how you feel")],
)
def test_a_rating_must_be_chosen_from_one_to_five(client, data, message):
    form = form_published()
    submission = _sent(client, form)
    token = services.feedback_token(submission=submission, moment="submitted")
    response = client.post(f"/forms/feedback/{token}/", data)
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_made_up_feedback_link_is_refused(client, db):
    response = client.get("/forms/feedback/not-a-real-token/")
    assert response.status_code == 404
    assert "do not recognise this feedback link" in response.content.decode()


def test_a_rating_after_the_case_closes_is_kept_beside_the_first(client):
    form = form_published()
    submission = _sent(client, form)
    for moment, rating in (("submitted", 3), ("case_closed", 5)):
        services.feedback_give(
            token=services.feedback_token(submission=submission, moment=moment), rating=rating
        )
    assert Feedback.objects.filter(submission=submission).count() == 2


def test_averages_are_shown_per_version_and_per_week(client):
    manager = staff()
    form = form_published(manager=manager)
    ratings = [(1, 5, 0), (1, 3, 0), (2, 4, 7)]  # (version, rating, days ago)
    for version_number, rating, days in ratings:
        if version_number == 2 and form.versions.count() == 1:
            services.form_publish(slug=form.slug, by=manager)
        submission = _sent(client, form, version=str(version_number))
        given = services.feedback_give(
            token=services.feedback_token(submission=submission, moment="submitted"),
            rating=rating,
        )
        Feedback.objects.filter(pk=given.pk).update(
            given_at=timezone.now() - datetime.timedelta(days=days)
        )
    by_version = {row["version__number"]: row["average"] for row in
                  queries.feedback_by_version(form=form)}  # fmt: skip
    assert by_version == {1: 4.0, 2: 4.0}
    weeks = queries.feedback_by_week(form=form)
    assert sum(row["count"] for row in weeks) == 3
    client.force_login(manager)
    page = client.get(f"/staff/forms/{form.slug}/feedback/").content.decode()
    assert "4.00 out of 5" in page and "from 3 residents" in page


def test_the_message_that_closes_the_case_links_to_a_rating_of_the_form(client):
    from frontdoor.accounts import roles
    from frontdoor.cases import queries as case_queries
    from frontdoor.cases import services as cases
    from frontdoor.notify import queries as notify_queries

    form = form_published(
        {"key": "email", "questions": [{"key": "email", "type": "email", "label": "Email?"}]}
    )
    client.post(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/email/", {"version": "1", "email": "ada@example.com"})
    check = client.get(f"/forms/{form.slug}/check-answers/")
    client.post(
        f"/forms/{form.slug}/check-answers/",
        {"version": "1", "submission_key": hidden(check, "submission_key")},
    )
    reference = Submission.objects.get().case_reference
    link = f"/forms/feedback/case/{reference}/"
    assert client.get(link).status_code == 404  # not closed yet
    case = case_queries.case_get(reference=reference)
    cases.case_transition(
        user=staff(roles.SERVICE_MANAGER),
        reference=reference,
        transition="close",
        expected_version=case.version,
        closure_reason="resolved",
    )
    closing = notify_queries.messages_about(about_type="case", about_id=reference).last()
    assert link in closing.body
    page = client.get(link).content.decode()
    assert "Your case is now closed" in page
    client.post(link, {"rating": "2", "comment": "Took a while"})
    feedback = Feedback.objects.get(moment="case_closed")
    assert (feedback.rating, feedback.comment) == (2, "Took a while")


def test_a_closed_case_that_did_not_start_online_is_thanked_not_refused(client):
    from frontdoor.accounts import roles
    from frontdoor.cases import services as cases

    form_published()  # its case type's closing message now carries the link
    case, _ = cases.case_create(
        case_type="test_case",
        channel="phone",
        contact=cases.Contact(name="Bo", email="bo@example.com"),
        created_by=staff(roles.AGENT),
    )
    cases.case_transition(
        user=staff(roles.SERVICE_MANAGER),
        reference=case.reference,
        transition="close",
        expected_version=case.version,
        closure_reason="resolved",
    )
    response = client.get(f"/forms/feedback/case/{case.reference}/")
    assert response.status_code == 200
    assert "there is no form to rate" in response.content.decode()
    assert client.get("/forms/feedback/case/NOPE-NOPE/").status_code == 404
