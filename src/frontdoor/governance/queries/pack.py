"""The quarterly review pack: what changed since the board last met.

"The roadmap will be reviewed quarterly by the Digital, Data and Customer Board to
oversee the implementation of these actions", and "Build in monitoring and reporting of
benefits" (Digital Strategy 2024-30).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from frontdoor.governance.models import (
    ChangeRequest,
    Decision,
    Measure,
    NextStep,
    ProgressEntry,
    Review,
)


@dataclass(frozen=True)
class Benefit:
    measure: Measure
    latest: Decimal | None
    measured_on: datetime.date | None
    previous: Decimal | None
    readings: int


@dataclass
class Pack:
    title: str
    since: datetime.datetime | None
    until: datetime.datetime
    review: Review | None
    progress: list[ProgressEntry]
    rag_changes: list[ProgressEntry]
    overdue: list[NextStep]
    benefits: list[Benefit]
    decisions: list[Decision]
    new_requests: list[ChangeRequest]


def reviews():
    return Review.objects.select_related("recorded_by")


def review_last() -> Review | None:
    return Review.objects.first()


def review_get(*, review_id: int) -> Review:
    return get_object_or_404(Review.objects.select_related("recorded_by"), pk=review_id)


def _window(field: str, since, until) -> Q:
    window = Q(**{f"{field}__lte": until})
    if since is not None:
        window &= Q(**{f"{field}__gt": since})
    return window


def review_pack(*, review: Review | None = None, now: datetime.datetime | None = None) -> Pack:
    """The pack for a review held, or (with no review) for the one now due."""
    if review is not None:
        since, until, title = review.period_start, review.held_at, review.title
    else:
        last = review_last()
        since = last.held_at if last else None
        until = now or timezone.now()
        title = "Review pack for the next board review"
    # The pack shows what was recorded since the last review, whatever date it speaks of.
    until_day = timezone.localdate(until)
    progress = list(
        ProgressEntry.objects.filter(_window("created_at", since, until))
        .select_related("roadmap_item", "recommendation", "recorded_by")
        .order_by("roadmap_item__theme__position", "roadmap_item", "recommendation__number", "pk")
    )
    overdue = list(
        NextStep.objects.filter(due__lt=until_day)
        .filter(Q(done_on__isnull=True) | Q(done_on__gt=until_day))
        .select_related("roadmap_item", "recommendation")
        .order_by("due", "pk")
    )
    benefits = []
    for measure in Measure.objects.select_related("theme").prefetch_related("readings"):
        readings = [r for r in measure.readings.all() if r.measured_on <= until_day]
        if not readings:
            continue
        readings.sort(key=lambda r: (r.measured_on, r.pk))
        benefits.append(
            Benefit(
                measure,
                readings[-1].value,
                readings[-1].measured_on,
                readings[-2].value if len(readings) > 1 else None,
                len(readings),
            )
        )
    return Pack(
        title=title,
        since=since,
        until=until,
        review=review,
        progress=progress,
        rag_changes=[entry for entry in progress if entry.rag_before != entry.rag_after],
        overdue=overdue,
        benefits=benefits,
        decisions=list(
            Decision.objects.filter(_window("decided_at", since, until)).select_related(
                "change_request", "decided_by"
            )
        ),
        new_requests=list(
            ChangeRequest.objects.filter(_window("submitted_at", since, until)).select_related(
                "submitted_by"
            )
        ),
    )
