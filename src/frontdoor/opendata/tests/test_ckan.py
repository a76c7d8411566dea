"""The CKAN-compatible read API, read by ckanapi (CKAN's own Python client) and by hand."""

from __future__ import annotations

import datetime

import ckanapi
import pytest
from django.utils import timezone

from frontdoor.insights.tests import factories as made
from frontdoor.opendata import services


@pytest.fixture
def published(transactional_db):
    from frontdoor.directory.tests import factories as directory_factories

    directory_factories.gazetteer()
    directory_factories.directory(count=5)
    made.case_type()
    for _ in range(6):
        made.case(received=made.at(timezone.localdate(), 1), ward="Bevois")
    return services.datasets_publish_due(every=True)


@pytest.mark.parametrize("get_only", [False, True])
def test_ckanapi_lists_searches_and_reads_the_datasets(live_server, published, get_only):
    portal = ckanapi.RemoteCKAN(live_server.url, get_only=get_only)
    names = portal.action.package_list()
    assert names == ["cases-by-type-ward-month", "service-directory", "success-measures"]
    found = portal.action.package_search(q="ward", rows=10)
    assert found["count"] == 1
    (package,) = found["results"]
    assert package["name"] == "cases-by-type-ward-month"
    assert package["license_id"] == "OGL-UK-3.0"
    shown = portal.action.package_show(id=package["id"])
    assert shown["title"] == "Requests received by type, ward and month"
    formats = sorted(r["format"] for r in shown["resources"])
    assert formats == ["CSV", "JSON", "JSON"]
    csv_url = next(r["url"] for r in shown["resources"] if r["format"] == "CSV")
    assert csv_url.startswith(live_server.url + "/open-data/cases-by-type-ward-month/")
    organizations = portal.action.organization_list()
    assert len(organizations) == 1
    council = portal.action.organization_show(id=organizations[0], include_datasets=True)
    assert council["package_count"] == 3
    assert {p["name"] for p in council["packages"]} == set(names)
    with pytest.raises(ckanapi.NotFound):
        portal.action.package_show(id="no-such-dataset")
    with pytest.raises(ckanapi.ValidationError):
        portal.action.package_search(rows="many")


def test_a_harvester_pages_by_id_and_asks_only_for_what_changed(client, published):
    since = (timezone.now() - datetime.timedelta(hours=1)).astimezone(datetime.UTC)
    stamp = since.strftime("%Y-%m-%dT%H:%M:%SZ")
    pages = []
    for start in (0, 1, 2, 3):
        body = client.get(
            "/api/3/action/package_search",
            {
                "rows": 1,
                "start": start,
                "sort": "id asc",
                "fq": f"metadata_modified:[{stamp} TO *]",
            },
        ).json()
        assert body["success"] is True
        assert body["help"].endswith("/api/3/action/help_show?name=package_search")
        pages.append([p["id"] for p in body["result"]["results"]])
    assert pages[3] == []
    ids = [page[0] for page in pages[:3]]
    assert ids == sorted(set(ids))
    later = (timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    none = client.get("/api/3/action/package_search", {"fq": f"metadata_modified:[{later} TO *]"})
    assert none.json()["result"]["count"] == 0


@pytest.mark.parametrize(
    ("path", "status", "kind"),
    [
        ("/api/3/action/package_show", 409, "Validation Error"),
        ("/api/3/action/package_show?id=nothing", 404, "Not Found Error"),
        ("/api/3/action/package_search?rows=-1", 409, "Validation Error"),
        ("/api/3/action/package_search?start=x", 409, "Validation Error"),
        ("/api/3/action/package_search?sort=colour+asc", 400, "Search Query Error"),
        ("/api/3/action/package_search?fq=metadata_modified:[yesterday+TO+*]", 400,
         "Search Query Error"),
        ("/api/3/action/package_search?fq=colour:red", 400, "Search Query Error"),
        ("/api/3/action/package_search?facet.field=notjson", 409, "Validation Error"),
        ("/api/3/action/organization_show?id=elsewhere", 404, "Not Found Error"),
        ("/api/3/action/package_create", 400, "Bad request"),
    ],
)  # fmt: skip
def test_bad_parameters_get_ckans_error_envelope_never_a_500(client, published, path, status, kind):
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert body["success"] is False
    assert body["error"]["__type"] == kind


def test_a_post_with_a_broken_json_body_is_a_bad_request(client, published):
    response = client.post(
        "/api/3/action/package_list", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["__type"] == "Bad request"
