"""The Open311 GeoReport v2 API as a partner app sees it: the spec's element names in XML and
JSON, reports that become cases, and every bad input answered in the spec's error format."""

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.notify.models import Message
from frontdoor.reports import services
from frontdoor.reports.models import Report
from frontdoor.reports.tests import factories

V2 = "/open311/v2"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def council(db):
    factories.gazetteer()
    factories.pothole()
    factories.fly_tipping()
    admin = factories.administrator(username="root")
    client, key = services.api_client_issue(user=admin, name="FixMyStreet")
    return {"key": key, "client": client, "admin": admin}


def _post(client, fmt="json", **fields):
    return client.post(f"{V2}/requests.{fmt}", fields)


def _pothole(key, **overrides):
    fields = {
        "api_key": key,
        "service_code": "pothole",
        "lat": str(factories.CIVIC_CENTRE[0]),
        "long": str(factories.CIVIC_CENTRE[1]),
        "attribute[depth]": "deep",
        "description": "A pothole outside the civic centre.",
        "email": "kai@example.com",
        "first_name": "Kai",
        "last_name": "Brown",
    }
    fields.update(overrides)
    return fields


def _xml(response) -> ElementTree.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own response


def _error(response, status: int, fmt="json") -> str:
    assert response.status_code == status, response.content
    if fmt == "json":
        [error] = response.json()
        assert set(error) == {"code", "description"} and error["code"] == status
        return error["description"]
    root = _xml(response)
    assert root.tag == "errors"
    [error] = root.findall("error")
    assert error.findtext("code") == str(status)
    return error.findtext("description")


def _schema(name):
    shared = Path(os.environ.get("FRONTDOOR_SHARED_DIR", Path(__file__).parents[5] / "shared"))
    folder = shared / "standards" / "open311" / "jsonschema"
    if not folder.exists():
        pytest.skip(f"the Open311 JSON Schemas are not at {folder}")
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    registry = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT7))
        for path in folder.glob("*.json")
    )
    schema = json.loads((folder / name).read_text())
    return jsonschema.Draft7Validator(schema, registry=registry)


# --- discovery and services -------------------------------------------------------------


def test_discovery_is_offered_in_both_formats_with_every_required_field(council, client):
    data = client.get(f"{V2}/discovery.json").json()
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(data)
    [endpoint] = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = _xml(client.get(f"{V2}/discovery.xml"))
    assert root.tag == "discovery"
    formats = [f.text for f in root.findall("endpoints/endpoint/formats/format")]
    assert formats == ["text/xml", "application/json"]


def test_the_service_list_names_each_category_as_the_spec_does(council, client):
    services_json = client.get(f"{V2}/services.json").json()
    assert [s["service_code"] for s in services_json] == ["fly-tipping", "pothole"]
    pothole = services_json[1]
    assert pothole == {
        "service_code": "pothole",
        "service_name": "Pothole",
        "description": "A hole in a road or pavement.",
        "metadata": True,
        "type": "realtime",
        "keywords": "road,pavement,hole",
        "group": "Roads",
    }
    assert services_json[0]["metadata"] is False
    _schema("services.json").validate(services_json)
    root = _xml(client.get(f"{V2}/services.xml"))
    assert root.tag == "services"
    codes = [s.findtext("service_code") for s in root.findall("service")]
    assert codes == ["fly-tipping", "pothole"]
    assert root.find("service[2]/metadata").text == "true"


def test_a_service_definition_gives_each_question_its_datatype_and_choices(council, client):
    definition = client.get(f"{V2}/services/pothole.json").json()
    assert definition["service_code"] == "pothole"
    depth, hazards, width = definition["attributes"]
    assert depth["datatype"] == "singlevaluelist" and depth["required"] is True
    assert depth["order"] == 1 and depth["variable"] is True
    assert depth["values"] == [
        {"key": "shallow", "name": "Less than 5cm"},
        {"key": "deep", "name": "5cm or more"},
    ]
    assert hazards["datatype"] == "multivaluelist" and width["datatype"] == "number"
    _schema("service-definition.json").validate(definition)
    root = _xml(client.get(f"{V2}/services/pothole.xml"))
    assert root.tag == "service_definition"
    keys = [v.text for v in root.findall("attributes/attribute[1]/values/value/key")]
    assert keys == ["shallow", "deep"]


