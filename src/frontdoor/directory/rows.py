"""What an import is made of before it is checked: rows by table, each saying where it
came from, and the problems found, each saying exactly where and what."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    where: str  # "services.csv row 4" or "services[2].schedules[0]"
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.where}, {self.field}: {self.message}"
            if self.field
            else (f"{self.where}: {self.message}")
        )


@dataclass
class Rows:
    """Rows per table, each with where it came from, ready to check and apply."""

    tables: dict[str, list[tuple[str, dict]]] = field(default_factory=lambda: defaultdict(list))
    problems: list[Problem] = field(default_factory=list)

    def add(self, table: str, where: str, row: dict) -> None:
        self.tables[table].append((where, row))


class ImportRefused(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s): nothing was imported")
