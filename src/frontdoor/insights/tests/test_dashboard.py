"""The public and staff dashboards: every measure, a chart and table each, filters, errors."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.governance import services as governance_services
from frontdoor.insights.tests import factories as made

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    governance_services.seed_import_files()
    made.case_type()
    today = timezone.localdate()
    for index in range(6):
        made.case(received=made.at(today, 1), ward="Bevois", name=f"Zebedee Quartermaine{index}")
    made.case(received=made.at(today, 1), ward="Portswood", channel="phone")


def test_the_public_dashboard_shows_every_measure_with_its_strategy_line(client, council):
    page = client.get("/performance/").content.decode()
    for title, line in [
        ("Digital share of contacts", "Increase in the proportion of digital contact"),
        ("Chasing contacts per 100 cases", "Reduction in the number of contacts chasing"),
        ("Average rating of web forms", "Achieve an average rating of 4 for web forms"),
        ("Top journeys with automatic updates", "Automatic updates for the top 25 journeys"),
        ("Cases closed within their service level", "Build in end to end monitoring"),
        ("Average time to resolve a case", "Automatic updates to keep customers informed"),
        ("Directory services checked on time", "Publish an up-to-date comprehensive"),
        ("Open datasets published", "More open datasets released"),
    ]:
        assert title in page
        assert line in page
    assert page.count('<svg class="frontdoor-chart" role="img"') == 8
    assert "85.7%" in page  # 6 of 7 contacts online
    assert "Zebedee" not in page


def test_the_public_dashboard_withholds_small_counts_that_staff_see(client, council):
    public = client.get("/performance/?ward=Portswood").content.decode()
    assert "Too few to show" in public
    assert "fewer than 5" in public
    client.force_login(made.staff(roles.CASE_OFFICER))
    staff = client.get("/staff/insights/?ward=Portswood").content.decode()
    assert "0.0%" in staff  # the one Portswood contact was by phone
    assert "Strategy measures not yet computed" in staff
    assert "Increase online direct debit take-up" in staff


def test_the_staff_dashboard_needs_a_staff_sign_in(client, council):
    response = client.get("/staff/insights/")
    assert response.status_code == 302
    assert "next=/staff/insights/" in response["Location"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=forever", "Choose a period from the list"),
        ("case_type=unicorns", "Choose a case type from the list"),
        ("ward=Atlantis", "Choose a ward from the list"),
    ],
)
def test_a_bad_filter_gets_an_error_summary_not_a_500(client, council, query, message):
    response = client.get(f"/performance/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert page.count("<title>Error: ") == 1
    assert client.get(f"/performance/digital-contact-share.csv?{query}").status_code == 400


def test_a_measures_csv_holds_the_figures_of_its_table(client, council):
    page = client.get("/performance/?period=12-weeks").content.decode()
    section = page.split('id="digital-contact-share"')[1].split("</section>")[0]
    last_row = re.findall(r'<th scope="row"[^>]*>([^<]+)</th><td[^>]*>([^<]+)</td>', section)[11]
    response = client.get("/performance/digital-contact-share.csv?period=12-weeks")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 12
    assert rows[-1]["period"] == last_row[0]
    assert f"{float(rows[-1]['value']):.1f}%" == last_row[1] == "85.7%"
    assert rows[-1]["based_on"] == "7"
    assert client.get("/performance/no-such-measure.csv").status_code == 404


def test_the_case_type_filter_narrows_the_figures(client, council):
    made.case_type("pothole", "Pothole")
    made.case(received=made.at(timezone.localdate(), 1), case_type_code="pothole", channel="phone")
    everything = client.get("/performance/").content.decode()
    bins = client.get("/performance/?case_type=missed-bin").content.decode()
    assert "75.0%" in everything  # 6 of 8
    assert "85.7%" in bins
    assert "not broken down by case type" in bins  # the form rating covers every form
