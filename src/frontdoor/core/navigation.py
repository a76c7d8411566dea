"""The service navigation and the home page's tasks: each app registers its own entries
when it is ready, so no shared template has to know every capability."""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC = "public"
STAFF = "staff"


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    audience: str = PUBLIC
    order: int = 50
    roles: frozenset[str] = frozenset()  # staff roles that see it; empty means every staff member


_entries: dict[str, Entry] = {}


def register(entry: Entry) -> None:
    _entries[entry.url_name] = entry


def entries(*, audience: str) -> list[Entry]:
    return sorted(
        (e for e in _entries.values() if e.audience == audience), key=lambda e: (e.order, e.label)
    )


@dataclass(frozen=True)
class HomeTask:
    """A task on the home page: what a resident can do, and where to start it."""

    title: str
    description: str
    url_name: str
    order: int = 50


_home_tasks: dict[str, HomeTask] = {}


def register_home_task(task: HomeTask) -> None:
    _home_tasks[task.url_name] = task


def home_tasks() -> list[HomeTask]:
    return sorted(_home_tasks.values(), key=lambda t: (t.order, t.title))
