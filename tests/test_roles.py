"""A member of staff of each role signs in with two factors and meets exactly the
permissions that docs/roles.md lists, page by page and API by API.

Strategy: personal data "visible only to staff whose role needs it" (DESIGN.md).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from frontdoor.accounts import roles
from frontdoor.accounts.tests.factories import staff, staff_sign_in
from frontdoor.cases.tests import factories as case_factories

ROLES_PAGE = Path(__file__).resolve().parents[1] / "docs" / "roles.md"
_ROW = re.compile(r"^\| `(GET|POST) (\S+)` \|(.*)\|\s*$")


def _table() -> tuple[list[str], list[tuple[str, str, dict[str, bool]]]]:
    lines = ROLES_PAGE.read_text().splitlines()
    header = next(line for line in lines if line.startswith("| address |"))
    codes = [cell.strip() for cell in header.strip("|").split("|")][1:]
    rows = []
    for line in lines:
        match = _ROW.match(line)
        if match:
            cells = [cell.strip() for cell in match.group(3).split("|")]
            assert set(cells) <= {"yes", "no"}, line
            rows.append(
                (
                    match.group(1),
                    match.group(2),
                    dict(zip(codes, [c == "yes" for c in cells], strict=True)),
                )
            )
    return codes, rows


CODES, ROWS = _table()


def test_the_table_covers_every_declared_role():
    assert set(CODES) == set(roles.BY_CODE)
    assert len(ROWS) >= 15


@pytest.fixture
def council(db):
    case_factories.case_type(code="missed-bin", team_code="waste")
    case_factories.case_type(code="pothole", team_code="highways", name="Pothole")
    own = case_factories.case(case_type_code="missed-bin")
    other = case_factories.case(case_type_code="pothole")
    return {"own": own.reference, "other": other.reference}


@pytest.mark.parametrize("role", sorted(roles.BY_CODE))
def test_each_role_reaches_exactly_what_docs_roles_md_says(client, council, role, caplog):
    member = staff(role, username=role.replace("_", ""))
    if role == roles.CASE_OFFICER:
        case_factories.team("waste")
        from frontdoor.accounts import services as accounts

        accounts.team_member_add(team_code="waste", user=member)
    signed_in = staff_sign_in(client, member)
    assert signed_in.status_code == 302 and signed_in["Location"] == "/staff/"

    wrong = []
    with caplog.at_level(logging.WARNING, logger="frontdoor.security"):
        for method, template, allowed in ROWS:
            address = template.format(**council)
            if method == "GET":
                response = client.get(address)
            else:
                response = client.post(
                    address, {"text": "Checked the bin store."}, content_type="application/json"
                )
            reached = response.status_code == 200
            refused = response.status_code in {403, 404}
            if allowed[role] and not reached or not allowed[role] and not refused:
                wrong.append(f"{method} {template}: {response.status_code}")
    assert not wrong, f"{role} does not match docs/roles.md:\n" + "\n".join(wrong)
    if not all(allowed[role] for _, _, allowed in ROWS):
        assert "refused action=" in caplog.text  # every refusal by role is logged


def test_a_visitor_reaches_none_of_them(client, council):
    for method, template, _ in ROWS:
        address = template.format(**council)
        response = client.get(address) if method == "GET" else client.post(address)
        if address.startswith("/api/"):
            assert response.status_code == 401, address
        else:
            assert response.status_code == 302, address
            assert response["Location"].startswith("/staff/sign-in/"), address


def test_a_refusal_in_the_service_holds_whatever_page_or_api_called_it(db, council):
    """The rule lives in the service: calling it directly is refused just the same."""
    from django.core.exceptions import PermissionDenied

    from frontdoor.cases import services as cases

    board = staff(roles.BOARD_MEMBER, username="board")
    with pytest.raises(PermissionDenied):
        cases.case_note_add(user=board, reference=council["own"], text="Not mine to write")
