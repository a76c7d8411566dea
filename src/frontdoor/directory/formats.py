"""Reading and writing HSDS files: the JSON feed (nested services, as `GET /services/{id}`
gives them) and the tabular data package (`datapackage.json` and one CSV per table)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from frontdoor.directory.rows import Problem, Rows
from frontdoor.directory.tabular import FRICTIONLESS_TYPES, TABLES

MAX_FILE_BYTES = 50 * 1024 * 1024

# In a nested service: the key, the table its items go to, and the link back to the parent.
_SERVICE_CHILDREN = (
    ("schedules", "schedule", "service_id"),
    ("service_areas", "service_area", "service_id"),
    ("languages", "language", "service_id"),
    ("cost_options", "cost_option", "service_id"),
    ("phones", "phone", "service_id"),
    ("contacts", "contact", "service_id"),
    ("service_at_locations", "service_at_location", "service_id"),
)


def _own(item: dict) -> dict:
    """An object's own fields: nested objects and lists are separate rows."""
    return {k: v for k, v in item.items() if not isinstance(v, dict | list)}


def _attributes(rows: Rows, items, where: str, link_id, entity: str) -> None:
    for i, attr in enumerate(items or []):
        here = f"{where}.attributes[{i}]"
        if not isinstance(attr, dict):
            rows.problems.append(Problem(here, "", "is not an object"))
            continue
        term = attr.get("taxonomy_term")
        if isinstance(term, dict):
            rows.add("taxonomy_term", f"{here}.taxonomy_term", _own(term))
        row = {"link_entity": entity, "link_id": link_id, **_own(attr)}
        if isinstance(term, dict) and not row.get("taxonomy_term_id"):
            row["taxonomy_term_id"] = term.get("id")
        rows.add("attribute", here, row)


def _location(rows: Rows, loc: dict, where: str) -> None:
    rows.add("location", where, _own(loc))
    for key, table in (("addresses", "address"), ("accessibility", "accessibility")):
        for i, item in enumerate(loc.get(key) or []):
            if isinstance(item, dict):
                rows.add(table, f"{where}.{key}[{i}]", {**_own(item), "location_id": loc.get("id")})


def feed_rows(data) -> Rows:
    """Rows from an HSDS JSON feed: a list of full services, or a page (`contents`)."""
    rows = Rows()
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    elif isinstance(data, dict) and data.get("id"):
        data = [data]
    if not isinstance(data, list):
        rows.problems.append(Problem("the file", "", "is not a list of HSDS services"))
        return rows
    for n, svc in enumerate(data):
        where = f"services[{n}]"
        if not isinstance(svc, dict):
            rows.problems.append(Problem(where, "", "is not an object"))
            continue
        sid = svc.get("id")
        org = svc.get("organization")
        if isinstance(org, dict):
            rows.add("organization", f"{where}.organization", _own(org))
            for i, ident in enumerate(org.get("organization_identifiers") or []):
                rows.add(
                    "organization_identifier",
                    f"{where}.organization.organization_identifiers[{i}]",
                    {**_own(ident), "organization_id": org.get("id")},
                )
        row = _own(svc)
        if isinstance(org, dict) and not row.get("organization_id"):
            row["organization_id"] = org.get("id")
        rows.add("service", where, row)
        _attributes(rows, svc.get("attributes"), where, sid, "service")
        for key, table, link in _SERVICE_CHILDREN:
            items = svc.get(key) or []
            if not isinstance(items, list):
                rows.problems.append(Problem(where, key, "is not a list"))
                continue
            for i, item in enumerate(items):
                here = f"{where}.{key}[{i}]"
                if not isinstance(item, dict):
                    rows.problems.append(Problem(here, "", "is not an object"))
                    continue
                rows.add(table, here, {**_own(item), link: sid})
                if table == "contact":
                    for j, phone in enumerate(item.get("phones") or []):
                        rows.add("phone", f"{here}.phones[{j}]",
                                 {**_own(phone), "contact_id": item.get("id")})  # fmt: skip
                if table == "service_at_location" and isinstance(item.get("location"), dict):
                    loc = item["location"]
                    _location(rows, loc, f"{here}.location")
                    if not item.get("location_id"):
                        rows.tables["service_at_location"][-1][1]["location_id"] = loc.get("id")
    return rows


