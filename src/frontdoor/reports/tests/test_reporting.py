"""Street reports through the service boundary: routing, the boundary, "me too", updates to
everyone who cares, duplicates flagged and merged, partner keys."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from frontdoor.audit import queries as audit_queries
from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.notify.models import Message
from frontdoor.reports import queries, services
from frontdoor.reports.models import DuplicateFlag, MeToo, Report
from frontdoor.reports.tests import factories


@pytest.fixture
def council(db):
    factories.gazetteer()
    factories.pothole()
    factories.fly_tipping()
    return {"officer": factories.officer(username="priya")}


def _to(reference):
    return sorted(Message.objects.filter(about_id=reference).values_list("to", flat=True))


def test_a_report_is_a_case_of_its_categorys_type_routed_to_its_team(council):
    report = factories.report()
    case = cases_queries.case_get(reference=report.reference)
    assert case.case_type.code == "report-pothole" and case.team.code == "highways"
    assert case.status == "open" and case.channel == "web"
    assert report.ward == "Bargate" and report.postcode
    assert _to(report.reference) == ["amara@example.com"]


def test_routing_a_category_to_another_team_sends_new_reports_there(council):
    factories.report()
    factories.case_factories.team("contractor", "Road contractor")
    manager = factories.case_factories.staff("service_manager")
    services.category_route(user=manager, service_code="pothole", team="contractor")
    report = factories.report(at=factories.metres_north(factories.CIVIC_CENTRE, 500))
    assert cases_queries.case_get(reference=report.reference).team.code == "contractor"
    with pytest.raises(PermissionDenied):
        services.category_route(user=council["officer"], service_code="pothole", team="highways")


def test_a_report_outside_the_boundary_is_refused_with_advice_and_nothing_kept(council):
    with pytest.raises(services.OutsideBoundary, match="find-local-council"):
        factories.report(at=factories.LONDON)
    assert not Report.objects.exists() and not Message.objects.exists()


def test_a_postcode_alone_places_a_report_at_its_centre(council):
    report = factories.report(place=services.Place(postcode="so15 2db"))
    assert report.postcode == "SO15 2DB" and report.latitude is not None


def test_the_same_web_submission_twice_makes_one_report(council):
    first = factories.report(idempotency_key="reports:web:abc")
    again = factories.report(idempotency_key="reports:web:abc")
    assert first.pk == again.pk and Report.objects.count() == 1


def test_nearby_open_reports_of_the_same_kind_are_found_nearest_first(council):
    near = factories.report(at=factories.metres_north(factories.CIVIC_CENTRE, 100))
    nearer = factories.report(at=factories.metres_north(factories.CIVIC_CENTRE, 30))
    factories.report(at=factories.metres_north(factories.CIVIC_CENTRE, 900))
    factories.report(service_code="fly-tipping")
    found = queries.reports_near(
        latitude=factories.CIVIC_CENTRE[0],
        longitude=factories.CIVIC_CENTRE[1],
        radius_m=250,
        service_code="pothole",
    )
    assert [r.reference for r in found] == [nearer.reference, near.reference]
    assert round(found[0].distance_m) == 30


def test_me_too_follows_the_report_and_counts_once_not_as_a_new_case(council):
    report = factories.report()
    services.report_me_too(reference=report.reference, email="ben@example.com")
    services.report_me_too(reference=report.reference, email="BEN@example.com")
    services.report_me_too(reference=report.reference, phone="07700 900982")
    report.refresh_from_db()
    assert report.me_too_count == 2 and MeToo.objects.count() == 2
    assert Report.objects.count() == 1
    with pytest.raises(services.ReportError, match="email address or mobile"):
        services.report_me_too(reference=report.reference)


def test_every_update_reaches_the_reporter_and_every_me_too_follower(council):
    report = factories.report()
    services.report_me_too(reference=report.reference, email="ben@example.com")
    services.report_me_too(reference=report.reference, phone="07700 900982")
    case = cases_queries.case_get(reference=report.reference)
    cases.case_transition(
        user=council["officer"],
        reference=report.reference,
        transition="schedule",
        expected_version=case.version,
        public_text="A crew is booked for Tuesday.",
    )
    updates = Message.objects.filter(about_id=report.reference, body__contains="Tuesday")
    assert sorted(m.to for m in updates) == [
        "07700900982",
        "amara@example.com",
        "ben@example.com",
    ]


def test_me_too_on_a_closed_report_is_refused(council):
    report = factories.report()
    case = cases_queries.case_get(reference=report.reference)
    cases.case_transition(
        user=council["officer"],
        reference=report.reference,
        transition="fix",
        expected_version=case.version,
    )
    with pytest.raises(services.ReportError, match="already closed"):
        services.report_me_too(reference=report.reference, email="ben@example.com")


@override_settings(REPORTS_DUPLICATE_DISTANCE_M=50, REPORTS_DUPLICATE_DAYS=30)
def test_a_close_recent_report_of_the_same_kind_is_flagged_as_a_possible_duplicate(council):
    first = factories.report()
    second = factories.report(
        at=factories.metres_north(factories.CIVIC_CENTRE, 20), email="ben@example.com"
    )
    factories.report(at=factories.metres_north(factories.CIVIC_CENTRE, 200))
    factories.report(service_code="fly-tipping")
    [flag] = DuplicateFlag.objects.all()
    assert flag.report == second and flag.original == first and flag.distance_m == 20


@override_settings(REPORTS_DUPLICATE_DAYS=30)
def test_an_old_report_is_not_a_duplicate_of_a_new_one(council):
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    old = factories.report()
    Report.objects.filter(pk=old.pk).update(requested_at=long_ago)
    factories.report(email="ben@example.com")
    assert not DuplicateFlag.objects.exists()


def test_merging_a_duplicate_closes_it_and_its_reporter_follows_the_first(council):
    first = factories.report()
    second = factories.report(email="ben@example.com")
    [flag] = DuplicateFlag.objects.all()
    with pytest.raises(PermissionDenied):
        services.duplicate_merge(user=factories.case_factories.agent("ade"), flag_id=flag.pk)
    services.duplicate_merge(user=council["officer"], flag_id=flag.pk)
    closed = cases_queries.case_get(reference=second.reference)
    assert closed.closed and closed.status == "duplicate"
    first.refresh_from_db()
    assert first.me_too_count == 1
    told = (
        Message.objects.filter(about_id=second.reference, to="ben@example.com")
        .order_by("id")
        .last()
    )
    assert first.reference in told.body
    case = cases_queries.case_get(reference=first.reference)
    cases.case_transition(
        user=council["officer"],
        reference=first.reference,
        transition="fix",
        expected_version=case.version,
        public_text="Filled in.",
    )
    assert Message.objects.filter(about_id=first.reference, to="ben@example.com").exists()
    assert audit_queries.audit_for(subject_type="case", subject_id=second.reference).filter(
        action="reports.duplicate_merged"
    )
    with pytest.raises(services.NotFound):
        services.duplicate_merge(user=council["officer"], flag_id=flag.pk)


def test_dismissing_a_flag_keeps_both_reports_open(council):
    factories.report()
    second = factories.report(email="ben@example.com")
    [flag] = DuplicateFlag.objects.all()
    services.duplicate_dismiss(user=council["officer"], flag_id=flag.pk)
    assert not cases_queries.case_get(reference=second.reference).closed
    assert not queries.duplicates_open().exists()


def test_only_administrators_issue_keys_and_a_key_is_stored_only_as_a_fingerprint(council):
    with pytest.raises(PermissionDenied):
        services.api_client_issue(user=council["officer"], name="FixMyStreet")
    admin = factories.administrator()
    client, key = services.api_client_issue(user=admin, name="FixMyStreet")
    assert key not in client.key_hash and queries.api_client_for_key(key=key) == client
    assert queries.api_client_for_key(key=key + "x") is None
