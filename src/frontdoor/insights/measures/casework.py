"""Measures of how cases are handled: automatic updates, service levels, time to resolve."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from frontdoor.cases import queries as cases_queries
from frontdoor.insights.measures.common import Context, cases, ratio, received
from frontdoor.insights.results import COUNT, DAYS, PERCENT, Cell, Point, Result, Table
from frontdoor.insights.sql import DaysBetween, bucket

TOP_JOURNEYS = 25


def _sends_progress_updates(case_type) -> bool:
    """Automatic updates are on when the workflow tells the resident of some step before
    the end (a public transition into a state that is not closed)."""
    definition = cases_queries.definition_of_type(case_type=case_type)
    closed = {state.code for state in definition.states if state.closed}
    return any(step.public and step.target not in closed for step in definition.transitions)


def _updates_on(context: Context) -> dict[int, bool]:
    return context.once(
        "updates-on",
        lambda: {
            t.pk: _sends_progress_updates(t) for t in cases_queries.case_types(active_only=False)
        },
    )


def top_journeys_automatic_updates(definition, context: Context) -> Result:
    """Of the (up to) 25 case types with most cases received in the period, how many keep
    residents informed automatically."""
    filters = context.filters
    updates_on = _updates_on(context)
    overall: dict[int, int] = {}
    per_bucket: list[dict[int, int]] = [{} for _ in filters.buckets]
    for row in received(context, by_type=False):
        overall[row["case_type_id"]] = overall.get(row["case_type_id"], 0) + row["n"]
        per_bucket[row["b"]][row["case_type_id"]] = row["n"]

    def top(counts: dict[int, int]) -> list[int]:
        return sorted(counts, key=lambda t: (-counts[t], t))[:TOP_JOURNEYS]

    series = []
    for index, chosen in enumerate(filters.buckets):
        ranked = top(per_bucket[index])
        on = sum(1 for t in ranked if updates_on.get(t))
        counted = sum(per_bucket[index].values())
        series.append(Point(chosen.label, chosen.short_label, on if ranked else None, counted))
    ranked = top(overall)
    names = context.case_type_names
    table = Table(
        f"The top {TOP_JOURNEYS} journeys by cases received",
        ("Rank", "Case type", "Cases received", "Automatic updates"),
        [
            (
                Cell(str(rank)),
                Cell(names.get(type_id, "Unknown")),
                Cell(overall[type_id], COUNT),
                Cell("On" if updates_on.get(type_id) else "Off"),
            )
            for rank, type_id in enumerate(ranked, start=1)
        ],
    )
    value = sum(1 for t in ranked if updates_on.get(t)) if ranked else None
    return Result(definition, value, sum(overall.values()), series, [table])


def _closed(context: Context):
    """Cases closed in the period by week or month and case type, in one query shared by the
    service level and time to resolve measures: how many, how many on time, and the sum of
    their days to close."""

    def make():
        filters = context.filters
        rows = list(
            cases(context)
            .filter(closed_at__gte=filters.since, closed_at__lt=filters.until)
            .annotate(b=bucket("closed_at", filters.starts))
            .values("b", "case_type_id")
            .annotate(
                n=Count("id"),
                on_time=Count("id", filter=Q(closed_at__lte=F("sla_due_at"))),
                days=Sum(DaysBetween("received_at", "closed_at")),
            )
        )
        by_bucket: dict[int, dict] = {}
        by_type: dict[int, dict] = {}
        for row in rows:
            for key, totals in ((row["b"], by_bucket), (row["case_type_id"], by_type)):
                into = totals.setdefault(key, {"n": 0, "on_time": 0, "days": 0.0})
                into["n"] += row["n"]
                into["on_time"] += row["on_time"]
                into["days"] += row["days"] or 0.0
        return by_bucket, [
            {"case_type_id": key, **figures, "days": figures["days"] / figures["n"]}
            for key, figures in by_type.items()
        ]

    return context.once("closed", make)


def _overdue_now(context: Context) -> dict[int, int]:
    rows = (
        cases(context)
        .filter(closed=False, sla_due_at__lt=timezone.now())
        .values("case_type_id")
        .annotate(n=Count("id"))
    )
    return {row["case_type_id"]: row["n"] for row in rows}


def _by_type_table(context: Context, by_type: list[dict], *, with_overdue: bool) -> Table:
    names = context.case_type_names
    overdue = _overdue_now(context) if with_overdue else {}
    headers = ("Case type", "Closed", "Closed on time", "On time", "Average days to resolve")
    if with_overdue:
        headers += ("Open and overdue now",)
    rows = []
    for row in sorted(by_type, key=lambda r: names.get(r["case_type_id"], "")):
        cells = (
            Cell(names.get(row["case_type_id"], "Unknown")),
            Cell(row["n"], COUNT),
            Cell(row["on_time"], COUNT),
            Cell(ratio(row["on_time"], row["n"]), PERCENT, base=row["n"]),
            Cell(row["days"], DAYS, base=row["n"]),
        )
        if with_overdue:
            cells += (Cell(overdue.get(row["case_type_id"], 0), COUNT),)
        rows.append(cells)
    return Table(
        "Service level by case type" + (" (staff only)" if with_overdue else ""),
        headers,
        rows,
        public=not with_overdue,
    )


def sla_performance(definition, context: Context) -> Result:
    filters = context.filters
    by_bucket, by_type = _closed(context)
    series = []
    for index, chosen in enumerate(filters.buckets):
        row = by_bucket.get(index, {"n": 0, "on_time": 0})
        series.append(
            Point(chosen.label, chosen.short_label, ratio(row["on_time"], row["n"]), row["n"])
        )
    closed = sum(row["n"] for row in by_type)
    on_time = sum(row["on_time"] for row in by_type)
    tables = [_by_type_table(context, by_type, with_overdue=False)]
    if context.staff:
        tables.append(_by_type_table(context, by_type, with_overdue=True))
    return Result(definition, ratio(on_time, closed), closed, series, tables)


def time_to_resolve(definition, context: Context) -> Result:
    filters = context.filters
    by_bucket, by_type = _closed(context)
    series = []
    for index, chosen in enumerate(filters.buckets):
        row = by_bucket.get(index, {"n": 0, "days": 0.0})
        average = row["days"] / row["n"] if row["n"] else None
        series.append(Point(chosen.label, chosen.short_label, average, row["n"]))
    closed = sum(row["n"] for row in by_type)
    days = sum((row["days"] or 0) * row["n"] for row in by_type)
    names = context.case_type_names
    table = Table(
        "Time to resolve by case type",
        ("Case type", "Closed", "Average days to resolve"),
        [
            (
                Cell(names.get(row["case_type_id"], "Unknown")),
                Cell(row["n"], COUNT),
                Cell(row["days"], DAYS, base=row["n"]),
            )
            for row in sorted(by_type, key=lambda r: names.get(r["case_type_id"], ""))
        ],
    )
    return Result(definition, days / closed if closed else None, closed, series, [table])
