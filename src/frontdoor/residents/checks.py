"""Checking a people CSV before anything reads it into linkage: the whole file, or nothing.

Strategy: "bad input gets a report and changes nothing" (DESIGN.md). Used by
`manage.py link_records`; the web import has its own row checks through services.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import re
from pathlib import Path

from frontdoor.residents.linkage import COLUMNS

MAX_PROBLEMS = 20
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_ok(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def csv_problems(path: Path) -> list[str]:
    """Every reason (up to MAX_PROBLEMS) the file cannot be linked; empty when it can."""
    if not path.exists():
        return [f"{path} does not exist."]
    if path.stat().st_size == 0:
        return [f"{path} is empty (0 bytes): it needs the header " + ",".join(COLUMNS) + "."]
    problems: list[str] = []
    more = 0
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                return [
                    "The header lacks the column"
                    + ("s " if len(missing) > 1 else " ")
                    + ", ".join(missing)
                    + "; it must be "
                    + ",".join(COLUMNS)
                    + "."
                ]
            uid, dob = header.index("unique_id"), header.index("dob")
            seen: set[str] = set()
            for line, row in enumerate(reader, start=2):
                found = _row_problem(row, len(header), uid, dob, seen)
                if found:
                    if len(problems) < MAX_PROBLEMS:
                        problems.append(f"line {line}: {found}")
                    else:
                        more += 1
    except UnicodeDecodeError:
        return [f"{path} is not UTF-8 text; save it as CSV UTF-8."]
    except csv.Error as error:
        return [f"{path} is not a readable CSV file: {error}."]
    if more:
        problems.append(f"and {more} more lines with problems.")
    return problems


def _row_problem(row: list[str], width: int, uid: int, dob: int, seen: set[str]) -> str:
    if len(row) != width:
        return f"{len(row)} fields where the header has {width}."
    unique_id = row[uid].strip()
    if not unique_id:
        return "unique_id is empty."
    if unique_id in seen:
        return f"unique_id {unique_id!r} appears twice."
    seen.add(unique_id)
    value = row[dob].strip()
    if value and not _date_ok(value):
        return f"dob {value!r} is not a date as YYYY-MM-DD."
    return ""


def is_utf8(data: bytes) -> bool:
    try:
        codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True
