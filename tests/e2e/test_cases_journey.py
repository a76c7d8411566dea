"""An agent logs a phone call, an officer works the case, the resident is told at each
public step and tracks it online: the journey of issue 4, end to end in Chromium."""

import re

import pytest

from frontdoor.accounts import roles
from frontdoor.cases.tests import factories

PASSWORD = factories.PASSWORD


@pytest.fixture
def council(db):
    factories.case_type(name="Missed bin collection")
    factories.staff(roles.AGENT, username="ade", password=PASSWORD)
    factories.staff(roles.CASE_OFFICER, teams=("waste",), username="priya", password=PASSWORD)


def test_a_phone_contact_becomes_a_case_the_resident_is_told_about_and_can_track(
    open_page, council, staff_sign_in
):
    agent = open_page()
    staff_sign_in(agent, "ade", PASSWORD)
    agent.get_by_role("link", name="Log a contact").first.click()
    agent.assert_accessible()
    agent.get_by_label("Phone", exact=True).check()
    agent.get_by_label("A new request").check()
    agent.get_by_role("button", name="Save contact").click()
    agent.assert_accessible()  # the error summary page
    assert agent.title().startswith("Error: ")
    assert "Select the type of request" in agent.locator(".govuk-error-summary").inner_text()

    agent.get_by_label("What did they say?").fill("Black bin missed on Portswood Road")
    agent.get_by_label("Type of request").select_option("missed-bin")
    agent.get_by_label("Their name").fill("Amara Okonkwo")
    agent.get_by_label("Email address").fill("amara@example.com")
    agent.get_by_label("Their postcode").fill("SO17 2FW")
    agent.get_by_role("group", name="How do they want updates?").get_by_label("Email").check()
    agent.get_by_role("button", name="Save contact").click()
    agent.assert_accessible()
    banner = agent.locator(".govuk-notification-banner").inner_text()
    reference = re.search(r"Request (\S{4}-\S{4}) opened", banner).group(1)

    officer = open_page()
    staff_sign_in(officer, "priya", PASSWORD)
    officer.get_by_role("link", name="Cases").first.click()
    officer.assert_accessible()
    officer.get_by_role("link", name=reference).click()
    officer.assert_accessible()
    officer.get_by_label("Start work (tells the resident)").check()
    officer.get_by_label("Message to the resident (optional)").fill(
        "A crew will collect your bin tomorrow."
    )
    officer.get_by_role("button", name="Save step").click()
    officer.assert_accessible()
    assert "Status: In progress" in officer.locator(".frontdoor-timeline").inner_text()

    officer.get_by_label("Close (tells the resident)").check()
    officer.get_by_label("Why is it being closed?").select_option("resolved")
    officer.get_by_role("button", name="Save step").click()
    officer.assert_accessible()

    officer.get_by_role("link", name="Messages to residents").first.click()
    officer.assert_accessible()
    rows = officer.locator("tbody tr", has_text=reference)
    assert rows.count() == 3
    assert rows.filter(has_text="Delivered").count() == 3
    rows.filter(has_text="finished").get_by_role("link").click()
    officer.assert_accessible()
    assert "Done" in officer.locator(".frontdoor-message-body").inner_text()

    resident = open_page(viewport="phone", javascript=False)
    resident.visit("/")
    resident.get_by_role("link", name="Track my request").first.click()
    resident.assert_accessible()
    resident.get_by_label("Your reference").fill(reference.lower())
    resident.get_by_label("Email address or postcode").fill("so17 2fw")
    resident.get_by_role("button", name="Find my request").click()
    resident.assert_accessible()
    story = resident.locator(".frontdoor-timeline").inner_text()
    assert "A crew will collect your bin tomorrow." in story
    assert "Finished (Done)" in story
    assert "Request received (phone)" in story
