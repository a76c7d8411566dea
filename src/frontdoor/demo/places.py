"""The demo council's gazetteer: 17 wards (Southampton's ward names), postcodes and
addresses with made-up UPRNs, inside a hand-drawn outline of the city.

Everything is generated from a fixed seed, so every demo and every test sees the same
places. Ward boundaries are the Voronoi cells of each ward's centre, clipped to the
council's outline: close enough to real to make maps, filters and distances meaningful.
"""

from __future__ import annotations

import json
import random

import shapely

from frontdoor.places import queries, services

# (ward, centre latitude, centre longitude, postcode sectors, streets)
WARDS = [
    (
        "Bargate",
        50.9035,
        -1.4010,
        ["SO14 7", "SO14 2", "SO14 3"],
        ["Above Bar Street", "High Street", "Castle Way", "Bugle Street"],
    ),
    (
        "Bevois",
        50.9170,
        -1.3950,
        ["SO14 0", "SO17 1"],
        ["St Mary's Road", "Derby Road", "Onslow Road"],
    ),
    (
        "Banister and Polygon",
        50.9160,
        -1.4150,
        ["SO15 2"],
        ["Carlton Crescent", "Hill Lane", "Archers Road"],
    ),
    ("Freemantle", 50.9140, -1.4340, ["SO15 3"], ["Shirley Road", "Firgrove Road", "Paynes Road"]),
    (
        "Shirley",
        50.9270,
        -1.4330,
        ["SO15 5"],
        ["Shirley High Street", "Church Street", "Wordsworth Road"],
    ),
    (
        "Millbrook",
        50.9230,
        -1.4600,
        ["SO16 4"],
        ["Millbrook Road West", "Regents Park Road", "Wimpson Lane"],
    ),
    (
        "Redbridge",
        50.9210,
        -1.4700,
        ["SO16 9", "SO15 8"],
        ["Redbridge Lane", "Romsey Road", "Cuckmere Lane"],
    ),
    (
        "Coxford",
        50.9400,
        -1.4600,
        ["SO16 5", "SO16 6", "SO16 8"],
        ["Coxford Road", "Lordshill Way", "Aldermoor Road"],
    ),
    (
        "Bassett",
        50.9450,
        -1.4150,
        ["SO16 3", "SO16 7"],
        ["Bassett Avenue", "Winchester Road", "Glen Eyre Road"],
    ),
    (
        "Swaythling",
        50.9400,
        -1.3850,
        ["SO18 2", "SO16 3"],
        ["High Road", "Mansbridge Road", "Burgess Road"],
    ),
    (
        "Portswood",
        50.9280,
        -1.3950,
        ["SO17 2", "SO17 3"],
        ["Portswood Road", "Highfield Lane", "Westwood Road"],
    ),
    (
        "Bitterne Park",
        50.9300,
        -1.3700,
        ["SO18 1", "SO18 4"],
        ["Cobden Avenue", "Woodmill Lane", "Midanbury Lane"],
    ),
    (
        "Harefield",
        50.9250,
        -1.3500,
        ["SO18 5"],
        ["Yeovil Chase", "Harefield Road", "Moorgreen Road"],
    ),
    (
        "Thornhill",
        50.9160,
        -1.3400,
        ["SO19 6"],
        ["Hinkler Road", "Tatwin Crescent", "Bursledon Road"],
    ),
    (
        "Peartree",
        50.9050,
        -1.3650,
        ["SO19 7"],
        ["Peartree Avenue", "Spring Road", "Athelstan Road"],
    ),
    (
        "Woolston",
        50.8950,
        -1.3750,
        ["SO19 9"],
        ["Portsmouth Road", "Victoria Road", "Manor Road North"],
    ),
    ("Sholing", 50.8950, -1.3500, ["SO19 8"], ["Middle Road", "Butts Road", "Station Road"]),
]

