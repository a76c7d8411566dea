"""Telling the resident, and anyone following their case, what has happened.

Strategy: "automatic updates to keep customers informed on the progress of their case".
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from frontdoor.cases import sla
from frontdoor.cases.models import BY_EMAIL, BY_SMS, Case, CaseEvent
from frontdoor.notify import services as notify

RECEIVED = "case-received"
UPDATED = "case-updated"
CLOSED = "case-closed"

# The default templates, in GOV.UK Notify's ((placeholder)) syntax. Every message about a
# case gets the same personalisation (see `personalisation`), so a template may use any of
# those names; a council changes the wording with notify.services.template_define.
DEFAULT_TEMPLATES = {
    RECEIVED: (
        "We have your request",
        "We have your request: ((case_type)), reference ((reference))",
        "Dear ((name))\n\nThank you. We have your request about ((case_type)).\n\n"
        "Your reference is ((reference)). We aim to finish by ((due_date)).\n\n"
        "We will tell you when anything changes, so you do not need to contact us to chase. "
        "You can check progress at any time at ((track_url))",
        "((council)): we have your request about ((case_type)). Reference ((reference)). "
        "We aim to finish by ((due_date)). Track it at ((track_url))",
    ),
    UPDATED: (
        "Your request has an update",
        "Update on your request ((reference)): ((status))",
        "Dear ((name))\n\nThere is news about your request ((reference)) "
        "(((case_type))).\n\nStatus: ((status))\n\n((update))\n\n"
        "You can check progress at any time at ((track_url))",
        "((council)): update on ((reference)): ((status)). ((update)) Track it at ((track_url))",
    ),
    CLOSED: (
        "Your request is finished",
        "Your request ((reference)) is finished",
        "Dear ((name))\n\nYour request ((reference)) (((case_type))) is finished: "
        "((status)).\n\n((update))\n\nThe full history is at ((track_url))",
        "((council)): your request ((reference)) is finished: ((status)). ((update))",
    ),
}


def templates_ensure() -> None:
    """Make sure the default case templates exist (they may have been reworded since)."""
    from frontdoor.notify import queries as notify_queries

    for code, (name, subject, email_body, sms_body) in DEFAULT_TEMPLATES.items():
        if notify_queries.template_get(code=code, channel="email") is None:
            notify.template_define(
                code=code, channel="email", name=name, subject=subject, body=email_body
            )
        if notify_queries.template_get(code=code, channel="sms") is None:
            notify.template_define(code=code, channel="sms", name=name, body=sms_body)


def track_url(case: Case) -> str:
    return f"{settings.PUBLIC_URL}{reverse('cases_public:track')}?reference={case.reference}"


def personalisation(case: Case, *, name: str, status: str, update: str) -> dict:
    due = case.sla_due_at.astimezone(sla.LONDON)
    return {
        "name": name or "resident",
        "reference": case.reference,
        "case_type": case.case_type.name,
        "status": status,
        "update": update or "",
        "due_date": f"{due:%A} {due.day} {due:%B %Y}",
        "track_url": track_url(case),
        "council": settings.COUNCIL_NAME,
    }


def _recipients(case: Case, *, include_subscribers: bool):
    if case.contact_preference == BY_EMAIL and case.contact_email:
        yield case.contact_name, {"to_email": case.contact_email}, "resident"
    elif case.contact_preference == BY_SMS and case.contact_phone:
        yield case.contact_name, {"to_phone": case.contact_phone}, "resident"
    if include_subscribers:
        for follower in case.subscribers.all().order_by("id"):
            if follower.preference == BY_EMAIL and follower.email:
                yield follower.name, {"to_email": follower.email}, "follower"
            elif follower.preference == BY_SMS and follower.phone:
                yield follower.name, {"to_phone": follower.phone}, "follower"


def template_for(case: Case, template: str) -> str:
    """A case type may word a message its own way: `<template>--<case type code>` (for
    example `case-received--missed-bin`) wins over the workflow's template when it exists."""
    from frontdoor.notify import queries as notify_queries

    specific = f"{template}--{case.case_type.code}"
    return specific if notify_queries.template_exists(code=specific) else template


def tell(
    case: Case, *, template: str, status: str, update: str, include_subscribers: bool, at=None
) -> list[str]:
    """Queue a message to the resident (as they prefer) and to each follower; note each on
    the timeline. Runs inside the caller's transaction: no change, no message."""
    references = []
    template = template_for(case, template)
    for name, address, who in _recipients(case, include_subscribers=include_subscribers):
        message = notify.message_queue(
            template=template,
            personalisation=personalisation(case, name=name, status=status, update=update),
            about_type="case",
            about_id=case.reference,
            **address,
        )
        CaseEvent.objects.create(
            case=case,
            at=at or timezone.now(),
            kind=CaseEvent.MESSAGE,
            public=False,
            text=message.subject or message.body[:200],
            data={"message": message.reference, "to": message.to, "recipient": who},
        )
        references.append(message.reference)
    return references
