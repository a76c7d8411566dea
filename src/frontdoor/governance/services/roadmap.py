"""Changes to the roadmap, recommendations, next steps, measures and reviews.

"This roadmap is split into three timeframes (now, next and later)"; "The roadmap will be
reviewed quarterly by the Digital, Data and Customer Board" (Digital Strategy 2024-30).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.governance.models import (
    Measure,
    MeasureReading,
    NextStep,
    ProgressEntry,
    Rag,
    Recommendation,
    Review,
    RoadmapItem,
    Status,
    Strategy,
    Theme,
    Timeframe,
)
from frontdoor.governance.services.access import board_check
from frontdoor.governance.services.history import change_record


def _subject_of(parent: RoadmapItem | Recommendation) -> tuple[str, dict]:
    if isinstance(parent, RoadmapItem):
        return "roadmap item", {"roadmap_item": parent}
    return "recommendation", {"recommendation": parent}


@transaction.atomic
def roadmap_item_create(
    *,
    actor,
    strategy: Strategy,
    theme: Theme,
    title: str,
    timeframe: str,
    level: str,
    lead: str = "",
    source_file: str = "",
    seed_key: str = "",
    position: int | None = None,
) -> RoadmapItem:
    """Put an action on the roadmap (from the strategy, or an accepted change request)."""
    if position is None:
        last = RoadmapItem.objects.filter(theme=theme).order_by("-position").first()
        position = (last.position + 1) if last else 1
    item = RoadmapItem.objects.create(
        strategy=strategy,
        theme=theme,
        title=title,
        timeframe=timeframe,
        level=level,
        lead=lead,
        source_file=source_file,
        seed_key=seed_key,
        position=position,
    )
    change_record(
        actor=actor,
        action="roadmap_item.created",
        subject="roadmap item",
        subject_id=item.pk,
        summary=f"Added to the roadmap ({theme.name}, {item.get_timeframe_display()}): {title}",
        fields={"timeframe": (None, timeframe), "level": (None, level), "lead": (None, lead)},
    )
    return item


@transaction.atomic
def roadmap_item_update(
    *,
    actor,
    item: RoadmapItem,
    note: str,
    status: str,
    rag: str,
    timeframe: str,
    lead: str,
) -> ProgressEntry:
    """Record progress on a roadmap item, with any change of status, RAG, timeframe or lead."""
    board_check(user=actor, action="update the roadmap")
    errors = {}
    if status not in Status.values:
        errors["status"] = ["Select a status"]
    if rag not in Rag.values:
        errors["rag"] = ["Select a RAG rating"]
    if timeframe not in Timeframe.values:
        errors["timeframe"] = ["Select now, next or later"]
    if not note.strip():
        errors["note"] = ["Describe the progress since the last update"]
    if errors:
        raise ValidationError(errors)
    item = RoadmapItem.objects.select_for_update().get(pk=item.pk)
    fields = {
        "status": (item.status, status),
        "rag": (item.rag, rag),
        "timeframe": (item.timeframe, timeframe),
        "lead": (item.lead, lead.strip()),
    }
    entry = ProgressEntry.objects.create(
        roadmap_item=item,
        text=note.strip(),
        recorded_on=timezone.localdate(),
        recorded_by=actor,
        status_before=item.status,
        status_after=status,
        rag_before=item.rag,
        rag_after=rag,
    )
    item.status, item.rag, item.timeframe, item.lead = status, rag, timeframe, lead.strip()
    item.save(update_fields=["status", "rag", "timeframe", "lead"])
    change_record(
        actor=actor,
        action="roadmap_item.updated",
        subject="roadmap item",
        subject_id=item.pk,
        summary=f"Progress: {entry.text}",
        fields=fields,
    )
    return entry


@transaction.atomic
def recommendation_progress_add(
    *, actor, recommendation: Recommendation, note: str, lead: str
) -> ProgressEntry:
    """Record progress against a programme's recommendation, and any change of lead."""
    board_check(user=actor, action="record progress")
    if not note.strip():
        raise ValidationError({"note": ["Describe the progress since the last update"]})
    last = recommendation.progressentry_set.order_by("-position").first()
    entry = ProgressEntry.objects.create(
        recommendation=recommendation,
        text=note.strip(),
        recorded_on=timezone.localdate(),
        recorded_by=actor,
        position=(last.position + 1) if last else 1,
    )
    before = recommendation.lead
    recommendation.lead = lead.strip()
    recommendation.save(update_fields=["lead"])
    change_record(
        actor=actor,
        action="recommendation.progress",
        subject="recommendation",
        subject_id=recommendation.pk,
        summary=f"Progress: {entry.text}",
        fields={"lead": (before, recommendation.lead)},
    )
    return entry


@transaction.atomic
def next_step_add(
    *, actor, parent: RoadmapItem | Recommendation, text: str, due: datetime.date | None
) -> NextStep:
    """Agree a next step, with the date it is due by."""
    board_check(user=actor, action="add next steps")
    if not text.strip():
        raise ValidationError({"text": ["Describe the next step"]})
    subject, link = _subject_of(parent)
    last = NextStep.objects.filter(**link).order_by("-position").first()
    step = NextStep.objects.create(
        **link,
        text=text.strip(),
        due=due,
        recorded_by=actor,
        position=(last.position + 1) if last else 1,
    )
    change_record(
        actor=actor,
        action="next_step.added",
        subject=subject,
        subject_id=parent.pk,
        summary=f"Next step: {step.text}",
        fields={"due": (None, due)},
    )
    return step


@transaction.atomic
def next_step_complete(*, actor, step: NextStep, done_on: datetime.date | None = None) -> NextStep:
    """Mark a next step done."""
    board_check(user=actor, action="mark next steps done")
    step = NextStep.objects.select_for_update().get(pk=step.pk)
    if step.done_on is not None:
        raise ValidationError({"done_on": ["This next step is already done"]})
    step.done_on = done_on or timezone.localdate()
    step.save(update_fields=["done_on"])
    parent = step.roadmap_item or step.recommendation
    subject, _ = _subject_of(parent)
    change_record(
        actor=actor,
        action="next_step.done",
        subject=subject,
        subject_id=parent.pk,
        summary=f"Done: {step.text}",
        fields={"done_on": (None, step.done_on)},
    )
    return step


@transaction.atomic
def measure_reading_record(
    *, actor, measure: Measure, value: Decimal, measured_on: datetime.date, note: str = ""
) -> MeasureReading:
    """Record what a benefit measured; the insights app will supply these when it exists."""
    board_check(user=actor, action="record benefit measures")
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": ["The date measured must be today or in the past"]})
    reading = MeasureReading.objects.create(
        measure=measure, value=value, measured_on=measured_on, note=note.strip(), recorded_by=actor
    )
    change_record(
        actor=actor,
        action="measure.reading",
        subject="measure",
        subject_id=measure.pk,
        summary=f"{measure.name}: {value} on {measured_on:%d %B %Y}",
        fields={"value": (None, value)},
    )
    return reading


@transaction.atomic
def review_record(*, actor, title: str, notes: str = "") -> Review:
    """The board has held its quarterly review; the next pack starts from now."""
    board_check(user=actor, action="record a board review")
    if not title.strip():
        raise ValidationError({"title": ["Enter a name for the review, like 2026 quarter 1"]})
    last = Review.objects.select_for_update().first()
    review = Review.objects.create(
        title=title.strip(),
        period_start=last.held_at if last else None,
        held_at=timezone.now(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    change_record(
        actor=actor,
        action="review.held",
        subject="review",
        subject_id=review.pk,
        summary=f"Held the board review {review.title}",
    )
    return review
