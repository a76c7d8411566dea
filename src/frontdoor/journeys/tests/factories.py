"""Small factories for journeys' tests: staff, and forms published from a few lines."""

from __future__ import annotations

import itertools
import re

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.cases import services as cases
from frontdoor.journeys import services

PASSWORD = "a-long-enough-test-password"
_numbers = itertools.count(1)


def staff(role: str = roles.SERVICE_MANAGER, username: str = "", *, password: str | None = None):
    """A staff member; without a password unless a test signs in through the page, since
    hashing one (Argon2) is slow on purpose."""
    username = username or f"{role}{next(_numbers)}"
    return accounts.staff_create(
        username=username,
        full_name=f"{role.replace('_', ' ').title()} Person",
        email=f"{username}@example.gov.uk",
        roles=[role],
        password=password,
    )


def question(key: str, type: str = "short_text", **settings) -> dict:
    return {"key": key, "type": type, "label": settings.pop("label", f"What is {key}?"), **settings}


def case_type(code: str = "test_case", team: str = "") -> str:
    """A case type for forms to become, in the team given (made if need be)."""
    if team:
        accounts.team_define(code=team, name=team.replace("-", " ").title())
    cases.case_type_define(code=code, name=code.replace("_", " ").title(), team=team or None)
    return code


def form_published(*pages: dict, slug: str = "", manager=None, **details):
    """A published form from page dicts: {"key": ..., "questions": [...], "routes": [...]}."""
    manager = manager or staff()
    case_type()
    slug = slug or f"form-{next(_numbers)}"
    made = services.form_create(
        by=manager,
        title=details.pop("title", f"Test form {slug}"),
        case_type=details.pop("case_type", "test_case"),
        slug=slug,
    )
    yaml_pages = list(pages) or [{"key": "name", "questions": [question("full_name")]}]
    services.form_import(
        by=manager,
        yaml_text=_yaml(slug, {"title": made.title, "case_type": "test_case", "pages": yaml_pages}),
    )
    services.form_publish(slug=slug, by=manager)
    return made


def _yaml(slug: str, definition: dict) -> str:
    from frontdoor.journeys import queries

    return queries.form_yaml(slug=slug, definition=definition)


def hidden(response, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden field {name}"
    return match.group(1)


def errors(response) -> list[str]:
    """The messages in the error summary, in order."""
    html = response.content.decode()
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return re.findall(r'<a href="[^"]*">(.*?)</a>', summary.group(1)) if summary else []
