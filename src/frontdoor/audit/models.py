"""The audit log: one row per view or change of personal data, never edited afterwards."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who did what to which record, and when. Rows are only ever added.

    The database itself refuses an UPDATE of this table (a trigger, see migration 0002).
    """

    at = models.DateTimeField(db_index=True)
    # Deleting a user must not rewrite history, so no cascade and no database constraint:
    # the id stays, and actor_label still says who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Kept as text too, so the record still says who it was if the account is deleted.
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=100)
    subject_type = models.CharField(max_length=50)
    subject_id = models.CharField(max_length=100)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "audit_event"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.subject_id}"
