"""The board's quarterly reviews: each fixes where the next review pack starts."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Review(models.Model):
    """ "The roadmap will be reviewed quarterly by the Digital, Data and Customer Board"."""

    title = models.CharField(max_length=120)
    period_start = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_at", "-pk"]

    def __str__(self) -> str:
        return self.title
