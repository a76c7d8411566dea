"""Track my request: no account, the same answer for any wrong detail, rate-limited."""

import re

import pytest
from django.core.cache import cache

from frontdoor.cases import services
from frontdoor.cases.tests import factories


def _summary(page: str) -> str:
    return re.search(r'govuk-error-summary__list">(.*?)</ul>', page, re.DOTALL).group(1)


@pytest.fixture
def case(db):
    cache.clear()
    factories.case_type()
    made = factories.case()
    officer = factories.officer()
    services.case_note_add(user=officer, reference=made.reference, text="Caller was abusive")
    services.case_transition(
        user=officer,
        reference=made.reference,
        transition="start",
        expected_version=1,
        public_text="A crew will come on Tuesday.",
    )
    return made


def test_a_resident_sees_the_public_timeline_with_their_email(case, client):
    page = client.post(
        "/track/", {"reference": case.reference.lower(), "email_or_postcode": "AMARA@example.com"}
    ).content.decode()
    assert "A crew will come on Tuesday." in page
    assert "We expect to finish by" in page
    assert "Caller was abusive" not in page


def test_a_resident_may_give_their_postcode_instead(case, client):
    response = client.post("/track/", {"reference": case.reference, "email_or_postcode": "so147ly"})
    assert response.status_code == 200


def test_a_wrong_reference_and_a_wrong_email_get_the_same_answer(case, client):
    wrong_email = client.post(
        "/track/", {"reference": case.reference, "email_or_postcode": "someone@example.com"}
    )
    wrong_reference = client.post(
        "/track/", {"reference": "KKKK-KKKK", "email_or_postcode": "amara@example.com"}
    )
    assert wrong_email.status_code == wrong_reference.status_code == 404
    summaries = [_summary(r.content.decode()) for r in (wrong_email, wrong_reference)]
    assert summaries[0] == summaries[1]
    assert "We could not find a request with those details" in summaries[0]


def test_a_reference_in_the_wrong_shape_is_explained(case, client):
    response = client.post("/track/", {"reference": "123", "email_or_postcode": "x"})
    assert response.status_code == 400
    assert "Enter the reference as 8 letters and numbers" in response.content.decode()


def test_lookups_are_limited_per_address(case, client):
    for _ in range(10):
        client.post("/track/", {"reference": "KKKK-KKKK", "email_or_postcode": "a@example.com"})
    response = client.post(
        "/track/", {"reference": case.reference, "email_or_postcode": "amara@example.com"}
    )
    assert response.status_code == 429
    assert "You have tried too many times" in response.content.decode()
