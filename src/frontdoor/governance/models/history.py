"""Every change to an item, score or decision: who, when, what."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Change(models.Model):
    """One change, written by the service that made it, in the same transaction.

    `subject` names what changed ("roadmap item", "change request", "matrix"…) and
    `subject_id` which one; `fields` holds {"field": [before, after]}.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=60)
    subject = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    summary = models.TextField()
    fields = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "subject_id"], name="change_subject_idx")]

    def __str__(self) -> str:
        return self.summary
