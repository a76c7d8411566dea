"""Residents complete every demo journey in Chromium, on a desktop and a phone, with and
without JavaScript; a service manager builds a form from scratch that a resident then
completes. axe-core checks every page on the way."""

from __future__ import annotations

import pytest
import yaml

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.cases import queries as case_queries
from frontdoor.cases import services as cases
from frontdoor.demo import cases as demo_cases
from frontdoor.demo import journeys as demo_forms
from frontdoor.demo import places as demo_places
from frontdoor.journeys import queries
from frontdoor.journeys.definition import Page
from frontdoor.journeys.tests.factories import PASSWORD, staff

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
SLUGS = [yaml.safe_load(path.read_text())["slug"] for path in demo_forms.form_files()]
# Two runs per journey cover a desktop, a phone, and no JavaScript for every journey.
MODES = {
    "desktop": {"viewport": "desktop", "javascript": True},
    "phone-without-javascript": {"viewport": "phone", "javascript": False},
}


@pytest.fixture
def published(transactional_db):
    """The demo forms, and the case types (each in its team) they become."""
    for code, name in demo_cases.TEAMS:
        accounts.team_define(code=code, name=name)
    for code, name, _workflow, team, _days in demo_cases.CASE_TYPES:
        cases.case_type_define(code=code, name=name, team=team)
    staff(username="manager")
    demo_places.create()
    demo_forms.forms_publish()


def _avoiding_advice(page: Page, question, values: list[str]) -> str:
    """An answer that keeps the resident on the form rather than ending it with advice."""
    ends = {route.answer for route in page.routes if route.question == question.key}
    return next(value for value in values if value not in ends)


def answer_page(browser_page, page: Page) -> bool:
    """Fill in one page the way a resident would, by the labels they read; True when the
    page's own steps have already moved the resident on."""
    for q in page.questions:
        field = browser_page.get_by_label(q.label, exact=True)
        if q.type in {"short_text", "long_text"}:
            field.fill("ABC 123" if q.max_length and q.max_length <= 8 else "A test answer")
        elif q.type == "number":
            field.fill(str(int(q.minimum or 2)))
        elif q.type == "date":
            for part, value in (("Day", "3"), ("Month", "2"), ("Year", "2026")):
                browser_page.get_by_label(part, exact=True).fill(value)
        elif q.type == "email":
            field.fill("resident@example.com")
        elif q.type == "phone":
            field.fill("07700 900 982")
        elif q.type == "address":
            # The GOV.UK "find an address" steps: postcode, then pick from the gazetteer.
            browser_page.get_by_label("Postcode", exact=True).fill("so15 2db")
            browser_page.get_by_role("button", name="Find address").click()
            browser_page.assert_accessible()
            assert "addresses found" in browser_page.content()
            browser_page.locator('[name="uprn"]').select_option(index=1)
            browser_page.get_by_role("button", name="Use this address").click()
            return True
        elif q.type == "location":
            field.fill("Outside 4 Bedford Place, SO15 2DB")
            holder = browser_page.locator('[data-module="frontdoor-location-map"]')
            if holder.is_visible():  # JavaScript has added the map: choose a point on it
                browser_page.locator(".frontdoor-map").click()
                assert "Point chosen on the map" in holder.inner_text()
        elif q.type == "select_one":
            value = _avoiding_advice(page, q, [o.value for o in q.options])
            label = next(o.label for o in q.options if o.value == value)
            browser_page.get_by_label(label, exact=True).check()
        elif q.type == "select_many":
            browser_page.get_by_label(q.options[0].label, exact=True).check()
        elif q.type == "yes_no":
            value = _avoiding_advice(page, q, ["yes", "no"])
            browser_page.get_by_label(value.capitalize(), exact=True).check()
        elif q.type == "file":
            kind = ("proof.pdf", "application/pdf", PDF) if "pdf" in q.file_kinds else (
                "photo.png", "image/png", PNG)  # fmt: skip
            field.set_input_files({"name": kind[0], "mimeType": kind[1], "buffer": kind[2]})
        elif q.type == "declaration":
            field.check()
    return False


def complete(browser_page, slug: str) -> str:
    """Start `slug`, answer every page, check the answers and send; the reference shown."""
    definition = queries.version_definition(queries.form_published(slug=slug).live_version)
    # Map tiles come from the test, never the network.
    browser_page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=PNG),
    )
    browser_page.visit(f"/forms/{slug}/")
    assert browser_page.get_by_role("heading", level=1).inner_text() == definition.title
    browser_page.get_by_role("button", name="Start now").click()
    browser_page.assert_accessible()
    while not browser_page.url.endswith("/check-answers/"):
        key = browser_page.url.rstrip("/").rsplit("/", 1)[1]
        if not answer_page(browser_page, definition.page(key)):
            browser_page.get_by_role("button", name="Continue").click()
        browser_page.assert_accessible()
        assert not browser_page.locator(".govuk-error-summary").count(), browser_page.url
    assert (
        browser_page.get_by_role("heading", level=1).inner_text().startswith("Check your answers")
    )
    browser_page.get_by_role("button", name="Send form").click()
    browser_page.assert_accessible()
    assert browser_page.locator(".govuk-panel__title").inner_text() == "Form sent"
    return browser_page.locator(".govuk-panel__body strong").inner_text()


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("slug", SLUGS)
def test_a_resident_completes_each_top_journey(open_page, published, slug, mode):
    reference = complete(open_page(**MODES[mode]), slug)
    case = case_queries.case_get(reference=reference)
    form = queries.form_published(slug=slug)
    definition = queries.version_definition(form.live_version)
    teams = {code: team for code, _, _, team, _ in demo_cases.CASE_TYPES}
    assert case.case_type.code == definition.case_type
    assert case.team.code == teams[definition.case_type]
    assert case.channel == "web" and case.answers
    assert set(case.answers) <= {q.label for q in definition.questions()}


