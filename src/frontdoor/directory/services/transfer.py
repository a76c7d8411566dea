"""Import and export in HSDS's own formats. Strategy: "SID is not up to date" — providers
and partner directories send feeds; "more open datasets released" — the whole directory
goes out as an HSDS data package."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

from django.db import transaction

from frontdoor.accounts import services as accounts
from frontdoor.directory import formats, hsds
from frontdoor.directory.models import ImportRun
from frontdoor.directory.rows import Rows
from frontdoor.directory.services.catalogue import directory_import, rows_check, tables_apply
from frontdoor.directory.services.editing import EDITORS
from frontdoor.directory.tabular import TABLES, attname


def directory_import_feed(*, data, source: str, user=None) -> ImportRun:
    """Import an HSDS JSON feed (a list of full services, or a page of them), all or nothing."""
    if user is not None:
        accounts.role_check(user=user, roles=EDITORS, action="import into the directory")
    return directory_import(rows=formats.feed_rows(data), source=source, user=user)


def directory_import_file(*, name: str, content: bytes, user=None) -> ImportRun:
    """Import an uploaded `.json` feed, `.zip` data package or single `.csv` table."""
    if user is not None:
        accounts.role_check(user=user, roles=EDITORS, action="import into the directory")
    return directory_import(rows=formats.read_upload(name, content), source=name, user=user)


@transaction.atomic
def taxonomy_define(*, taxonomy: dict, terms: list[dict]) -> None:
    """Create or change a taxonomy and its terms (HSDS rows), checked like any import."""
    rows = Rows()
    rows.add("taxonomy", "taxonomy", taxonomy)
    for n, term in enumerate(terms):
        rows.add("taxonomy_term", f"taxonomy_terms[{n}]", term)
    typed = rows_check(rows)
    if rows.problems:
        from frontdoor.directory.rows import ImportRefused

        raise ImportRefused(rows.problems)
    tables_apply(typed=typed, replace=False)


def _cell(value) -> str:
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")  # Table Schema's default time format
    value = hsds._value(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def directory_export(*, title: str = "Service directory") -> bytes:
    """The whole directory as an HSDS 3.0 tabular data package (a zip of datapackage.json and
    one CSV per table), which `frictionless validate` accepts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(formats.datapackage(title=title), indent=2))
        for table in TABLES:
            names = [attname(table, f) for f in table.fields]
            records = (
                [_cell(v) for v in record]
                for record in table.model.objects.order_by("pk").values_list(*names).iterator()
            )
            archive.writestr(table.path, formats.csv_text([f.name for f in table.fields], records))
    return out.getvalue()
