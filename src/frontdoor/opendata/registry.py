"""Every dataset the council publishes, declared once.

Adding a dataset (the service directory, street reports) is one entry in DATASETS: its
name, what it holds, how often, its fields (the Frictionless Table Schema) and a function
that makes its rows from live data through the owning app's queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from frontdoor.insights import queries as insights_queries
from frontdoor.opendata import disclosure

DAILY, WEEKLY, MONTHLY = "daily", "weekly", "monthly"
MONTHS = 24


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Frictionless Table Schema type: string, integer, number, yearmonth...
    title: str
    description: str = ""


@dataclass(frozen=True)
class Rows:
    rows: list[dict]
    withheld: int = 0


@dataclass(frozen=True)
class Spec:
    slug: str
    title: str
    description: str
    frequency: str
    fields: tuple[Field, ...]
    make: Callable[[datetime.date], Rows]
    keywords: tuple[str, ...] = ()
    primary_key: tuple[str, ...] = ()
    theme: str = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
    extra: dict = field(default_factory=dict)


def _cases_rows(today: datetime.date) -> Rows:
    rows = [
        {
            "month": f"{c.month:%Y-%m}",
            "case_type": c.case_type,
            "case_type_name": c.case_type_name,
            "ward": c.ward or "Unknown",
            "received": c.received,
            "closed": c.closed,
            "closed_on_time": c.closed_on_time,
        }
        for c in insights_queries.cases_by_type_ward_month(months=MONTHS, today=today)
    ]
    # Cases without a ward share "Unknown": one row each, so the key stays unique.
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = (row["month"], row["case_type"], row["ward"])
        if key in merged:
            for name in ("received", "closed", "closed_on_time"):
                merged[key][name] += row[name]
        else:
            merged[key] = row
    rows = list(merged.values())
    withheld = disclosure.suppress(
        rows, counts=("received", "closed", "closed_on_time"), group_by="month", total="received"
    )
    return Rows(rows, withheld)


def _measures_rows(today: datetime.date) -> Rows:
    board = insights_queries.dashboard(period="24-months", today=today)
    rows = []
    withheld = 0
    for result in board.results:
        for point, bucket in zip(result.series, board.filters.buckets, strict=True):
            small = insights_queries.is_small(point.base)
            withheld += small
            shown = point.shown(public=True)
            rows.append(
                {
                    "measure": result.definition.code,
                    "measure_title": result.definition.title,
                    "strategy_line": result.strategy_line,
                    "month": f"{bucket.start:%Y-%m}",
                    "value": None if shown is None else round(shown, 2),
                    "based_on": None if small else point.base,  # None too for dataset counts
                    "unit": result.definition.unit,
                    "target": result.target,
                    "direction": result.definition.direction,
                }
            )
    return Rows(rows, withheld)


DATASETS: list[Spec] = [
    Spec(
        slug="cases-by-type-ward-month",
        title="Requests received by type, ward and month",
        description="How many requests (cases) residents made each month by every channel, "
        "by type of request and ward, with how many are closed and how many were closed "
        "within their service level. Counts from 1 to 4 are withheld, and where one withheld "
        "count could be worked out from the month's total, the next smallest is withheld too. "
        "No personal data.",
        frequency=MONTHLY,
        fields=(
            Field("month", "yearmonth", "Month received"),
            Field("case_type", "string", "Type of request (code)"),
            Field("case_type_name", "string", "Type of request"),
            Field("ward", "string", "Ward", "Unknown when the request gave no place"),
            Field("received", "integer", "Requests received", "Blank when withheld"),
            Field("closed", "integer", "Of those, closed", "Blank when withheld"),
            Field("closed_on_time", "integer", "Closed within the service level"),
            Field("counts_withheld", "boolean", "Some counts withheld to protect privacy"),
        ),
        make=_cases_rows,
        keywords=("cases", "requests", "wards", "service levels"),
        primary_key=("month", "case_type", "ward"),
    ),
    Spec(
        slug="success-measures",
        title="Digital strategy success measures, month by month",
        description="Each success measure of the council's digital strategy, month by month "
        "for two years: the figure, what it was worked out from, the target and which way "
        "is better. The same figures as the performance dashboard.",
        frequency=MONTHLY,
        fields=(
            Field("measure", "string", "Measure (code)"),
            Field("measure_title", "string", "Measure"),
            Field("strategy_line", "string", "The strategy line it answers"),
            Field("month", "yearmonth", "Month"),
            Field("value", "number", "Figure", "Blank when withheld or when there is no data"),
            Field("based_on", "integer", "Worked out from this many", "Blank when withheld"),
            Field("unit", "string", "Unit"),
            Field("target", "number", "Target", "Blank when the strategy sets none"),
            Field("direction", "string", "Which way is better: up or down"),
        ),
        make=_measures_rows,
        keywords=("performance", "digital strategy", "measures"),
        primary_key=("measure", "month"),
    ),
]


def specs() -> list[Spec]:
    return list(DATASETS)


def spec_get(slug: str) -> Spec | None:
    return next((spec for spec in DATASETS if spec.slug == slug), None)


def _directory_rows(today: datetime.date) -> Rows:
    from frontdoor.directory import queries as directory_queries

    services = (
        directory_queries.services_for_editor()
        .filter(status__in=directory_queries.LISTED)
        .order_by("name", "pk")
        .values(
            "pk", "name", "organization__name", "description", "url", "status",
            "assured_date", "review_by",
        )
    )  # fmt: skip
    rows = [
        {
            "id": str(s["pk"]),
            "name": s["name"],
            "organization": s["organization__name"] or "",
            "description": s["description"],
            "url": s["url"],
            "status": s["status"],
            "last_checked": s["assured_date"].isoformat() if s["assured_date"] else None,
            "review_by": s["review_by"].isoformat() if s["review_by"] else None,
        }
        for s in services
    ]
    return Rows(rows)


DATASETS.append(
    Spec(
        slug="service-directory",
        title="Service directory: activities and services",
        description="Every service residents can find in the council's directory of "
        "activities and services, with its organisation, web address and when it was last "
        "checked. The full Open Referral UK data is at /api/directory/. Named people's "
        "contact details are left out.",
        frequency=WEEKLY,
        fields=(
            Field("id", "string", "Service id (HSDS)"),
            Field("name", "string", "Service"),
            Field("organization", "string", "Organisation"),
            Field("description", "string", "Description"),
            Field("url", "string", "Web address"),
            Field("status", "string", "Status"),
            Field("last_checked", "date", "Last checked", "Blank when never checked"),
            Field("review_by", "date", "To be checked again by"),
        ),
        make=_directory_rows,
        keywords=("services", "directory", "Open Referral"),
        primary_key=("id",),
        theme="http://publications.europa.eu/resource/authority/data-theme/SOCI",
    )
)
