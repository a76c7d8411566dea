"""The GOV.UK "find an address" pattern against the gazetteer: a resident types a
postcode, picks their address, and the case it becomes knows the UPRN, point and ward."""

import re

import pytest

from frontdoor.cases import queries as case_queries
from frontdoor.demo import places as demo_places
from frontdoor.journeys.models import Submission
from frontdoor.journeys.tests.factories import errors, form_published, hidden, question

pytestmark = pytest.mark.django_db

PAGES = [{"key": "where", "questions": [question("home", "address", label="Your address")]}]


def _post(client, slug, **data):
    return client.post(f"/forms/{slug}/where/", {"version": "1", **data})


def test_a_resident_finds_their_address_by_postcode_and_the_case_is_placed(client):
    demo_places.create()
    form = form_published(*PAGES)
    client.post(f"/forms/{form.slug}/")
    first_page = client.get(f"/forms/{form.slug}/where/").content.decode()
    assert "Postcode" in first_page and "?manual=1" in first_page

    found = _post(client, form.slug, action="find", postcode="so14 7ly")
    page = found.content.decode()
    assert "8 addresses found" in page and "Southampton, SO14 7LY" in page
    offered = re.findall(r'name="uprn"[^>]*value="([0-9]+)"|value="([0-9]+)"[^>]*name="uprn"', page)
    offered = [a or b for a, b in offered] or re.findall(r'<option value="([0-9]+)"', page)
    assert len(offered) == demo_places.ADDRESSES_PER_POSTCODE
    uprn = offered[0]

    chosen = _post(client, form.slug, action="choose", postcode="SO14 7LY", uprn=uprn)
    assert chosen.url == f"/forms/{form.slug}/check-answers/"
    check = client.get(chosen.url)
    client.post(
        check.request["PATH_INFO"],
        {"version": "1", "submission_key": hidden(check, "submission_key")},
    )
    submission = Submission.objects.get()
    assert submission.answers["home"]["uprn"] == uprn
    case = case_queries.case_get(reference=submission.case_reference)
    assert (case.uprn, case.location_postcode, case.ward) == (uprn, "SO14 7LY", "Bargate")
    assert case.latitude is not None and case.longitude is not None


def test_an_unknown_postcode_says_so_and_offers_manual_entry(client):
    demo_places.create()
    form = form_published(*PAGES)
    client.post(f"/forms/{form.slug}/")
    response = _post(client, form.slug, action="find", postcode="ZZ99 9ZZ")
    assert response.status_code == 200
    assert errors(response) == [
        "We could not find an address for ZZ99 9ZZ: check the postcode, or enter the "
        "address manually"
    ]
    assert errors(_post(client, form.slug, action="find", postcode="nonsense")) == [
        "Enter a full UK postcode"
    ]


def test_without_a_gazetteer_the_address_is_typed_in(client):
    form = form_published(*PAGES)
    client.post(f"/forms/{form.slug}/")
    page = client.get(f"/forms/{form.slug}/where/").content.decode()
    assert 'name="home__line1"' in page and "action" not in page.split("<form")[1][:200]