def test_an_unknown_service_code_is_404_in_the_spec_format(council, client):
    assert "no service" in _error(client.get(f"{V2}/services/nothing.json"), 404)
    assert "no service" in _error(client.get(f"{V2}/services/nothing.xml"), 404, "xml")


def test_an_unknown_format_or_resource_is_404_not_a_page(council, client):
    _error(client.get(f"{V2}/services.csv"), 404, "xml")
    _error(client.get(f"{V2}/whatever.json"), 404)


@override_settings(OPEN311_JURISDICTION_ID="southampton.gov.uk")
def test_another_jurisdiction_is_404_and_ours_or_none_is_served(council, client):
    assert client.get(f"{V2}/services.json?jurisdiction_id=southampton.gov.uk").status_code == 200
    assert client.get(f"{V2}/services.json?jurisdiction_id=").status_code == 200
    _error(client.get(f"{V2}/services.json?jurisdiction_id=sfgov.org"), 404)


# --- posting a request ------------------------------------------------------------------


def test_a_posted_request_becomes_a_partner_case_routed_to_the_categorys_team(council, client):
    response = _post(client, **_pothole(council["key"]))
    assert response.status_code == 201
    [created] = response.json()
    reference = created["service_request_id"]
    assert isinstance(reference, str) and created["service_notice"].startswith("We aim")
    case = cases_queries.case_get(reference=reference)
    assert case.channel == "partner" and case.team.code == "highways"
    assert case.contact_name == "Kai Brown" and case.ward == "Bargate"
    assert case.answers == {"depth": "deep"}
    [acknowledgement] = Message.objects.filter(about_id=reference)
    assert acknowledgement.to == "kai@example.com"
    assert Report.objects.get(reference=reference).api_client == council["client"]


def test_a_posted_request_answers_in_xml_with_the_spec_elements(council, client):
    root = _xml(_post(client, "xml", **_pothole(council["key"])))
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text


def test_posting_without_a_key_or_with_a_wrong_one_is_403(council, client):
    fields = _pothole(council["key"])
    del fields["api_key"]
    assert "api_key" in _error(_post(client, **fields), 403)
    _error(_post(client, "xml", **_pothole("not-a-key")), 403, "xml")
    assert not Report.objects.exists()


def test_a_revoked_key_no_longer_posts(council, client):
    services.api_client_revoke(user=council["admin"], client_id=council["client"].pk)
    _error(_post(client, **_pothole(council["key"])), 403)


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"service_code": "nothing"}, 404, "no service"),
        ({"service_code": ""}, 400, "service_code"),
        ({"lat": "", "long": ""}, 400, "Say where"),
        ({"long": ""}, 400, "both latitude and longitude"),
        ({"lat": "north"}, 400, "number"),
        ({"lat": "51.5074", "long": "-0.1278"}, 400, "outside"),
        ({"attribute[depth]": ""}, 400, "How deep"),
        ({"attribute[depth]": "bottomless"}, 400, "not a choice"),
        ({"attribute[width_cm]": "wide"}, 400, "number"),
        ({"description": "x" * 4001}, 400, "4,000 characters"),
        ({"email": "not-an-email"}, 400, "email address"),
        ({"address_id": "999999999999", "lat": "", "long": ""}, 400, "address id"),
        ({"address_string": "Nowhere Street", "lat": "", "long": ""}, 400, "postcode"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
    ],
)
def test_bad_input_is_refused_with_the_right_status_and_nothing_is_made(
    council, client, change, status, words
):
    description = _error(_post(client, **_pothole(council["key"], **change)), status)
    assert words in description
    assert not Report.objects.exists() and not Message.objects.exists()


def test_a_report_outside_the_boundary_is_told_where_to_go_instead(council, client):
    description = _error(
        _post(client, **_pothole(council["key"], lat="51.5074", long="-0.1278")), 400
    )
    assert "gov.uk/find-local-council" in description


def test_a_twenty_megabyte_description_is_refused_not_a_crash(council, client):
    description = _error(
        _post(client, **_pothole(council["key"], description="x" * 20_000_000)), 400
    )
    assert "too big" in description
    assert not Report.objects.exists()


