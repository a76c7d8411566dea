"""Small factories for street-report tests: the demo gazetteer, categories, staff, reports."""

from __future__ import annotations

from frontdoor.accounts import roles
from frontdoor.cases import services as cases
from frontdoor.cases.tests import factories as case_factories
from frontdoor.demo import places as demo_places
from frontdoor.reports import services
from frontdoor.reports.models import MULTI, NUMBER, SINGLE

CIVIC_CENTRE = demo_places.KNOWN["SO14 7LY"]  # (lat, lng), in Bargate ward
LONDON = (51.5074, -0.1278)


def gazetteer() -> None:
    demo_places.create()


def pothole(**overrides):
    case_factories.team("highways", "Highways")
    arguments = {
        "service_code": "pothole",
        "name": "Pothole",
        "team": "highways",
        "description": "A hole in a road or pavement.",
        "group": "Roads",
        "keywords": "road,pavement,hole",
        "attributes": [
            services.AttributeSpec(
                "depth",
                "How deep is it?",
                SINGLE,
                required=True,
                values=(("shallow", "Less than 5cm"), ("deep", "5cm or more")),
            ),
            services.AttributeSpec(
                "hazards",
                "Is anything else wrong?",
                MULTI,
                values=(("water", "Standing water"), ("kerb", "Broken kerb")),
            ),
            services.AttributeSpec("width_cm", "About how wide is it, in centimetres?", NUMBER),
        ],
        "sla_working_days": 5,
    }
    arguments.update(overrides)
    return services.category_define(**arguments)


def fly_tipping():
    case_factories.team("waste", "Waste and recycling")
    return services.category_define(
        service_code="fly-tipping", name="Fly-tipping", team="waste", group="Rubbish"
    )


def officer(teams=("highways",), username: str = ""):
    return case_factories.staff(roles.CASE_OFFICER, teams=teams, username=username)


def administrator(username: str = "", password: str | None = None):
    return case_factories.staff(roles.ADMINISTRATOR, username=username, password=password)


def report(*, at=CIVIC_CENTRE, service_code="pothole", email="amara@example.com", **overrides):
    arguments = {
        "service_code": service_code,
        "place": services.Place(latitude=at[0], longitude=at[1]),
        "contact": cases.Contact(name="Amara Okonkwo", email=email),
        "description": "A deep pothole by the bus stop.",
        "attributes": {"depth": "deep"} if service_code == "pothole" else {},
    }
    arguments.update(overrides)
    return services.report_create(**arguments)


def metres_north(point, metres: float):
    return (point[0] + metres / 111_320, point[1])
