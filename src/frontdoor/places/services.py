"""Loading the gazetteer: wards, postcodes and addresses, all or nothing.

A council keeps its gazetteer current by loading the ONS Postcode Directory and its own
address gazetteer (with UPRNs); "Every case ... with UPRN or coordinates" depends on it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import shapely
from django.db import transaction

from frontdoor.places.models import Address, Postcode, Ward
from frontdoor.places.queries import postcode_normalise

_UPRN = re.compile(r"[0-9]{1,12}")
# Latitude and longitude of Great Britain and Northern Ireland, with a margin at sea.
_UK = {"lat": (49.8, 60.95), "lng": (-8.7, 1.8)}


@dataclass
class ImportReport:
    """What an import found wrong, line by line; nothing is saved when it is not empty."""

    problems: list[str] = field(default_factory=list)
    wards: int = 0
    postcodes: int = 0
    addresses: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _point(where: str, row: dict, report: ImportReport) -> tuple[float, float] | None:
    try:
        lat, lng = float(row["latitude"]), float(row["longitude"])
    except (KeyError, TypeError, ValueError):
        report.problems.append(f"{where}: latitude and longitude must be numbers")
        return None
    if not (_UK["lat"][0] <= lat <= _UK["lat"][1] and _UK["lng"][0] <= lng <= _UK["lng"][1]):
        report.problems.append(f"{where}: {lat}, {lng} is not in the United Kingdom")
        return None
    return lat, lng


def _check_wards(wards: list[dict], report: ImportReport) -> list[Ward]:
    made = []
    for number, row in enumerate(wards, start=1):
        code, name = str(row.get("code", "")).strip(), str(row.get("name", "")).strip()
        if not code or not name:
            report.problems.append(f"ward {number}: a code and a name are needed")
            continue
        boundary = row.get("boundary") or ""
        if boundary:
            try:
                shape = shapely.from_geojson(json.dumps(boundary))
            except (shapely.errors.GEOSException, ValueError, TypeError):
                shape = None
            if shape is None or shape.geom_type not in {"Polygon", "MultiPolygon"}:
                report.problems.append(f"ward {code}: the boundary must be a GeoJSON polygon")
                continue
            boundary = json.dumps(boundary, separators=(",", ":"))
        made.append(Ward(code=code, name=name, boundary=boundary))
    return made


def _check_postcodes(postcodes, ward_codes: set[str], report: ImportReport) -> list[dict]:
    made = []
    for number, row in enumerate(postcodes, start=1):
        postcode = postcode_normalise(row.get("postcode", ""))
        if not postcode:
            report.problems.append(
                f"postcode row {number}: {row.get('postcode')!r} is not a postcode"
            )
            continue
        point = _point(f"postcode {postcode}", row, report)
        ward = str(row.get("ward_code") or "").strip()
        if ward and ward not in ward_codes:
            report.problems.append(f"postcode {postcode}: ward {ward!r} is not known")
            continue
        if point:
            made.append(
                {"postcode": postcode, "latitude": point[0], "longitude": point[1], "ward": ward}
            )
    return made


def _check_addresses(addresses, report: ImportReport) -> list[Address]:
    made, seen = [], set()
    for number, row in enumerate(addresses, start=1):
        uprn = str(row.get("uprn", "")).strip()
        where = f"address row {number}"
        if not _UPRN.fullmatch(uprn):
            report.problems.append(f"{where}: UPRN {uprn!r} must be 1 to 12 digits")
            continue
        if uprn in seen:
            report.problems.append(f"{where}: UPRN {uprn} appears twice")
            continue
        seen.add(uprn)
        postcode = postcode_normalise(row.get("postcode", ""))
        line1, town = str(row.get("line1", "")).strip(), str(row.get("town", "")).strip()
        if not postcode or not line1 or not town:
            report.problems.append(f"{where}: line1, town and a valid postcode are needed")
            continue
        point = _point(where, row, report)
        if point:
            made.append(
                Address(
                    uprn=uprn, line1=line1, line2=str(row.get("line2", "")).strip(), town=town,
                    postcode=postcode, latitude=point[0], longitude=point[1],
                )
            )  # fmt: skip
    return made


def _delete_in_chunks(model, key: str, values: list[str]) -> None:
    # SQLite caps the parameters of one statement; a national file has millions of rows.
    for start in range(0, len(values), 500):
        model.objects.filter(**{f"{key}__in": values[start : start + 500]}).delete()


@transaction.atomic
def gazetteer_import(*, wards=(), postcodes=(), addresses=()) -> ImportReport:
    """Add or replace wards (by code), postcodes and addresses (by UPRN).

    Every row is checked first; one bad row saves nothing and the report says which.
    """
    report = ImportReport()
    new_wards = _check_wards(list(wards), report)
    known_codes = {w.code for w in new_wards} | set(Ward.objects.values_list("code", flat=True))
    new_postcodes = _check_postcodes(list(postcodes), known_codes, report)
    new_addresses = _check_addresses(list(addresses), report)
    if not report.ok:
        return report
    for ward in new_wards:
        Ward.objects.update_or_create(
            code=ward.code, defaults={"name": ward.name, "boundary": ward.boundary}
        )
    ward_ids = dict(Ward.objects.values_list("code", "id"))
    _delete_in_chunks(Postcode, "postcode", [p["postcode"] for p in new_postcodes])
    Postcode.objects.bulk_create(
        (Postcode(
            postcode=p["postcode"], latitude=p["latitude"], longitude=p["longitude"],
            ward_id=ward_ids.get(p["ward"]),
        )
        for p in new_postcodes),
        batch_size=2000,
    )  # fmt: skip
    _delete_in_chunks(Address, "uprn", [a.uprn for a in new_addresses])
    Address.objects.bulk_create(new_addresses, batch_size=2000)
    report.wards, report.postcodes, report.addresses = (
        len(new_wards), len(new_postcodes), len(new_addresses),
    )  # fmt: skip
    return report
