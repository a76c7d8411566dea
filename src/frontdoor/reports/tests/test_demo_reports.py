"""The demo council's street reports are made through the app's own services."""

from frontdoor.demo import services as demo
from frontdoor.reports import queries
from frontdoor.reports.models import DuplicateFlag, MeToo, Report


def test_the_demo_has_reports_in_every_category_with_followers_and_a_duplicate(db):
    demo.demo_load()
    codes = set(Report.objects.values_list("category__service_code", flat=True))
    assert codes == {c.service_code for c in queries.categories()}
    assert MeToo.objects.exists() and DuplicateFlag.objects.exists()
    statuses = {r.status for r in queries.requests_find()}
    assert statuses == {"open", "closed"}
