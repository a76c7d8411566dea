"""Made data for the measures: cases, contacts and closures at chosen times, through the
cases app's own services (as a council's real data arrives)."""

from __future__ import annotations

import datetime
import itertools

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.insights.periods import LONDON

_numbers = itertools.count(1)


def staff(*held: str):
    return accounts.staff_create(
        username=f"insights{next(_numbers)}",
        full_name="Robin Example",
        email="robin@example.gov.uk",
        roles=list(held) or [roles.SERVICE_MANAGER],
    )


def case_type(code: str = "missed-bin", name: str = "Missed bin collection", days: int = 2):
    return cases.case_type_define(code=code, name=name, sla_working_days=days)


def quiet_case_type(code: str = "quiet", name: str = "Quiet request"):
    """A case type whose workflow tells the resident nothing until it closes."""
    cases.workflow_define(
        code="quiet",
        name="Quiet",
        states=[
            cases.State("received", "Received", initial=True),
            cases.State("working", "Working"),
            cases.State("closed", "Closed", closed=True),
        ],
        transitions=[
            cases.Transition("work", "Work", ("received",), "working"),
            cases.Transition("close", "Close", ("received", "working"), "closed", public=True),
        ],
    )
    return cases.case_type_define(code=code, name=name, workflow="quiet")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def case(
    *,
    received: datetime.datetime,
    case_type_code: str = "missed-bin",
    channel: str = "web",
    ward: str = "",
    agent=None,
    name: str = "Amara Okonkwo",
    email: str = "amara@example.com",
):
    if channel in {"phone", "face_to_face"} and agent is None:
        agent = staff(roles.AGENT)
    return cases.case_create(
        case_type=case_type_code,
        channel=channel,
        contact=cases.Contact(name=name, email=email, postcode="SO14 7LY"),
        description="Our bin was missed.",
        location=cases.Location(ward=ward, postcode="SO14 7LY", address="1 High Street"),
        created_by=agent if channel in {"phone", "face_to_face"} else None,
        received_at=received,
    ).case


def close(made, *, when: datetime.datetime, worker=None):
    worker = worker or staff(roles.SERVICE_MANAGER)
    current = cases_queries.case_get(reference=made.reference)
    return cases.case_transition(
        user=worker,
        reference=made.reference,
        transition="close",
        expected_version=current.version,
        closure_reason="resolved" if current.case_type.workflow.code == "standard" else "",
        at=when,
    )


def chase(made, *, when: datetime.datetime, channel: str = "phone", agent=None):
    return cases.case_contact_log(
        user=agent or staff(roles.AGENT), reference=made.reference, channel=channel, at=when
    )
