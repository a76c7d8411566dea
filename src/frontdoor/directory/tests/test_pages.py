"""The public directory pages, through HTTP as a resident uses them."""

import pytest

from frontdoor.cases import queries as case_queries
from frontdoor.directory.models import Service
from frontdoor.directory.tests import factories
from frontdoor.notify.models import Message


@pytest.fixture
def loaded(db):
    factories.gazetteer()
    return factories.directory(60)


def test_the_search_page_offers_categories_before_any_search(client, loaded):
    page = client.get("/directory/")
    assert page.status_code == 200
    assert "Browse by category" in page.content.decode()
    assert "Food and essentials" in page.content.decode()


def test_help_with_food_near_a_postcode_lists_food_services_nearest_first(client, loaded):
    page = client.get("/directory/", {"q": "help with food", "postcode": "so14 0aa"})
    html = page.content.decode()
    assert page.status_code == 200
    results = page.context["results"]
    assert results, html
    miles = [r["miles"] for r in results if r["miles"] is not None]
    assert miles == sorted(miles)
    assert "Food" in results[0]["service"].name or "Meal" in results[0]["service"].name
    assert "miles away" in html or "mile away" in html


def test_filters_narrow_results_to_free_services_open_at_weekends(client, loaded):
    page = client.get("/directory/", {"q": "food", "free": "on", "weekends": "on"})
    assert page.status_code == 200
    assert page.context["results"]
    for r in page.context["results"]:
        svc = Service.objects.get(pk=r["service"].pk)
        assert svc.is_free and svc.open_weekends


def test_results_are_paged_twenty_at_a_time(client, loaded):
    first = client.get("/directory/", {"category": factories.term_id("Food and essentials")})
    assert first.context["page_obj"].paginator.count > 0
    everything = client.get("/directory/", {"in_person": "on"})
    assert len(everything.context["results"]) == 20
    second = client.get("/directory/", {"in_person": "on", "page": "2"})
    assert {r["service"].pk for r in second.context["results"]}.isdisjoint(
        {r["service"].pk for r in everything.context["results"]}
    )
    assert "Next" in everything.content.decode()


def test_a_malformed_or_unknown_postcode_gets_an_error_summary(client, loaded):
    for postcode, message in [("12345", "Enter a real postcode"), ("ZZ9 9ZZ", "We cannot find")]:
        page = client.get("/directory/", {"q": "food", "postcode": postcode})
        html = page.content.decode()
        assert page.status_code == 200
        assert "govuk-error-summary" in html and message in html
        assert "<title>Error:" in html


def test_an_empty_result_suggests_a_spelling_and_categories(client, loaded):
    page = client.get("/directory/", {"q": "fod", "online": "on", "in_person": "on"})
    html = page.content.decode()
    assert page.context["page_obj"].paginator.count == 0
    assert "We could not find any services" in html
    assert "remove the filters" in html
    assert page.context["advice"]["categories"]


def test_a_misspelling_with_no_close_word_still_gets_categories_to_try(client, loaded):
    page = client.get("/directory/", {"q": "xylophonics"})
    assert page.context["page_obj"].paginator.count == 0
    assert "Categories you might try" in page.content.decode()


def test_the_service_page_has_what_a_resident_needs(client, loaded):
    svc = Service.objects.filter(in_person=True, status="active").first()
    page = client.get(f"/directory/services/{svc.pk}/", {"postcode": "SO14 0AA"})
    html = page.content.decode()
    assert page.status_code == 200
    for heading in ("What it is", "Who it is for", "Cost", "Opening times", "Where",
                    "How to contact"):  # fmt: skip
        assert f">{heading}</h2>" in html
    assert "openstreetmap.org/?mlat=" in html
    assert "Last checked:" in html
    assert "Suggest a change to this page" in html
    assert "miles from SO14 0AA" in html


def test_a_service_no_longer_listed_is_not_found(client, loaded):
    svc = Service.objects.first()
    Service.objects.filter(pk=svc.pk).update(status="defunct")
    assert client.get(f"/directory/services/{svc.pk}/").status_code == 404


def test_suggesting_a_change_opens_a_case_and_shows_its_reference(client, loaded):
    svc = Service.objects.filter(status="active").first()
    url = f"/directory/services/{svc.pk}/suggest-a-change/"
    empty = client.post(url, {"text": ""})
    assert "Enter what needs to change" in empty.content.decode()
    sent = client.post(
        url, {"text": "It now opens on Sundays.", "email": "resident@example.com"}, follow=True
    )
    html = sent.content.decode()
    suggestion = svc.suggestions.get()
    assert suggestion.case_reference and suggestion.case_reference in html
    case = case_queries.case_get(reference=suggestion.case_reference)
    assert case.case_type.code == "directory-change"
    assert "Sundays" in case.description and case.team.code == "directory"
    assert Message.objects.filter(to="resident@example.com").exists()
