"""Subject access: a registry each app adds one source to, so a person's data joins up.

Strategy: UK GDPR rights of access and erasure (DESIGN.md "Privacy and retention");
Southwark 2024-26: "single resident view". A source is a function from a `Person` (the
identifiers we were given, widened as sources find more) to a list of plain records, and
optionally an eraser. An app registers its own in its AppConfig.ready():

    from frontdoor.privacy import services as privacy
    privacy.subject_access_source(code="reports", title="Reported problems", order=35,
                                  find=my_queries.reports_export, erase=my_services.reports_erase)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Person:
    """Who a request is about. Sources add what they learn (an account, case references)."""

    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    usernames: set[str] = field(default_factory=set)
    user_ids: set[int] = field(default_factory=set)
    case_references: set[str] = field(default_factory=set)

    def addresses(self) -> set[str]:
        return self.emails | self.phones


@dataclass(frozen=True)
class Source:
    code: str
    title: str
    find: Callable[[Person], list[dict]]
    # Erase or anonymise what the law allows; returns counts, and may say what it kept.
    erase: Callable[[Person], dict[str, int]] | None = None
    order: int = 50


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    _sources[source.code] = source


def all_sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.code))


def register_built_in() -> None:
    """The sources of the apps that existed before privacy: accounts, cases, forms, messages."""
    from frontdoor.privacy import contributions

    for source in contributions.BUILT_IN:
        register(source)
