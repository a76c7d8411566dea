"""Publishing: files that frictionless accepts, no personal data, no small counts, a
schedule, a download history and DCAT-AP metadata."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from django.utils import timezone

from frontdoor.governance import services as governance_services
from frontdoor.insights import queries as insights_queries
from frontdoor.insights.tests import factories as made
from frontdoor.opendata import disclosure, queries, services

pytestmark = pytest.mark.django_db
# The command-line tool installed beside this Python (the project's .venv).
FRICTIONLESS = Path(sys.executable).parent / "frictionless"
PERSONAL = ("Zebedee", "Quartermaine", "zq@example.com", "SO14 7LY", "1 High Street")


@pytest.fixture
def council():
    from frontdoor.directory.tests import factories as directory_factories

    directory_factories.gazetteer()
    directory_factories.directory(count=8)
    governance_services.seed_import_files()
    made.case_type()
    made.case_type("pothole", "Pothole")
    today = timezone.localdate()
    last_month = today.replace(day=1) - datetime.timedelta(days=3)
    for index in range(7):  # seven: published
        made.case(
            received=made.at(today, 1),
            ward="Bevois",
            name=f"Zebedee Quartermaine {index}",
            email="zq@example.com",
        )
    for _ in range(2):  # two: withheld, and so one more beside it
        made.case(received=made.at(today, 1), ward="Portswood", name="Zebedee Quartermaine")
    for _ in range(6):
        made.case(received=made.at(today, 1), ward="Bargate", case_type_code="pothole")
    for _ in range(5):
        made.case(received=made.at(last_month, 1), ward="Bevois")


def _files(publication) -> dict[str, str]:
    return {f.name: f.content for f in publication.files.all()}


def _rows(publication, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_files(publication)[name])))


def test_every_published_package_passes_frictionless_validate(council, tmp_path):
    for publication in services.datasets_publish_due(every=True):
        folder = tmp_path / publication.dataset.slug
        folder.mkdir()
        for name, content in _files(publication).items():
            (folder / name).write_text(content, encoding="utf-8", newline="")
        checked = subprocess.run(
            [str(FRICTIONLESS), "validate", "--json", str(folder / "datapackage.json")],
            capture_output=True,
            text=True,
            cwd=folder,
        )
        report = json.loads(checked.stdout)
        assert report["valid"], json.dumps(report, indent=1)[:3000]
        assert checked.returncode == 0
        descriptor = json.loads(_files(publication)["datapackage.json"])
        assert descriptor["licenses"][0]["name"] == "OGL-UK-3.0"
        assert {r["format"] for r in descriptor["resources"]} == {"csv", "json"}


def test_no_published_file_holds_personal_data_or_a_count_from_1_to_4(council):
    published = services.datasets_publish_due(every=True)
    for publication in published:
        for name, content in _files(publication).items():
            for personal in PERSONAL:
                assert personal.lower() not in content.lower(), (name, personal)
    cases = next(p for p in published if p.dataset.slug == "cases-by-type-ward-month")
    for row in _rows(cases, "cases-by-type-ward-month.csv"):
        for name in ("received", "closed", "closed_on_time"):
            assert row[name] == "" or int(row[name]) == 0 or int(row[name]) >= 5, row
    this_month = f"{timezone.localdate():%Y-%m}"
    rows = {
        (r["case_type"], r["ward"]): r
        for r in _rows(cases, "cases-by-type-ward-month.csv")
        if r["month"] == this_month
    }
    assert rows[("missed-bin", "Bevois")]["received"] == "7"
    assert rows[("missed-bin", "Portswood")]["received"] == ""  # 2: withheld
    # The month's total (15) is published as a measure's base, so the next smallest
    # count (pothole in Bargate, 6) is withheld too, or 15 - 7 - 6 would give the 2 away.
    assert rows[("pothole", "Bargate")]["received"] == ""
    assert rows[("pothole", "Bargate")]["counts_withheld"] == "true"
    assert cases.suppressed >= 4


def test_the_suppression_rule_withholds_1_to_4_and_one_more_where_a_total_would_tell():
    rows = [
        {"month": "2026-01", "received": 1, "closed": 0},
        {"month": "2026-01", "received": 9, "closed": 5},
        {"month": "2026-01", "received": 30, "closed": 4},
        {"month": "2026-02", "received": 5, "closed": 5},
        {"month": "2026-02", "received": 0, "closed": 0},
    ]
    withheld = disclosure.suppress(
        rows, counts=("received", "closed"), group_by="month", total="received"
    )
    assert [(r["received"], r["closed"]) for r in rows] == [
        (None, 0),
        (None, None),
        (30, None),
        (5, 5),
        (0, 0),
    ]
    assert withheld == 4
    assert [r["counts_withheld"] for r in rows] == [True, True, True, False, False]
    assert insights_queries.SMALL_COUNT == 5


def test_the_measures_dataset_holds_the_dashboards_monthly_figures(council):
    publication = services.dataset_publish(slug="success-measures")
    rows = _rows(publication, "success-measures.csv")
    board = insights_queries.dashboard(period="24-months")
    share = next(r for r in board.results if r.definition.code == "digital-contact-share")
    published = [r for r in rows if r["measure"] == "digital-contact-share"]
    assert len(published) == 24
    assert float(published[-1]["value"]) == pytest.approx(share.series[-1].value, abs=0.01)
    assert published[-1]["strategy_line"] == (
        "Increase in the proportion of digital contact with the council"
    )


def test_datasets_are_published_again_only_when_their_schedule_says(council):
    first = datetime.datetime(2026, 10, 20, 9, tzinfo=datetime.UTC)
    assert len(services.datasets_publish_due(now=first)) == 3  # a Tuesday
    assert services.datasets_publish_due(now=first + datetime.timedelta(days=5)) == []
    next_week = services.datasets_publish_due(now=first + datetime.timedelta(days=6))
    assert [p.dataset.slug for p in next_week] == ["service-directory"]  # weekly
    november = datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC)
    again = services.datasets_publish_due(now=november)
    assert [p.version for p in again] == [2, 2]  # the monthly ones; still the same week
    assert [p.version for p in queries.publications_of(slug="success-measures")] == [2, 1]
    with pytest.raises(services.OpenDataError):
        services.dataset_publish(slug="no-such-dataset")


def test_a_dataset_with_no_rows_yet_is_not_published():
    with pytest.raises(services.NothingToPublish):
        services.dataset_publish(slug="cases-by-type-ward-month")
    published = services.datasets_publish_due(every=True)
    assert [p.dataset.slug for p in published] == ["success-measures"]


def test_the_open_data_page_lists_licence_frequency_and_download_history(client, council):
    services.datasets_publish_due(every=True)
    services.datasets_publish_due(every=True)
    page = client.get("/open-data/").content.decode()
    assert "Open Government Licence v3.0" in page
    assert "Every month" in page
    assert "Requests received by type, ward and month" in page
    detail = client.get("/open-data/cases-by-type-ward-month/").content.decode()
    assert "Download history" in detail
    assert detail.count("/open-data/cases-by-type-ward-month/1/") == 3
    assert detail.count("/open-data/cases-by-type-ward-month/2/") == 3
    download = client.get("/open-data/cases-by-type-ward-month/1/cases-by-type-ward-month.csv")
    assert download["Content-Type"].startswith("text/csv")
    assert client.get("/open-data/cases-by-type-ward-month/9/datapackage.json").status_code == 404
    assert client.get("/open-data/no-such-thing/").status_code == 404


def test_dcat_ap_metadata_is_json_ld_that_rdf_tools_read(client, council):
    services.datasets_publish_due(every=True)
    response = client.get("/open-data/catalog.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    graph = rdflib.Graph().parse(data=response.content.decode(), format="json-ld")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dct = rdflib.namespace.DCTERMS
    datasets = set(graph.subjects(rdflib.RDF.type, dcat.Dataset))
    assert len(datasets) == 3
    ogl = rdflib.URIRef(
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    )
    for dataset in datasets:
        assert graph.value(dataset, dct.title)
        assert graph.value(dataset, dct.license) == ogl
        assert str(graph.value(dataset, dct.accrualPeriodicity)).endswith(("MONTHLY", "WEEKLY"))
        distributions = list(graph.objects(dataset, dcat.distribution))
        assert len(distributions) == 3
        for distribution in distributions:
            assert graph.value(distribution, dcat.downloadURL)
    one = client.get("/open-data/success-measures/dcat.jsonld").content.decode()
    single = rdflib.Graph().parse(data=one, format="json-ld")
    assert len(set(single.subjects(rdflib.RDF.type, dcat.Dataset))) == 1


def test_the_publish_command_says_what_it_published(council, capsys):
    from django.core.management import call_command

    call_command("opendata_publish")
    assert "Published cases-by-type-ward-month version 1" in capsys.readouterr().out
    call_command("opendata_publish")
    assert "Nothing was due." in capsys.readouterr().out


def test_the_service_directory_is_published_without_named_peoples_contacts(tmp_path):
    from frontdoor.directory.tests import factories as directory_factories

    directory_factories.gazetteer()
    feed = directory_factories.directory(count=12)
    publication = services.dataset_publish(slug="service-directory")
    rows = _rows(publication, "service-directory.csv")
    assert publication.rows == len(rows) > 0
    assert {r["name"] for r in rows} <= {s["name"] for s in feed}
    content = "".join(_files(publication).values())
    for service in feed:
        for contact in service.get("contacts", []):
            if contact.get("email"):
                assert contact["email"] not in content
            if contact.get("name"):
                assert contact["name"] not in content
    for name, content in _files(publication).items():
        (tmp_path / name).write_text(content, encoding="utf-8", newline="")
    checked = subprocess.run(
        [str(FRICTIONLESS), "validate", str(tmp_path / "datapackage.json")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout[-2000:]
