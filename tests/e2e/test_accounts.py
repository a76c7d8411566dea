"""A resident sends a form with no account, signs up later with the same email, and finds
that request and its updates in My account; a sign-in link cannot be used twice. Issue 7,
in Chromium, every page checked with axe-core."""

from __future__ import annotations

import json
import re

import pytest

from frontdoor.accounts import roles
from frontdoor.cases import services as cases
from frontdoor.journeys.tests.factories import staff
from frontdoor.notify import queries as notify_queries
from tests.e2e import test_journeys
from tests.e2e.test_journeys import complete

EMAIL = "resident@example.com"  # what test_journeys.complete types into email questions
UPDATE = "A crew will collect your bin tomorrow morning."
MISSED_BIN = "report-a-missed-bin-collection"


# The demo forms, their case types and the gazetteer, as the journeys' own tests set them up.
published = test_journeys.published


def _sign_in_email() -> tuple[str, str]:
    message = notify_queries.messages_to(addresses=[EMAIL]).filter(about_type="account").first()
    link = re.search(r"(/account/sign-in/link/\S+/)", message.body).group(1)
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    return link, code


def _ask_for_sign_in(page) -> None:
    page.get_by_role("link", name="Your account").first.click()
    page.assert_accessible()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in or create an account"
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_role("button", name="Continue").click()
    page.assert_accessible()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"


@pytest.mark.parametrize(
    "mode", [{"viewport": "desktop"}, {"viewport": "phone", "javascript": False}]
)
def test_a_resident_signs_up_later_and_finds_their_earlier_request_with_its_updates(
    open_page, published, mode
):
    resident = open_page(**mode)
    reference = complete(resident, MISSED_BIN)

    # Days later, the council works the request and tells the resident.
    manager = staff(roles.SERVICE_MANAGER, username="tom")
    cases.case_update_public(user=manager, reference=reference, text=UPDATE)

    resident.visit("/")
    _ask_for_sign_in(resident)
    link, code = _sign_in_email()
    if mode.get("javascript", True):
        resident.visit(link)
        assert resident.get_by_role("heading", level=1).inner_text() == "Continue signing in"
        resident.get_by_role("button", name="Continue to your account").click()
    else:
        resident.get_by_label("Code from the email").fill(code)
        resident.get_by_role("button", name="Sign in").click()
    resident.assert_accessible()
    assert resident.get_by_role("heading", level=1).inner_text() == "Your account"
    requests = resident.locator("table.govuk-table").inner_text()
    assert reference in requests and "Missed bin" in requests
    assert UPDATE in requests

    resident.get_by_role("link", name=reference).click()
    resident.assert_accessible()
    assert resident.get_by_role("heading", level=1).inner_text() == f"Your request {reference}"
    assert UPDATE in resident.locator(".frontdoor-timeline").inner_text()

    resident.get_by_role("link", name="Messages").first.click()
    resident.assert_accessible()
    assert f"We have your request: Missed bin collection, reference {reference}" in (
        resident.locator("main").inner_text()
    )


def test_a_sign_in_link_used_once_cannot_sign_in_again(open_page, published):
    first = open_page()
    first.visit("/")
    _ask_for_sign_in(first)
    link, _ = _sign_in_email()
    first.visit(link)
    first.get_by_role("button", name="Continue to your account").click()
    first.assert_accessible()
    assert first.get_by_role("heading", level=1).inner_text() == "Your account"

    someone_else = open_page(viewport="phone")
    someone_else.visit(link)
    assert someone_else.get_by_role("heading", level=1).inner_text() == "You are not signed in"
    assert "already been used" in someone_else.get_by_test_id("problem").inner_text()
    someone_else.visit("/account/")
    assert someone_else.get_by_role("heading", level=1).inner_text() == (
        "Sign in or create an account"
    )


def test_a_resident_sets_preferences_and_downloads_their_data(open_page, published):
    resident = open_page()
    reference = complete(resident, MISSED_BIN)
    resident.visit("/account/sign-in/")
    resident.get_by_label("Email address").fill(EMAIL)
    resident.get_by_role("button", name="Continue").click()
    resident.assert_accessible()
    resident.get_by_label("Code from the email").fill(_sign_in_email()[1])
    resident.get_by_role("button", name="Sign in").click()
    resident.assert_accessible()

    resident.get_by_role("link", name="How we contact you").click()
    resident.assert_accessible()
    bins = resident.get_by_role("group", name="Bin collection reminders")
    bins.get_by_label("Text message").check()
    resident.get_by_role("button", name="Save preferences").click()
    resident.assert_accessible()
    assert (
        "Add and confirm a mobile number" in resident.locator(".govuk-error-summary").inner_text()
    )
    bins = resident.get_by_role("group", name="Bin collection reminders")
    bins.get_by_label("Text message").uncheck()
    bins.get_by_label("Email").check()
    resident.get_by_role("button", name="Save preferences").click()
    resident.assert_accessible()
    assert "Your preferences are saved" in resident.locator("main").inner_text()

    resident.get_by_role("link", name="Your data").click()
    resident.assert_accessible()
    with resident.expect_download() as download:
        resident.get_by_role("button", name="Download your data").click()
    data = json.loads(download.value.path().read_text())
    sections = {section["source"]: section["records"] for section in data["sections"]}
    assert sections["accounts"][0]["email"] == EMAIL
    assert sections["accounts"][0]["communication_preferences"]["bins"] == ["email"]
    assert [case["reference"] for case in sections["cases"]] == [reference]
