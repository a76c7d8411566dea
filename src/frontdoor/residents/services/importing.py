"""Bringing residents in from a CSV export of another system: column mapping, a
validation report, and all-or-nothing.

Strategy: "data errors are corrected and duplicate records merged" (Southampton 2018-22):
a council's legacy records come in once, checked, and are then linked like any others.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.residents.services.errors import ResidentError
from frontdoor.residents.services.records import record_fields, records_add_all

IMPORTERS = (roles.DATA_OFFICER, roles.ADMINISTRATOR)
# Our field, and what a data officer calls it.
FIELDS = (
    ("source_id", "Record id in that system"),
    ("first_name", "First name"),
    ("surname", "Last name"),
    ("dob", "Date of birth"),
    ("address_line", "Address"),
    ("town", "Town"),
    ("postcode", "Postcode"),
    ("uprn", "UPRN"),
    ("email", "Email"),
    ("phone", "Phone"),
)
REQUIRED = ("source_id",)
MAX_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 100


@dataclass
class Problem:
    line: int
    column: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    already_held: int = 0
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _dob(text: str) -> str:
    """YYYY-MM-DD as it is; DD/MM/YYYY (common in UK exports) turned into it."""
    text = text.strip()
    if "/" in text:
        try:
            return datetime.datetime.strptime(text, "%d/%m/%Y").date().isoformat()  # noqa: DTZ007
        except ValueError:
            return text
    return text


def _refuse(report: ImportReport, message: str, column: str = "") -> ImportReport:
    report.problems.append(Problem(0, column, message))
    return report


def records_import(
    *, user, data: bytes, source_system: str, mapping: dict[str, str]
) -> ImportReport:
    """Check every row of the file; if any is wrong, report them all and add nothing,
    otherwise add every new record in one transaction and link them in the background."""
    accounts.role_check(user=user, roles=IMPORTERS, action="import resident records")
    report = ImportReport()
    source_system = source_system.strip()
    if not source_system:
        return _refuse(report, "Say which system the file comes from", "source_system")
    if not data:
        return _refuse(report, "The file is empty (0 bytes)", "file")
    if len(data) > MAX_BYTES:
        return _refuse(report, "The file must be smaller than 20 MB", "file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _refuse(report, "The file must be CSV saved as UTF-8", "file")
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if not header:
        return _refuse(report, "The file has no header row", "file")
    used = {ours: (mapping.get(ours) or "").strip() for ours, _label in FIELDS}
    for ours, label in FIELDS:
        column = used[ours]
        if ours in REQUIRED and not column:
            return _refuse(report, f"Say which column holds the {label.lower()}", ours)
        if column and column not in header:
            report.problems.append(
                Problem(1, ours, f"The file has no column called {column!r} (for {label})")
            )
    if report.problems:
        return report
    rows: list[dict] = []
    seen: set[str] = set()
    try:
        for line, raw in enumerate(reader, start=2):
            values = {ours: (raw.get(col) or "") if col else "" for ours, col in used.items()}
            values["dob"] = _dob(values["dob"])
            report.rows += 1
            try:
                fields = record_fields(source_system=source_system, **values)
            except ResidentError as refused:
                _problem(
                    report, Problem(line, used.get(refused.field, refused.field), refused.message)
                )
                continue
            if fields["source_id"] in seen:
                _problem(
                    report,
                    Problem(
                        line, used["source_id"], f"The id {fields['source_id']!r} appears twice"
                    ),
                )
                continue
            seen.add(fields["source_id"])
            rows.append(fields)
    except csv.Error as error:
        return _refuse(report, f"The file is not readable CSV: {error}", "file")
    if report.rows == 0:
        return _refuse(report, "The file has a header but no records", "file")
    if report.problems:
        return report
    with transaction.atomic():
        now = timezone.now()
        report.created = records_add_all(rows=rows, actor=user, at=now)
        report.already_held = len(rows) - report.created
        audit.audit_record(
            actor=user,
            action="residents.imported",
            subject_type="source_system",
            subject_id=source_system,
            detail={"rows": report.rows, "created": report.created},
            at=now,
        )
        transaction.on_commit(_link_later)
    return report


def _problem(report: ImportReport, problem: Problem) -> None:
    if len(report.problems) < MAX_PROBLEMS:
        report.problems.append(problem)
    else:
        report.more_problems += 1


def _link_later() -> None:
    from frontdoor.residents import tasks

    tasks.link_new_records.enqueue()
