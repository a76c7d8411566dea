"""Change requests, the published prioritisation matrix, scores and the board's decisions.

"Establish a set of digital governance principles via a transparent prioritisation
matrix" so that "We can easily prioritise projects which will add the most value and are
not just for those 'for shout the loudest'" (Digital Strategy 2024-30, priority 4).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.governance.models.strategy import Level, RoadmapItem, Theme, Timeframe


class Criterion(models.Model):
    """What the board scores every request against; its weight lives in a matrix version."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    question = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.name


class MatrixVersion(models.Model):
    """One published set of weights. The newest is the matrix in force."""

    number = models.PositiveIntegerField(unique=True)
    weight_total = models.PositiveIntegerField(default=100)
    scale_min = models.PositiveSmallIntegerField(default=0)
    scale_max = models.PositiveSmallIntegerField(default=5)
    note = models.TextField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Matrix version {self.number}"


class Weight(models.Model):
    version = models.ForeignKey(MatrixVersion, on_delete=models.CASCADE, related_name="weights")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="weights")
    weight = models.PositiveIntegerField()

    class Meta:
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "criterion"], name="weight_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.criterion} {self.weight}"


class CostBand(models.TextChoices):
    UNDER_10K = "under_10k", "Under £10,000"
    TO_50K = "10k_50k", "£10,000 to £50,000"
    TO_250K = "50k_250k", "£50,000 to £250,000"
    OVER_250K = "over_250k", "Over £250,000"
    UNKNOWN = "unknown", "Not known yet"


class Urgency(models.TextChoices):
    LOW = "low", "Low: can wait for the next roadmap review"
    MEDIUM = "medium", "Medium: needed within 6 months"
    HIGH = "high", "High: needed within 3 months"
    CRITICAL = "critical", "Critical: a legal duty or a failing service"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "Awaiting decision"
    ACCEPTED = "accepted", "Accepted"
    DEFERRED = "deferred", "Deferred"
    REJECTED = "rejected", "Rejected"


class ChangeRequest(models.Model):
    title = models.CharField(max_length=150)
    problem = models.TextField()
    users_affected = models.TextField()
    expected_benefits = models.TextField()
    cost_band = models.CharField(max_length=20, choices=CostBand.choices)
    urgency = models.CharField(max_length=20, choices=Urgency.choices)
    dependencies = models.TextField(blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="change_requests"
    )
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    # Staff accounts are switched off, not deleted; if one is, what they did stays.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    # The form's one-time key: a double click or a resubmitted page makes no second request.
    idempotency_key = models.UUIDField(unique=True)
    roadmap_item = models.OneToOneField(
        RoadmapItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_request",
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"CR-{self.pk:04d}"

    @property
    def is_open(self) -> bool:
        return self.status in {RequestStatus.SUBMITTED, RequestStatus.DEFERRED}


class Score(models.Model):
    """One board member's score of one request against one criterion."""

    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    value = models.PositiveSmallIntegerField()
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion__position", "scorer__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["change_request", "criterion", "scorer"], name="score_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accept"
        DEFERRED = "deferred", "Defer"
        REJECTED = "rejected", "Reject"

    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="decisions"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.TextField()
    timeframe = models.CharField(max_length=10, choices=Timeframe.choices, blank=True)
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    priority_score = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    matrix_version = models.ForeignKey(
        MatrixVersion, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.outcome_done}: {self.reason}"

    @property
    def outcome_done(self) -> str:
        """The outcome as a reader sees it afterwards: Accepted, Deferred or Rejected."""
        return RequestStatus(self.outcome).label
