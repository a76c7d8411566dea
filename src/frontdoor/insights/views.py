"""The performance dashboards: thin views over insights.queries.

Public (`/performance/`): every measure against its target, small counts withheld.
Staff (`/staff/insights/`): the same with exact figures, staff-only tables and the
strategy's measures that nothing computes yet.
"""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render

from frontdoor.core.access import staff_view
from frontdoor.insights import charts, queries
from frontdoor.insights.forms import DashboardFilterForm
from frontdoor.insights.periods import DEFAULT_PERIOD

FILTER_LABELS = {"case_type": "case type", "ward": "ward"}


def _form(request) -> DashboardFilterForm:
    return DashboardFilterForm(
        request.GET or None,
        case_types=queries.case_type_choices(),
        wards=queries.ward_choices(),
    )


def _present(result, *, public: bool, grain: str) -> dict:
    code = result.definition.code
    points = result.series
    return {
        "code": code,
        "title": result.definition.title,
        "how": result.definition.how,
        "strategy_line": result.strategy_line,
        "strategy": result.strategy,
        "figure": result.display(public=public),
        "target": result.target_display,
        "direction": result.direction_text,
        "meets_target": result.meets_target if result.shown(public=public) is not None else None,
        "ignored": ", ".join(FILTER_LABELS[name] for name in result.ignored_filters),
        "chart": charts.column_chart(
            chart_id=f"chart-{code}",
            title=f"{result.definition.title}, by {grain}",
            labels=[p.short_label for p in points],
            values=[p.shown(public=public) for p in points],
            unit=result.definition.unit,
            target=result.target,
            grain=grain,
        ),
        "series": [
            {
                "label": p.label,
                "value": "too few to show"
                if p.shown(public=public) is None and p.value is not None
                else queries.figure(p.value, result.definition.unit),
                "base": "–"
                if p.base is None
                else f"fewer than {queries.SMALL_COUNT}"
                if public and queries.is_small(p.base)
                else f"{p.base:,}",
            }
            for p in points
        ],
        "tables": [
            {
                "caption": table.caption,
                "headers": table.headers,
                "numeric": [cell.numeric for cell in table.rows[0]] if table.rows else [],
                "rows": [[cell.text(public=public) for cell in row] for row in table.rows],
            }
            for table in result.tables
            if table.public or not public
        ],
    }


def _dashboard(request, *, public: bool):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "insights/dashboard.html",
            {"form": form, "public": public, "measures": [], "unmeasured": [], "query": ""},
            status=400,
        )
    chosen = form.chosen() if form.is_bound else {"period": DEFAULT_PERIOD}
    board = queries.dashboard(**chosen, staff=not public)
    grain = board.filters.period.grain
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "public": public,
            "period": board.filters.period.label,
            "measures": [_present(r, public=public, grain=grain) for r in board.results],
            "unmeasured": [] if public else board.unmeasured,
            "query": request.GET.urlencode(),
        },
    )


def public(request):
    return _dashboard(request, public=True)


@staff_view(action="see the performance dashboard")
def staff(request):
    return _dashboard(request, public=False)


def measure_csv(request, code: str):
    """One measure's weekly or monthly series as CSV: the same figures as its table."""
    if code not in {d.code for d in queries.definitions()}:
        raise Http404("No such measure")
    form = _form(request)
    if form.is_bound and not form.is_valid():
        errors = "; ".join(str(e[0]) for e in form.errors.values())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    chosen = form.chosen() if form.is_bound else {"period": DEFAULT_PERIOD}
    board = queries.dashboard(**chosen, codes=[code])
    (result,) = board.results
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}.csv"'
    writer = csv.writer(response)
    writer.writerow(["period", "period_start", "value", "based_on"])
    for point, bucket in zip(result.series, board.filters.buckets, strict=True):
        shown = point.shown(public=True)
        writer.writerow(
            [
                point.label,
                bucket.start.date().isoformat(),
                "" if shown is None else round(shown, 2),
                "" if point.base is None or queries.is_small(point.base) else point.base,
            ]
        )
    return response
