"""Privacy in Chromium: a data officer sets a 2-year rule, holds a case, runs a dry run and
then the real run; a demo resident's subject access bundle holds all of theirs and nobody
else's. Every page is checked with axe-core."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from frontdoor.cases import queries as cases_queries
from frontdoor.cases.tests import factories as case_factories
from frontdoor.demo import accounts as demo_accounts
from frontdoor.demo import cases as demo_cases
from frontdoor.notify import queries as notify_queries
from frontdoor.privacy.tests import factories

RESIDENT = "amara.okonkwo@example.com"  # a demo resident with several cases


@pytest.fixture
def council(transactional_db):
    demo_accounts.create()
    demo_cases.create()
    get_user_model().objects.create_user(
        username="amara", email=RESIDENT, first_name="Amara", last_name="Okonkwo"
    )
    officer = factories.data_officer(username="privacy", password=case_factories.PASSWORD)
    factories.case_type(code="dropped-kerb", name="Dropped kerb request")
    worker = case_factories.staff("case_officer", "service_manager", teams=("waste",))
    old = [
        factories.closed_case(
            officer=worker,
            years_ago=3,
            case_type_code="dropped-kerb",
            email=f"kerb{n}@example.com",
            name=f"Kerb Resident {n}",
        )
        for n in range(3)
    ]
    recent = factories.closed_case(
        officer=worker, years_ago=1, case_type_code="dropped-kerb", email="recent@example.com"
    )
    return {"officer": officer, "old": old, "held": old[0], "recent": recent}


@pytest.fixture
def sign_in(staff_sign_in):
    """Password, then the authenticator's code (staff two-factor sign-in)."""

    def sign_in_(page, user):
        staff_sign_in(page, user.username, case_factories.PASSWORD, next_url="/staff/privacy/")

    return sign_in_


def test_a_data_officer_sets_a_rule_holds_a_case_and_runs_disposal(open_page, council, sign_in):
    page = open_page()
    sign_in(page, council["officer"])
    page.get_by_role("link", name="Retention periods").click()
    page.assert_accessible()

    # A period of zero is explained, and nothing is saved.
    page.get_by_label("Kind of record").select_option("case")
    page.get_by_label("Case type (cases only)").select_option("dropped-kerb")
    page.get_by_label("Retention period").fill("0")
    page.get_by_label("Years").check()
    page.get_by_role("button", name="Save retention period").click()
    page.assert_accessible()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The retention period must be at least 1 month" in summary

    page.get_by_label("Retention period").fill("2")
    page.get_by_role("button", name="Save retention period").click()
    page.assert_accessible()
    assert "Retention period saved" in page.locator(".govuk-notification-banner").inner_text()
    assert "Dropped kerb request: 24 months" in page.locator("main").inner_text()

    # A legal hold on one of the old cases.
    page.visit("/staff/privacy/holds/")
    page.get_by_role("link", name="Place a legal hold").click()
    page.assert_accessible()
    page.get_by_label("A case").check()
    page.get_by_label("Case reference or resident's email address").fill(council["held"].reference)
    page.get_by_label("Why the data must be kept").fill("Insurance claim about the kerb")
    page.get_by_role("button", name="Place the hold").click()
    page.assert_accessible()
    assert council["held"].reference in page.locator("main").inner_text()

    # The dry run lists what would go and why; the held case is not on it.
    page.visit("/staff/privacy/disposal/")
    page.get_by_role("button", name="Start a dry run").click()
    page.assert_accessible()
    text = page.locator("main").inner_text()
    assert "Finished" in text
    assert "Dropped kerb request" in text and "2 years after the case was closed" in text
    kerb = page.locator("[data-step='case:dropped-kerb']").inner_text()
    assert kerb.startswith("2 records would be anonymised")
    for case in council["old"][1:]:
        assert case.reference in text
    assert council["held"].reference not in text and council["recent"].reference not in text

    page.get_by_role("button", name="Run this disposal for real").click()
    page.assert_accessible()
    text = page.locator("main").inner_text()
    assert "Finished" in text
    log = page.locator("#disposal-log").inner_text()
    assert "Dropped kerb request" in log and "anonymised" in log
    assert "Kerb Resident" not in log and "@example.com" not in log

    held = cases_queries.case_get(reference=council["held"].reference)
    assert held.contact_email == "kerb0@example.com" and held.description
    for case in council["old"][1:]:
        assert cases_queries.case_get(reference=case.reference).contact_email == ""
    assert cases_queries.case_get(reference=council["recent"].reference).contact_email


def test_a_subject_access_bundle_holds_every_record_of_a_demo_resident_and_nobody_elses(
    open_page, council, sign_in
):
    page = open_page(viewport="phone")
    sign_in(page, council["officer"])
    page.get_by_role("link", name="Subject access and erasure requests").click()
    page.assert_accessible()
    page.get_by_label("Subject access").check()
    page.get_by_label("Email addresses").fill(RESIDENT.upper())
    page.get_by_role("button", name="Find their data").click()
    page.assert_accessible()
    reference = page.locator("h1").inner_text()

    response = page.request.get(f"{page.base_url}/staff/privacy/requests/{reference}/bundle.json")
    bundle = json.loads(response.body())
    sections = {s["source"]: s["records"] for s in bundle["sections"]}
    theirs = set(cases_queries.case_references_of_person(emails=[RESIDENT]))
    assert theirs and {c["reference"] for c in sections["cases"]} == theirs
    assert [a["username"] for a in sections["accounts"]] == ["amara"]
    sent = [
        m
        for ref in theirs
        for m in notify_queries.messages_about(about_type="case", about_id=ref)
        if m.to == RESIDENT
    ]
    assert {m["reference"] for m in sections["messages"]} == {m.reference for m in sent}
    assert all(m["to"] == RESIDENT for m in sections["messages"])
    assert all(c["contact"]["email"] == RESIDENT for c in sections["cases"])
    assert "mei.chen@example.com" not in json.dumps(bundle)

    pdf = page.request.get(f"{page.base_url}/staff/privacy/requests/{reference}/bundle.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert all(ref in text for ref in theirs)


def test_the_privacy_notice_works_without_javascript_on_a_phone(open_page, council):
    page = open_page(viewport="phone", javascript=False)
    page.visit("/privacy/")
    assert "Cases" in page.locator("main").inner_text()
    assert "6 years after the case was closed" in page.locator("main").inner_text()