# Postcodes the rest of the demo and its tests name, placed where they really are.
KNOWN = {
    "SO14 7LY": (50.9086, -1.4046), "SO14 7LP": (50.9091, -1.4040),
    "SO14 2DT": (50.9010, -1.4040), "SO14 0AA": (50.9125, -1.3990),
    "SO15 2DB": (50.9133, -1.4128), "SO15 2AB": (50.9120, -1.4105),
    "SO15 2JZ": (50.9150, -1.4160), "SO15 3UE": (50.9160, -1.4350),
    "SO16 3QA": (50.9420, -1.4080), "SO16 8HY": (50.9450, -1.4580),
    "SO17 1BJ": (50.9340, -1.3980), "SO17 2FW": (50.9270, -1.3930),
    "SO18 2NU": (50.9380, -1.3830), "SO19 9AL": (50.8960, -1.3780),
    "SO19 9RR": (50.8940, -1.3720),
}  # fmt: skip
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
POSTCODES_PER_WARD = 12
ADDRESSES_PER_POSTCODE = 8


def _ward_code(number: int) -> str:
    return f"E05DEMO{number:03d}"


def _ward_shapes(boundary) -> list:
    centres = shapely.MultiPoint([(lng, lat) for _, lat, lng, _, _ in WARDS])
    cells = shapely.voronoi_polygons(centres, extend_to=boundary.envelope)
    shapes = []
    for _, lat, lng, _, _ in WARDS:
        centre = shapely.Point(lng, lat)
        cell = next(c for c in cells.geoms if c.covers(centre))
        shapes.append(shapely.intersection(cell, boundary))
    return shapes


def _point_in(shape, rng: random.Random) -> tuple[float, float]:
    minx, miny, maxx, maxy = shape.bounds
    while True:
        lng, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if shape.covers(shapely.Point(lng, lat)):
            return round(lat, 6), round(lng, 6)


def gazetteer() -> tuple[list[dict], list[dict], list[dict]]:
    """The demo wards, postcodes and addresses, the same every time."""
    rng = random.Random(2026)  # noqa: S311 - a repeatable demo, not a secret
    shapes = _ward_shapes(queries.council_boundary())
    wards, postcodes, addresses = [], [], []
    used = set()
    for number, ((name, _, _, sectors, streets), shape) in enumerate(
        zip(WARDS, shapes, strict=True), 1
    ):
        code = _ward_code(number)
        wards.append(
            {"code": code, "name": name, "boundary": json.loads(shapely.to_geojson(shape))}
        )
        mine = [(pc, pt) for pc, pt in KNOWN.items() if shape.covers(shapely.Point(pt[1], pt[0]))]
        while len(mine) < POSTCODES_PER_WARD:
            postcode = (
                f"{rng.choice(sectors)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
            )
            if postcode not in used and postcode not in KNOWN:
                mine.append((postcode, _point_in(shape, rng)))
            used.add(postcode)
        for postcode, (lat, lng) in mine:
            postcodes.append(
                {"postcode": postcode, "latitude": lat, "longitude": lng, "ward_code": code}
            )
            street = rng.choice(streets)
            first = rng.randrange(1, 120)
            for house in range(ADDRESSES_PER_POSTCODE):
                addresses.append({
                    "uprn": str(100_060_000_000 + len(addresses)),
                    "line1": f"{first + house * 2} {street}",
                    "line2": "",
                    "town": "Southampton",
                    "postcode": postcode,
                    "latitude": round(lat + rng.uniform(-0.0004, 0.0004), 6),
                    "longitude": round(lng + rng.uniform(-0.0006, 0.0006), 6),
                })  # fmt: skip
    return wards, postcodes, addresses


def create() -> None:
    wards, postcodes, addresses = gazetteer()
    report = services.gazetteer_import(wards=wards, postcodes=postcodes, addresses=addresses)
    if not report.ok:
        raise ValueError("; ".join(report.problems))
