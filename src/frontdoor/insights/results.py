"""What a computed measure looks like, and how its figures are written for a reader.

Small counts: a count under SMALL_COUNT is never shown on the public dashboard or in open
data, nor a rate worked out from fewer cases than that, so no figure can point at a person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

SMALL_COUNT = 5

PERCENT, PER_100, RATING, DAYS, COUNT = "percent", "per_100", "rating", "days", "count"
UP, DOWN = "up", "down"


def is_small(count: int | None) -> bool:
    """True for a count from 1 to SMALL_COUNT - 1: too small to publish."""
    return count is not None and 0 < count < SMALL_COUNT


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return "No data"
    if unit == PERCENT:
        return f"{value:.1f}%"
    if unit == PER_100:
        return f"{value:.1f} per 100 cases"
    if unit == RATING:
        return f"{value:.2f} out of 5"
    if unit == DAYS:
        return f"{value:.1f} days"
    return f"{value:,.0f}"


@dataclass(frozen=True)
class Cell:
    """One cell of a breakdown table: a count, a rate worked out from `base` things, or text."""

    value: float | int | str | None
    kind: str = "text"  # "text", "count" or a unit (for rates)
    base: int | None = None

    def text(self, *, public: bool) -> str:
        if self.kind == "text":
            return str(self.value)
        if self.kind == COUNT:
            if public and is_small(self.value):
                return f"fewer than {SMALL_COUNT}"
            return f"{self.value:,}"
        if public and is_small(self.base):
            return "too few to show"
        return figure(self.value, self.kind)

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    public: bool = True


@dataclass(frozen=True)
class Point:
    """One week or month of a series; `base` is how many things the value was worked out from."""

    label: str
    short_label: str
    value: float | None
    base: int | None  # None: not a count of people or cases, never withheld

    def shown(self, *, public: bool) -> float | None:
        return None if public and is_small(self.base) else self.value


@dataclass(frozen=True)
class Definition:
    """A measure, defined once: what it is, how it is computed, its target and direction.

    `code` is the governance measure's code where the strategy lists it: the strategy line,
    the strategy it comes from and its target are read from there (governance.queries),
    never typed again here. A measure the strategy asks for only in words elsewhere quotes
    that line in `strategy_line`.
    """

    code: str
    title: str
    how: str
    unit: str
    direction: str
    compute: Callable
    strategy_line: str = ""
    source_file: str = ""
    target: float | None = None
    filters: frozenset[str] = frozenset({"case_type", "ward"})


@dataclass
class Result:
    definition: Definition
    value: float | None
    base: int | None
    series: list[Point]
    tables: list[Table] = field(default_factory=list)
    # Filled from governance: the strategy line, its strategy, and the target it sets.
    strategy_line: str = ""
    strategy: str = ""
    target: float | None = None
    target_text: str = ""
    ignored_filters: tuple[str, ...] = ()

    def shown(self, *, public: bool) -> float | None:
        return None if public and is_small(self.base) else self.value

    def display(self, *, public: bool) -> str:
        if public and is_small(self.base):
            return "Too few to show"
        return figure(self.value, self.definition.unit)

    @property
    def meets_target(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        if self.definition.direction == UP:
            return self.value >= self.target
        return self.value <= self.target

    @property
    def target_display(self) -> str:
        if self.target is None:
            return "No target in the strategy"
        return figure(self.target, self.definition.unit)

    @property
    def direction_text(self) -> str:
        return "Higher is better" if self.definition.direction == UP else "Lower is better"
