"""The performance dashboard as a new visitor and a member of staff find it, in Chromium."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.governance import services as governance_services
from frontdoor.insights.tests import factories as made

PASSWORD = "a-long-enough-test-password"
LINES = [
    "Increase in the proportion of digital contact with the council",
    "Reduction in the number of contacts chasing progress on previous enquiries",
    "Achieve an average rating of 4 for web forms",
    "Automatic updates for the top 25 journeys",
    "Build in end to end monitoring and measurements from the start",
    "Automatic updates to keep customers informed on the progress of their case",
    "Publish an up-to-date comprehensive directory of activities and services",
    "More open datasets released",
]


@pytest.fixture
def council(transactional_db):
    governance_services.seed_import_files()
    made.case_type()
    made.case_type("pothole", "Pothole")
    today = timezone.localdate()
    for index in range(8):
        made.case(received=made.at(today, 1), ward="Bevois", name=f"Resident {index}")
    phoned = made.case(received=made.at(today, 1), ward="Bevois", channel="phone")
    made.chase(phoned, when=made.at(today, 2))
    for _ in range(5):
        made.case(received=made.at(today, 1), case_type_code="pothole", ward="Portswood")


def _figure(page, code: str) -> str:
    return page.locator(f"#{code} .govuk-summary-list__value strong").first.inner_text()


def test_a_visitor_finds_every_measure_its_strategy_line_and_the_same_figures_in_the_csv(
    open_page, council
):
    page = open_page()
    page.visit("/")
    page.get_by_role("link", name="How we are doing").first.click()
    page.assert_accessible()
    assert page.get_by_role("heading", name="How we are doing", level=1).is_visible()
    text = page.locator("main").inner_text()
    for line in LINES:
        assert line in text
    assert page.locator("svg.frontdoor-chart[role=img]").count() == 8
    assert _figure(page, "digital-contact-share") == "86.7%"  # 13 of 15 contacts online

    page.get_by_label("Period", exact=True).select_option("12-weeks")
    page.get_by_label("Case type", exact=True).select_option("missed-bin")
    page.get_by_role("button", name="Show figures").click()
    page.assert_accessible()
    assert _figure(page, "digital-contact-share") == "80.0%"  # 8 of 10
    figures = page.get_by_role("table", name="Digital share of contacts, figures")
    shown = figures.locator("tbody tr").last.locator("td").first.inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures as CSV for Digital share").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert len(rows) == 12
    assert f"{float(rows[-1]['value']):.1f}%" == shown == "80.0%"


def test_a_bad_address_gets_an_error_summary_and_the_page_works_on_a_phone_without_javascript(
    open_page, council
):
    page = open_page(viewport="phone", javascript=False)
    response = page.visit("/performance/?period=forever")
    assert response.status == 400
    assert page.get_by_role("link", name="Choose a period from the list").is_visible()
    page.get_by_label("Period", exact=True).select_option("24-months")
    page.get_by_label("Ward", exact=True).select_option("Portswood")
    page.get_by_role("button", name="Show figures").click()
    page.assert_accessible()
    assert _figure(page, "digital-contact-share") == "100.0%"
    assert page.locator("svg.frontdoor-chart").first.is_visible()


def test_staff_see_exact_figures_and_the_measures_not_yet_computed(
    open_page, council, staff_sign_in
):
    officer = accounts.staff_create(
        username="insights-officer",
        full_name="Kim Officer",
        email="kim@example.gov.uk",
        roles=[roles.SERVICE_MANAGER],
        password=PASSWORD,
    )
    page = open_page()
    staff_sign_in(page, officer.username, PASSWORD, next_url="/staff/insights/")
    assert page.get_by_role("heading", name="Performance against the digital strategy").is_visible()
    assert page.get_by_role("table", name="Service level by case type (staff only)").is_visible()
    assert (
        "Increase online direct debit take-up"
        in page.locator("#not-yet-measured ~ ul").inner_text()
    )


def test_a_visitor_downloads_open_data_holding_the_dashboards_figures(open_page, council):
    from frontdoor.opendata import services as opendata_services

    opendata_services.datasets_publish_due(every=True)
    page = open_page()
    page.visit("/performance/?period=24-months")
    figures = page.get_by_role("table", name="Digital share of contacts, figures")
    this_month = figures.locator("tbody tr").last
    month, shown = (
        this_month.locator("th").inner_text(),
        this_month.locator("td").first.inner_text(),
    )

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Open data").click()
    page.assert_accessible()
    assert "Open Government Licence v3.0" in page.locator("main").inner_text()
    page.get_by_role(
        "link", name="Digital strategy success measures, month by month", exact=True
    ).click()
    page.assert_accessible()
    assert page.get_by_role("heading", name="Download history").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="success-measures.csv").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    published = [r for r in rows if r["measure"] == "digital-contact-share"][-1]
    assert f"{float(published['value']):.1f}%" == shown == "86.7%"
    assert published["month"] == timezone.localdate().strftime("%Y-%m")
    assert month == timezone.localdate().strftime("%B %Y")
