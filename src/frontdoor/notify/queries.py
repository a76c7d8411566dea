"""Reading messages and templates."""

from __future__ import annotations

from django.db.models import QuerySet

from frontdoor.notify.models import Message, Template


def messages_about(*, about_type: str, about_id: str) -> QuerySet[Message]:
    """Every message about one thing (a case, say), oldest first."""
    return Message.objects.filter(about_type=about_type, about_id=str(about_id)).order_by(
        "created_at", "id"
    )


def messages_by_reference(*, references: list[str]) -> dict[str, Message]:
    return {m.reference: m for m in Message.objects.filter(reference__in=references)}


def outbox(*, status: str = "", search: str = "") -> QuerySet[Message]:
    """Messages newest first, for the staff outbox page."""
    messages = Message.objects.all()
    if status:
        messages = messages.filter(status=status)
    if search:
        term = search.strip()
        messages = messages.filter(to__iexact=term) | messages.filter(about_id__iexact=term)
    return messages.order_by("-created_at", "-id")


def message_get(*, reference: str) -> Message | None:
    return Message.objects.filter(reference=reference).first()


def template_get(*, code: str, channel: str) -> Template | None:
    return Template.objects.filter(code=code, channel=channel).first()


def template_exists(*, code: str) -> bool:
    return Template.objects.filter(code=code).exists()


def statuses() -> list[tuple[str, str]]:
    return list(Message.STATUSES)


def messages_to(*, addresses: list[str]) -> QuerySet[Message]:
    """Every message sent to any of these email addresses or phone numbers, newest first
    (a resident's own messages, in My account)."""
    wanted = [address.strip() for address in addresses if address and address.strip()]
    if not wanted:
        return Message.objects.none()
    return Message.objects.filter(to__in=wanted).order_by("-created_at", "-id")


# --- Privacy: retention and subject access (called by frontdoor.privacy) ---


def messages_for_disposal(*, before) -> QuerySet[Message]:
    """Messages queued before `before` and finished with, not yet anonymised, by id."""
    return (
        Message.objects.filter(created_at__lt=before)
        .exclude(status__in=[Message.QUEUED, Message.SENDING])
        .exclude(to="")
        .order_by("id")
    )


def messages_export(*, addresses) -> list[dict]:
    """Every message sent to these email addresses or phone numbers, as plain data."""
    return [
        {
            "reference": m.reference,
            "channel": m.channel,
            "to": m.to,
            "subject": m.subject,
            "body": m.body,
            "about": f"{m.about_type} {m.about_id}".strip(),
            "status": m.status,
            "created_at": m.created_at.isoformat(),
        }
        for m in Message.objects.filter(to__in=list(addresses)).order_by("created_at", "id")
    ]
