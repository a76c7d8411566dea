"""What every measure's SQL starts from: the live cases and contacts, narrowed by the filters."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from frontdoor.cases import queries as cases_queries
from frontdoor.insights.periods import Filters


@dataclass
class Context:
    """One dashboard request: the filters, and what several measures share."""

    filters: Filters
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
        found = cases_queries.case_type_get(code=code)
        return found.pk if found else -1


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


def by_bucket(rows, key: str = "b") -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def ratio(part: float, whole: float, scale: float = 100.0) -> float | None:
    return part * scale / whole if whole else None