def _click(page, name: str, role: str = "button"):
    page.get_by_role(role, name=name, exact=True).first.click()
    page.assert_accessible()


def test_a_form_built_from_scratch_is_completed_by_a_resident(
    open_page, transactional_db, staff_sign_in
):
    staff(username="tom", password=PASSWORD)
    accounts.team_define(code="street-cleansing", name="Street cleansing")
    cases.case_type_define(code="trolley", name="Abandoned trolley", team="street-cleansing")
    officer = staff(roles.CASE_OFFICER, username="olu", password=PASSWORD)
    accounts.team_member_add(team_code="street-cleansing", user=officer)
    manager = open_page()
    staff_sign_in(manager, "tom", PASSWORD)
    _click(manager, "Form builder", role="link")
    _click(manager, "Create a form", role="link")
    manager.get_by_label("Title").fill("Report an abandoned trolley")
    manager.get_by_label("Case type").select_option(label="Abandoned trolley")
    _click(manager, "Create the form")
    assert manager.get_by_role("heading", level=1).inner_text() == "Report an abandoned trolley"

    def add_question(kind: str, **fields):
        _click(manager, "Add a question", role="link")
        manager.get_by_label(kind, exact=True).check()
        _click(manager, "Continue")
        for label, value in fields.items():
            manager.get_by_label(label, exact=True).fill(value)
        _click(manager, "Save question")

    add_question("Yes or no", **{"Question text": "Is the trolley in a river or pond?"})
    add_question("Short answer (one line of text)", **{"Question text": "Which shop is it from?"})
    add_question(
        "Location (postcode, address or a point on a map)",
        **{"Question text": "Where is the trolley?"},
    )
    _click(manager, "Move up the page “Where is the trolley?”")
    _click(manager, "Add an advice page", role="link")
    manager.get_by_label("Page heading").fill("Tell the Environment Agency")
    manager.get_by_label("Text under the heading (optional)").fill("Call 0800 80 70 60.")
    _click(manager, "Save")
    _click(manager, "Add a condition after Is the trolley in a river or pond?", role="link")
    manager.get_by_label("When the answer is").select_option(
        label="Is the trolley in a river or pond? — Yes"
    )
    manager.get_by_label("Go to").select_option(
        label="Tell the Environment Agency (advice: ends the form)"
    )
    _click(manager, "Save condition")
    assert "go to Tell the Environment Agency" in manager.locator("main").inner_text()
    _click(manager, "Preview as a resident", role="link")
    _click(manager, "Start now")
    assert "Nothing you enter is sent" in manager.locator("main").inner_text()
    manager.visit("/staff/forms/report-an-abandoned-trolley/publish/")
    _click(manager, "Publish")
    assert "Published version 1" in manager.locator("main").inner_text()

    resident = open_page(viewport="phone")
    resident.visit("/forms/report-an-abandoned-trolley/")
    _click(resident, "Start now")
    _click(resident, "Continue")
    assert resident.locator(".govuk-error-summary").inner_text().endswith("Select yes or no")
    resident.get_by_label("Yes", exact=True).check()
    _click(resident, "Continue")
    assert resident.get_by_role("heading", level=1).inner_text() == "Tell the Environment Agency"
    _click(resident, "Back", role="link")
    resident.get_by_label("No", exact=True).check()
    _click(resident, "Continue")
    resident.get_by_label("Where is the trolley?").fill("Car park of 10 Above Bar Street")
    _click(resident, "Continue")
    resident.get_by_label("Which shop is it from?").fill("Corner Shop")
    _click(resident, "Continue")
    assert "Corner Shop" in resident.locator(".govuk-summary-list").inner_text()
    _click(resident, "Send form")
    assert resident.locator(".govuk-panel__title").inner_text() == "Form sent"
    reference = resident.locator(".govuk-panel__body strong").inner_text()
    _click(resident, "What did you think of this form?", role="link")
    resident.get_by_label("Very satisfied").check()
    _click(resident, "Send feedback")

    manager.visit("/staff/forms/report-an-abandoned-trolley/feedback/")
    assert "5.00 out of 5" in manager.locator("main").inner_text()

    # The case is in the street cleansing team's queue, with the resident's answers.
    case_officer = open_page()
    staff_sign_in(case_officer, "olu", PASSWORD)
    case_officer.visit("/staff/cases/")
    _click(case_officer, reference, role="link")
    answers = case_officer.locator("main").inner_text()
    assert "Which shop is it from?" in answers and "Corner Shop" in answers
