"""Read-only questions other apps (open data, governance) and the pages ask of insights.

"Build in end to end monitoring and measurements from the start, to assess actual
benefits" (Digital Strategy 2024-30): every figure is computed in SQL from live data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q

from frontdoor.cases import queries as cases_queries
from frontdoor.insights import measures
from frontdoor.insights.periods import (
    DEFAULT_PERIOD,
    MONTH,
    PERIODS,
    Filters,
    Period,
    buckets_of,
    filters_for,
)
from frontdoor.insights.results import SMALL_COUNT, Definition, Result, figure, is_small
from frontdoor.insights.sql import bucket
from frontdoor.places import queries as places_queries

__all__ = [
    "DEFAULT_PERIOD",
    "PERIODS",
    "SMALL_COUNT",
    "Dashboard",
    "cases_by_type_ward_month",
    "case_type_choices",
    "dashboard",
    "definitions",
    "figure",
    "is_small",
    "ward_choices",
]


@dataclass
class Dashboard:
    filters: Filters
    results: list[Result]
    unmeasured: list


def definitions() -> list[Definition]:
    return measures.definitions()


def dashboard(
    *,
    period: str = DEFAULT_PERIOD,
    case_type: str = "",
    ward: str = "",
    today: datetime.date | None = None,
    codes: list[str] | None = None,
    staff: bool = False,
) -> Dashboard:
    """Every measure over a period (weekly or monthly), optionally for one case type and ward;
    `staff` adds the tables only staff see (open cases overdue now)."""
    filters = filters_for(period=period, case_type=case_type, ward=ward, today=today)
    results = measures.compute(filters, codes=codes, staff=staff)
    return Dashboard(filters, results, measures.unmeasured())


def case_type_choices() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in cases_queries.case_types(active_only=False)]


def ward_choices() -> list[str]:
    """The council's wards (places' gazetteer), and any other ward a case was recorded in."""
    recorded = (
        cases_queries.cases_for_measures()
        .exclude(ward="")
        .values_list("ward", flat=True)
        .distinct()
    )
    return sorted({ward.name for ward in places_queries.wards()} | set(recorded))


@dataclass(frozen=True)
class CaseCount:
    month: datetime.date
    case_type: str
    case_type_name: str
    ward: str
    received: int
    closed: int
    closed_on_time: int


def cases_by_type_ward_month(
    *, months: int = 24, today: datetime.date | None = None
) -> list[CaseCount]:
    """Cases received (and of those, closed and closed on time) by month, case type and
    ward: exact counts, for open data to suppress before publishing."""
    day = today or datetime.datetime.now(tz=datetime.UTC).date()
    buckets = buckets_of(Period("open-data", "", MONTH, months), today=day)
    starts = [b.start for b in buckets]
    rows = (
        cases_queries.cases_for_measures()
        .filter(received_at__gte=starts[0], received_at__lt=buckets[-1].end)
        .annotate(b=bucket("received_at", starts))
        .values("b", "case_type__code", "case_type__name", "ward")
        .annotate(
            n_received=Count("id"),
            n_closed=Count("id", filter=Q(closed=True)),
            n_on_time=Count("id", filter=Q(closed=True, closed_at__lte=F("sla_due_at"))),
        )
        .order_by("b", "case_type__code", "ward")
    )
    return [
        CaseCount(
            buckets[row["b"]].start.date(),
            row["case_type__code"],
            row["case_type__name"],
            row["ward"],
            row["n_received"],
            row["n_closed"],
            row["n_on_time"],
        )
        for row in rows
    ]
