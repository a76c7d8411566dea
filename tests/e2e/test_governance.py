"""A change request from submission to the roadmap, and the board's papers, in Chromium."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from frontdoor.accounts import roles
from frontdoor.governance.tests import factories


@pytest.fixture
def people(transactional_db):
    factories.council()
    return {
        "agent": factories.staff(roles.AGENT, name="Ade Okafor", password=factories.PASSWORD),
        "board": factories.board_member(password=factories.PASSWORD),
    }


@pytest.fixture
def sign_in(staff_sign_in):
    def sign_in(page, user):
        staff_sign_in(page, user.username, factories.PASSWORD, next_url="/staff/governance/")

    return sign_in


def _pdf_text(page, path: str) -> str:
    response = page.request.get(page.base_url + path)
    assert response.headers["content-type"] == "application/pdf"
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def test_a_change_request_is_submitted_scored_ranked_accepted_and_put_on_the_roadmap(
    open_page, people, sign_in
):
    # A member of staff asks for a change.
    staff_page = open_page()
    sign_in(staff_page, people["agent"])
    staff_page.get_by_role("button", name="Submit a change request").click()
    staff_page.assert_accessible()
    staff_page.get_by_label("Title").fill("Book bulky waste collections online")
    staff_page.get_by_label("What problem would the change solve?").fill(
        "Every booking is a phone call and is typed in twice."
    )
    staff_page.get_by_label("Who is affected, and roughly how many?").fill(
        "About 6,000 residents a year"
    )
    staff_page.get_by_label("What benefits do you expect?").fill("Fewer calls")
    staff_page.get_by_label("£10,000 to £50,000").check()
    staff_page.get_by_label("Medium: needed within 6 months").check()
    staff_page.get_by_role("button", name="Submit the change request").click()
    staff_page.assert_accessible()
    banner = staff_page.locator(".govuk-notification-banner").inner_text()
    # The reference comes from the database's sequence, which PostgreSQL does not rewind.
    reference = re.search(r"Change request (CR-\d{4}) submitted", banner).group(1)
    link_name = f"{reference}: Book bulky waste collections online"

    # A board member scores it; a score off the scale is explained first.
    board_page = open_page()
    sign_in(board_page, people["board"])
    board_page.get_by_role(
        "link", name="Change requests, ranked by the prioritisation matrix"
    ).click()
    board_page.assert_accessible()
    assert "Not fully scored" in board_page.locator("#ranking").inner_text()
    board_page.get_by_role("link", name=link_name).click()
    board_page.assert_accessible()
    board_page.get_by_role("button", name="Score this request").click()
    board_page.assert_accessible()
    for name, value in (
        ("Strategic alignment", "4"),
        ("User benefit", "5"),
        ("Savings", "7"),
        ("Risk reduced", "1"),
        ("Ease of delivery", "3"),
    ):
        board_page.get_by_label(name, exact=True).fill(value)
    board_page.get_by_role("button", name="Save my scores").click()
    board_page.assert_accessible()
    assert board_page.title().startswith("Error: ")
    summary = board_page.locator(".govuk-error-summary")
    assert "The score for Savings must be a whole number from 0 to 5" in summary.inner_text()
    board_page.get_by_label("Savings", exact=True).fill("3")
    board_page.get_by_role("button", name="Save my scores").click()
    board_page.assert_accessible()

    # The ranking shows the priority beside the published criteria and weights.
    ranking = board_page.locator("#ranking").inner_text()
    assert re.search(rf"1\s+{link_name}", ranking)
    assert "70.00" in ranking  # 100 × (30×4 + 25×5 + 20×3 + 15×1 + 10×3) ÷ (5 × 100)
    assert "Strategic alignment" in board_page.locator("main").inner_text()
    assert board_page.get_by_text("(weight 30)").count() == 1

    # The board accepts it, with its reason, and it appears on the roadmap.
    board_page.get_by_role("link", name=link_name).click()
    board_page.assert_accessible()
    board_page.get_by_role("button", name="Decide").click()
    board_page.assert_accessible()
    board_page.get_by_label("Accept", exact=True).check()
    board_page.get_by_role("button", name="Record the decision").click()
    board_page.assert_accessible()
    assert (
        "Enter the reason for the board's decision"
        in board_page.locator(".govuk-error-summary").inner_text()
    )
    board_page.get_by_label("Accept", exact=True).check()
    board_page.get_by_label("Reason for the decision").fill("High benefit for residents")
    board_page.get_by_label("Roadmap theme (if accepted)").select_option(
        label="Design, plan and implement"
    )
    board_page.get_by_label("Now", exact=True).check()
    board_page.get_by_label("Operational", exact=True).check()
    board_page.get_by_role("button", name="Record the decision").click()
    board_page.assert_accessible()
    assert board_page.get_by_role("heading", level=1).inner_text() == (
        "Book bulky waste collections online"
    )
    board_page.get_by_role("link", name="Roadmap", exact=True).first.click()
    board_page.assert_accessible()
    design = board_page.locator("#theme-design-plan-and-implement + .govuk-grid-row")
    assert (
        "Book bulky waste collections online"
        in design.locator(".govuk-grid-column-one-third").first.inner_text()
    )

    # The staff member sees the decision and its reason.
    staff_page.reload()
    staff_page.assert_accessible()
    assert "High benefit for residents" in staff_page.locator("main").inner_text()

    # The quarterly pack and the FoW-style report render, as pages and as PDFs.
    board_page.visit("/staff/governance/reviews/")
    assert "Book bulky waste collections online" in board_page.locator("main").inner_text()
    assert "Overdue next steps" in board_page.locator("main").inner_text()
    assert "Accepted" in _pdf_text(board_page, "/staff/governance/reviews/pdf/")
    board_page.visit("/staff/governance/reports/future-of-work/")
    assert board_page.get_by_role("columnheader", name="Lead").is_visible()
    assert "Tech in the City events" in _pdf_text(
        board_page, "/staff/governance/reports/future-of-work/pdf/"
    )


@pytest.mark.parametrize(
    "path", ["/staff/governance/roadmap/", "/staff/governance/change-requests/"]
)
def test_the_roadmap_and_ranking_work_on_a_phone_without_javascript(
    open_page, people, path, sign_in
):
    page = open_page(viewport="phone", javascript=False)
    sign_in(page, people["agent"])
    page.visit(path)
    assert page.get_by_role("heading", level=1).is_visible()
