"""The prioritisation matrix in force and the ranking it gives, reproducible by anyone.

A request's priority is the weighted mean of its criterion scores, on a 0 to 100 scale:

    priority = 100 × Σ weight_c × (mean_c − scale_min) / (scale_max − scale_min) / Σ weight_c

where mean_c is the mean of the board members' scores for criterion c. Ties go to the
request submitted first. A request is ranked once every weighted criterion has a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Prefetch

from frontdoor.governance.models import (
    ChangeRequest,
    Criterion,
    MatrixVersion,
    RequestStatus,
    Score,
    Weight,
)

FORMULA = (
    "priority = 100 × Σ (weight × (mean score − lowest score) ÷ (highest score − lowest score))"
    " ÷ Σ weights"
)


@dataclass(frozen=True)
class WeightedCriterion:
    code: str
    name: str
    question: str
    weight: int


@dataclass(frozen=True)
class Matrix:
    version: MatrixVersion | None
    criteria: list[WeightedCriterion]

    @property
    def weight_total(self) -> int:
        return self.version.weight_total if self.version else 100

    @property
    def scale_min(self) -> int:
        return self.version.scale_min if self.version else 0

    @property
    def scale_max(self) -> int:
        return self.version.scale_max if self.version else 5


@dataclass
class Ranked:
    request: ChangeRequest
    means: dict[str, Decimal] = field(default_factory=dict)
    scorers: int = 0
    priority: Decimal | None = None
    rank: int | None = None

    @property
    def complete(self) -> bool:
        return self.priority is not None


def matrix_current() -> Matrix:
    """The newest published weights, with every criterion's question."""
    version = (
        MatrixVersion.objects.select_related("published_by")
        .prefetch_related(Prefetch("weights", queryset=Weight.objects.select_related("criterion")))
        .first()
    )
    if version is None:
        return Matrix(
            None,
            [WeightedCriterion(c.code, c.name, c.question, 0) for c in Criterion.objects.all()],
        )
    return Matrix(
        version,
        [
            WeightedCriterion(w.criterion.code, w.criterion.name, w.criterion.question, w.weight)
            for w in version.weights.all()
        ],
    )


def matrix_versions():
    return MatrixVersion.objects.select_related("published_by").prefetch_related(
        Prefetch("weights", queryset=Weight.objects.select_related("criterion"))
    )


def _quantise(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def priority_of(*, means: dict[str, Decimal], matrix: Matrix) -> Decimal | None:
    """The priority out of 100 from criterion means, or None while a weighted one is unscored."""
    weighted = [c for c in matrix.criteria if c.weight > 0]
    if not weighted or any(c.code not in means for c in weighted):
        return None
    span = Decimal(matrix.scale_max - matrix.scale_min)
    total = sum(Decimal(c.weight) * (means[c.code] - matrix.scale_min) / span for c in weighted)
    return _quantise(Decimal(100) * total / sum(Decimal(c.weight) for c in weighted))


def ranking(*, statuses: tuple[str, ...] | None = None, matrix: Matrix | None = None):
    """Every change request with its criterion means and priority, ranked, best first.

    Open requests (awaiting a decision, or deferred) are ranked by default.
    """
    matrix = matrix or matrix_current()
    statuses = statuses or (RequestStatus.SUBMITTED, RequestStatus.DEFERRED)
    requests = list(
        ChangeRequest.objects.filter(status__in=statuses).select_related("submitted_by", "theme")
    )
    by_id = {r.pk: Ranked(r) for r in requests}
    rows = (
        Score.objects.filter(change_request__in=by_id)
        .values("change_request_id", "criterion__code")
        .annotate(mean=Avg("value"), n=Count("id"))
    )
    for row in rows:
        ranked = by_id[row["change_request_id"]]
        ranked.means[row["criterion__code"]] = _quantise(Decimal(str(row["mean"])))
        ranked.scorers = max(ranked.scorers, row["n"])
    for ranked in by_id.values():
        ranked.priority = priority_of(means=ranked.means, matrix=matrix)
    ordered = sorted(
        by_id.values(),
        key=lambda r: (
            r.priority is None,
            -(r.priority or 0),
            r.request.submitted_at,
            r.request.pk,
        ),
    )
    position = 0
    for ranked in ordered:
        if ranked.complete:
            position += 1
            ranked.rank = position
    return ordered


def ranked_one(*, change_request: ChangeRequest, matrix: Matrix | None = None) -> Ranked:
    """One request's means and priority (whatever its status), without ranking the rest."""
    matrix = matrix or matrix_current()
    ranked = Ranked(change_request)
    rows = (
        Score.objects.filter(change_request=change_request)
        .values("criterion__code")
        .annotate(mean=Avg("value"), n=Count("id"))
    )
    for row in rows:
        ranked.means[row["criterion__code"]] = _quantise(Decimal(str(row["mean"])))
        ranked.scorers = max(ranked.scorers, row["n"])
    ranked.priority = priority_of(means=ranked.means, matrix=matrix)
    return ranked
