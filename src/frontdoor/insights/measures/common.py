"""What every measure's SQL starts from: the live cases and contacts, narrowed by the filters."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from frontdoor.cases import queries as cases_queries
from frontdoor.insights.periods import Filters
from frontdoor.insights.sql import bucket


@dataclass
class Context:
    """One dashboard request: the filters, and what several measures share."""

    filters: Filters
    staff: bool = False  # staff pages also get the tables only staff see
    memo: dict = field(default_factory=dict)

    def once(self, key: str, make):
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    @property
    def case_type_names(self) -> dict[int, str]:
        return self.once(
            "type-names",
            lambda: {t.pk: t.name for t in cases_queries.case_types(active_only=False)},
        )

    @property
    def case_type_id(self) -> int | None:
        code = self.filters.case_type
        if not code:
            return None

        def find():
            found = cases_queries.case_type_get(code=code)
            return found.pk if found else -1

        return self.once("type-id", find)


def cases(context: Context, *, by_type: bool = True):
    """Cases narrowed by the case type (unless `by_type` is False) and ward filters."""
    chosen = cases_queries.cases_for_measures()
    if by_type and context.filters.case_type:
        chosen = chosen.filter(case_type_id=context.case_type_id)
    if context.filters.ward:
        chosen = chosen.filter(ward=context.filters.ward)
    return chosen


def contacts(context: Context):
    chosen = cases_queries.contacts_for_measures().filter(
        at__gte=context.filters.since, at__lt=context.filters.until
    )
    if context.filters.case_type:
        chosen = chosen.filter(case__case_type_id=context.case_type_id)
    if context.filters.ward:
        chosen = chosen.filter(case__ward=context.filters.ward)
    return chosen


def received(context: Context, *, by_type: bool) -> list[dict]:
    """Cases received in the period by week or month and case type, with their chasing
    contacts: one query (ward filter only) shared by every measure that needs it; the case
    type filter is applied here, in Python, when `by_type`."""

    def make():
        filters = context.filters
        return list(
            cases(context, by_type=False)
            .filter(received_at__gte=filters.since, received_at__lt=filters.until)
            .annotate(b=bucket("received_at", filters.starts))
            .values("b", "case_type_id")
            .annotate(n=Count("id"), chasing=Sum("chasing_contacts"))
        )

    rows = context.once("received", make)
    if by_type and context.filters.case_type:
        return [row for row in rows if row["case_type_id"] == context.case_type_id]
    return rows


def by_bucket(rows, key: str = "b") -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def ratio(part: float, whole: float, scale: float = 100.0) -> float | None:
    return part * scale / whole if whole else None
