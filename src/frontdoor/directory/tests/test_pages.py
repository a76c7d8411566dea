"""The public directory pages, through HTTP as a resident uses them."""

import pytest

from frontdoor.directory.tests import factories


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
