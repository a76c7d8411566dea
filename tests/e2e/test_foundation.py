"""A resident and a member of staff meet Frontdoor for the first time."""

import pytest

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts

PASSWORD = "a-long-enough-test-password"


@pytest.fixture
def officer(db):
    return accounts.staff_create(
        username="priya",
        full_name="Priya Shah",
        email="priya@example.gov.uk",
        roles=[roles.CASE_OFFICER],
        password=PASSWORD,
    )


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("javascript", [True, False])
def test_home_page_is_accessible_on_every_device(open_page, viewport, javascript):
    page = open_page(viewport=viewport, javascript=javascript)
    page.visit("/")
    assert page.get_by_role("heading", level=1).inner_text().endswith("do it online")
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    assert page.get_by_role("link", name="Accessibility statement").is_visible()
    body_class = page.evaluate("document.body.className")
    assert ("govuk-frontend-supported" in body_class) is javascript


def test_staff_member_signs_in_and_sees_their_roles(page, officer, staff_sign_in):
    staff_sign_in(page, "priya", PASSWORD)
    assert page.url.endswith("/staff/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Priya Shah"
    assert page.get_by_text("Case officer").is_visible()


def test_wrong_password_is_explained_with_an_error_summary(page, officer):
    page.visit("/staff/sign-in/")
    page.get_by_label("Username").fill("priya")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.assert_accessible()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct username and password" in summary.inner_text()
    assert "/staff/sign-in/" in page.url


def test_empty_sign_in_form_links_each_error_to_its_field_without_javascript(open_page, db):
    page = open_page(javascript=False)
    page.visit("/staff/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    page.assert_accessible()
    links = page.locator(".govuk-error-summary__list a")
    assert links.all_inner_texts() == ["Enter your username", "Enter your password"]
    assert links.first.get_attribute("href") == "#id_username"


def test_unknown_address_shows_the_styled_not_found_page(page):
    response = page.visit("/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"


@pytest.mark.parametrize("javascript", [True, False])
def test_the_accessibility_check_fails_a_page_that_breaks_wcag(open_page, javascript):
    page = open_page(javascript=javascript)
    broken = (
        "<!DOCTYPE html><html><head><title>x</title></head><body><img src='x.png'></body></html>"
    )
    page.route(
        page.base_url + "/broken/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=broken),
    )
    page.goto(page.base_url + "/broken/")
    with pytest.raises(AssertionError, match="image-alt"):
        page.assert_accessible()
