"""The Open Referral UK 3.0 API, checked against the schemas the official ORUK validator
uses (and HSDS 3.0's own), on whichever database the tests run on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from frontdoor.directory.models import Service
from frontdoor.directory.tests import factories

PROJECT_DIR = Path(__file__).resolve().parents[4]
SHARED = Path(os.environ.get("FRONTDOOR_SHARED_DIR", PROJECT_DIR.parent / "shared"))
ORUK = SHARED / "standards" / "oruk" / "validator-V3.0-UK" / "schemas"
HSDS = SHARED / "standards" / "hsds" / "3.0" / "schema"
HSDS_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def _need_standards():
    if not ORUK.exists() or not HSDS.exists():
        pytest.skip(f"the standards' schemas are not at {SHARED} (set FRONTDOOR_SHARED_DIR)")


def _oruk(name: str) -> Draft202012Validator:
    _need_standards()
    return Draft202012Validator(
        json.loads((ORUK / f"{name}.json").read_text()), format_checker=FormatChecker()
    )


def _hsds(name: str) -> Draft202012Validator:
    """HSDS 3.0's own schema, its $refs (file names or raw GitHub URLs) read locally."""
    _need_standards()
    resources = []
    for path in HSDS.glob("*.json"):
        resource = DRAFT202012.create_resource(json.loads(path.read_text()))
        resources += [(path.name, resource), (HSDS_URL + path.name, resource)]
    registry = Registry().with_resources(resources)
    schema = json.loads((HSDS / f"{name}.json").read_text())
    schema.setdefault("$id", HSDS_URL + f"{name}.json")
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def _valid(validator: Draft202012Validator, body) -> None:
    problems = [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(body)
    ]
    assert not problems, "\n".join(problems[:20])


@pytest.fixture
def loaded(db):
    factories.gazetteer()
    return factories.directory(40)


def _get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content[:500]
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_the_root_declares_the_uk_profile_so_the_validator_picks_the_v3_schemas(client, db):
    body = _get(client, "/api/directory/")
    _valid(_oruk("api_details"), body)
    assert body["version"] == "HSDS-UK-3.0"


def test_the_validators_own_mock_feed_passes_these_checks():
    # The positive control: if this failed, the other tests' schemas would prove nothing.
    mocks = ORUK.parent / "mocks"
    _valid(_oruk("service"), json.loads((mocks / "service_full.json").read_text()))
    _valid(_oruk("service_list"), json.loads((mocks / "service_list.json").read_text()))


def test_every_service_validates_whole_and_in_the_list(client, loaded):
    body = _get(client, "/api/directory/services", {"per_page": 40})
    _valid(_oruk("service_list"), body)
    assert (
        body["total_items"]
        == Service.objects.filter(status__in=["active", "temporarily closed"]).count()
    )
    assert body["page_number"] == 1 and body["first_page"] and body["last_page"]
    service = _oruk("service")
    hsds = _hsds("service")
    for item in body["contents"]:
        _valid(service, item)
        whole = _get(client, f"/api/directory/services/{item['id']}")
        _valid(service, whole)
        _valid(hsds, whole)
        assert whole["service_at_locations"][0]["location"]["id"]
        assert whole["schedules"][0]["opens_at"]
        assert None not in whole.values() and "" not in whole.values()


def test_full_list_items_validate_as_whole_services(client, loaded):
    body = _get(client, "/api/directory/services", {"full": "true", "per_page": 5})
    _valid(_oruk("service_list"), body)
    for item in body["contents"]:
        _valid(_oruk("service"), item)
        assert "schedules" in item


