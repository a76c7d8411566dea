"""A data officer reviews a possible duplicate, merges it, sees the case follow, and undoes
the merge; an agent finds a caller. Every page checked with axe-core."""

from __future__ import annotations

import pytest
from django.utils import timezone

from frontdoor.cases import services as cases
from frontdoor.cases.tests import factories as case_factories
from frontdoor.residents import services
from frontdoor.residents.models import Link, MatchPair, SourceRecord
from frontdoor.residents.tests import factories

PASSWORD = "a-long-enough-test-password"


@pytest.fixture
def queue(transactional_db):
    factories.model_stored()
    from frontdoor.residents import synthetic

    for row in synthetic.people(150, seed=5):
        services.record_add(
            source_id=row["unique_id"],
            **{k: v for k, v in row.items() if k not in ("unique_id", "person_id")},
        )
    services.record_add(**factories.person(source_id="CT1"))
    moved = services.record_add(
        **factories.person(
            source_system="contact_centre",
            source_id="C4",
            address_line="4 Elm Street",
            postcode="SO16 3AB",
            email="",
            phone="",
        )
    )
    services.linkage_run(only_new=True)
    case_factories.case_type()
    case = case_factories.case(contact=cases.Contact())
    Link.objects.create(
        resident=moved.resident, kind=Link.CASE, object_id=case.reference, created_at=timezone.now()
    )
    return {"case": case, "moved": moved}


def _sign_in(page, staff_sign_in, *held, username):
    factories.staff(*held, username=username, password=PASSWORD)
    staff_sign_in(page, username, PASSWORD, next_url="/staff/residents/")


@pytest.mark.parametrize(
    ("viewport", "javascript"), [("desktop", True), ("phone", False)], ids=["desktop", "no-js"]
)
def test_a_data_officer_merges_a_possible_duplicate_and_undoes_it(
    open_page, staff_sign_in, queue, viewport, javascript
):
    page = open_page(viewport=viewport, javascript=javascript)
    _sign_in(page, staff_sign_in, "data_officer", username="dana")
    assert page.get_by_role("heading", name="Possible duplicate records").is_visible()
    page.get_by_role("link", name="Amara Okonkwo and Amara Okonkwo").first.click()
    page.assert_accessible()
    assert page.get_by_role("heading", name="Are these the same person?").is_visible()
    why = page.locator("table", has_text="Why Splink thinks they match").inner_text()
    assert "Exact match on dob" in why and "Same last name, another address" in why
    page.get_by_role("button", name="Save decision").click()
    page.assert_accessible()
    assert (
        "Select whether these are the same person"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("The same person: keep the record on the left").check()
    page.get_by_role("button", name="Save decision").click()
    page.assert_accessible()
    assert "Merged into Amara Okonkwo" in page.locator(".govuk-notification-banner").inner_text()
    reference = queue["case"].reference
    assert page.get_by_role("link", name=f"Case {reference}").is_visible()
    assert "contact_centre C4" in page.locator("main").inner_text()

    page.get_by_role("link", name="Undo this merge").click()
    page.assert_accessible()
    page.get_by_role("button", name="Undo merge").click()
    page.assert_accessible()
    assert "Merge undone" in page.locator(".govuk-notification-banner").inner_text()
    assert not page.get_by_role("link", name=f"Case {reference}").count()
    moved = SourceRecord.objects.get(pk=queue["moved"].pk).resident
    assert Link.objects.get(object_id=reference).resident == moved
    assert MatchPair.objects.filter(status=MatchPair.DIFFERENT).count() == 1


def test_an_agent_finds_who_a_caller_may_be(open_page, staff_sign_in, queue):
    page = open_page()
    factories.staff("agent", username="ade", password=PASSWORD)
    staff_sign_in(page, "ade", PASSWORD, next_url="/staff/residents/find/")
    page.get_by_label("First name").fill("Amara")
    page.get_by_label("Last name").fill("Okonkwo")
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1984")
    page.get_by_role("button", name="Find").click()
    page.assert_accessible()
    assert page.get_by_role("heading", name="This may be the same person as").is_visible()
    page.get_by_role("link", name="Amara Okonkwo").first.click()
    page.assert_accessible()
    assert "Records from each system" in page.locator("main").inner_text()


def test_a_data_officer_imports_a_legacy_file_after_fixing_what_the_report_shows(
    open_page, staff_sign_in, transactional_db, tmp_path
):
    page = open_page()
    _sign_in(page, staff_sign_in, "data_officer", username="dana")
    page.get_by_role("link", name="Import records from a CSV file").click()
    page.assert_accessible()
    header = "source_id,first_name,surname,dob,address_line,town,postcode,uprn,email,phone\n"
    bad = tmp_path / "legacy.csv"
    bad.write_text(header + "L1,Amara,Okonkwo,1984-13-12,12 Cedar Road,,SO14 7LY,,,\n")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_label("System it comes from").fill("legacy_crm")
    page.get_by_role("button", name="Check and import").click()
    page.assert_accessible()
    assert "Nothing was imported" in page.locator(".govuk-error-summary").inner_text()
    assert "1984-13-12" in page.locator("#report").inner_text()
    assert not SourceRecord.objects.exists()
    good = tmp_path / "legacy-fixed.csv"
    good.write_text(header + "L1,Amara,Okonkwo,12/03/1984,12 Cedar Road,,SO14 7LY,,,\n")
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_label("System it comes from").fill("legacy_crm")
    page.get_by_role("button", name="Check and import").click()
    page.assert_accessible()
    assert "1 record imported" in page.locator(".govuk-notification-banner").inner_text()
    assert SourceRecord.objects.get(source_id="L1").dob.isoformat() == "1984-03-12"