def test_a_malformed_json_or_an_xml_body_gets_the_error_format(council, client):
    bad_json = client.post(f"{V2}/requests.json", b"{not json", content_type="application/json")
    assert "not valid JSON" in _error(bad_json, 400)
    xml_body = client.post(
        f"{V2}/requests.xml", b"<request><service_code>", content_type="text/xml"
    )
    assert "form-encoded" in _error(xml_body, 400, "xml")


def test_a_json_object_body_is_read_like_a_form(council, client):
    response = client.post(
        f"{V2}/requests.json", _pothole(council["key"]), content_type="application/json"
    )
    assert response.status_code == 201


def test_an_address_string_with_a_postcode_or_an_address_id_places_the_report(council, client):
    by_words = _post(
        client,
        **_pothole(council["key"], lat="", long="", address_string="Outside 3 High St, so14 2dt"),
    )
    reference = by_words.json()[0]["service_request_id"]
    report = Report.objects.get(reference=reference)
    assert report.postcode == "SO14 2DT" and report.latitude is not None
    from frontdoor.places import queries as places

    address = places.addresses_for_postcode("SO15 2DB")[0]
    by_uprn = _post(client, **_pothole(council["key"], lat="", long="", address_id=address.uprn))
    report = Report.objects.get(reference=by_uprn.json()[0]["service_request_id"])
    assert report.uprn == address.uprn and report.address == address.label


def test_multi_value_attributes_are_read_from_repeated_fields(council, client):
    fields = _pothole(council["key"])
    fields["attribute[hazards][]"] = ["water", "kerb"]
    response = _post(client, **fields)
    case = cases_queries.case_get(reference=response.json()[0]["service_request_id"])
    assert case.answers["hazards"] == ["water", "kerb"]


def test_a_multipart_post_with_a_photo_publishes_it_as_the_media_url(council, client):
    photo = SimpleUploadedFile("photo1.png", PNG, content_type="image/png")
    response = client.post(f"{V2}/requests.json", {**_pothole(council["key"]), "photo1": photo})
    reference = response.json()[0]["service_request_id"]
    [found] = client.get(f"{V2}/requests/{reference}.json").json()
    assert f"/reports/{reference}/photos/" in found["media_url"]
    served = client.get(found["media_url"])
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG


def test_a_photo_that_is_not_an_image_is_refused(council, client):
    fake = SimpleUploadedFile("photo1.png", b"%PDF-1.4 not an image", content_type="image/png")
    _error(client.post(f"{V2}/requests.json", {**_pothole(council["key"]), "photo1": fake}), 400)
    assert not Report.objects.exists()


# --- reading requests -------------------------------------------------------------------


@pytest.fixture
def reported(council):
    first = factories.report(description="Pothole one")
    second = factories.report(service_code="fly-tipping", description="Sofa on the verge")
    return {**council, "first": first, "second": second}


def test_requests_list_the_spec_fields_without_any_personal_data(reported, client):
    rows = client.get(f"{V2}/requests.json").json()
    assert [r["service_request_id"] for r in rows] == [
        reported["second"].reference,
        reported["first"].reference,
    ]
    row = rows[1]
    assert row["status"] == "open" and row["service_code"] == "pothole"
    assert row["service_name"] == "Pothole" and row["agency_responsible"] == "Highways"
    assert row["requested_datetime"].endswith("Z") and row["expected_datetime"].endswith("Z")
    assert row["zipcode"] == "SO14 7LY" and isinstance(row["lat"], float)
    _schema("requests.json").validate(rows)
    body = json.dumps(rows)
    assert "Amara" not in body and "amara@example.com" not in body
    root = _xml(client.get(f"{V2}/requests.xml"))
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [
        r["service_request_id"] for r in rows
    ]
    assert root.find("request/long") is not None


def test_requests_filter_by_code_status_and_dates(reported, client):
    codes = client.get(f"{V2}/requests.json?service_code=pothole").json()
    assert [r["service_code"] for r in codes] == ["pothole"]
    assert client.get(f"{V2}/requests.json?status=closed").json() == []
    assert len(client.get(f"{V2}/requests.json?status=open,closed").json()) == 2
    old = client.get(
        f"{V2}/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z"
    )
    assert old.json() == []


