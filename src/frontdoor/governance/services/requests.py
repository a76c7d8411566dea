"""Change requests, the matrix the board publishes, scores and decisions.

"Establish a set of digital governance principles via a transparent prioritisation
matrix" so that "We can easily prioritise projects which will add the most value and are
not just for those 'for shout the loudest'" (Digital Strategy 2024-30, priority 4).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from frontdoor.governance import queries
from frontdoor.governance.models import (
    ChangeRequest,
    CostBand,
    Criterion,
    Decision,
    Level,
    MatrixVersion,
    RequestStatus,
    Score,
    Theme,
    Timeframe,
    Urgency,
    Weight,
)
from frontdoor.governance.services.access import board_check, staff_check
from frontdoor.governance.services.history import change_record
from frontdoor.governance.services.roadmap import roadmap_item_create


def _weights_text(weights: dict[str, int]) -> str:
    return ", ".join(f"{code} {weight}" for code, weight in weights.items())


@transaction.atomic
def matrix_publish(*, actor, weights: dict[str, int], note: str) -> MatrixVersion:
    """Publish new weights; they must add up to the total the board set."""
    board_check(user=actor, action="publish the prioritisation matrix")
    current = queries.matrix_current()
    criteria = {c.code: c for c in Criterion.objects.all()}
    errors: dict[str, list[str]] = {}
    for code, criterion in criteria.items():
        weight = weights.get(code)
        if weight is None:
            errors[code] = [f"Enter a weight for {criterion.name}"]
        elif not isinstance(weight, int) or weight < 0:
            errors[code] = [f"The weight for {criterion.name} must be a whole number, 0 or more"]
    if not note.strip():
        errors["note"] = ["Enter why the board is changing the weights"]
    if not errors:
        total = sum(weights[code] for code in criteria)
        if total != current.weight_total:
            errors[NON_FIELD_ERRORS] = [
                f"The weights add up to {total}. The board has set that they must add up "
                f"to {current.weight_total}."
            ]
    if errors:
        raise ValidationError(errors)
    version = MatrixVersion.objects.create(
        number=(current.version.number + 1) if current.version else 1,
        weight_total=current.weight_total,
        scale_min=current.scale_min,
        scale_max=current.scale_max,
        note=note.strip(),
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    Weight.objects.bulk_create(
        Weight(version=version, criterion=criteria[code], weight=weights[code]) for code in criteria
    )
    before = {c.code: c.weight for c in current.criteria}
    change_record(
        actor=actor,
        action="matrix.published",
        subject="matrix",
        subject_id=version.number,
        summary=f"Published matrix version {version.number}: {_weights_text(weights)}. "
        f"{version.note}",
        fields={code: (before.get(code), weights[code]) for code in criteria},
    )
    return version


@transaction.atomic
def criterion_define(*, actor, code: str, name: str, question: str, position: int) -> Criterion:
    """Add a criterion (or reword one); its weight comes with the next published matrix."""
    criterion, created = Criterion.objects.get_or_create(
        code=code, defaults={"name": name, "question": question, "position": position}
    )
    before = {"name": criterion.name, "question": criterion.question}
    if not created:
        criterion.name, criterion.question, criterion.position = name, question, position
        criterion.save()
    if created or before != {"name": name, "question": question}:
        change_record(
            actor=actor,
            action="criterion.defined",
            subject="criterion",
            subject_id=criterion.pk,
            summary=f"{'Added' if created else 'Reworded'} criterion {name}",
            fields={
                "name": (None if created else before["name"], name),
                "question": (None if created else before["question"], question),
            },
        )
    return criterion


@transaction.atomic
def change_request_submit(
    *,
    actor,
    title: str,
    problem: str,
    users_affected: str,
    expected_benefits: str,
    cost_band: str,
    urgency: str,
    dependencies: str = "",
    theme: Theme | None = None,
    idempotency_key: uuid.UUID,
) -> tuple[ChangeRequest, bool]:
    """Any member of staff asks for a digital change. A repeated key returns the first one."""
    staff_check(user=actor, action="submit a change request")
    existing = ChangeRequest.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    errors = {}
    for name, value, message in (
        ("title", title, "Enter a short title for the change"),
        ("problem", problem, "Describe the problem the change would solve"),
        ("users_affected", users_affected, "Say who is affected and roughly how many"),
        ("expected_benefits", expected_benefits, "Describe the benefits you expect"),
    ):
        if not value.strip():
            errors[name] = [message]
    if cost_band not in CostBand.values:
        errors["cost_band"] = ["Select a cost band"]
    if urgency not in Urgency.values:
        errors["urgency"] = ["Select how urgent the change is"]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            request = ChangeRequest.objects.create(
                title=title.strip(),
                problem=problem.strip(),
                users_affected=users_affected.strip(),
                expected_benefits=expected_benefits.strip(),
                cost_band=cost_band,
                urgency=urgency,
                dependencies=dependencies.strip(),
                theme=theme,
                submitted_by=actor,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        # Two submissions of one form raced; the other one won and is the request.
        return ChangeRequest.objects.get(idempotency_key=idempotency_key), False
    change_record(
        actor=actor,
        action="change_request.submitted",
        subject="change request",
        subject_id=request.pk,
        summary=f"Submitted {request.reference}: {request.title}",
        fields={"status": (None, request.status)},
    )
    return request, True


@transaction.atomic
def change_request_score(
    *, actor, change_request: ChangeRequest, scores: dict[str, int]
) -> list[Score]:
    """A board member scores a request against every weighted criterion of the matrix."""
    board_check(user=actor, action="score change requests")
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if not change_request.is_open:
        raise ValidationError(
            {NON_FIELD_ERRORS: [f"{change_request.reference} is decided; it cannot be scored"]}
        )
    matrix = queries.matrix_current()
    errors = {}
    for criterion in matrix.criteria:
        value = scores.get(criterion.code)
        if value is None:
            if criterion.weight > 0:
                errors[criterion.code] = [f"Enter a score for {criterion.name}"]
        elif not isinstance(value, int) or not (matrix.scale_min <= value <= matrix.scale_max):
            errors[criterion.code] = [
                f"The score for {criterion.name} must be a whole number from "
                f"{matrix.scale_min} to {matrix.scale_max}"
            ]
    if errors:
        raise ValidationError(errors)
    by_code = {c.code: c for c in Criterion.objects.filter(code__in=scores)}
    saved, fields = [], {}
    for code, value in scores.items():
        score = Score.objects.filter(
            change_request=change_request, criterion=by_code[code], scorer=actor
        ).first()
        before = score.value if score else None
        if score is None:
            score = Score(change_request=change_request, criterion=by_code[code], scorer=actor)
        score.value = value
        score.save()
        saved.append(score)
        fields[code] = (before, value)
    change_record(
        actor=actor,
        action="change_request.scored",
        subject="change request",
        subject_id=change_request.pk,
        summary=f"{actor.get_full_name() or actor.username} scored {change_request.reference}",
        fields=fields,
    )
    return saved


@transaction.atomic
def change_request_decide(
    *,
    actor,
    change_request: ChangeRequest,
    outcome: str,
    reason: str,
    theme: Theme | None = None,
    timeframe: str = "",
    level: str = "",
    lead: str = "",
) -> Decision:
    """The board accepts, defers or rejects a request, with its reason.

    An accepted request becomes a roadmap item in the theme and timeframe chosen.
    """
    board_check(user=actor, action="decide change requests")
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    errors = {}
    if not change_request.is_open:
        errors[NON_FIELD_ERRORS] = [
            f"{change_request.reference} is already {change_request.get_status_display().lower()}"
        ]
    if outcome not in Decision.Outcome.values:
        errors["outcome"] = ["Select accept, defer or reject"]
    if not reason.strip():
        errors["reason"] = ["Enter the reason for the board's decision"]
    theme = theme or change_request.theme
    if outcome == Decision.Outcome.ACCEPTED:
        if theme is None or theme.strategy.code != queries.ROADMAP_STRATEGY:
            errors["theme"] = ["Select the roadmap theme the accepted change belongs to"]
        if timeframe not in Timeframe.values:
            errors["timeframe"] = ["Select now, next or later for the roadmap"]
        if level not in Level.values:
            errors["level"] = ["Select the level: governance, operational or strategic"]
    if errors:
        raise ValidationError(errors)
    matrix = queries.matrix_current()
    ranked = queries.ranked_one(change_request=change_request, matrix=matrix)
    decision = Decision.objects.create(
        change_request=change_request,
        outcome=outcome,
        reason=reason.strip(),
        timeframe=timeframe if outcome == Decision.Outcome.ACCEPTED else "",
        level=level if outcome == Decision.Outcome.ACCEPTED else "",
        priority_score=ranked.priority,
        matrix_version=matrix.version,
        decided_by=actor,
    )
    before = change_request.status
    change_request.status = {
        Decision.Outcome.ACCEPTED: RequestStatus.ACCEPTED,
        Decision.Outcome.DEFERRED: RequestStatus.DEFERRED,
        Decision.Outcome.REJECTED: RequestStatus.REJECTED,
    }[outcome]
    if outcome == Decision.Outcome.ACCEPTED:
        change_request.theme = theme
        change_request.roadmap_item = roadmap_item_create(
            actor=actor,
            strategy=theme.strategy,
            theme=theme,
            title=change_request.title,
            timeframe=timeframe,
            level=level,
            lead=lead.strip(),
            source_file=f"Change request {change_request.reference}",
        )
    change_request.save()
    change_record(
        actor=actor,
        action=f"change_request.{change_request.status}",
        subject="change request",
        subject_id=change_request.pk,
        summary=f"{change_request.get_status_display()} {change_request.reference}: "
        f"{decision.reason}",
        fields={
            "status": (before, change_request.status),
            "reason": (None, decision.reason),
            "priority": (None, decision.priority_score),
        },
    )
    return decision
