"""Small factories for case tests: teams, staff, a case type, a case."""

from __future__ import annotations

import itertools

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.cases import services

PASSWORD = "a-long-enough-test-password"
_numbers = itertools.count(1)


def team(code: str = "waste", name: str = "Waste and recycling"):
    return accounts.team_define(code=code, name=name)


def staff(*held: str, teams: tuple[str, ...] = (), username: str = "", password: str | None = None):
    """A member of staff; no password (hashing one is slow) unless a test signs in."""
    user = accounts.staff_create(
        username=username or f"staff{next(_numbers)}",
        full_name="Sam Example",
        email="sam@example.gov.uk",
        roles=list(held),
        password=password,
    )
    for code in teams:
        accounts.team_member_add(team_code=code, user=user)
    return user


def officer(teams: tuple[str, ...] = ("waste",), username: str = ""):
    return staff(roles.CASE_OFFICER, teams=teams, username=username)


def agent(username: str = ""):
    return staff(roles.AGENT, username=username)


def case_type(code: str = "missed-bin", team_code: str = "waste", **overrides):
    if team_code:
        team(team_code, team_code.title())
    arguments = {
        "code": code,
        "name": "Missed bin collection",
        "team": team_code or None,
        "sla_working_days": {"normal": 2, "urgent": 1},
    }
    arguments.update(overrides)
    return services.case_type_define(**arguments)


def contact(**overrides) -> services.Contact:
    fields = {"name": "Amara Okonkwo", "email": "amara@example.com", "postcode": "so14 7ly"}
    fields.update(overrides)
    return services.Contact(**fields)


def case(*, case_type_code: str = "missed-bin", channel: str = "web", by=None, **overrides):
    arguments = {
        "case_type": case_type_code,
        "channel": channel,
        "contact": contact(),
        "description": "Our bin was missed.",
        "created_by": by,
    }
    arguments.update(overrides)
    return services.case_create(**arguments).case
