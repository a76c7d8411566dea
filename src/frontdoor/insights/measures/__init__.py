"""The success measures, each defined once, in the order the dashboard shows them.

Adding a measure is one entry here and one compute function. Where the strategy lists
the measure, its `code` is the governance measure's code and the strategy line, its
strategy and its target come from governance.queries.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from frontdoor.governance import queries as governance_queries
from frontdoor.insights.measures import casework, contacts, directory, forms, published
from frontdoor.insights.measures.common import Context
from frontdoor.insights.periods import Filters
from frontdoor.insights.results import (
    COUNT,
    DAYS,
    DOWN,
    PER_100,
    PERCENT,
    RATING,
    UP,
    Definition,
    Result,
)

CASE_TYPE, WARD = "case_type", "ward"

DEFINITIONS: list[Definition] = [
    Definition(
        code="digital-contact-share",
        title="Digital share of contacts",
        how="Contacts made online (web forms and reports) as a share of every contact in "
        "the period, new or chasing, from every channel.",
        unit=PERCENT,
        direction=UP,
        compute=contacts.digital_contact_share,
    ),
    Definition(
        code="chasing-contacts",
        title="Chasing contacts per 100 cases",
        how="Contacts chasing progress on the cases received in each week or month (whenever "
        "the resident chased), per 100 of those cases.",
        unit=PER_100,
        direction=DOWN,
        compute=contacts.chasing_contacts,
    ),
    Definition(
        code="form-rating",
        title="Average rating of web forms",
        how="The mean of residents' 1 to 5 ratings given in the period, after sending a form "
        "or when its case closed.",
        unit=RATING,
        direction=UP,
        compute=forms.form_rating,
        filters=frozenset(),
    ),
    Definition(
        code="top-journeys-automatic-updates",
        title="Top journeys with automatic updates",
        how=f"Of the {casework.TOP_JOURNEYS} case types with most cases received in the period, "
        "how many tell the resident automatically when their case moves on (a public step "
        "before closing).",
        unit=COUNT,
        direction=UP,
        compute=casework.top_journeys_automatic_updates,
        filters=frozenset({WARD}),
    ),
    Definition(
        code="sla-performance",
        title="Cases closed within their service level",
        how="Cases closed in the period on or before the date their service level set "
        "(working days by case type and priority), as a share of every case closed.",
        unit=PERCENT,
        direction=UP,
        compute=casework.sla_performance,
        strategy_line="Build in end to end monitoring and measurements from the start, to "
        "assess actual benefits and drive continual improvements",
        source_file="001_fff2016c01b3fd99.txt",
    ),
    Definition(
        code="time-to-resolve",
        title="Average time to resolve a case",
        how="The mean time from receiving a case to closing it, in days, over cases closed "
        "in the period.",
        unit=DAYS,
        direction=DOWN,
        compute=casework.time_to_resolve,
        strategy_line="Automatic updates to keep customers informed on the progress of their case",
        source_file="000_d2289a8849ee91c7.txt",
    ),
    Definition(
        code="directory-freshness",
        title="Directory services checked on time",
        how="Of the services residents can find in the directory, the share checked within "
        "their review period (six months from when they were last checked). Only today's "
        "figure is kept.",
        unit=PERCENT,
        direction=UP,
        compute=directory.directory_freshness,
        strategy_line="Publish an up-to-date comprehensive directory of activities and "
        "services to help users find support that meets their needs",
        source_file="000_d2289a8849ee91c7.txt",
        filters=frozenset(),
    ),
    Definition(
        code="open-datasets-published",
        title="Open datasets published",
        how="How many datasets the council has published on its open data pages by the end "
        "of each week or month (each is republished on its own schedule).",
        unit=COUNT,
        direction=UP,
        compute=published.open_datasets,
        filters=frozenset(),
    ),
]


def definitions() -> list[Definition]:
    return list(DEFINITIONS)


def _target(text: str) -> float | None:
    try:
        return float(Decimal(text.strip()))
    except (InvalidOperation, ValueError):
        return None


def compute(
    filters: Filters, *, codes: list[str] | None = None, staff: bool = False
) -> list[Result]:
    """Every measure (or those named) over the filters, each linked to its strategy line;
    with `staff`, also the tables only staff see."""
    context = Context(filters, staff=staff)
    strategy = {m.code: m for m in governance_queries.measures()}
    titles = {s.source_file: s.title for s in governance_queries.strategies()}
    results = []
    for definition in DEFINITIONS:
        if codes is not None and definition.code not in codes:
            continue
        result: Result = definition.compute(definition, context)
        listed = strategy.get(definition.code)
        if listed is not None:
            result.strategy_line = listed.name
            result.strategy = listed.theme.strategy.title
            result.target = _target(listed.target)
            result.target_text = listed.target
        else:
            result.strategy_line = definition.strategy_line
            result.strategy = titles.get(definition.source_file, "")
            result.target = definition.target
        result.ignored_filters = tuple(
            name
            for name, value in ((CASE_TYPE, filters.case_type), (WARD, filters.ward))
            if value and name not in definition.filters
        )
        results.append(result)
    return results


def unmeasured() -> list:
    """The strategy's measures that no computation answers yet, so none is forgotten."""
    codes = {d.code for d in DEFINITIONS}
    return [m for m in governance_queries.measures() if m.code not in codes]
