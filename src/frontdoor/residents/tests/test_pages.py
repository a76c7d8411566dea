"""The data officers' pages over HTTP: queue, a pair side by side, merge, undo, find."""

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.residents import services
from frontdoor.residents.models import MatchPair, Merge, Resident
from frontdoor.residents.tests import factories
from frontdoor.residents.tests.test_services import people  # noqa: F401 - a shared fixture


@pytest.fixture
def pending(people):  # noqa: F811
    services.linkage_run(only_new=True)
    return MatchPair.objects.get(status=MatchPair.PENDING, record_r=people["moved"])


@pytest.fixture
def officer_client(client, db):
    client.force_login(factories.data_officer(username="dana"))
    return client


def test_the_queue_lists_pairs_and_a_pair_shows_both_records_and_the_weights(
    officer_client, pending
):
    queue = officer_client.get("/staff/residents/")
    assert queue.status_code == 200
    assert f"/staff/residents/pairs/{pending.pk}/" in queue.text
    page = officer_client.get(f"/staff/residents/pairs/{pending.pk}/")
    assert page.status_code == 200
    text = page.text
    assert "4 Elm Street" in text and "12 Cedar Road" in text
    assert "Why Splink thinks they match" in text and "Exact match on dob" in text
    assert AuditEvent.objects.filter(action="resident.pair_viewed").exists()


def test_a_decision_must_be_chosen(officer_client, pending):
    page = officer_client.post(f"/staff/residents/pairs/{pending.pk}/", {})
    assert page.status_code == 200
    assert "There is a problem" in page.text and "Select whether these are the same person" in (
        page.text
    )
    assert MatchPair.objects.get(pk=pending.pk).status == MatchPair.PENDING


def test_merging_then_undoing_from_the_pages(officer_client, pending):
    left = pending.record_l.resident_id
    done = officer_client.post(f"/staff/residents/pairs/{pending.pk}/", {"decision": "left"})
    assert done.status_code == 302 and done["Location"] == f"/staff/residents/{left}/"
    page = officer_client.get(done["Location"])
    assert "4 Elm Street" in page.text and "Undo this merge" in page.text
    merge = Merge.objects.get(pair=pending)
    confirm = officer_client.get(f"/staff/residents/merges/{merge.pk}/undo/")
    assert confirm.status_code == 200
    undone = officer_client.post(f"/staff/residents/merges/{merge.pk}/undo/")
    assert undone.status_code == 302
    assert Resident.objects.get(pk=merge.merged_id).status == Resident.ACTIVE
    again = officer_client.post(f"/staff/residents/merges/{merge.pk}/undo/")
    assert again.status_code == 200 and "already undone" in again.text


def test_an_agent_cannot_reach_the_queue_but_can_find_a_caller(client, people):  # noqa: F811
    services.linkage_run(only_new=True)
    client.force_login(factories.staff("agent", username="ade"))
    assert client.get("/staff/residents/").status_code == 403
    page = client.get(
        "/staff/residents/find/",
        {"first_name": "Amara", "surname": "Okonkwo", "dob_0": "12", "dob_1": "3", "dob_2": "1984"},
    )
    assert page.status_code == 200 and "This may be the same person as" in page.text
    empty = client.get("/staff/residents/find/", {"postcode": "SO14 7LY"})
    assert "Enter a name, an email address or a phone number" in empty.text


def test_an_unknown_pair_is_not_found(officer_client, db):
    assert officer_client.get("/staff/residents/pairs/999/").status_code == 404