def test_service_request_ids_override_every_other_filter(reported, client):
    ids = f"{reported['first'].reference},{reported['second'].reference}"
    found = client.get(f"{V2}/requests.json?service_request_id={ids}&service_code=nothing")
    assert len(found.json()) == 2


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("start_date=yesterday", "W3C"),
        ("start_date=2026-01-01T00:00:00", "timezone"),
        ("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90 days"),
        ("start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "before"),
        ("status=pending", "open or closed"),
        ("page_size=5000", "page_size"),
    ],
)
def test_bad_filters_are_400_in_the_spec_format(reported, client, query, words):
    assert words in _error(client.get(f"{V2}/requests.json?{query}"), 400)


def test_one_request_reads_back_in_the_lists_shape_and_unknown_is_404(reported, client):
    reference = reported["first"].reference
    [found] = client.get(f"{V2}/requests/{reference}.json").json()
    assert found["service_request_id"] == reference and found["description"] == "Pothole one"
    _schema("request.json").validate(found)
    root = _xml(client.get(f"{V2}/requests/{reference}.xml"))
    assert root.find("request/service_request_id").text == reference
    _error(client.get(f"{V2}/requests/NOPE-NOPE.json"), 404)


def test_tokens_are_never_issued_so_each_is_404(council, client):
    _error(client.get(f"{V2}/tokens/abc123.xml"), 404, "xml")


def test_a_closed_report_reads_closed_with_its_closing_words(reported, client):
    officer = factories.officer()
    case = cases_queries.case_get(reference=reported["first"].reference)
    cases.case_transition(
        user=officer,
        reference=case.reference,
        transition="fix",
        expected_version=case.version,
        public_text="Filled in this morning.",
    )
    [found] = client.get(f"{V2}/requests/{case.reference}.json").json()
    assert found["status"] == "closed" and found["status_notes"] == "Filled in this morning."


# --- FixMyStreet's servicerequestupdates ------------------------------------------------


def test_public_updates_are_listed_with_extended_statuses(reported, client):
    officer = factories.officer()
    case = cases_queries.case_get(reference=reported["first"].reference)
    cases.case_transition(
        user=officer,
        reference=case.reference,
        transition="schedule",
        expected_version=case.version,
        public_text="A crew is booked for Tuesday.",
    )
    updates = client.get(f"{V2}/servicerequestupdates.json").json()
    [update] = [u for u in updates if u["service_request_id"] == case.reference]
    assert update["status"] == "action_scheduled"
    assert update["description"] == "A crew is booked for Tuesday."
    assert update["update_id"] and update["updated_datetime"].endswith("Z")
    root = _xml(client.get(f"{V2}/servicerequestupdates.xml"))
    assert root.tag == "service_request_updates"
    assert root.find("request_update/update_id") is not None


def test_a_partner_posts_an_update_once_however_often_it_retries(reported, client):
    fields = {
        "api_key": reported["key"],
        "service_request_id": reported["first"].reference,
        "update_id": "fms-991",
        "status": "OPEN",
        "updated_datetime": "2026-11-22T09:00:00Z",
        "description": "Still there, and getting bigger.",
    }
    first = client.post(f"{V2}/servicerequestupdates.json", fields)
    again = client.post(f"{V2}/servicerequestupdates.json", fields)
    assert first.status_code == 200 and first.json() == again.json()
    assert reported["first"].partner_updates.count() == 1
    _error(client.post(f"{V2}/servicerequestupdates.json", {**fields, "api_key": "x"}), 403)
    missing = {k: v for k, v in fields.items() if k != "update_id"}
    assert "update_id" in _error(client.post(f"{V2}/servicerequestupdates.json", missing), 400)
    unknown = {**fields, "service_request_id": "NOPE-NOPE", "update_id": "2"}
    _error(client.post(f"{V2}/servicerequestupdates.json", unknown), 404)


def test_an_api_list_is_a_few_queries_however_many_reports(
    reported, client, django_assert_max_num_queries
):
    for _ in range(5):
        factories.report(description="Another")
    with django_assert_max_num_queries(4):
        rows = client.get(f"{V2}/requests.json").json()
    assert len(rows) == 7
