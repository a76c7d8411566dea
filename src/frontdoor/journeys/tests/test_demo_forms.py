"""The top journeys ship as demo forms that import and publish cleanly."""

import pytest

from frontdoor.demo import journeys as demo
from frontdoor.demo import services as demo_services
from frontdoor.journeys import queries

pytestmark = pytest.mark.django_db

TOP_JOURNEYS = {
    "report-a-missed-bin-collection",
    "book-a-bulky-waste-collection",
    "report-fly-tipping",
    "report-a-pothole",
    "report-a-street-light-fault",
    "report-noise",
    "request-a-housing-repair",
    "apply-for-a-resident-parking-permit",
    "tell-us-you-are-moving",
    "request-a-blue-badge-application-pack",
}


def test_the_demo_council_publishes_the_top_ten_journeys(client):
    demo_services.demo_load()
    published = {form.slug for form in queries.forms_published()}
    assert published == TOP_JOURNEYS
    assert len(demo.form_files()) == len(TOP_JOURNEYS)
    listing = client.get("/forms/").content.decode()
    assert all(f"/forms/{slug}/" in listing for slug in TOP_JOURNEYS)
    # The benchmark (bench/form_submission.py) sends the pothole form: five question pages.
    pothole = queries.form_published(slug="report-a-pothole")
    definition = queries.version_definition(pothole.live_version)
    assert [page.kind for page in definition.pages].count("questions") == 5
    # Demo residents have sent and rated some forms, over several weeks.
    missed_bin = queries.form_published(slug="report-a-missed-bin-collection")
    assert queries.feedback_overall(form=missed_bin) == {"average": 26 / 6, "count": 6}
    assert len(queries.feedback_by_week(form=missed_bin)) >= 4
