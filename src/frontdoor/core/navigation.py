"""The service navigation: each app registers its own entries when it is ready."""

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
