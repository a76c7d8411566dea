"""Turning rows into the files published: CSV, JSON and the Frictionless Data Package
descriptor (datapackage.json) that describes both, with the licence."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from dataclasses import dataclass

from frontdoor.opendata.registry import Spec

LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
CSV_TYPE, JSON_TYPE = "text/csv", "application/json"


@dataclass(frozen=True)
class File:
    name: str
    format: str
    media_type: str
    content: str

    @property
    def bytes(self) -> int:
        return len(self.content.encode())

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content.encode()).hexdigest()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def as_csv(spec: Spec, rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [f.name for f in spec.fields]
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
    return out.getvalue()


def as_json(spec: Spec, rows: list[dict]) -> str:
    names = [f.name for f in spec.fields]
    return json.dumps([{n: row.get(n) for n in names} for row in rows], ensure_ascii=False)


def table_schema(spec: Spec) -> dict:
    schema = {
        "fields": [
            {"name": f.name, "type": f.type, "title": f.title, "description": f.description}
            if f.description
            else {"name": f.name, "type": f.type, "title": f.title}
            for f in spec.fields
        ],
        "missingValues": [""],
    }
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    return schema


def _resource(spec: Spec, file: File, schema: dict) -> dict:
    resource = {
        "name": f"{spec.slug}-{file.format}",
        "path": file.name,
        "profile": "tabular-data-resource",
        "format": file.format,
        "mediatype": file.media_type,
        "encoding": "utf-8",
    }
    if file.format == "csv":
        # frictionless checks a CSV's size and hash as it reads it (it does not for JSON).
        resource |= {"bytes": file.bytes, "hash": f"sha256:{file.sha256}"}
    return {**resource, "schema": schema}


def files_for(
    *,
    spec: Spec,
    rows: list[dict],
    version: int,
    dataset_id: str,
    published_at: datetime.datetime,
    publisher: str,
) -> list[File]:
    """The data as CSV and JSON, and a descriptor naming both (with their sizes and hashes)."""
    data = [
        File(f"{spec.slug}.csv", "csv", CSV_TYPE, as_csv(spec, rows)),
        File(f"{spec.slug}.json", "json", JSON_TYPE, as_json(spec, rows)),
    ]
    schema = table_schema(spec)
    descriptor = {
        "profile": "tabular-data-package",
        "name": spec.slug,
        "id": dataset_id,
        "title": spec.title,
        "description": spec.description,
        "version": f"{version}.0.0",
        "created": published_at.isoformat(timespec="seconds"),
        "keywords": list(spec.keywords),
        "licenses": [LICENCE],
        "contributors": [{"title": publisher, "role": "publisher"}],
        "resources": [_resource(spec, file, schema) for file in data],
    }
    package = File("datapackage.json", "datapackage", JSON_TYPE, json.dumps(descriptor, indent=2))
    return [*data, package]
