"""Small factories for governance tests: staff with roles, the seeded council, requests."""

from __future__ import annotations

import itertools
import uuid

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.governance import queries, services

PASSWORD = "a-long-enough-test-password"
_numbers = itertools.count(1)


def staff(*held: str, name: str = "", password: str | None = None):
    """A member of staff; without a password (tests sign in with force_login), which is fast."""
    number = next(_numbers)
    username = f"{(name or 'staff').split()[0].lower()}{number}"
    return accounts.staff_create(
        username=username,
        full_name=name or f"Staff Member{number}",
        email=f"{username}@example.gov.uk",
        roles=list(held),
        password=password,
    )


def board_member(name: str = "Morgan Ellis", password: str | None = None):
    return staff(roles.BOARD_MEMBER, name=name, password=password)


def council():
    """The council's documents and the first matrix, as `make run` loads them."""
    return services.seed_import_files()


def change_request(*, by, title: str = "Let residents book bulky waste online", **overrides):
    themes = {theme.code: theme for theme in queries.roadmap_themes()}
    fields = {
        "title": title,
        "problem": "Bookings are taken by phone and typed in twice.",
        "users_affected": "About 6,000 residents a year",
        "expected_benefits": "Fewer calls",
        "cost_band": "10k_50k",
        "urgency": "medium",
        "dependencies": "",
        "theme": themes.get("design-plan-and-implement"),
        "idempotency_key": uuid.uuid4(),
    }
    fields.update(overrides)
    request, _ = services.change_request_submit(actor=by, **fields)
    return request


def scores(**values: int) -> dict[str, int]:
    """A full set of scores, 3 for any criterion not named (underscores for hyphens)."""
    chosen = {c.code: 3 for c in queries.matrix_current().criteria}
    chosen.update({code.replace("_", "-"): value for code, value in values.items()})
    return chosen
