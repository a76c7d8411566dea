"""Measures of how residents reach us: the digital share, and chasing contacts."""

from __future__ import annotations

from django.db.models import Count

from frontdoor.cases import queries as cases_queries
from frontdoor.insights.measures.common import Context, contacts, ratio, received
from frontdoor.insights.results import COUNT, PER_100, PERCENT, Cell, Point, Result, Table
from frontdoor.insights.sql import bucket

# Self-service online: web forms, report a problem, the resident's account.
DIGITAL_CHANNELS = frozenset({"web"})
CHANNEL_LABELS = dict(cases_queries.CHANNELS)


def digital_contact_share(definition, context: Context) -> Result:
    filters = context.filters
    rows = list(
        contacts(context)
        .annotate(b=bucket("at", filters.starts))
        .values("b", "channel")
        .annotate(n=Count("id"))
    )
    totals = [0] * len(filters.buckets)
    digital = [0] * len(filters.buckets)
    by_channel: dict[str, int] = dict.fromkeys(CHANNEL_LABELS, 0)
    for row in rows:
        totals[row["b"]] += row["n"]
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["n"]
        if row["channel"] in DIGITAL_CHANNELS:
            digital[row["b"]] += row["n"]
    total = sum(totals)
    series = [
        Point(b.label, b.short_label, ratio(digital[i], totals[i]), totals[i])
        for i, b in enumerate(filters.buckets)
    ]
    table = Table(
        "Contacts by channel",
        ("Channel", "Contacts", "Share of contacts"),
        [
            (
                Cell(CHANNEL_LABELS.get(code, code)),
                Cell(count, COUNT),
                Cell(ratio(count, total), PERCENT, base=total),
            )
            for code, count in by_channel.items()
        ],
    )
    return Result(definition, ratio(sum(digital), total), total, series, [table])


def chasing_contacts(definition, context: Context) -> Result:
    """Chasing contacts about the cases received in each week or month, per 100 of them."""
    filters = context.filters
    size = len(filters.buckets)
    cases_in, chases_in = [0] * size, [0] * size
    cases_of: dict[int, int] = {}
    chases_of: dict[int, int] = {}
    for row in received(context, by_type=True):
        cases_in[row["b"]] += row["n"]
        chases_in[row["b"]] += row["chasing"] or 0
        cases_of[row["case_type_id"]] = cases_of.get(row["case_type_id"], 0) + row["n"]
        chases_of[row["case_type_id"]] = chases_of.get(row["case_type_id"], 0) + (
            row["chasing"] or 0
        )
    series = [
        Point(b.label, b.short_label, ratio(chases_in[i], cases_in[i]), cases_in[i])
        for i, b in enumerate(filters.buckets)
    ]
    names = context.case_type_names
    table = Table(
        "Chasing contacts by case type",
        ("Case type", "Cases received", "Chasing contacts", "Per 100 cases"),
        [
            (
                Cell(names.get(type_id, "Unknown")),
                Cell(cases_of[type_id], COUNT),
                Cell(chases_of[type_id], COUNT),
                Cell(ratio(chases_of[type_id], cases_of[type_id]), PER_100, base=cases_of[type_id]),
            )
            for type_id in sorted(cases_of, key=lambda t: names.get(t, ""))
        ],
    )
    total_cases = sum(cases_in)
    return Result(definition, ratio(sum(chases_in), total_cases), total_cases, series, [table])
