"""Importing residents from another system's CSV: mapping, a validation report, all or
nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from frontdoor.audit.models import AuditEvent
from frontdoor.residents import services
from frontdoor.residents.models import SourceRecord
from frontdoor.residents.tests import factories

LEGACY = (
    "Ref,Forename,Family name,Born,Street,Post code,E-mail\n"
    "L1,Amara,Okonkwo,12/03/1984,12 Cedar Road,so14 7ly,amara@example.com\n"
    "L2,Kofi,Mensah,1975-11-02,3 Oak Lane,SO16 3AB,\n"
)
MAPPING = {
    "source_id": "Ref",
    "first_name": "Forename",
    "surname": "Family name",
    "dob": "Born",
    "address_line": "Street",
    "postcode": "Post code",
    "email": "E-mail",
}


@pytest.fixture
def officer(db):
    return factories.data_officer(username="dana")


def _import(officer, text: str, mapping=None):
    return services.records_import(
        user=officer, data=text.encode(), source_system="legacy_crm", mapping=mapping or MAPPING
    )


def test_a_legacy_export_is_imported_through_its_column_mapping(officer):
    report = _import(officer, LEGACY)
    assert report.ok and report.created == 2
    amara = SourceRecord.objects.get(source_system="legacy_crm", source_id="L1")
    assert amara.dob.isoformat() == "1984-03-12" and amara.postcode == "SO14 7LY"
    assert AuditEvent.objects.filter(action="residents.imported", actor=officer).exists()
    assert _import(officer, LEGACY).already_held == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "The file is empty (0 bytes)"),
        ("Ref,Forename\nL1,Amara\n", "no column called 'Family name'"),
        (LEGACY + "L3,Ann,Lee,31/02/1990,,,\n", "'31/02/1990' is not a date"),
        (LEGACY + "L4,Ann,Lee,,,not a postcode,\n", "is not a UK postcode"),
        (LEGACY + "L1,Ann,Lee,,,,\n", "The id 'L1' appears twice"),
        ("Ref,Forename,Family name,Born,Street,Post code,E-mail\n", "header but no records"),
    ],
    ids=["empty", "missing-column", "bad-date", "bad-postcode", "repeated-id", "no-rows"],
)
def test_a_bad_file_gets_a_report_and_nothing_is_added(officer, text, expected):
    report = _import(officer, text)
    assert not report.ok
    assert any(expected in problem.message for problem in report.problems), report.problems
    assert not SourceRecord.objects.exists()


def test_the_report_names_the_line_of_each_problem(officer):
    report = _import(officer, LEGACY + "L3,Ann,Lee,1990-13-01,,,\nL4,Bo,Lee,,,,bad-email\n")
    assert [(p.line, p.column) for p in report.problems] == [(4, "Born"), (5, "E-mail")]


def test_the_import_page_shows_the_report_and_changes_nothing(client, officer):
    client.force_login(officer)
    form = {"source_system": "legacy_crm", **{f"column_{k}": v for k, v in MAPPING.items()}}
    bad = SimpleUploadedFile("people.csv", (LEGACY + "L3,Ann,Lee,1990-13-01,,,\n").encode())
    page = client.post("/staff/residents/import/", {**form, "file": bad})
    assert page.status_code == 200
    assert "Nothing was imported" in page.text and "Validation report" in page.text
    assert not SourceRecord.objects.exists()
    good = SimpleUploadedFile("people.csv", LEGACY.encode())
    done = client.post("/staff/residents/import/", {**form, "file": good})
    assert done.status_code == 302 and SourceRecord.objects.count() == 2
    empty = client.post("/staff/residents/import/", {**form})
    assert "Choose a CSV file to import" in empty.text


def test_only_data_officers_import(client, db):
    client.force_login(factories.staff("agent", username="ade"))
    assert client.get("/staff/residents/import/").status_code == 403
