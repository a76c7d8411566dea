"""Directory freshness: "Publish an up-to-date comprehensive directory of activities and
services" and "SID is not up to date" (Digital Strategy 2018-22)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from frontdoor.directory import queries as directory_queries
from frontdoor.insights.measures.common import Context, ratio
from frontdoor.insights.results import COUNT, Cell, Point, Result, Table


def directory_freshness(definition, context: Context) -> Result:
    """Of the services residents can find, the share checked within their review period
    (review-by date today or later). Only today's state is kept, so the series has one
    figure, in the week or month that holds today."""
    today = timezone.localdate()
    listed = directory_queries.services_for_editor().filter(status__in=directory_queries.LISTED)
    counts = listed.aggregate(
        n=Count("pk"),
        fresh=Count("pk", filter=Q(review_by__gte=today)),
        never=Count("pk", filter=Q(review_by__isnull=True)),
    )
    value = ratio(counts["fresh"], counts["n"])
    series = [
        Point(b.label, b.short_label, value if b.start.date() <= today < b.end.date() else None,
              counts["n"] if b.start.date() <= today < b.end.date() else 0)
        for b in context.filters.buckets
    ]  # fmt: skip
    overdue = counts["n"] - counts["fresh"] - counts["never"]
    table = Table(
        "Services by when they were last checked",
        ("State", "Services"),
        [
            (Cell("Checked within their review period"), Cell(counts["fresh"], COUNT)),
            (Cell("Past their review date"), Cell(overdue, COUNT)),
            (Cell("Never checked"), Cell(counts["never"], COUNT)),
        ],
    )
    return Result(definition, value, counts["n"], series, [table])
