"""The resident's pages without JavaScript (a postcode is enough), the public list that never
shows who reported what, and the staff pages for duplicates and partner keys."""

import pytest
from django.urls import reverse

from frontdoor.notify.models import Message
from frontdoor.reports.models import ApiClient, DuplicateFlag, MeToo, Report
from frontdoor.reports.tests import factories


@pytest.fixture
def council(db):
    factories.gazetteer()
    factories.pothole()
    factories.fly_tipping()


def _where(client, **fields):
    return client.post(reverse("reports:start"), {"service": "pothole", **fields})


def test_reporting_a_pothole_by_postcode_with_no_javascript(council, client):
    page = client.get(reverse("reports:start"))
    assert page.status_code == 200 and b"Pothole" in page.content
    step = _where(client, place="so14 7ly")
    assert step.status_code == 302
    # Nothing reported nearby: straight on to the details.
    details = client.get(step["Location"], follow=True)
    assert details.redirect_chain[-1][0].startswith(reverse("reports:new"))
    assert b"How deep is it?" in details.content
    token = details.context["form"]["token"].value()
    sent = client.post(
        details.redirect_chain[-1][0],
        {
            "description": "Deep pothole by the bus stop",
            "attribute_depth": "deep",
            "email": "amara@example.com",
            "token": token,
        },
    )
    report = Report.objects.get()
    assert sent["Location"] == reverse("reports:sent", args=[report.reference])
    confirmation = client.get(sent["Location"])
    assert report.reference.encode() in confirmation.content
    assert Message.objects.filter(to="amara@example.com", about_id=report.reference).exists()


def test_a_nearby_report_is_shown_and_me_too_follows_it(council, client):
    existing = factories.report(at=factories.metres_north(factories.CIVIC_CENTRE, 40))
    step = _where(client, place="SO14 7LY")
    nearby = client.get(step["Location"])
    assert nearby.status_code == 200 and existing.reference.encode() in nearby.content
    assert b"Amara" not in nearby.content
    me_too_url = reverse("reports:me-too", args=[existing.reference])
    assert me_too_url.encode() in nearby.content
    refused = client.post(me_too_url, {})
    assert refused.status_code == 400 and b"govuk-error-summary" in refused.content
    done = client.post(me_too_url, {"email": "ben@example.com"})
    assert done["Location"] == reverse("reports:me-too-done", args=[existing.reference])
    assert MeToo.objects.filter(report=existing).count() == 1
    assert Report.objects.count() == 1


def test_step_one_errors_use_the_error_summary_and_keep_nothing(council, client):
    empty = client.post(reverse("reports:start"), {})
    assert empty.status_code == 400
    assert b"Select what the problem is" in empty.content
    assert b"Enter a postcode or street address" in empty.content
    unknown = _where(client, place="ZZ99 9ZZ")
    assert unknown.status_code == 400 and b"could not find the postcode" in unknown.content
    outside = _where(client, lat="51.5074", lng="-0.1278")
    assert outside.status_code == 400 and b"find-local-council" in outside.content
    assert not Report.objects.exists()


def test_step_three_errors_are_shown_against_each_question(council, client):
    step = _where(client, place="SO14 7LY")
    url = client.get(step["Location"], follow=True).redirect_chain[-1][0]
    page = client.post(url, {"token": "a1b2c3d4-0000-4000-8000-000000000000"})
    assert page.status_code == 400
    assert b"Describe the problem" in page.content and b"Answer: How deep is it?" in page.content
    assert not Report.objects.exists()


def test_the_public_list_and_page_never_show_who_reported(council, client):
    report = factories.report()
    listing = client.get(reverse("reports:public-list"))
    assert report.reference.encode() in listing.content
    detail = client.get(reverse("reports:detail", args=[report.reference]))
    assert b"A deep pothole by the bus stop" in detail.content
    for page in (listing, detail):
        assert b"Amara" not in page.content and b"amara@example.com" not in page.content
    filtered = client.get(reverse("reports:public-list"), {"status": "closed"})
    assert report.reference.encode() not in filtered.content
    by_ward = client.get(reverse("reports:public-list"), {"ward": "Bargate"})
    assert report.reference.encode() in by_ward.content


def test_an_unknown_report_is_404(council, client):
    assert client.get(reverse("reports:detail", args=["NOPE-NOPE"])).status_code == 404
    assert client.get(reverse("reports:me-too", args=["NOPE-NOPE"])).status_code == 404


def test_an_administrator_issues_a_key_and_sees_it_once(council, client):
    admin = factories.administrator(username="root", password="a-long-enough-test-password")
    client.force_login(admin)
    page = client.post(reverse("reports:staff-keys"), {"action": "issue", "name": "FixMyStreet"})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    key = page.context["issued"]["key"]
    assert key.encode() in page.content
    assert key.encode() not in client.get(reverse("reports:staff-keys")).content
    client.post(
        reverse("reports:staff-keys"),
        {"action": "revoke", "client": ApiClient.objects.get().pk},
    )
    assert ApiClient.objects.get().revoked_at is not None


def test_a_case_officer_cannot_issue_keys(council, client):
    client.force_login(factories.officer())
    assert client.get(reverse("reports:staff-keys")).status_code == 403


def test_an_officer_merges_a_flagged_duplicate(council, client):
    first = factories.report()
    factories.report(email="ben@example.com")
    client.force_login(factories.officer())
    page = client.get(reverse("reports:staff-duplicates"))
    assert first.reference.encode() in page.content
    flag = DuplicateFlag.objects.get()
    done = client.post(
        reverse("reports:staff-duplicates"), {"flag": flag.pk, "action": "merge"}, follow=True
    )
    assert b"closed as a duplicate" in done.content
    flag.refresh_from_db()
    assert flag.outcome == DuplicateFlag.MERGED


def test_a_service_manager_sends_a_category_to_another_team(council, client):
    factories.case_factories.team("contractor", "Road contractor")
    client.force_login(factories.case_factories.staff("service_manager"))
    page = client.get(reverse("reports:staff-categories"))
    assert page.status_code == 200 and b"Road contractor" in page.content
    done = client.post(
        reverse("reports:staff-categories"),
        {"service_code": "pothole", "team": "contractor"},
        follow=True,
    )
    assert b"now go to the team" in done.content
    report = factories.report()
    from frontdoor.cases import queries as cases_queries

    assert cases_queries.case_get(reference=report.reference).team.code == "contractor"
    wrong = client.post(
        reverse("reports:staff-categories"),
        {"service_code": "pothole", "team": "nobody"},
        follow=True,
    )
    assert b"no team called" in wrong.content


def test_a_case_officer_cannot_route_categories(council, client):
    client.force_login(factories.officer())
    assert client.get(reverse("reports:staff-categories")).status_code == 403
