"""Retention rules, legal holds, disposal runs and their log, subject access requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RetentionRule(models.Model):
    """A data officer's retention period for one kind of record (and one case type).

    Without a rule, the declaration's legal default applies.
    """

    kind = models.CharField(max_length=50)
    # Only for cases: empty means every case type without a rule of its own.
    case_type_code = models.CharField(max_length=100, blank=True)
    months = models.PositiveIntegerField()
    note = models.TextField(blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField()

    class Meta:
        db_table = "privacy_retention_rule"
        ordering = ["kind", "case_type_code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "case_type_code"], name="privacy_one_rule"),
            models.CheckConstraint(condition=models.Q(months__gte=1), name="privacy_rule_months"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.case_type_code or '*'}: {self.months} months"


class LegalHold(models.Model):
    """Stops disposal and erasure of a case, or of everything about a resident, until released."""

    CASE = "case"
    RESIDENT = "resident"
    TARGETS = [(CASE, "A case"), (RESIDENT, "A resident")]

    target_type = models.CharField(max_length=10, choices=TARGETS)
    # A case reference (K7QM-4XTD) or a resident's email address, normalised.
    target = models.CharField(max_length=320)
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    release_reason = models.TextField(blank=True)

    class Meta:
        db_table = "privacy_legal_hold"
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target"])]

    def __str__(self) -> str:
        return f"hold on {self.target_type} {self.target}"


class DisposalRun(models.Model):
    """One dry run or real run of the retention rules, with its plan fixed when it starts.

    The plan (each step's rule and cut-off date) and the position reached (`step_index`,
    `cursor`: the last id done) are saved with every batch, in that batch's transaction,
    so a run killed half-way resumes exactly where its last committed batch ended.
    """

    PLANNED = "planned"
    RUNNING = "running"
    FINISHED = "finished"
    STATUSES = [(PLANNED, "Waiting to run"), (RUNNING, "Running"), (FINISHED, "Finished")]

    dry_run = models.BooleanField()
    from_dry_run = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="real_runs"
    )
    as_of = models.DateTimeField()
    plan = models.JSONField()
    status = models.CharField(max_length=10, choices=STATUSES, default=PLANNED)
    step_index = models.PositiveIntegerField(default=0)
    cursor = models.BigIntegerField(default=0)
    batches_done = models.PositiveIntegerField(default=0)
    # Per step: {"count": n, "examples": [...]} for a dry run; {"records": n, ...} for a real one.
    results = models.JSONField(default=dict)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "privacy_disposal_run"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{'dry run' if self.dry_run else 'run'} {self.pk}"


class DisposalBatch(models.Model):
    """The log of a real run: one line per batch. What kind, how many, which rule; no data."""

    run = models.ForeignKey(DisposalRun, on_delete=models.CASCADE, related_name="batches")
    sequence = models.PositiveIntegerField()
    step_index = models.PositiveIntegerField()
    kind = models.CharField(max_length=50)
    rule = models.CharField(max_length=200)
    action = models.CharField(max_length=20)
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    records = models.PositiveIntegerField()
    # Related rows changed with them, e.g. {"messages": 3, "attachments": 1}.
    related = models.JSONField(default=dict)
    done_at = models.DateTimeField()

    class Meta:
        db_table = "privacy_disposal_batch"
        ordering = ["run", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["run", "sequence"], name="privacy_batch_once"),
        ]

    def __str__(self) -> str:
        return f"run {self.run_id} batch {self.sequence}: {self.records} {self.kind}"


class Disposed(models.Model):
    """A record already anonymised or erased: no later run or request does it again."""

    kind = models.CharField(max_length=50)
    object_id = models.BigIntegerField()
    at = models.DateTimeField()

    class Meta:
        db_table = "privacy_disposed"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="privacy_disposed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class SubjectRequest(models.Model):
    """A person's request to see (subject access) or erase what we hold about them."""

    ACCESS = "access"
    ERASURE = "erasure"
    KINDS = [(ACCESS, "Subject access"), (ERASURE, "Erasure")]

    OPEN = "open"
    EXPORTED = "exported"
    ERASED = "erased"
    REFUSED = "refused"
    STATUSES = [
        (OPEN, "Open"),
        (EXPORTED, "Exported"),
        (ERASED, "Erased"),
        (REFUSED, "Refused"),
    ]

    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=10, choices=KINDS)
    emails = models.JSONField(default=list)
    phones = models.JSONField(default=list)
    usernames = models.JSONField(default=list)
    received_on = models.DateField()
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN)
    decision_reason = models.TextField(blank=True)
    # What was found or erased, as counts per source: never the data itself.
    outcome = models.JSONField(default=dict)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "privacy_subject_request"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.reference
