"""Open datasets released: "More open datasets released" (Digital Strategy 2018-22)."""

from __future__ import annotations

from frontdoor.insights.measures.common import Context
from frontdoor.insights.results import COUNT, Cell, Point, Result, Table


def open_datasets(definition, context: Context) -> Result:
    # opendata publishes these measures, so it is imported when needed, not at start-up.
    from frontdoor.opendata import queries as opendata_queries

    issued = opendata_queries.first_published()
    series = [
        Point(b.label, b.short_label, float(sum(1 for t in issued if t < b.end)), None)
        for b in context.filters.buckets
    ]
    released = sum(1 for t in issued if context.filters.since <= t < context.filters.until)
    table = Table(
        "Datasets released",
        ("When", "Datasets"),
        [(Cell("First published in this period"), Cell(released, COUNT))],
    )
    # A count of datasets, not of people: never withheld, so no base.
    return Result(definition, float(len(issued)), None, series, [table])
