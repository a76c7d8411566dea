"""Tables of digital governance: the strategy, its roadmap, change requests and the matrix.

"Create a new digital governance board structure to enable the monitoring and assurance
against the strategy" (Southampton Digital Strategy 2024-30, priority 4). No business
rules here: they live in services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Strategy(models.Model):
    """A strategy (themes, priorities, roadmap) or a programme (recommendations)."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy"
        PROGRAMME = "programme", "Programme"

    code = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=60, blank=True)
    vision = models.TextField(blank=True)
    source_file = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-period", "code"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title


class Theme(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="themes")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    source_file = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["strategy", "position"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "code"], name="theme_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Priority(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.TextField()
    source_file = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="priority_number_unique")
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"


class Deliverable(models.Model):
    """A "we will…" with its benefit, "so that…"."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="deliverables")
    position = models.PositiveSmallIntegerField()
    we_will = models.TextField()
    so_that = models.TextField()
    source_file = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["priority", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "position"], name="deliverable_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.we_will


class Timeframe(models.TextChoices):
    NOW = "now", "Now"
    NEXT = "next", "Next"
    LATER = "later", "Later"


class Level(models.TextChoices):
    GOVERNANCE = "governance", "Governance"
    OPERATIONAL = "operational", "Operational"
    STRATEGIC = "strategic", "Strategic"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ON_HOLD = "on_hold", "On hold"
    DONE = "done", "Done"


class Rag(models.TextChoices):
    NOT_RATED = "", "Not rated"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class RoadmapItem(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="roadmap")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="roadmap")
    title = models.TextField()
    timeframe = models.CharField(max_length=10, choices=Timeframe.choices)
    level = models.CharField(max_length=20, choices=Level.choices)
    lead = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField(max_length=10, choices=Rag.choices, blank=True, default="")
    position = models.PositiveIntegerField(default=0)
    source_file = models.CharField(max_length=100, blank=True)
    seed_key = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["theme__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["seed_key"], condition=~Q(seed_key=""), name="roadmap_seed_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    """A recommendation of a programme, reported as the Future of Work report does."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    title = models.TextField()
    deliverables = models.JSONField(default=list, blank=True)
    lead = models.CharField(max_length=120, blank=True)
    source_file = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="recommendation_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class _OnItemOrRecommendation(models.Model):
    """Belongs to exactly one roadmap item or one recommendation."""

    roadmap_item = models.ForeignKey(RoadmapItem, on_delete=models.CASCADE, null=True, blank=True)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, null=True, blank=True
    )
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    source_file = models.CharField(max_length=100, blank=True)
    seed_key = models.CharField(max_length=80, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def parent_label(self) -> str:
        """What it belongs to, as the board's papers name it."""
        if self.roadmap_item_id:
            return self.roadmap_item.title
        return f"FoW {self.recommendation.number}. {self.recommendation.title}"


def _exactly_one_parent(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(roadmap_item__isnull=False) & Q(recommendation__isnull=True))
        | (Q(roadmap_item__isnull=True) & Q(recommendation__isnull=False)),
        name=name,
    )


class ProgressEntry(_OnItemOrRecommendation):
    """Progress to date: a note, and the status or RAG it changed, if any."""

    recorded_on = models.DateField()
    status_before = models.CharField(max_length=20, blank=True)
    status_after = models.CharField(max_length=20, blank=True)
    rag_before = models.CharField(max_length=10, blank=True)
    rag_after = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_on", "position", "pk"]
        verbose_name_plural = "progress entries"
        constraints = [
            _exactly_one_parent("progress_has_one_parent"),
            models.UniqueConstraint(
                fields=["seed_key"], condition=~Q(seed_key=""), name="progress_seed_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def status_after_label(self) -> str:
        return Status(self.status_after).label if self.status_after else ""

    @property
    def status_before_label(self) -> str:
        return Status(self.status_before).label if self.status_before else "none"


class NextStep(_OnItemOrRecommendation):
    due = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            _exactly_one_parent("next_step_has_one_parent"),
            models.UniqueConstraint(
                fields=["seed_key"], condition=~Q(seed_key=""), name="next_step_seed_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Measure(models.Model):
    """A success measure; `code` is the name the insights app computes it under."""

    code = models.SlugField(max_length=80, unique=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="measures")
    name = models.TextField()
    target = models.CharField(max_length=60, blank=True)
    source_file = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["theme__strategy", "theme__position", "pk"]

    def __str__(self) -> str:
        return self.name


class MeasureReading(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="readings")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    measured_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value}"
