"""The small-count rule applied before anything is published.

Primary: a count from 1 to 4 (insights' SMALL_COUNT less one) is withheld (left blank).
Secondary: where a group's total is published elsewhere (cases received in a month are
the base of the measures), one withheld cell could be worked out by subtraction, so the
next smallest cell in that group is withheld too.
"""

from __future__ import annotations

from collections import defaultdict

from frontdoor.insights import queries as insights_queries


def suppress(
    rows: list[dict], *, counts: tuple[str, ...], group_by: str = "", total: str = ""
) -> int:
    """Blank the small counts in `rows` (in place), and return how many cells were blanked."""
    blanked = 0
    for row in rows:
        for name in counts:
            if insights_queries.is_small(row[name]):
                row[name] = None
                blanked += 1
    if group_by and total:
        groups: dict[object, list[dict]] = defaultdict(list)
        for row in rows:
            groups[row[group_by]].append(row)
        for members in groups.values():
            hidden = [row for row in members if row[total] is None]
            shown = sorted(
                (row for row in members if row[total] is not None), key=lambda r: r[total]
            )
            if len(hidden) == 1 and shown:
                # Withhold the next smallest, and with it what could be worked out from it.
                for name in counts:
                    if shown[0][name] is not None:
                        shown[0][name] = None
                        blanked += 1
    for row in rows:
        row["counts_withheld"] = any(row[name] is None for name in counts)
    return blanked
