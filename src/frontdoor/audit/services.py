"""Writing to the audit log. Every app records views and changes of personal data here.

Strategy (DESIGN.md, "Data that must never be lost or leaked"): "every view and change of a
case or resident record is in the audit log"; Southampton 2018-22: "sensitive data is
digitally protected".
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.audit.models import AuditEvent

# Who did it when no member of staff did: a resident on a public page, or the platform.
PUBLIC = "public"
SYSTEM = "system"


# Always inside the caller's transaction: no savepoint of its own, so a failure here
# rolls back the change it records.
@transaction.atomic(savepoint=False)
def audit_record(
    *,
    actor,
    action: str,
    subject_type: str,
    subject_id: str | int,
    detail: dict | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add one entry to the audit log, in the caller's transaction.

    `actor` is a user, or the string PUBLIC or SYSTEM when nobody signed in did it.
    `action` is a dotted verb such as `case.viewed` or `case.transitioned`.
    """
    if isinstance(actor, str):
        user, label = None, actor
    elif actor is not None and getattr(actor, "is_authenticated", False):
        user, label = actor, actor.username
    else:
        user, label = None, PUBLIC
    return AuditEvent.objects.create(
        at=at or timezone.now(),
        actor=user,
        actor_label=label,
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        detail=detail or {},
    )


@transaction.atomic
def audit_delete(*, ids) -> int:
    """Delete entries at the end of their retention period (the privacy app's disposal run).

    Strategy: "data is not kept for longer than it is needed". Entries are never changed;
    deletion is the only other thing that happens to them, and the run logs it.
    """
    return AuditEvent.objects.filter(pk__in=list(ids)).delete()[0]
