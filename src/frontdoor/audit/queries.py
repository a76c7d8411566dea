"""Searching the audit log (for data officers)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from frontdoor.audit.models import AuditEvent


def audit_search(
    *,
    actor: str = "",
    action: str = "",
    subject_type: str = "",
    subject_id: str = "",
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> QuerySet[AuditEvent]:
    """Audit entries matching every filter given, newest first."""
    events = AuditEvent.objects.all()
    if actor:
        events = events.filter(actor_label__iexact=actor.strip())
    if action:
        events = events.filter(action__startswith=action.strip())
    if subject_type:
        events = events.filter(subject_type=subject_type.strip())
    if subject_id:
        events = events.filter(subject_id__iexact=subject_id.strip())
    if since:
        events = events.filter(at__gte=since)
    if until:
        events = events.filter(at__lt=until)
    return events.order_by("-at", "-id")


def audit_for(*, subject_type: str, subject_id: str | int) -> QuerySet[AuditEvent]:
    """The whole audit history of one record, oldest first."""
    return AuditEvent.objects.filter(
        subject_type=subject_type, subject_id=str(subject_id)
    ).order_by("at", "id")


def audit_actions() -> list[str]:
    """Every action recorded so far, for the search form's choices."""
    return sorted(AuditEvent.objects.values_list("action", flat=True).distinct())


def audit_for_disposal(*, before: datetime.datetime) -> QuerySet[AuditEvent]:
    """Entries written before `before`, oldest id first (for the retention run)."""
    return AuditEvent.objects.filter(at__lt=before).order_by("id")
