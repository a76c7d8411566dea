"""Save and come back later; advisers filling in forms for residents; old drafts deleted."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.journeys import services
from frontdoor.journeys.models import Channel, Draft, Submission
from frontdoor.journeys.tests.factories import form_published, hidden, question, staff
from frontdoor.notify import queries as notify_queries

pytestmark = pytest.mark.django_db

PAGES = [
    {"key": "name", "questions": [question("full_name", label="What is your name?")]},
    {"key": "email", "questions": [question("email", "email", label="Email address?")]},
]


def test_a_saved_form_comes_back_through_its_link_in_another_browser(client, django_user_model):
    form = form_published(*PAGES)
    client.post(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/name/", {"version": "1", "full_name": "Ada"})
    response = client.post(f"/forms/{form.slug}/save/", {"email": "ada@example.com"})
    assert "We have sent a link to" in response.content.decode()
    draft = Draft.objects.get()
    assert draft.resume_email == "ada@example.com"
    (email,) = notify_queries.messages_about(about_type="journeys-draft", about_id=str(draft.key))
    assert email.to == "ada@example.com"
    link = email.body.split("Continue where you left off: ")[1].split()[0]
    assert link.startswith("http://testserver/forms/continue/")
    from django.test import Client

    other = Client()
    back = other.get(link.removeprefix("http://testserver"))
    assert back.url == f"/forms/{form.slug}/email/"
    assert other.get(back.url).status_code == 200


def test_save_for_later_needs_a_real_email_address(client):
    form = form_published(*PAGES)
    client.post(f"/forms/{form.slug}/")
    response = client.post(f"/forms/{form.slug}/save/", {"email": "ada"})
    assert "Enter an email address in the correct format" in response.content.decode()
    assert Draft.objects.get().resume_email == ""


def test_an_expired_or_broken_link_says_so(client, db):
    response = client.get("/forms/continue/broken-token/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_drafts_untouched_for_28_days_are_deleted():
    form = form_published(*PAGES)
    old, recent = services.draft_start(slug=form.slug), services.draft_start(slug=form.slug)
    Draft.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=29))
    assert services.drafts_expire() == 1
    assert list(Draft.objects.all()) == [recent]


def test_an_adviser_fills_in_a_form_and_the_channel_is_recorded(client):
    form = form_published(*PAGES)
    adviser = staff(roles.AGENT)
    client.force_login(adviser)
    assert form.slug in client.get("/staff/forms/assist/").content.decode()
    page = client.get(f"/staff/forms/assist/{form.slug}/")
    assert "How is the resident contacting us?" in page.content.decode()
    assert (
        "Select how the resident is contacting us"
        in client.post(f"/staff/forms/assist/{form.slug}/", {}).content.decode()
    )
    started = client.post(f"/staff/forms/assist/{form.slug}/", {"channel": "phone"})
    name_page = client.get(started.url).content.decode()
    assert "You are filling in this form for a resident" in name_page
    client.post(f"/forms/{form.slug}/name/", {"version": "1", "full_name": "Bob"})
    client.post(f"/forms/{form.slug}/email/", {"version": "1", "email": "bob@example.com"})
    check = client.get(f"/forms/{form.slug}/check-answers/")
    client.post(
        f"/forms/{form.slug}/check-answers/",
        {"version": "1", "submission_key": hidden(check, "submission_key")},
    )
    submission = Submission.objects.get()
    assert (submission.channel, submission.assisted_by) == (Channel.PHONE, adviser)
    assert submission.contact_email == "bob@example.com"


def test_only_advisers_start_a_form_on_someone_elses_behalf(client):
    form = form_published(*PAGES)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.draft_start(slug=form.slug, channel=Channel.PHONE, by=staff())
    client.force_login(staff(roles.CASE_OFFICER))
    assert client.get(f"/staff/forms/assist/{form.slug}/").status_code == 403


def test_the_daily_expiry_command_queues_the_task_that_deletes_old_drafts(capsys):
    from django.core.management import call_command

    form = form_published(*PAGES)
    old = services.draft_start(slug=form.slug)
    Draft.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=30))
    call_command("journeys_expire_drafts")
    assert "Queued draft expiry" in capsys.readouterr().out
    assert not Draft.objects.exists()
