"""Writing the history: every service that changes something records who, when and what."""

from __future__ import annotations

from typing import Any

from frontdoor.governance.models import Change


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def change_record(
    *,
    actor,
    action: str,
    subject: str,
    subject_id: int,
    summary: str,
    fields: dict[str, tuple[Any, Any]] | None = None,
) -> Change:
    """Keep one change; called inside the transaction of the service that made it."""
    return Change.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        subject=subject,
        subject_id=subject_id,
        summary=summary,
        fields={
            name: [_plain(before), _plain(after)]
            for name, (before, after) in (fields or {}).items()
            if before != after
        },
    )
