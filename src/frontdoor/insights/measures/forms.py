"""The web forms' average rating: "Achieve an average rating of 4 for web forms"."""

from __future__ import annotations

from django.db.models import Count, Sum

from frontdoor.insights.measures.common import Context, ratio
from frontdoor.insights.results import COUNT, RATING, Cell, Point, Result, Table
from frontdoor.insights.sql import bucket
from frontdoor.journeys import queries as journeys_queries


def form_rating(definition, context: Context) -> Result:
    filters = context.filters
    ratings = journeys_queries.feedback_for_measures().filter(
        given_at__gte=filters.since, given_at__lt=filters.until
    )
    rows = list(
        ratings.annotate(b=bucket("given_at", filters.starts))
        .values("b", "version_id")
        .annotate(total=Sum("rating"), n=Count("id"))
    )
    # Versions to their form, from the few forms there are: no join over every rating.
    slugs = {
        v.pk: form.slug
        for form in journeys_queries.forms_all().prefetch_related("versions")
        for v in form.versions.all()
    }
    sums: dict[int, list[int]] = {}
    forms: dict[str, list[int]] = {}
    for row in rows:
        slug = slugs.get(row["version_id"], "")
        for key, into in ((row["b"], sums), (slug, forms)):
            figures = into.setdefault(key, [0, 0])
            figures[0] += row["total"]
            figures[1] += row["n"]
    series = []
    for index, chosen in enumerate(filters.buckets):
        total, count = sums.get(index, (0, 0))
        series.append(Point(chosen.label, chosen.short_label, ratio(total, count, 1.0), count))
    by_form = [{"version__form__slug": k, "average": t / n, "n": n} for k, (t, n) in forms.items()]
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