def test_taxonomies_terms_organisations_and_places_validate(client, loaded):
    taxonomies = _get(client, "/api/directory/taxonomies")
    _valid(_oruk("taxonomy_list"), taxonomies)
    _valid(
        _oruk("taxonomy"),
        _get(client, f"/api/directory/taxonomies/{taxonomies['contents'][0]['id']}"),
    )
    terms = _get(client, "/api/directory/taxonomy_terms", {"per_page": 100})
    _valid(_oruk("taxonomy_term_list"), terms)
    assert terms["total_items"] > 30
    term = _get(client, f"/api/directory/taxonomy_terms/{terms['contents'][0]['id']}")
    _valid(_oruk("taxonomy_term"), term)
    _valid(_hsds("taxonomy_term"), term)
    orgs = _get(client, "/api/directory/organizations")
    # The validator's organization_list.json is its single-organization schema under the
    # list's name (its own mock list fails it), so check the envelope against the mock's
    # and each item against the organization schema.
    mock = json.loads((ORUK.parent / "mocks" / "organization_list.json").read_text())
    assert set(orgs) == set(mock)
    for item in orgs["contents"]:
        _valid(_oruk("organization"), item)
    _valid(
        _oruk("organization"),
        _get(client, f"/api/directory/organizations/{orgs['contents'][0]['id']}"),
    )
    sals = _get(client, "/api/directory/service_at_locations", {"per_page": 10})
    _valid(_oruk("service_at_location_list"), sals)
    one = _get(client, f"/api/directory/service_at_locations/{sals['contents'][0]['id']}")
    _valid(_oruk("service_at_location"), one)


def test_filters_combine_with_and(client, loaded):
    food = factories.term_id("Food banks")
    by_term = _get(client, "/api/directory/services", {"taxonomy_term_id": food})["contents"]
    assert by_term and all(
        any(a["taxonomy_term_id"] == food for a in s["attributes"]) for s in by_term
    )
    weekend = _get(
        client, "/api/directory/services", {"taxonomy_term_id": food, "day": "SA", "per_page": 200}
    )
    ids = {s["id"] for s in weekend["contents"]}
    assert ids < {s["id"] for s in by_term} or not ids
    for sid in ids:
        whole = _get(client, f"/api/directory/services/{sid}")
        assert any("SA" in s.get("byday", "") for s in whole["schedules"])
    children = _get(client, "/api/directory/services", {"maximum_age": 10, "per_page": 200})
    for item in children["contents"]:
        assert item.get("minimum_age", 0) <= 10


def test_search_words_and_postcode_proximity(client, loaded):
    near = _get(
        client,
        "/api/directory/services",
        {"search": "food", "postcode": "SO14 0AA", "proximity": 3000, "per_page": 200},
    )
    assert near["total_items"] > 0
    wider = _get(client, "/api/directory/services", {"search": "food", "per_page": 200})
    assert near["total_items"] <= wider["total_items"]


def test_modified_after_keeps_only_recent_changes(client, loaded):
    everything = _get(client, "/api/directory/services", {"per_page": 200})["total_items"]
    future = _get(client, "/api/directory/services", {"modified_after": "2999-01-01T00:00:00Z"})
    assert future["total_items"] == 0 and future["empty"] and future["contents"] == []
    past = _get(client, "/api/directory/services", {"modified_after": "2000-01-01"})
    assert past["total_items"] == everything


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"taxonomy_term_id": "7d8f1c2e-0000-4000-8000-000000000000"}, "taxonomy_term_id"),
        ({"taxonomy_id": "not-a-uuid"}, "taxonomy_id"),
        ({"postcode": "NOT A POSTCODE"}, "postcode"),
        ({"postcode": "ZZ99 9ZZ"}, "postcode"),
        ({"proximity": "500"}, "proximity"),
        ({"per_page": "100000"}, "per_page"),
        ({"page": "two"}, "page"),
        ({"page": "0"}, "page"),
        ({"minimum_age": "-1"}, "minimum_age"),
        ({"day": "someday"}, "day"),
        ({"start_time": "25:99"}, "start_time"),
        ({"modified_after": "yesterday"}, "modified_after"),
    ],
)
def test_bad_parameters_get_a_structured_400(client, db, params, field):
    body = _get(client, "/api/directory/services", params, status=400)
    assert body["code"] == 400 and body["field"] == field and body["message"]


def test_an_unknown_or_malformed_id_is_a_404_with_a_message(client, db):
    for path in (
        "services",
        "taxonomies",
        "taxonomy_terms",
        "organizations",
        "service_at_locations",
    ):
        body = _get(
            client, f"/api/directory/{path}/0b6d35b5-4e35-4a3c-9b43-8a0d5e3a9f10", status=404
        )
        assert body["code"] == 404
        _get(client, f"/api/directory/{path}/nonsense", status=404)


def test_an_empty_page_past_the_end_is_still_the_standard_envelope(client, loaded):
    body = _get(client, "/api/directory/services", {"page": 99, "per_page": 10})
    _valid(_oruk("service_list"), body)
    assert body["empty"] and body["size"] == 0 and body["page_number"] == 99