def _csv_rows(rows: Rows, table: str, path: str, text: str) -> None:
    reader = csv.DictReader(io.StringIO(text))
    known = {f.name for f in next(t for t in TABLES if t.name == table).fields}
    unknown = [name for name in reader.fieldnames or [] if name not in known]
    if unknown and table != "service":
        rows.problems.append(
            Problem(path, "", f"has columns HSDS does not define: {', '.join(unknown)}")
        )
    for line, record in enumerate(reader, start=2):
        rows.add(table, f"{path} row {line}", record)


def package_rows(files: dict[str, str]) -> Rows:
    """Rows from a tabular data package: file name -> CSV text (datapackage.json optional)."""
    rows = Rows()
    by_path = {table.path: table.name for table in TABLES}
    for name, text in sorted(files.items()):
        base = name.rsplit("/", 1)[-1]
        if base == "datapackage.json" or not base:
            continue
        if base in by_path:
            _csv_rows(rows, by_path[base], base, text)
        elif base.endswith(".csv"):
            rows.problems.append(Problem(base, "", "is not an HSDS table this directory takes"))
    if not rows.tables and not rows.problems:
        rows.problems.append(Problem("the package", "", "holds no HSDS CSV files"))
    return rows


def read_upload(name: str, content: bytes) -> Rows:
    """Rows from an uploaded file: a .json feed, a .zip data package, or one .csv table."""
    if len(content) > MAX_FILE_BYTES:
        return _refused("the file", f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    lower = name.lower()
    try:
        if lower.endswith(".json"):
            return feed_rows(json.loads(content.decode("utf-8-sig")))
        if lower.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                files = {
                    info.filename: archive.read(info).decode("utf-8-sig")
                    for info in archive.infolist()
                    if info.filename.endswith(".csv") and info.file_size <= MAX_FILE_BYTES
                }
            return package_rows(files)
        if lower.endswith(".csv"):
            return package_rows({name: content.decode("utf-8-sig")})
    except json.JSONDecodeError as error:
        return _refused("the file", f"is not valid JSON ({error.msg} at line {error.lineno})")
    except UnicodeDecodeError:
        return _refused("the file", "is not UTF-8 text")
    except zipfile.BadZipFile:
        return _refused("the file", "is not a zip file")
    return _refused(
        "the file", "must be an HSDS JSON feed (.json) or a data package (.zip or .csv)"
    )


def _refused(where: str, message: str) -> Rows:
    rows = Rows()
    rows.problems.append(Problem(where, "", message))
    return rows


def datapackage(*, title: str) -> dict:
    """The `datapackage.json` describing our export, in HSDS 3.0's own terms."""
    resources = []
    for table in TABLES:
        fields = []
        for spec in table.fields:
            kind, fmt = FRICTIONLESS_TYPES[spec.type]
            item = {"name": spec.name, "type": kind}
            if fmt:
                item["format"] = fmt
            constraints = {"required": spec.required}
            if spec.enum:
                constraints["enum"] = list(spec.enum)
            if spec.name == "id":
                constraints["unique"] = True
            item["constraints"] = constraints
            fields.append(item)
        schema = {"fields": fields, "primaryKey": "id"}
        keys = [
            {"fields": s.name, "reference": {"resource": s.references, "fields": "id"}}
            for s in table.fields
            if s.references
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append({
            "name": table.name, "path": table.path, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
        })  # fmt: skip
    return {
        "name": "human_services_data",
        "title": title,
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "homepage": "http://docs.openreferral.org",
        "license": {
            "name": "OGL-UK-3.0",
            "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "title": "Open Government Licence v3.0",
        },
        "resources": resources,
    }


def csv_text(header: list[str], records) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(records)
    return out.getvalue()
