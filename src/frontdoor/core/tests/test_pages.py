import pytest
from django.test import RequestFactory

from frontdoor.core import views

PUBLIC_PAGES = ["/", "/accessibility/", "/privacy/", "/cookies/", "/staff/sign-in/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_built_on_the_govuk_layout(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-template"' in html and 'lang="en"' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "govuk-generic-header" in html and "govuk-footer" in html
    assert "Southampton (demo) City Council" in html


def test_pages_carry_a_content_security_policy_with_a_nonce_for_the_one_inline_script(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_page_sets_a_cookie_before_the_resident_uses_a_form(client, db):
    response = client.get("/")
    assert not response.cookies


def test_footer_links_to_the_accessibility_statement_and_privacy_notice(client, db):
    html = client.get("/").content.decode()
    assert 'href="/accessibility/"' in html and 'href="/privacy/"' in html


def test_unknown_page_is_a_styled_404(client, db):
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_server_error_page_is_styled_and_reassures_about_sent_forms(db):
    request = RequestFactory().get("/")
    response = views.server_error(request)
    assert response.status_code == 500
    assert "Anything you had already sent is safe" in response.content.decode()


def test_a_form_sent_without_its_csrf_token_gets_a_plain_explanation(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/staff/sign-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


def test_only_the_closest_navigation_entry_is_marked_current(client, db):
    from frontdoor.accounts import roles, services

    officer = services.staff_create(
        username="o", full_name="O P", email="o@example.gov.uk", roles=[roles.CASE_OFFICER]
    )
    client.force_login(officer)
    html = client.get("/staff/cases/").content.decode()
    assert html.count('aria-current="page"') == 1
    current = html.split('aria-current="page"')[0].rsplit("href=", 1)[1]
    assert current.startswith('"/staff/cases/"')
