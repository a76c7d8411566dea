"""Each success measure, computed in SQL from cases, contacts and ratings made for the test."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from frontdoor.governance import services as governance_services
from frontdoor.insights import queries
from frontdoor.insights.periods import LONDON, PERIODS, buckets_of
from frontdoor.insights.tests import factories as made
from frontdoor.journeys import services as journeys
from frontdoor.journeys.models import Submission
from frontdoor.journeys.tests.factories import form_published, hidden

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 18)  # a Wednesday
MONDAY = datetime.date(2026, 11, 16)
LAST_WEEK = datetime.date(2026, 11, 10)


def result(code: str, **filters):
    chosen = queries.dashboard(period="12-weeks", today=TODAY, codes=[code], **filters)
    (found,) = chosen.results
    return found


@pytest.fixture
def bins():
    return made.case_type()


def test_the_digital_share_counts_every_contact_new_or_chasing_by_channel(bins):
    web = [made.case(received=made.at(MONDAY)) for _ in range(3)]
    made.case(received=made.at(MONDAY), channel="phone")
    made.chase(web[0], when=made.at(TODAY), channel="phone")
    share = result("digital-contact-share")
    assert share.value == pytest.approx(60.0)
    assert share.series[-1].value == pytest.approx(60.0)
    assert share.series[-1].base == 5
    assert all(point.value is None for point in share.series[:-1])
    by_channel = {row[0].value: row[1].value for row in share.tables[0].rows}
    assert (by_channel["Web"], by_channel["Phone"], by_channel["Email"]) == (3, 2, 0)


def test_chasing_contacts_are_counted_per_100_cases_of_the_chosen_type(bins):
    made.case_type("pothole", "Pothole")
    bin_cases = [made.case(received=made.at(MONDAY)) for _ in range(4)]
    pothole = made.case(received=made.at(MONDAY), case_type_code="pothole")
    made.chase(bin_cases[0], when=made.at(TODAY))
    made.chase(bin_cases[1], when=made.at(TODAY))
    made.chase(pothole, when=made.at(TODAY))
    assert result("chasing-contacts").value == pytest.approx(60.0)  # 3 per 5 cases
    only_bins = result("chasing-contacts", case_type="missed-bin")
    assert only_bins.value == pytest.approx(50.0)
    assert only_bins.definition.direction == "down"


def test_service_level_and_time_to_resolve_come_from_the_cases_closed_in_the_period(bins):
    received = made.at(LAST_WEEK, 9)  # Tuesday; two working days: due end of Thursday
    quick = made.case(received=received)
    slow = made.case(received=received)
    made.case(received=received)  # still open: in neither figure
    made.close(quick, when=received + datetime.timedelta(days=1))
    made.close(slow, when=received + datetime.timedelta(days=8))
    sla = result("sla-performance")
    assert sla.value == pytest.approx(50.0)
    assert sla.base == 2
    assert result("time-to-resolve").value == pytest.approx(4.5)
    # closed last week and this week, one in each
    assert [p.value for p in sla.series[-2:]] == [pytest.approx(100.0), pytest.approx(0.0)]


def test_the_ward_filter_keeps_only_that_wards_cases(bins):
    for _ in range(3):
        made.case(received=made.at(MONDAY), ward="Bevois")
    made.case(received=made.at(MONDAY), ward="Portswood", channel="phone")
    assert result("digital-contact-share").value == pytest.approx(75.0)
    assert result("digital-contact-share", ward="Bevois").value == pytest.approx(100.0)
    assert result("digital-contact-share", ward="Portswood").value == pytest.approx(0.0)
    assert queries.ward_choices() == ["Bevois", "Portswood"]


def test_top_journeys_count_the_busiest_case_types_that_send_progress_updates(bins):
    made.quiet_case_type()
    for _ in range(2):
        made.case(received=made.at(MONDAY))
    made.case(received=made.at(MONDAY), case_type_code="quiet")
    top = result("top-journeys-automatic-updates")
    assert top.value == 1
    rows = [(row[1].value, row[3].value) for row in top.tables[0].rows]
    assert rows == [("Missed bin collection", "On"), ("Quiet request", "Off")]


def test_the_form_rating_is_the_mean_rating_against_the_strategys_target_of_4(client):
    governance_services.seed_import_files()
    form = form_published(title="Report a missed bin")
    for _ in range(2):
        client.cookies.clear()
        client.post(f"/forms/{form.slug}/")
        client.post(f"/forms/{form.slug}/name/", {"version": "1", "full_name": "Ada"})
        check = client.get(f"/forms/{form.slug}/check-answers/")
        client.post(
            f"/forms/{form.slug}/check-answers/",
            {"version": "1", "submission_key": hidden(check, "submission_key")},
        )
    for rating, submission in zip((5, 2), Submission.objects.all(), strict=True):
        token = journeys.feedback_token(submission=submission, moment="submitted")
        journeys.feedback_give(token=token, rating=rating, given_at=made.at(MONDAY))
    rating = queries.dashboard(period="12-weeks", today=TODAY, codes=["form-rating"]).results[0]
    assert rating.value == pytest.approx(3.5)
    assert rating.target == 4
    assert rating.meets_target is False
    assert rating.strategy_line == "Achieve an average rating of 4 for web forms"
    assert rating.tables[0].rows[0][0].value == "Report a missed bin"


def test_every_measure_names_the_strategy_line_it_answers():
    governance_services.seed_import_files()
    board = queries.dashboard(today=TODAY)
    assert [r.definition.code for r in board.results] == [d.code for d in queries.definitions()]
    for found in board.results:
        assert found.strategy_line, found.definition.code
        assert found.strategy.startswith("Southampton"), found.definition.code
    unmeasured = {m.code for m in board.unmeasured}
    assert "direct-debit-take-up" in unmeasured
    assert "form-rating" not in unmeasured


def test_weeks_and_months_are_counted_in_london_time():
    weeks = buckets_of(PERIODS["12-weeks"], today=datetime.date(2026, 7, 1))
    assert weeks[-1].start == datetime.datetime(2026, 6, 29, tzinfo=LONDON)
    assert weeks[-1].start.utcoffset() == datetime.timedelta(hours=1)
    assert weeks[0].label == "Week beginning 13 April 2026"
    months = buckets_of(PERIODS["24-months"], today=datetime.date(2026, 3, 31))
    assert (months[0].label, months[-1].label) == ("April 2024", "March 2026")
    assert months[-1].end == datetime.datetime(2026, 4, 1, tzinfo=LONDON)


def test_a_case_received_just_after_midnight_in_summer_counts_in_the_new_week(bins):
    sunday_night_utc = datetime.datetime(2026, 6, 28, 23, 30, tzinfo=datetime.UTC)
    made.case(received=sunday_night_utc)
    found = queries.dashboard(
        period="12-weeks", today=datetime.date(2026, 7, 1), codes=["digital-contact-share"]
    ).results[0]
    assert [p.base for p in found.series[-2:]] == [0, 1]


def test_the_ward_choices_are_the_gazetteers_wards_and_any_a_case_was_recorded_in(bins):
    from frontdoor.places import services as places_services

    report = places_services.gazetteer_import(wards=[{"code": "E05000001", "name": "Bargate"}])
    assert report.ok
    made.case(received=made.at(MONDAY), ward="Old Town")
    assert queries.ward_choices() == ["Bargate", "Old Town"]


def test_directory_freshness_is_the_share_of_listed_services_checked_on_time():
    from frontdoor.directory import queries as directory_queries
    from frontdoor.directory.tests import factories as directory_factories

    directory_factories.gazetteer()
    directory_factories.directory(count=20)
    listed = directory_queries.services_for_editor().filter(status__in=directory_queries.LISTED)
    today = timezone.localdate()
    # Checked in the last six months (182 days), as the directory's editors work to.
    fresh = sum(
        1 for s in listed if s.assured_date and s.assured_date + datetime.timedelta(182) >= today
    )
    assert 0 < fresh < listed.count()
    found = queries.dashboard(period="12-weeks", codes=["directory-freshness"]).results[0]
    assert found.base == listed.count() > 0
    assert found.value == pytest.approx(fresh * 100 / listed.count())
    assert found.series[-1].value == found.value
    assert all(point.value is None for point in found.series[:-1])
    assert found.strategy_line.startswith("Publish an up-to-date comprehensive directory")
