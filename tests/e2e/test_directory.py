"""A resident finds help with food near a postcode, narrows it to free services open at
weekends, reads a service's page and suggests a change; an editor keeps the directory
fresh. Issue 3, end to end in Chromium, axe-core on every page, with and without
JavaScript and on a phone."""

import re

import pytest

from frontdoor.directory.models import Service
from frontdoor.directory.tests import factories

PASSWORD = factories.PASSWORD


@pytest.fixture
def council(db):
    factories.gazetteer()
    factories.directory(90)
    factories.editor(password=PASSWORD)


def _search_for_food(page):
    page.get_by_label("What are you looking for?").fill("help with food")
    page.get_by_label("Postcode").fill("so14 0aa")
    page.get_by_role("button", name="Search", exact=True).click()
    page.assert_accessible()


@pytest.mark.parametrize(("viewport", "javascript"), [("desktop", True), ("phone", False)])
def test_a_resident_finds_free_food_help_open_at_weekends_and_suggests_a_change(
    open_page, council, viewport, javascript
):
    page = open_page(viewport=viewport, javascript=javascript)
    page.visit("/")
    page.get_by_role("link", name="Find a service").first.click()
    page.assert_accessible()
    _search_for_food(page)
    heading = page.locator("#results-heading").inner_text()
    assert "near SO14 0AA" in heading
    assert int(heading.split()[0]) > 0
    assert "miles away" in page.locator(".frontdoor-results").inner_text()

    page.get_by_label("Free of charge").check()
    page.get_by_label("Open at weekends").check()
    page.get_by_role("button", name="Apply filters").click()
    page.assert_accessible()
    results = page.locator(".frontdoor-results > li")
    assert results.count() > 0
    for i in range(results.count()):
        assert "Free" in results.nth(i).inner_text()

    results.first.get_by_role("link").click()
    page.assert_accessible()
    name = page.locator("h1").inner_text()
    svc = Service.objects.get(name=name)
    assert svc.is_free and svc.open_weekends
    body = page.locator("main").inner_text()
    for words in ("What it is", "Who it is for", "Cost", "Opening times", "How to contact",
                  "Last checked"):  # fmt: skip
        assert words in body
    assert any(day in body for day in ("Saturday", "Sunday"))

    page.get_by_role("link", name="Suggest a change to this page").click()
    page.assert_accessible()
    page.get_by_role("button", name="Send suggestion").click()
    page.assert_accessible()
    assert page.title().startswith("Error: ")
    page.get_by_label("What needs to change?").fill("It now opens on Sunday mornings too.")
    page.get_by_role("button", name="Send suggestion").click()
    page.assert_accessible()
    panel = page.locator(".govuk-panel").inner_text()
    reference = re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", panel).group(0)
    assert svc.suggestions.get().case_reference == reference


def test_a_search_that_finds_nothing_gives_advice_a_resident_can_follow(open_page, council):
    page = open_page(viewport="phone", javascript=False)
    page.visit("/directory/?q=fod+bnak&online=on&in_person=on&free=on")
    assert "We could not find any services" in page.locator("main").inner_text()
    page.get_by_role("link", name="remove the filters").click()
    page.assert_accessible()
    assert "Showing results for food bank" in page.locator("main").inner_text()
    page.visit("/directory/?q=food&postcode=NOTAPOSTCODE")
    assert "Enter a real postcode" in page.locator(".govuk-error-summary").inner_text()


def test_an_editor_checks_an_entry_edits_one_and_reads_its_history(
    open_page, council, staff_sign_in
):
    page = open_page()
    staff_sign_in(page, "editor", PASSWORD)
    page.get_by_role("link", name="Directory").first.click()
    page.assert_accessible()
    first = page.locator("table tbody tr").first
    name = first.locator("td").first.locator("a").inner_text()
    first.get_by_role("button", name=re.compile("Mark as checked")).click()
    page.assert_accessible()
    assert f"{name} marked as checked today" in page.locator("main").inner_text()

    page.get_by_role("link", name="All services").click()
    page.assert_accessible()
    page.get_by_label("Name or organisation").fill(name)
    page.get_by_role("button", name="Find").click()
    page.assert_accessible()
    page.get_by_role("link", name=name, exact=True).click()
    page.assert_accessible()
    page.get_by_role("link", name=re.compile("^Edit")).click()
    page.assert_accessible()
    page.get_by_label("Name").fill(name + " (new hours)")
    page.get_by_role("button", name="Save").click()
    page.assert_accessible()
    history = page.locator("table").inner_text()
    assert "update: name" in history and "editor" in history and "(new hours)" in history

    page.get_by_role("link", name="Import an HSDS file").click()
    page.assert_accessible()
    page.get_by_label("HSDS file").set_input_files(
        files=[{"name": "feed.json", "mimeType": "application/json",
                "buffer": b'[{"id": "8f14e45f-ceea-467f-a2b6-0e5ac4b1c001", "status": "shut"}]'}]
    )  # fmt: skip
    page.get_by_role("button", name="Check and import").click()
    page.assert_accessible()
    assert "nothing was imported" in page.locator(".govuk-error-summary").inner_text()
    assert "services[0]" in page.locator("#problems + table").inner_text()
