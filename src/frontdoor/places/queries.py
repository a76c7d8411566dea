"""Read-only questions about places: what a postcode is, where it is, which addresses
and ward it holds, and whether a point lies inside the council's boundary.

Every capability that meets a postcode or a point asks here, so a postcode is parsed one
way and a place is looked up in one gazetteer (DESIGN.md: "UPRN for addresses").
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from frontdoor.places.models import Address, Postcode, Ward

# The shape of a full UK postcode once spaces are removed: outward code, inward code.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")
_EARTH_RADIUS_M = 6_371_008.8
DEMO_BOUNDARY = Path(__file__).resolve().parent / "data" / "demo_boundary.geojson"


@dataclass(frozen=True)
class Point:
    lat: float
    lng: float


@dataclass(frozen=True)
class PlaceAddress:
    uprn: str
    line1: str
    line2: str
    town: str
    postcode: str
    point: Point

    @property
    def label(self) -> str:
        return ", ".join(p for p in (self.line1, self.line2, self.town, self.postcode) if p)


@dataclass(frozen=True)
class WardName:
    code: str
    name: str


def postcode_normalise(text: str) -> str:
    """'so147ly' -> 'SO14 7LY'; "" when the text is not the shape of a full UK postcode."""
    match = _POSTCODE.fullmatch(re.sub(r"\s+", "", text or "").upper())
    return f"{match.group(1)} {match.group(2)}" if match else ""


def postcode_in(text: str) -> str:
    """The first full postcode written anywhere in some text, normalised, or ""."""
    found = re.search(r"\b[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}\b", text or "")
    return postcode_normalise(found.group(0)) if found else ""


def point_for_postcode(postcode: str) -> Point | None:
    """Where a postcode is (its centre), or None when the gazetteer does not hold it."""
    row = (
        Postcode.objects.filter(postcode=postcode_normalise(postcode))
        .values_list("latitude", "longitude")
        .first()
    )
    return Point(*row) if row else None


def _address(row: Address) -> PlaceAddress:
    return PlaceAddress(
        uprn=row.uprn,
        line1=row.line1,
        line2=row.line2,
        town=row.town,
        postcode=row.postcode,
        point=Point(row.latitude, row.longitude),
    )


def _house_order(address: Address):
    # "2 High Street" before "10 High Street", as a person reading the list expects.
    number = re.match(r"(?:Flat )?(\d+)", address.line1)
    return (
        address.line2,
        address.line1.lstrip("0123456789 "),
        int(number.group(1)) if number else 0,
    )


def addresses_for_postcode(postcode: str) -> list[PlaceAddress]:
    """Every address at a postcode, in the order a resident reads down a street."""
    rows = Address.objects.filter(postcode=postcode_normalise(postcode))
    return [_address(row) for row in sorted(rows, key=_house_order)]


def gazetteer_has_addresses() -> bool:
    return Address.objects.exists()


def address_for_uprn(uprn: str) -> PlaceAddress | None:
    row = Address.objects.filter(uprn=str(uprn).strip()).first()
    return _address(row) if row else None


def wards() -> list[WardName]:
    return [WardName(code, name) for code, name in Ward.objects.values_list("code", "name")]


def ward_for_postcode(postcode: str) -> WardName | None:
    row = (
        Postcode.objects.filter(postcode=postcode_normalise(postcode), ward__isnull=False)
        .values_list("ward__code", "ward__name")
        .first()
    )
    return WardName(*row) if row else None


def _ward_shapes() -> list[tuple[WardName, object]]:
    # Parsed once per gazetteer version: a new or changed ward set changes the key.
    version = tuple(Ward.objects.aggregate(n=models.Count("id"), last=models.Max("id")).values())
    return _parsed_wards(version)


@lru_cache(maxsize=2)
def _parsed_wards(version) -> list[tuple[WardName, object]]:
    shapes = []
    for code, name, boundary in Ward.objects.exclude(boundary="").values_list(
        "code", "name", "boundary"
    ):
        shape = shapely.from_geojson(boundary)
        shapely.prepare(shape)
        shapes.append((WardName(code, name), shape))
    return shapes


def ward_for_point(lat: float, lng: float) -> WardName | None:
    """The ward a point lies in, by its boundary; None outside every ward."""
    here = shapely.Point(float(lng), float(lat))
    return next((ward for ward, shape in _ward_shapes() if shape.covers(here)), None)


def postcode_near(lat: float, lng: float, *, within_m: float = 500) -> str:
    """The nearest postcode to a point within a distance, or "" (a map click's postcode)."""
    # About 0.0045 degrees of latitude per 500 m; a box first keeps the query indexed.
    span = within_m / 111_000
    box = Postcode.objects.filter(
        latitude__range=(lat - span, lat + span),
        longitude__range=(lng - span * 1.6, lng + span * 1.6),
    ).values_list("postcode", "latitude", "longitude")
    best = min(box, key=lambda row: distance_m(lat, lng, row[1], row[2]), default=None)
    if best is None or distance_m(lat, lng, best[1], best[2]) > within_m:
        return ""
    return best[0]


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres (haversine): right to a metre at a city's scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(math.sqrt(a))


@lru_cache(maxsize=4)
def _boundary(path: str):
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        if document.get("type") == "FeatureCollection":
            shape = shapely.union_all(
                [shapely.geometry.shape(f["geometry"]) for f in document["features"]]
            )
        elif document.get("type") == "Feature":
            shape = shapely.geometry.shape(document["geometry"])
        else:
            shape = shapely.geometry.shape(document)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ImproperlyConfigured(
            f"COUNCIL_BOUNDARY {path!r} is not a readable GeoJSON polygon: {error}"
        ) from None
    if shape.geom_type not in {"Polygon", "MultiPolygon"} or shape.is_empty:
        raise ImproperlyConfigured(
            f"COUNCIL_BOUNDARY {path!r} holds a {shape.geom_type}: it must be a polygon."
        )
    shapely.prepare(shape)
    return shape


def council_boundary():
    """The council's boundary as a shapely geometry (the demo outline when none is set)."""
    return _boundary(str(settings.COUNCIL_BOUNDARY or DEMO_BOUNDARY))


def council_boundary_geojson() -> dict:
    """The boundary as a GeoJSON geometry, for maps."""
    return json.loads(shapely.to_geojson(council_boundary()))


def within_council_boundary(lat: float, lng: float) -> bool:
    return council_boundary().covers(shapely.Point(float(lng), float(lat)))
