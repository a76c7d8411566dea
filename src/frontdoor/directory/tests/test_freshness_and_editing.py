"""Keeping the directory fresh (review dates, reminders through notify's outbox, provider
confirmation) and editors' changes with their history."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.audit.models import AuditEvent
from frontdoor.directory import queries
from frontdoor.directory import services as directory
from frontdoor.directory.models import Metadata, Service
from frontdoor.directory.tests import factories
from frontdoor.notify.models import Message


@pytest.fixture
def loaded(db):
    factories.gazetteer()
    factories.directory(30)


def _due_soon():
    return queries.services_due_review()


def test_review_is_due_six_months_after_last_checked(loaded):
    for svc in Service.objects.all():
        assert svc.review_by == svc.assured_date + datetime.timedelta(days=182)
    today = timezone.localdate()
    assert all(s.review_by <= today + datetime.timedelta(days=14) for s in _due_soon())
    assert _due_soon().count() < Service.objects.count()


def test_reminders_go_through_the_outbox_once_with_a_link_that_confirms(client, loaded):
    due = list(_due_soon())
    assert due
    run = directory.reminders_send()
    assert len(run.sent) == len([s for s in due if s.email])
    message = Message.objects.get(to=due[0].email, about_id=str(due[0].pk))
    assert "confirm" in message.body.lower()
    assert directory.reminders_send().sent == []  # not asked twice in a fortnight
    link = re.search(r"https?://\S+/directory/confirm/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and "Is this entry still right?" in page.content.decode()
    confirmed = client.post("/" + path)
    assert "Entry confirmed" in confirmed.content.decode()
    svc = Service.objects.get(pk=due[0].pk)
    assert svc.assured_date == timezone.localdate()
    assert svc.review_by == timezone.localdate() + datetime.timedelta(days=182)
    assert svc not in _due_soon()
    assert Metadata.objects.filter(resource_id=svc.pk, last_action_type="confirm").exists()


def test_a_forged_confirmation_link_changes_nothing(client, loaded):
    page = client.post("/directory/confirm/not-a-real-token/")
    assert page.status_code == 400 and "This link does not work" in page.content.decode()


def test_an_accepted_suggestion_resets_the_review_date(loaded):
    editor = factories.editor()
    svc = _due_soon().first()
    suggestion = directory.suggestion_create(service_id=svc.pk, text="New phone number")
    directory.suggestion_decide(user=editor, suggestion_id=suggestion.pk, accept=True)
    svc.refresh_from_db()
    assert svc.assured_date == timezone.localdate()
    with pytest.raises(directory.DirectoryError):
        directory.suggestion_decide(user=editor, suggestion_id=suggestion.pk, accept=False)


def test_editing_keeps_who_changed_what_and_when(loaded):
    editor = factories.editor()
    svc = Service.objects.first()
    data = {name: getattr(svc, name) for name in directory.editing.EDITABLE}
    data["name"] = "A Better Name"
    data["minimum_age"] = 18
    directory.service_save(
        user=editor, service_id=svc.pk, data=data, term_ids=[factories.term_id("Libraries")]
    )
    changes = {m.field_name: m for m in queries.service_history(service_id=svc.pk)}
    assert changes["name"].previous_value == svc.name
    assert changes["name"].replacement_value == "A Better Name"
    assert changes["name"].updated_by == "editor"
    assert changes["categories"].replacement_value == "Libraries"
    assert set(changes) == {"name", "minimum_age", "categories"}
    assert AuditEvent.objects.filter(action="directory.service_updated").exists()
    # The new name is searchable at once.
    assert queries.services_filtered(queries.ServiceFilter(text="better")).queryset.count() == 1


def test_only_directory_editors_may_change_entries(loaded):
    officer = factories.accounts.staff_create(
        username="officer", full_name="Olu", email="o@example.gov.uk", roles=[roles.CASE_OFFICER]
    )
    svc = Service.objects.first()
    with pytest.raises(PermissionDenied):
        directory.service_confirm(service_id=svc.pk, user=officer)
    with pytest.raises(PermissionDenied):
        directory.directory_import_feed(data=[], source="x", user=officer)


def test_the_staff_pages_work_for_an_editor_and_refuse_others(client, loaded):
    assert client.get("/staff/directory/").status_code == 302
    client.force_login(factories.editor())
    queue = client.get("/staff/directory/")
    assert queue.status_code == 200 and "Due for review" in queue.content.decode()
    svc = Service.objects.first()
    for url in ("/staff/directory/services/", f"/staff/directory/services/{svc.pk}/",
                f"/staff/directory/services/{svc.pk}/edit/", "/staff/directory/services/new/",
                "/staff/directory/import/"):  # fmt: skip
        assert client.get(url).status_code == 200, url
    export = client.get("/staff/directory/export/")
    assert export["Content-Type"] == "application/zip"
    bad = client.post(
        f"/staff/directory/services/{svc.pk}/edit/",
        {"name": "", "organization": str(svc.organization_id), "status": "active"},
    )
    assert "Enter the service&#x27;s name" in bad.content.decode()
    Service.objects.get(pk=svc.pk)  # unchanged
    assert Service.objects.get(pk=svc.pk).name == svc.name


def test_the_import_page_lists_every_problem_and_imports_nothing(client, loaded):
    client.force_login(factories.editor())
    before = Service.objects.count()
    upload = factories.upload(
        "feed.json", b'[{"id": "8f14e45f-ceea-467f-a2b6-0e5ac4b1c001", "status": "shut"}]'
    )
    page = client.post("/staff/directory/import/", {"file": upload})
    html = page.content.decode()
    assert "nothing was imported" in html
    assert "services[0]" in html and "is required" in html and "&#x27;shut&#x27;" in html
    assert Service.objects.count() == before


def test_an_editor_adds_a_service_that_residents_can_then_find(client, loaded):
    client.force_login(factories.editor())
    org = Service.objects.exclude(organization=None).first().organization
    response = client.post(
        "/staff/directory/services/new/",
        {
            "name": "Shirley Repair Cafe",
            "organization": str(org.pk),
            "status": "active",
            "description": "Bring broken things; volunteers help you mend them.",
            "email": "repair@example.org",
            "categories": [factories.term_id("Volunteering")],
        },
    )
    assert response.status_code == 302
    svc = Service.objects.get(name="Shirley Repair Cafe")
    assert queries.service_history(service_id=svc.pk).filter(last_action_type="create").exists()
    assert svc.assured_date == timezone.localdate()
    found = queries.services_filtered(queries.ServiceFilter(text="repair cafe")).queryset
    assert list(found.values_list("name", flat=True)) == ["Shirley Repair Cafe"]


def test_staff_without_the_editor_role_are_refused_the_directory_pages(client, loaded):
    officer = factories.accounts.staff_create(
        username="olu", full_name="Olu", email="olu@example.gov.uk", roles=[roles.CASE_OFFICER]
    )
    client.force_login(officer)
    assert client.get("/staff/directory/").status_code == 403
    svc = Service.objects.first()
    assert client.post(f"/staff/directory/services/{svc.pk}/confirm/").status_code == 403


def test_the_open_dataset_query_gives_every_listed_service_whole(loaded):
    published = list(queries.services_published_hsds(chunk=7))
    assert len(published) == Service.objects.filter(status__in=queries.LISTED).count()
    assert all(item["service_at_locations"] and item["organization"] for item in published)
