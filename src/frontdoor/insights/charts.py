"""Charts drawn on the server as SVG, so they show without JavaScript.

Each chart is a picture of the data table printed beside it: it has a text name and
description for screen readers, and only presentation attributes (no inline style), so
the site's content security policy needs no exception.
"""

from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from frontdoor.insights.results import PERCENT, RATING, figure

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 44
BAR = "#1d70b8"  # GOV.UK blue
TARGET = "#d4351c"  # GOV.UK red, dashed: the target
INK, GRID = "#0b0c0c", "#b1b4b6"
MAX_LABELS = 12


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _tick(value: float, unit: str) -> str:
    if unit == PERCENT:
        return f"{value:.0f}%"
    if value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def column_chart(
    *,
    chart_id: str,
    title: str,
    labels: list[str],
    values: list[float | None],
    unit: str,
    target: float | None = None,
    grain: str = "week",
) -> SafeString:
    """A column per week or month, a dashed line at the target, and the axes."""
    top_value = max([v for v in values if v is not None] + [target or 0, 0])
    if unit == PERCENT:
        ceiling = 100.0
    elif unit == RATING:
        ceiling = 5.0
    else:
        ceiling = _nice_ceiling(top_value * 1.1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(values), 1)

    def y(value: float) -> float:
        return TOP + plot_h - (value / ceiling) * plot_h

    parts = []
    for step in range(5):
        tick = ceiling * step / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="{INK}">{escape(_tick(tick, unit))}</text>'
        )
    every = max(1, math.ceil(len(labels) / MAX_LABELS))
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + index * slot
        if value is not None:
            height = max((value / ceiling) * plot_h, 0)
            parts.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{TOP + plot_h - height:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{height:.1f}" fill="{BAR}"/>'
            )
        if index % every == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                f'font-size="12" fill="{INK}">{escape(label)}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    if target is not None and target <= ceiling:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y(target) - 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="{INK}">Target {escape(figure(target, unit))}</text>'
        )
    shown = [v for v in values if v is not None]
    description = (
        f"Column chart, one column per {grain}, from {labels[0]} to {labels[-1]}"
        if labels
        else "Column chart with no data"
    )
    if shown:
        description += f"; lowest {figure(min(shown), unit)}, highest {figure(max(shown), unit)}"
    if target is not None:
        description += f"; target {figure(target, unit)}"
    description += ". The figures are in the table beside it."
    return mark_safe(  # noqa: S308 - every text inside is escaped above
        f'<svg class="frontdoor-chart" role="img" aria-labelledby="{chart_id}-title '
        f'{chart_id}-desc" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" focusable="false" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )
