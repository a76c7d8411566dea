"""The web forms' average rating: "Achieve an average rating of 4 for web forms"."""

from __future__ import annotations

from django.db.models import Avg, Count

from frontdoor.insights.measures.common import Context
from frontdoor.insights.results import COUNT, RATING, Cell, Point, Result, Table
from frontdoor.insights.sql import bucket
from frontdoor.journeys import queries as journeys_queries


def form_rating(definition, context: Context) -> Result:
    filters = context.filters
    ratings = journeys_queries.feedback_for_measures().filter(
        given_at__gte=filters.since, given_at__lt=filters.until
    )
    by_bucket = {
        row["b"]: row
        for row in ratings.annotate(b=bucket("given_at", filters.starts))
        .values("b")
        .annotate(average=Avg("rating"), n=Count("id"))
    }
    series = []
    for index, chosen in enumerate(filters.buckets):
        row = by_bucket.get(index, {"average": None, "n": 0})
        average = float(row["average"]) if row["average"] is not None else None
        series.append(Point(chosen.label, chosen.short_label, average, row["n"]))
    by_form = list(
        ratings.values("version__form__slug").annotate(average=Avg("rating"), n=Count("id"))
    )
    titles = {form.slug: form.title for form in journeys_queries.forms_all()}
    table = Table(
        "Average rating by form",
        ("Form", "Ratings", "Average rating"),
        [
            (
                Cell(titles.get(row["version__form__slug"], row["version__form__slug"])),
                Cell(row["n"], COUNT),
                Cell(float(row["average"]), RATING, base=row["n"]),
            )
            for row in sorted(by_form, key=lambda r: titles.get(r["version__form__slug"], ""))
        ],
    )
    total = sum(row["n"] for row in by_form)
    overall = sum(float(row["average"]) * row["n"] for row in by_form) / total if total else None
    return Result(definition, overall, total, series, [table])
