"""Demo street reports: the categories a council offers on its map and over Open311, each
routed to a team, and reports around the city in every state, with "me too" followers and
a possible duplicate for staff to merge. Made through the reports app's own services.

Strategy: "multi-channel options for problem reporting" (Southwark 2024-26).
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model

from frontdoor.cases import queries as case_queries
from frontdoor.cases import services as cases
from frontdoor.demo import places as demo_places
from frontdoor.places import queries as places
from frontdoor.reports import services

S = services.AttributeSpec
CATEGORIES = [
    (
        "pothole",
        "Pothole",
        "highways",
        "Roads and pavements",
        "A hole or crack in a road, pavement or cycle lane.",
        [
            S(
                "depth",
                "How deep is it?",
                "singlevaluelist",
                required=True,
                values=(("shallow", "Less than 5cm"), ("deep", "5cm or more")),
            ),
            S(
                "where_on_road",
                "Where is it?",
                "singlevaluelist",
                values=(
                    ("road", "On the road"),
                    ("pavement", "On the pavement"),
                    ("cycle", "In a cycle lane"),
                ),
            ),
        ],
    ),
    (
        "street-light",
        "Street light not working",
        "highways",
        "Roads and pavements",
        "A street light that is out, flickering or on all day.",
        [S("column_number", "The number on the lamp post, if you can see it", "string")],
    ),
    (
        "blocked-road",
        "Road or pavement blocked",
        "highways",
        "Roads and pavements",
        "Something blocking a road or pavement, including works without a sign.",
        [],
    ),
    (
        "fly-tipping",
        "Fly-tipping",
        "waste",
        "Rubbish",
        "Rubbish dumped on a street, verge or open space.",
        [
            S(
                "what",
                "What has been dumped?",
                "multivaluelist",
                values=(
                    ("household", "Household rubbish"),
                    ("furniture", "Furniture or mattresses"),
                    ("building", "Building rubble"),
                    ("hazardous", "Something that may be dangerous"),
                ),
            )
        ],
    ),
    (
        "graffiti",
        "Graffiti",
        "environmental-health",
        "Rubbish",
        "Graffiti on council property. Offensive graffiti is removed within a day.",
        [
            S(
                "offensive",
                "Is it offensive?",
                "singlevaluelist",
                values=(("yes", "Yes"), ("no", "No")),
            )
        ],
    ),
]
DESCRIPTIONS = {
    "pothole": ["Deep pothole by the bus stop", "Cracked tarmac across the cycle lane"],
    "street-light": ["Light out for a week", "Lamp flickering all night"],
    "blocked-road": ["Skip blocking the pavement", "Fallen tree across the path"],
    "fly-tipping": ["Mattress and bags dumped by the bins", "Sofa left on the verge"],
    "graffiti": ["Tags on the underpass wall", "Graffiti on the bus shelter"],
}
NAMES = ["Amara Okonkwo", "Ben Carter", "Chloe Smith", "Dev Patel", "Ella Jones"]


def create() -> None:
    rng = random.Random(311)  # noqa: S311 - demo data, not security
    for order, (code, name, team, group, description, questions) in enumerate(CATEGORIES):
        services.category_define(
            service_code=code,
            name=name,
            team=team,
            group=group,
            description=description,
            attributes=questions,
            order=order,
        )
    officer = get_user_model().objects.get(username="officer")
    postcodes = sorted(demo_places.KNOWN)
    made = []
    steps = ["", "investigate", "schedule", "start", "fix", "no_action", "not_ours",
             "mark_duplicate"]  # fmt: skip
    worked = []
    # One report of every category in every state, so the map and queues show them all.
    for number in range(len(CATEGORIES) * len(steps)):
        code = CATEGORIES[number % len(CATEGORIES)][0]
        point = places.point_for_postcode(postcodes[number % len(postcodes)])
        if point is None:
            continue
        # Scatter around the postcode's centre, a street or two either way.
        lat = point.lat + rng.uniform(-0.0015, 0.0015)
        lng = point.lng + rng.uniform(-0.0025, 0.0025)
        if not places.within_council_boundary(lat, lng):
            lat, lng = point.lat, point.lng
        name = NAMES[number % len(NAMES)]
        answers = {"depth": "deep"} if code == "pothole" else {}
        report = services.report_create(
            service_code=code,
            place=services.Place(latitude=lat, longitude=lng),
            contact=cases.Contact(name=name, email=f"{name.split()[0].lower()}@demo.example.com"),
            description=f"{rng.choice(DESCRIPTIONS[code])} (demo data)",
            channel="web" if number % 3 else "partner",
            attributes=answers,
        )
        made.append(report)
        worked.append(steps[number // len(CATEGORIES)])
    for report, step in zip(made, worked, strict=True):
        if step:
            case = case_queries.case_get(reference=report.reference)
            cases.case_transition(
                user=officer,
                reference=report.reference,
                transition=step,
                expected_version=case.version,
                public_text="" if step != "schedule" else "A crew is booked for next week.",
            )
    # Neighbours who said "me too", and a second report of a pothole already reported.
    for report in made[5:8]:
        services.report_me_too(reference=report.reference, email="neighbour@demo.example.com")
    if made:
        first = made[-1]
        services.report_create(
            service_code=first.category.service_code,
            place=services.Place(latitude=first.latitude, longitude=first.longitude),
            contact=cases.Contact(name="Farah Ali", email="farah@demo.example.com"),
            description="Same problem again, reported twice (demo data)",
            attributes={"depth": "shallow"} if first.category.service_code == "pothole" else {},
        )
