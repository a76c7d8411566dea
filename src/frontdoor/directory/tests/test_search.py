"""Search quality, the same on SQLite (FTS5) and PostgreSQL (tsvector): weights, stemming,
synonyms, typo tolerance and distance ordering."""

import datetime

import pytest

from frontdoor.directory import opening, queries
from frontdoor.directory import services as directory
from frontdoor.directory.tests import factories
from frontdoor.places import queries as places

ORG = "1b7f0f4e-8b7e-4c4e-9f0a-2d3c4b5a6f70"


def _service(n: int, name: str, description: str, lat=None, lng=None, **extra) -> dict:
    sid = f"00000000-0000-4000-8000-{n:012d}"
    svc = {
        "id": sid,
        "name": name,
        "description": description,
        "status": "active",
        "organization": {"id": ORG, "name": "Test Trust", "description": "A test charity."},
        **extra,
    }
    if lat is not None:
        svc["service_at_locations"] = [{
            "id": f"00000000-0000-4000-9000-{n:012d}",
            "location": {"id": f"00000000-0000-4000-a000-{n:012d}", "location_type": "physical",
                         "latitude": lat, "longitude": lng},
        }]  # fmt: skip
    return svc


def _names(**kwargs) -> list[str]:
    outcome = queries.services_filtered(queries.ServiceFilter(**kwargs))
    return list(outcome.queryset.values_list("name", flat=True))


@pytest.fixture
def small(db):
    directory.directory_import_feed(
        data=[
            _service(1, "Riverside Food Bank", "Emergency parcels.", 50.90, -1.40),
            _service(2, "Advice Centre", "Help with food bank vouchers and more.", 50.95, -1.45),
            _service(3, "Household Waste Recycling Centre", "Take your rubbish.", 50.91, -1.41),
            _service(4, "Portswood Medical Practice", "NHS doctor appointments.", 50.92, -1.39),
            _service(5, "Money Advice Drop-in", "Debt and budgeting help.", 50.93, -1.42),
            _service(6, "Parenting Course", "Courses for parents of young children.", 50.90, -1.41),
            _service(7, "Closed Club", "Food for all.", status="defunct"),
        ],
        source="test",
    )


def test_a_match_in_the_name_ranks_above_one_in_the_description(small):
    assert _names(text="food bank")[:2] == ["Riverside Food Bank", "Advice Centre"]


def test_words_are_stemmed(small):
    assert "Parenting Course" in _names(text="parent courses")


def test_a_council_word_finds_the_services_word(small):
    assert _names(text="bin") == ["Household Waste Recycling Centre"]
    assert _names(text="GP") == ["Portswood Medical Practice"]
    assert _names(text="benefits") == ["Money Advice Drop-in"]


def test_a_misspelt_word_is_corrected_and_says_so(small):
    outcome = queries.services_filtered(queries.ServiceFilter(text="recyclng"))
    assert list(outcome.queryset.values_list("name", flat=True)) == [
        "Household Waste Recycling Centre"
    ]
    assert outcome.query.corrections == {"recyclng": "recycling"}


def test_filler_words_do_not_stop_a_match(small):
    assert _names(text="help with food near me")[0] == "Riverside Food Bank"


def test_when_no_service_has_every_word_any_word_is_used(small):
    outcome = queries.services_filtered(queries.ServiceFilter(text="food zebra"))
    assert outcome.any_word and "Riverside Food Bank" in outcome.queryset.values_list(
        "name", flat=True
    )


def test_services_no_longer_running_are_never_found(small):
    assert "Closed Club" not in _names(text="food")


def test_with_a_postcode_the_nearest_comes_first_and_a_distance_limits(small):
    point = places.Point(50.9005, -1.4005)
    assert _names(text="food", point=point)[0] == "Riverside Food Bank"
    assert _names(point=point)[:2] == ["Riverside Food Bank", "Parenting Course"]
    assert _names(point=point, proximity_m=1500) == [
        "Riverside Food Bank", "Parenting Course", "Household Waste Recycling Centre",
    ]  # fmt: skip


def test_nothing_typed_but_stop_words_finds_nothing_rather_than_everything(small):
    outcome = queries.services_filtered(queries.ServiceFilter(text="the and of"))
    assert outcome.queryset.count() == 0


def test_the_generated_directory_finds_help_with_food_free_at_weekends(db):
    factories.gazetteer()
    factories.directory(90)
    point = places.point_for_postcode("SO14 0AA")
    outcome = queries.services_filtered(
        queries.ServiceFilter(text="help with food", point=point, free=True, weekends=True)
    )
    found = queries.services_load(list(outcome.queryset.values_list("pk", flat=True)))
    assert found
    for svc in found:
        assert svc.is_free and svc.open_weekends
        assert any(d in s.byday for s in queries.all_schedules(svc) for d in ("SA", "SU"))


def test_open_now_keeps_services_open_at_that_moment(db):
    factories.gazetteer()
    factories.directory(60)
    # A Saturday at 10:30 in London.
    moment = datetime.datetime(2026, 11, 21, 10, 30, tzinfo=datetime.UTC)
    found = queries.services_load(
        list(
            queries.services_filtered(queries.ServiceFilter(open_at=moment)).queryset.values_list(
                "pk", flat=True
            )
        )
    )
    assert found
    assert all(opening.is_open(queries.all_schedules(s), moment) for s in found)
