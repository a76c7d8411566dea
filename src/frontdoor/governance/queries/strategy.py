"""Reading the strategies, the roadmap board and the FoW-style progress report."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from frontdoor.governance.models import (
    Change,
    ChangeRequest,
    Deliverable,
    Level,
    Measure,
    MeasureReading,
    NextStep,
    Priority,
    ProgressEntry,
    Recommendation,
    RoadmapItem,
    Strategy,
    Theme,
    Timeframe,
)

ROADMAP_STRATEGY = "digital-2024-30"
PROGRAMME = "future-of-work"


def strategies():
    return Strategy.objects.all()


def strategy_get(*, code: str) -> Strategy:
    return get_object_or_404(Strategy, code=code)


def strategy_themes(*, strategy: Strategy):
    """Themes with their priorities and each priority's "we will" and "so that"."""
    return strategy.themes.prefetch_related(
        Prefetch(
            "priorities",
            queryset=Priority.objects.prefetch_related(
                Prefetch("deliverables", queryset=Deliverable.objects.order_by("position"))
            ),
        )
    )


def roadmap_strategy() -> Strategy | None:
    return Strategy.objects.filter(code=ROADMAP_STRATEGY).first()


def roadmap_themes():
    strategy = roadmap_strategy()
    return strategy.themes.all() if strategy else Theme.objects.none()


@dataclass
class Column:
    timeframe: str
    label: str
    levels: list[tuple[str, list[RoadmapItem]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(items) for _, items in self.levels)


@dataclass
class ThemeBoard:
    theme: Theme
    columns: list[Column]

    @property
    def count(self) -> int:
        return sum(column.count for column in self.columns)


def roadmap_board(*, theme_code: str = "") -> list[ThemeBoard]:
    """The roadmap as now / next / later columns per theme, items grouped by level."""
    strategy = roadmap_strategy()
    if strategy is None:
        return []
    items = [
        _with_request(item)
        for item in RoadmapItem.objects.filter(strategy=strategy).select_related(
            "theme", "change_request"
        )
    ]
    boards = []
    for theme in strategy.themes.all():
        if theme_code and theme.code != theme_code:
            continue
        columns = []
        for timeframe, label in Timeframe.choices:
            column = Column(timeframe, label)
            for level, level_label in Level.choices:
                chosen = [
                    i
                    for i in items
                    if i.theme_id == theme.pk and i.timeframe == timeframe and i.level == level
                ]
                if chosen:
                    column.levels.append((level_label, chosen))
            columns.append(column)
        boards.append(ThemeBoard(theme, columns))
    return boards


def _with_request(item: RoadmapItem) -> RoadmapItem:
    """Sets `from_request`: the change request the item came from, or None."""
    try:
        item.from_request = item.change_request
    except ChangeRequest.DoesNotExist:
        item.from_request = None
    return item


def roadmap_item_get(*, item_id: int) -> RoadmapItem:
    return _with_request(
        get_object_or_404(
            RoadmapItem.objects.select_related("theme", "strategy", "change_request"), pk=item_id
        )
    )


def recommendation_get(*, recommendation_id: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related("strategy"), pk=recommendation_id
    )


def progress_of(*, item: RoadmapItem | None = None, recommendation: Recommendation | None = None):
    entries = ProgressEntry.objects.select_related("recorded_by")
    if item is not None:
        return entries.filter(roadmap_item=item)
    return entries.filter(recommendation=recommendation)


def next_steps_of(*, item: RoadmapItem | None = None, recommendation: Recommendation | None = None):
    if item is not None:
        return NextStep.objects.filter(roadmap_item=item)
    return NextStep.objects.filter(recommendation=recommendation)


def next_step_get(*, step_id: int) -> NextStep:
    return get_object_or_404(
        NextStep.objects.select_related("roadmap_item", "recommendation"), pk=step_id
    )


@dataclass
class ReportRow:
    """One row of the Future of Work report: deliverable, lead, progress, next steps."""

    number: str
    title: str
    deliverables: list[str]
    lead: str
    progress: list[ProgressEntry]
    next_steps: list[NextStep]
    url_name: str
    pk: int
    status: str = ""
    rag: str = ""


def progress_report(*, strategy: Strategy) -> list[ReportRow]:
    """Rows in the layout of the Future of Work progress report (Feb 2020)."""
    rows = []
    if strategy.kind == Strategy.Kind.PROGRAMME:
        for rec in strategy.recommendations.prefetch_related("progressentry_set", "nextstep_set"):
            rows.append(
                ReportRow(
                    str(rec.number),
                    rec.title,
                    list(rec.deliverables),
                    rec.lead,
                    list(rec.progressentry_set.all()),
                    list(rec.nextstep_set.all()),
                    "governance:recommendation",
                    rec.pk,
                )
            )
        return rows
    items = strategy.roadmap.select_related("theme").prefetch_related(
        "progressentry_set", "nextstep_set"
    )
    for position, item in enumerate(items, start=1):
        rows.append(
            ReportRow(
                str(position),
                item.title,
                [f"{item.get_timeframe_display()} · {item.get_level_display()}"],
                item.lead,
                list(item.progressentry_set.all()),
                list(item.nextstep_set.all()),
                "governance:roadmap-item",
                item.pk,
                item.get_status_display(),
                item.rag,
            )
        )
    return rows


def measures() -> list[Measure]:
    """Every measure, each with `latest`: its newest reading, or None."""
    chosen = list(
        Measure.objects.select_related("theme", "theme__strategy").prefetch_related(
            Prefetch("readings", queryset=MeasureReading.objects.order_by("measured_on", "pk"))
        )
    )
    for measure in chosen:
        readings = list(measure.readings.all())
        measure.latest = readings[-1] if readings else None
    return chosen


def measure_get(*, code: str) -> Measure:
    return get_object_or_404(Measure.objects.select_related("theme"), code=code)


def history(*, subject: str = "", subject_id: int | None = None):
    changes = Change.objects.select_related("actor")
    if subject:
        changes = changes.filter(subject=subject, subject_id=subject_id)
    return changes


def change_request_get(*, reference_id: int) -> ChangeRequest:
    return get_object_or_404(
        ChangeRequest.objects.select_related("submitted_by", "theme", "roadmap_item"),
        pk=reference_id,
    )


def change_requests_decided():
    return ChangeRequest.objects.exclude(status__in=["submitted", "deferred"]).select_related(
        "roadmap_item"
    )
