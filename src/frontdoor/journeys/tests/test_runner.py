"""A resident goes through a form over HTTP: one thing per page, back links, branching,
check answers, send, confirmation."""

import pytest

from frontdoor.cases import queries as case_queries
from frontdoor.journeys.models import Draft, Submission
from frontdoor.journeys.tests.factories import errors, form_published, hidden, question

pytestmark = pytest.mark.django_db

PAGES = [
    {
        "key": "which-bin",
        "questions": [
            question(
                "bin",
                "select_one",
                label="Which bin was missed?",
                options=[
                    {"value": "general", "label": "General"},
                    {"value": "garden", "label": "Garden"},
                ],
            )
        ],
        "routes": [{"question": "bin", "answer": "general", "goto": "when"}],
    },
    {
        "key": "paid",
        "questions": [question("paid", "yes_no", label="Have you paid?")],
        "routes": [{"question": "paid", "answer": "no", "goto": "subscribe"}],
    },
    {"key": "when", "questions": [question("when", "short_text", label="When?")]},
    {"key": "subscribe", "kind": "advice", "title": "Subscribe first", "body": "Pay, then report."},
]


def start(client, slug):
    response = client.post(f"/forms/{slug}/")
    assert response.status_code == 302
    return response.url


def answer(client, slug, page, **data):
    return client.post(f"/forms/{slug}/{page}/", {"version": "1", **data})


def test_resident_completes_a_form_and_sees_the_reference(client):
    form = form_published(*PAGES)
    assert start(client, form.slug) == f"/forms/{form.slug}/which-bin/"
    response = answer(client, form.slug, "which-bin", bin="garden")
    assert response.url == f"/forms/{form.slug}/paid/"
    response = answer(client, form.slug, "paid", paid="yes")
    assert response.url == f"/forms/{form.slug}/when/"
    response = answer(client, form.slug, "when", when="Tuesday")
    assert response.url == f"/forms/{form.slug}/check-answers/"
    check = client.get(response.url)
    html = check.content.decode()
    assert "Garden" in html and "Tuesday" in html and "?change=1" in html
    sent = client.post(
        check.request["PATH_INFO"],
        {"version": "1", "submission_key": hidden(check, "submission_key")},
    )
    assert sent.url == f"/forms/{form.slug}/confirmation/"
    confirmation = client.get(sent.url)
    submission = Submission.objects.get()
    assert submission.case_reference in confirmation.content.decode()
    assert submission.answers == {"bin": "garden", "paid": "yes", "when": "Tuesday"}
    assert not Draft.objects.exists()
    case = case_queries.case_get(reference=submission.case_reference)
    assert (case.case_type.code, case.channel) == ("test_case", "web")
    assert case.answers == {
        "Which bin was missed?": "Garden",
        "Have you paid?": "Yes",
        "When?": "Tuesday",
    }


def test_branching_skips_a_page_and_back_link_follows_the_route(client):
    form = form_published(*PAGES)
    start(client, form.slug)
    response = answer(client, form.slug, "which-bin", bin="general")
    assert response.url == f"/forms/{form.slug}/when/"
    page = client.get(response.url).content.decode()
    assert f'href="/forms/{form.slug}/which-bin/" class="govuk-back-link"' in page


def test_an_answer_can_end_the_form_early_with_advice(client):
    form = form_published(*PAGES)
    start(client, form.slug)
    answer(client, form.slug, "which-bin", bin="garden")
    response = answer(client, form.slug, "paid", paid="no")
    advice = client.get(response.url)
    assert "Subscribe first" in advice.content.decode()
    assert client.get(f"/forms/{form.slug}/check-answers/").url == f"/forms/{form.slug}/subscribe/"


def test_changing_an_answer_drops_the_answers_of_pages_no_longer_on_the_route(client):
    form = form_published(*PAGES)
    start(client, form.slug)
    answer(client, form.slug, "which-bin", bin="garden")
    answer(client, form.slug, "paid", paid="yes")
    answer(client, form.slug, "when", when="Monday")
    response = client.post(
        f"/forms/{form.slug}/which-bin/?change=1", {"version": "1", "bin": "general"}
    )
    assert response.url == f"/forms/{form.slug}/check-answers/"
    html = client.get(response.url).content.decode()
    assert "Have you paid?" not in html
    check = client.get(response.url)
    client.post(response.url, {"version": "1", "submission_key": hidden(check, "submission_key")})
    assert Submission.objects.get().answers == {"bin": "general", "when": "Monday"}


def test_pages_cannot_be_reached_out_of_order(client):
    form = form_published(*PAGES)
    start(client, form.slug)
    assert client.get(f"/forms/{form.slug}/when/").url == f"/forms/{form.slug}/which-bin/"
    assert client.get(f"/forms/{form.slug}/no-such-page/").url == f"/forms/{form.slug}/which-bin/"


def test_an_unanswered_required_question_shows_the_error_summary(client):
    form = form_published(*PAGES)
    start(client, form.slug)
    response = answer(client, form.slug, "which-bin")
    assert response.status_code == 200
    assert errors(response) == ["Select an option"]
    assert "<title>Error: " in response.content.decode()


def test_a_page_visited_without_starting_explains_how_to_start(client):
    form = form_published(*PAGES)
    response = client.get(f"/forms/{form.slug}/which-bin/")
    assert response.status_code == 410
    assert "We cannot find your answers" in response.content.decode()
