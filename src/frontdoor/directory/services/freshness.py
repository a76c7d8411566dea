"""Keeping the directory fresh: each service has a review-by date; near it, the provider
is asked by email (through notify's outbox) to confirm the entry or say what changed.

Strategy: "SID is not up to date" (Southampton Digital Strategy 2024-30); "publish an
up-to-date comprehensive directory of activities and services".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit import services as audit
from frontdoor.directory.models import Service
from frontdoor.notify import queries as notify_queries
from frontdoor.notify import services as notify

TEMPLATE = "directory-review-reminder"
REMIND_DAYS_BEFORE = 14
REMIND_AGAIN_AFTER = datetime.timedelta(days=14)
LINK_SALT = "frontdoor.directory.confirm"
LINK_MAX_AGE = datetime.timedelta(days=45)

_BODY = """Dear ((provider)),

The council's service directory lists ((service_name)). To keep it right for the people who
use it, please check the entry by ((review_by)).

If everything is still correct, confirm it here (no sign-in needed):
((confirm_url))

If something has changed, tell us here:
((change_url))

Thank you,
The directory team"""


def templates_ensure() -> None:
    if notify_queries.template_get(code=TEMPLATE, channel="email") is None:
        notify.template_define(
            code=TEMPLATE,
            channel="email",
            name="Directory: please check your service's entry",
            subject="Please check ((service_name)) in the service directory",
            body=_BODY,
        )


def confirm_token(service: Service) -> str:
    """A signed link token naming the service and the email it was sent to."""
    return signing.dumps({"s": str(service.pk), "e": service.email}, salt=LINK_SALT)


def confirm_token_read(token: str) -> tuple[str, str] | None:
    """(service id, email) from a reminder's link, or None if it is forged or too old."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("s", ""), data.get("e", "")


@dataclass
class ReminderRun:
    sent: list[str] = field(default_factory=list)  # service names
    skipped_no_email: list[str] = field(default_factory=list)


@transaction.atomic
def reminders_send(*, now: datetime.datetime | None = None) -> ReminderRun:
    """Ask each provider whose entry is due for review within two weeks (and was not asked
    in the last two weeks) to confirm or update it. Messages leave through the outbox."""
    templates_ensure()
    now = now or timezone.now()
    today = timezone.localdate(now)
    run = ReminderRun()
    due = (
        Service.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(review_by__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE))
        .exclude(status="defunct")
        .exclude(reminder_sent_at__gt=now - REMIND_AGAIN_AFTER)
        .select_related("organization")
        .order_by("review_by")
    )
    for svc in due:
        if not svc.email:
            run.skipped_no_email.append(svc.name)
            continue
        token = confirm_token(svc)
        notify.message_queue(
            template=TEMPLATE,
            to_email=svc.email,
            personalisation={
                "provider": svc.organization.name if svc.organization else svc.name,
                "service_name": svc.name,
                "review_by": f"{svc.review_by:%-d %B %Y}",
                "confirm_url": settings.PUBLIC_URL + reverse("directory:confirm", args=[token]),
                "change_url": settings.PUBLIC_URL + reverse("directory:suggest", args=[svc.pk]),
            },
            about_type="directory_service",
            about_id=str(svc.pk),
        )
        svc.reminder_sent_at = now
        svc.save(update_fields=["reminder_sent_at"])
        run.sent.append(svc.name)
    if run.sent:
        audit.audit_record(
            actor=audit.SYSTEM, action="directory.reminders_sent", subject_type="directory",
            subject_id="review", detail={"count": len(run.sent)},
        )  # fmt: skip
    return run
