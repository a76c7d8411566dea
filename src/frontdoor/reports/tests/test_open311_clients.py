"""Open311 clients the project did not write, against a live server: `civicbot` (a PyPI
GeoReport v2 client that lists, posts and reads back) and `georeport` (a PyPI wrapper that
reads, in XML as well as JSON). If they can use it, so can other partner apps."""

import pytest
from civicbot.http import HttpTransport, RateLimiter
from civicbot.open311 import CONFIRM_TOKEN, Open311Client
from civicbot.registry import Endpoint
from georeport import GeoReport

from frontdoor.cases import queries as cases_queries
from frontdoor.notify.models import Message
from frontdoor.reports import services
from frontdoor.reports.tests import factories


@pytest.fixture
def partner(live_server, transactional_db):
    factories.gazetteer()
    factories.pothole()
    admin = factories.administrator(username="root")
    _, key = services.api_client_issue(user=admin, name="civicbot")
    base = f"{live_server.url}/open311/v2"
    endpoint = Endpoint(id="frontdoor", name="Demo council", base_url=base, write=True)
    # No politeness delay: the server is our own, on this machine.
    transport = HttpTransport(rate_limiter=RateLimiter(min_interval=0))
    return {"civicbot": Open311Client(endpoint, transport), "key": key, "base": base}


def test_civicbot_lists_services_posts_a_request_and_reads_it_back(partner):
    client = partner["civicbot"]
    services_listed = client.list_services()
    assert [s["service_code"] for s in services_listed] == ["pothole"]
    lat, lng = factories.CIVIC_CENTRE
    sent = client.create_request(
        "pothole",
        dry_run=False,
        confirm=CONFIRM_TOKEN,
        api_key=partner["key"],
        validate_remote=True,  # it reads the service definition and checks our answers
        lat=lat,
        lng=lng,
        description="Pothole reported through a partner app",
        attributes={"depth": "deep", "hazards": ["water"]},
        email="partner.user@example.com",
        first_name="Sam",
        last_name="Lee",
    )
    [created] = sent.response
    reference = created["service_request_id"]
    found = client.get_request(reference)
    assert found["service_request_id"] == reference
    assert found["status"] == "open" and found["service_code"] == "pothole"
    assert found["description"] == "Pothole reported through a partner app"
    listed = client.list_requests(service_code="pothole", status="open")
    assert reference in [r["service_request_id"] for r in listed]
    case = cases_queries.case_get(reference=reference)
    assert case.channel == "partner" and case.answers["hazards"] == ["water"]
    assert Message.objects.filter(about_id=reference, to="partner.user@example.com").exists()


def test_georeport_reads_services_definitions_and_requests_in_xml_and_json(partner):
    factories.report(description="Already reported")
    for output in ("xml", "json"):
        client = GeoReport(partner["base"], output_format=output)
        listed = client.get_service_list()
        # xmltodict gives one child as a dict, several as a list
        listed = listed if isinstance(listed, list) else [listed]
        assert [s["service_code"] for s in listed] == ["pothole"]
        definition = client.get_service_definition("pothole")
        attributes = definition["attributes"]
        attributes = attributes["attribute"] if output == "xml" else attributes
        assert attributes[0]["code"] == "depth"
        found = client.get_service_requests(service_code="pothole")
        found = found if isinstance(found, list) else [found]
        assert found[0]["description"] == "Already reported"
        one = client.get_service_request(found[0]["service_request_id"])
        assert one["status"] == "open"
