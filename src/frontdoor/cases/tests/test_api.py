"""The cases API: staff sign-in, idempotent creation, structured errors."""

import pytest

from frontdoor.cases.models import Case
from frontdoor.cases.tests import factories


@pytest.fixture
def api(db, client):
    factories.case_type()
    client.force_login(factories.officer(username="priya"))
    return client


NEW_CASE = {
    "case_type": "missed-bin",
    "channel": "phone",
    "description": "Missed again",
    "contact": {"name": "Jack", "email": "jack@example.com"},
    "location": {"uprn": "100060731234", "latitude": 50.9097, "longitude": -1.4044},
}


def _create(client, key="retry-1"):
    return client.post(
        "/api/cases", NEW_CASE, content_type="application/json", headers={"Idempotency-Key": key}
    )


def test_a_retried_post_with_the_same_idempotency_key_makes_one_case(api):
    first, again = _create(api), _create(api)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert Case.objects.count() == 1
    assert first.json()["timeline"][0]["kind"] == "created"


def test_moving_a_case_on_through_the_api(api):
    reference = _create(api).json()["reference"]
    moved = api.post(
        f"/api/cases/{reference}/transitions",
        {"transition": "start", "expected_version": 1},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "in_progress"
    assert moved.json()["version"] == 2


def test_an_illegal_or_stale_transition_is_a_conflict_with_a_reason(api):
    reference = _create(api).json()["reference"]
    illegal = api.post(
        f"/api/cases/{reference}/transitions",
        {"transition": "reopen", "expected_version": 1},
        content_type="application/json",
    )
    stale = api.post(
        f"/api/cases/{reference}/transitions",
        {"transition": "start", "expected_version": 7},
        content_type="application/json",
    )
    assert illegal.status_code == 409 and illegal.json()["code"] == "illegal_transition"
    assert "You cannot reopen" in illegal.json()["message"]
    assert stale.status_code == 409 and stale.json()["code"] == "stale"


def test_an_unknown_case_type_is_a_bad_request_naming_the_field(api):
    response = api.post(
        "/api/cases", {**NEW_CASE, "case_type": "nope"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "There is no open case type called 'nope'.",
        "field": "case_type",
    }


def test_an_unknown_reference_is_not_found(api):
    assert api.get("/api/cases/KKKK-KKKK").status_code == 404


def test_a_chasing_contact_through_the_api_is_counted(api):
    reference = _create(api).json()["reference"]
    logged = api.post(
        f"/api/cases/{reference}/contacts",
        {"channel": "phone", "summary": "Any news?"},
        content_type="application/json",
    )
    assert logged.status_code == 201 and logged.json()["chasing_contacts"] == 1


def test_the_api_needs_a_signed_in_member_of_staff(db, client):
    assert client.get("/api/cases/KKKK-KKKK").status_code == 401


def test_a_public_update_and_a_note_through_the_api(api):
    reference = _create(api).json()["reference"]
    updated = api.post(
        f"/api/cases/{reference}/public-updates",
        {"text": "A crew is on its way."},
        content_type="application/json",
    )
    noted = api.post(
        f"/api/cases/{reference}/notes", {"text": "Rang twice."}, content_type="application/json"
    )
    assert updated.status_code == noted.status_code == 200
    kinds = [e["kind"] for e in noted.json()["timeline"]]
    assert kinds.count("public_update") == 1 and kinds.count("note") == 1
