"""Import (all or nothing, with a report of every problem) and export as a data package
that the Frictionless reference implementation accepts."""

import copy
import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command

from frontdoor.directory import queries
from frontdoor.directory import services as directory
from frontdoor.directory.models import ImportRun, Schedule, Service
from frontdoor.directory.tests import factories


@pytest.fixture
def feed(db):
    factories.gazetteer()
    return factories.directory(30)


def _counts():
    return Service.objects.count(), Schedule.objects.count()


def test_a_feed_with_bad_rows_changes_nothing_and_names_every_problem(feed):
    before = _counts()
    bad = copy.deepcopy(feed[:3])
    bad[0]["status"] = "open"
    bad[1]["schedules"][0]["opens_at"] = "nine o'clock"
    bad[2]["organization"]["id"] = "not-a-uuid"
    bad[2]["organization_id"] = "not-a-uuid"
    bad.append({"id": "5c6ad8e2-1f61-4c3e-9b51-55f1d8d5c001", "status": "active"})
    with pytest.raises(directory.ImportRefused) as refused:
        directory.directory_import_feed(data=bad, source="bad.json")
    problems = [str(p) for p in refused.value.problems]
    assert (
        "services[0], status: 'open' is not one of active, inactive, defunct, temporarily closed"
        in problems
    )
    assert 'services[1].schedules[0], opens_at: "nine o\'clock" is not a time (HH:MM)' in problems
    assert any(p.startswith("services[2].organization, id:") for p in problems)
    assert "services[3], name: is required" in problems
    assert _counts() == before
    assert ImportRun.objects.filter(applied=False, source="bad.json").exists()


def test_a_feed_updates_a_service_and_replaces_its_opening_times(feed):
    changed = copy.deepcopy(feed[0])
    changed["name"] = "Renamed Service"
    changed["schedules"] = [{
        "id": "5c6ad8e2-1f61-4c3e-9b51-55f1d8d5c002", "freq": "WEEKLY", "byday": "SU",
        "opens_at": "10:00", "closes_at": "12:00",
    }]  # fmt: skip
    directory.directory_import_feed(data={"contents": [changed]}, source="page.json")
    svc = queries.service_get(service_id=changed["id"])
    assert svc.name == "Renamed Service"
    assert [s.byday for s in svc.schedules.all()] == ["SU"]
    assert svc.open_weekends
    assert queries.services_filtered(queries.ServiceFilter(text="renamed")).queryset.count() == 1


def test_the_exported_package_is_valid_and_imports_back_unchanged(feed, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    archive = directory.directory_export()
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        zipped.extractall(tmp_path)
        files = {name: zipped.read(name).decode() for name in zipped.namelist()}
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert files["services.csv"].count("\n") == 31
    first = queries.services_published_hsds()
    before = sorted(json.dumps(s, sort_keys=True) for s in first)
    Service.objects.all().delete()
    run = directory.directory_import_file(name="directory.zip", content=archive)
    assert run.applied and run.counts["service"] == 30
    after = sorted(json.dumps(s, sort_keys=True) for s in queries.services_published_hsds())
    assert after == before


def test_a_bad_row_in_a_csv_package_is_reported_by_file_and_row(feed):
    archive = directory.directory_export()
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        files = {n: zipped.read(n) for n in zipped.namelist()}
    rows = list(csv.reader(io.StringIO(files["services.csv"].decode())))
    rows[3][rows[0].index("minimum_age")] = "twelve"
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    files["services.csv"] = text.getvalue().encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
    before = _counts()
    with pytest.raises(directory.ImportRefused) as refused:
        directory.directory_import_file(name="edited.zip", content=out.getvalue())
    assert [str(p) for p in refused.value.problems] == [
        "services.csv row 4, minimum_age: 'twelve' is not a whole number"
    ]
    assert _counts() == before


def test_files_that_are_not_hsds_are_refused_with_a_reason(db):
    for name, content, reason in [
        ("feed.json", b"{not json", "is not valid JSON"),
        ("feed.json", b'{"hello": 1}', "is not a list of HSDS services"),
        ("package.zip", b"not a zip", "is not a zip file"),
        ("notes.txt", b"hello", "must be an HSDS JSON feed"),
    ]:
        with pytest.raises(directory.ImportRefused) as refused:
            directory.directory_import_file(name=name, content=content)
        assert reason in str(refused.value.problems[0])


def test_the_commands_export_and_import_a_package(feed, tmp_path, capsys):
    target = tmp_path / "directory.zip"
    call_command("directory_export", str(target))
    call_command("directory_import", str(target))
    assert "Imported directory.zip" in capsys.readouterr().out
