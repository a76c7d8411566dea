"""The directory's own tables beside the standard's: residents' suggested changes and the
record of each import."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.directory.models.hsds import Service


class ChangeSuggestion(models.Model):
    """A resident's "Suggest a change to this page", opened as a case for the editors."""

    PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
    STATUSES = [(PENDING, "Waiting"), (ACCEPTED, "Accepted"), (REJECTED, "Not taken")]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="suggestions")
    text = models.TextField()
    name = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)
    case_reference = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.pk)


class ImportRun(models.Model):
    """One import of an HSDS feed or data package: applied whole, or refused with a report."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=255)
    applied = models.BooleanField(default=False)
    counts = models.JSONField(default=dict)
    problems = models.JSONField(default=list)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return str(self.pk)


class SearchWord(models.Model):
    """Every word the directory's names, categories and descriptions use: what a misspelt
    search word is corrected to (typo tolerance, the same on SQLite and PostgreSQL)."""

    word = models.CharField(max_length=64, primary_key=True)
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["initial", "length"])]

    def __str__(self) -> str:
        return self.word
