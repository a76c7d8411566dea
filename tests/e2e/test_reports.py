"""Report a problem on a map, as a new resident would, with and without JavaScript: report a
pothole near a postcode, see one already reported nearby, say "me too", get its updates."""

import pytest

from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.notify.models import Message
from frontdoor.reports.models import Report
from frontdoor.reports.tests import factories

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
MODES = {
    "with JavaScript on a desktop": {"viewport": "desktop", "javascript": True},
    "without JavaScript on a phone": {"viewport": "phone", "javascript": False},
}


@pytest.fixture
def council(db):
    factories.gazetteer()
    factories.pothole()
    factories.fly_tipping()
    existing = factories.report(
        at=factories.metres_north(factories.CIVIC_CENTRE, 40),
        description="Deep pothole outside the civic centre",
    )
    return {"existing": existing, "officer": factories.officer(username="priya")}


def _open(open_page, mode):
    page = open_page(**MODES[mode])
    # Map tiles come from the test, never the network.
    page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=PNG),
    )
    return page


def _where(page, postcode, javascript):
    page.visit("/report/")
    page.get_by_label("Pothole").check()
    page.get_by_label("Where is it?").fill(postcode)
    if javascript:
        assert page.locator(".frontdoor-report-map").is_visible()
    else:
        assert not page.locator(".frontdoor-report-map").is_visible()
    page.get_by_role("button", name="Continue").click()
    page.assert_accessible()


@pytest.mark.parametrize("mode", list(MODES))
def test_a_resident_sees_a_nearby_pothole_says_me_too_and_gets_its_updates(
    open_page, council, mode
):
    page = _open(open_page, mode)
    existing = council["existing"]
    _where(page, "so14 7ly", MODES[mode]["javascript"])
    assert page.get_by_role("heading", level=1).inner_text() == "Is it already reported?"
    assert "Deep pothole outside the civic centre" in page.content()
    assert "Amara" not in page.content()
    me_too = page.locator(f'a[href="/reports/{existing.reference}/me-too/"]')
    assert me_too.inner_text().startswith("Me too")
    me_too.click()
    page.assert_accessible()
    page.get_by_role("button", name="Me too: send me updates").click()
    page.assert_accessible()  # the error summary
    assert (
        "Enter an email address or a mobile number"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("Email address").fill("ben@example.com")
    page.get_by_role("button", name="Me too: send me updates").click()
    page.assert_accessible()
    assert page.locator(".govuk-panel__title").inner_text() == "You will get updates"
    assert Report.objects.count() == 1

    case = cases_queries.case_get(reference=existing.reference)
    cases.case_transition(
        user=council["officer"],
        reference=existing.reference,
        transition="schedule",
        expected_version=case.version,
        public_text="A crew is booked for Tuesday.",
    )
    told = Message.objects.filter(about_id=existing.reference, body__contains="Tuesday")
    assert sorted(m.to for m in told) == ["amara@example.com", "ben@example.com"]
    page.get_by_role("link", name="See the report").click()
    page.assert_accessible()
    assert "A crew is booked for Tuesday." in page.content()
    assert "A repair is booked" in page.locator("#main-content .govuk-tag").inner_text()


@pytest.mark.parametrize("mode", list(MODES))
def test_a_resident_reports_a_new_pothole_and_gets_a_reference(open_page, council, mode):
    page = _open(open_page, mode)
    _where(page, "SO15 2DB", MODES[mode]["javascript"])
    # Nothing reported near there: straight to the details.
    assert page.get_by_role("heading", level=1).inner_text() == "Tell us about the problem"
    page.get_by_role("button", name="Send report").click()
    page.assert_accessible()
    assert "Describe the problem" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Describe the problem").fill("Pothole across the cycle lane")
    page.get_by_label("5cm or more").check()
    page.get_by_label("Photos (optional)").set_input_files(
        {"name": "pothole.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_label("Email address (optional)").fill("chloe@example.com")
    page.get_by_role("button", name="Send report").click()
    page.assert_accessible()
    assert page.locator(".govuk-panel__title").inner_text() == "Problem reported"
    reference = page.locator(".govuk-panel__body strong").inner_text()
    report = Report.objects.get(reference=reference)
    assert report.postcode == "SO15 2DB" and report.photos.count() == 1
    assert Message.objects.filter(about_id=reference, to="chloe@example.com").exists()
    page.get_by_role("link", name="See your report as the public sees it").click()
    page.assert_accessible()
    assert page.locator(".frontdoor-report-photo").count() == 1


def test_a_point_on_the_map_places_a_report_with_javascript(open_page, council):
    page = _open(open_page, "with JavaScript on a desktop")
    page.visit("/report/")
    page.get_by_label("Pothole").check()
    page.locator("#report-map").click()
    assert "Point chosen on the map" in page.locator(".frontdoor-report-map__status").inner_text()
    page.get_by_role("button", name="Continue").click()
    page.assert_accessible()
    assert page.get_by_role("heading", level=1).inner_text() in (
        "Is it already reported?",
        "Tell us about the problem",
    )


@pytest.mark.parametrize("mode", list(MODES))
def test_the_public_list_shows_reports_by_area_without_who_reported_them(open_page, council, mode):
    page = _open(open_page, mode)
    page.visit("/reports/")
    assert council["existing"].reference in page.content()
    page.get_by_label("Area").select_option("Bargate")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Show problems").click()
    page.assert_accessible()
    assert council["existing"].reference in page.content()
    assert "amara" not in page.content().lower()


def test_staff_merge_a_duplicate_and_issue_a_partner_key(open_page, council, staff_sign_in):
    password = factories.case_factories.PASSWORD
    duplicate = factories.report(
        at=factories.metres_north(factories.CIVIC_CENTRE, 45), email="ben@example.com"
    )
    factories.case_factories.staff(
        "case_officer", teams=("highways",), username="omar", password=password
    )
    factories.administrator(username="root", password=password)

    officer = open_page()
    staff_sign_in(officer, "omar", password)
    officer.get_by_role("link", name="Street reports").first.click()
    officer.assert_accessible()
    officer.get_by_role("button", name=f"Merge {duplicate.reference}").click()
    officer.assert_accessible()
    assert "closed as a duplicate" in officer.content()
    assert cases_queries.case_get(reference=duplicate.reference).status == "duplicate"

    admin = open_page(viewport="phone")
    staff_sign_in(admin, "root", password)
    admin.visit("/staff/reports/keys/")
    admin.get_by_label("Partner app").fill("FixMyStreet")
    admin.get_by_role("button", name="Issue key").click()
    admin.assert_accessible()
    assert admin.locator(".frontdoor-key").inner_text()
    admin.visit("/staff/reports/categories/")
    admin.get_by_label("Team for Fly-tipping").select_option("highways")
    admin.get_by_role("button", name="Save the team for Fly-tipping").click()
    admin.assert_accessible()
    assert "now go to the team" in admin.content()
