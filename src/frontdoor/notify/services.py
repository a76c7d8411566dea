"""Queueing messages to residents, and the worker that delivers each of them exactly once.

Strategy: "automatic updates to keep customers informed on the progress of their case"
(Southampton Digital Strategy 2018-22); "a reduction in the number of contacts chasing
progress on previous enquiries".

The outbox: `message_queue` writes a row in the caller's transaction, so a message exists
if and only if the change that caused it was committed. `outbox_deliver` sends due rows:
it claims each with a lease, sends it, and records the provider's id. A worker killed
mid-send leaves the row SENDING; once the lease runs out, the next worker asks the
provider whether it already holds a message with that reference before sending again.
"""

from __future__ import annotations

import logging
import re
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from frontdoor.notify import providers
from frontdoor.notify.models import EMAIL, SMS, Message, Template

log = logging.getLogger("frontdoor.notify")

LEASE_SECONDS = 60
MAX_ATTEMPTS = 8
BACKOFF_FIRST_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600
# Notify keeps messages for 7 days; after that it cannot tell us their delivery status.
STATUS_WINDOW = timedelta(days=7)

_PLACEHOLDER = re.compile(r"\(\(([^()?]+)\)\)")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UK_MOBILE = re.compile(r"^(?:\+?44|0)7\d{9}$")


class MessageError(ValueError):
    """A message cannot be queued as asked (unknown template, missing personalisation...)."""


def placeholders(text: str) -> list[str]:
    """The ((placeholders)) a template's text uses, in order, each once."""
    return list(dict.fromkeys(name.strip() for name in _PLACEHOLDER.findall(text)))


def render(text: str, personalisation: dict) -> str:
    def fill(match):
        value = personalisation[match.group(1).strip()]
        if isinstance(value, list | tuple):
            return "\n".join(f"* {item}" for item in value)
        return str(value)

    return _PLACEHOLDER.sub(fill, text)


@transaction.atomic
def template_define(
    *,
    code: str,
    channel: str,
    name: str,
    body: str,
    subject: str = "",
    notify_template_id: str = "",
) -> Template:
    """Create or change a template; its text uses GOV.UK Notify's ((placeholder)) syntax."""
    if channel not in (EMAIL, SMS):
        raise MessageError(f"A template's channel must be {EMAIL} or {SMS}, not {channel!r}.")
    if channel == EMAIL and not subject:
        raise MessageError(f"The email template {code} needs a subject.")
    if notify_template_id:
        uuid.UUID(notify_template_id)
    template, _ = Template.objects.update_or_create(
        code=code,
        channel=channel,
        defaults={
            "name": name,
            "subject": subject if channel == EMAIL else "",
            "body": body,
            "notify_template_id": notify_template_id,
        },
    )
    return template


def normalise_phone(phone: str) -> str:
    return re.sub(r"[\s()-]", "", phone or "")


def contact_is_valid(*, channel: str, to: str) -> bool:
    if channel == EMAIL:
        return bool(_EMAIL.match(to or ""))
    return bool(_UK_MOBILE.match(normalise_phone(to)))


def message_queue(
    *,
    template: str,
    personalisation: dict,
    to_email: str = "",
    to_phone: str = "",
    about_type: str = "",
    about_id: str = "",
) -> Message:
    """Queue one message, in the caller's transaction; a worker sends it after commit.

    Give exactly one of `to_email` or `to_phone`: that chooses the template's channel.
    """
    if bool(to_email) == bool(to_phone):
        raise MessageError("Give exactly one of to_email or to_phone.")
    channel, to = (EMAIL, to_email.strip()) if to_email else (SMS, normalise_phone(to_phone))
    if not contact_is_valid(channel=channel, to=to):
        raise MessageError(f"{to!r} is not a valid {'email address' if to_email else 'mobile'}.")
    found = Template.objects.filter(code=template, channel=channel).first()
    if found is None:
        raise MessageError(f"There is no {channel} template called {template!r}.")
    missing = [
        name
        for name in placeholders(found.subject + "\n" + found.body)
        if name not in personalisation
    ]
    if missing:
        raise MessageError(f"Missing personalisation: {', '.join(missing)}")
    now = timezone.now()
    # Inside the caller's transaction, with no savepoint of its own (two fewer round trips
    # per message): the message commits or rolls back with the change it reports.
    with transaction.atomic(savepoint=False):
        return _insert(found, to, channel, personalisation, about_type, about_id, now)


def _insert(found, to, channel, personalisation, about_type, about_id, now) -> Message:
    message = Message.objects.create(
        reference=f"fd-{uuid.uuid4().hex}",
        template=found,
        channel=channel,
        to=to,
        personalisation=personalisation,
        subject=render(found.subject, personalisation),
        body=render(found.body, personalisation),
        about_type=about_type,
        about_id=str(about_id),
        next_attempt_at=now,
        created_at=now,
    )
    # One wake-up per transaction is enough: the task sends every due message.
    pending = transaction.get_connection().run_on_commit
    if not any(callback is _wake_worker for _, callback, *_ in pending):
        transaction.on_commit(_wake_worker)
    return message


def _wake_worker() -> None:
    """Deliver soon, through the task queue; the periodic sweep catches anything missed."""
    from frontdoor.notify import tasks

    try:
        tasks.deliver_messages.enqueue()
    except Exception:  # noqa: BLE001 - the sweep will deliver it; the change is committed
        log.exception("could not enqueue message delivery; the sweep will send it")


@dataclass
class DeliveryRun:
    sent: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _claim(message_id: int, *, token: str, lease_seconds: int) -> tuple[bool, bool]:
    """Take a message for this worker (committed at once); also say whether it was left
    SENDING by a worker that died, so the provider must be asked before sending again."""
    now = timezone.now()
    claim = {
        "status": Message.SENDING,
        "lease_token": token,
        "lease_expires_at": now + timedelta(seconds=lease_seconds),
        "attempts": F("attempts") + 1,
        "updated_at": now,
    }
    if Message.objects.filter(
        pk=message_id, status=Message.QUEUED, next_attempt_at__lte=now
    ).update(**claim):
        return True, False
    if Message.objects.filter(
        pk=message_id, status=Message.SENDING, lease_expires_at__lt=now
    ).update(**claim):
        return True, True
    return False, False


def _claimable(now) -> Q:
    return Q(status=Message.QUEUED, next_attempt_at__lte=now) | Q(
        status=Message.SENDING, lease_expires_at__lt=now
    )


def backoff(attempts: int) -> timedelta:
    """Wait 30 s after the first failure, then twice as long each time, at most an hour."""
    seconds = BACKOFF_FIRST_SECONDS * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, BACKOFF_MAX_SECONDS))


def outbox_deliver(*, limit: int = 100, lease_seconds: int = LEASE_SECONDS) -> DeliveryRun:
    """Send the messages that are due, each exactly once. Safe to run in many processes.

    Not one transaction: each claim and each outcome commits on its own, so a worker that
    dies leaves every message either untouched, claimed (and recoverable) or finished.
    """
    run = DeliveryRun()
    now = timezone.now()
    due = list(
        Message.objects.filter(_claimable(now))
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    for message_id in due:
        token = secrets.token_hex(16)
        claimed, recovering = _claim(message_id, token=token, lease_seconds=lease_seconds)
        if not claimed:
            continue  # another worker took it first
        message = Message.objects.select_related("template").get(pk=message_id)
        _deliver_one(message, token=token, recovering=recovering, run=run, lease=lease_seconds)
    return run


def _finish(message: Message, token: str, **changes) -> bool:
    changes.setdefault("lease_token", "")
    changes.setdefault("lease_expires_at", None)
    changes["updated_at"] = timezone.now()
    done = Message.objects.filter(pk=message.pk, lease_token=token).update(**changes)
    if not done:
        log.warning("lost the lease on message %s before recording its outcome", message.reference)
    return bool(done)


def _deliver_one(
    message: Message, *, token: str, recovering: bool, run: DeliveryRun, lease: int
) -> None:
    # The HTTP timeout stays well inside the lease, so no other worker can recover a
    # message while this one may still be sending it.
    provider = providers.provider_for(message.channel, timeout=max(1.0, lease / 3))
    try:
        # Ask first whenever an earlier attempt may have reached the provider: a worker
        # died mid-send, or a timeout left us not knowing whether it was accepted.
        if recovering or message.provider:
            try:
                held = provider.find(message.reference)
            except providers.CannotTell:
                if recovering:
                    raise
                held = None
            if held is not None:
                _finish(
                    message,
                    token,
                    status=providers.outcome(held.provider_status),
                    provider=provider.name,
                    provider_id=held.provider_id,
                    provider_status=held.provider_status,
                    sent_at=message.sent_at or timezone.now(),
                    last_error="",
                )
                run.recovered.append(message.reference)
                return
        _finish_claim_provider(message, token, provider.name)
        accepted = provider.send(_outgoing(message))
    except providers.CannotTell:
        _finish(
            message,
            token,
            status=Message.FAILED,
            last_error="A worker stopped while sending this message and the mail server cannot "
            "say whether it went, so it was not sent again (to avoid sending it twice).",
        )
        run.failed.append(message.reference)
        return
    except providers.PermanentFailure as error:
        _finish(message, token, status=Message.FAILED, last_error=str(error))
        run.failed.append(message.reference)
        return
    except providers.TemporaryFailure as error:
        attempts = message.attempts
        if attempts >= MAX_ATTEMPTS:
            _finish(
                message,
                token,
                status=Message.FAILED,
                last_error=f"Gave up after {attempts} attempts: {error}",
            )
            run.failed.append(message.reference)
        else:
            _finish(
                message,
                token,
                status=Message.QUEUED,
                next_attempt_at=timezone.now() + backoff(attempts),
                last_error=str(error),
            )
            run.retrying.append(message.reference)
        return
    _finish(
        message,
        token,
        status=providers.outcome(accepted.provider_status),
        provider=provider.name,
        provider_id=accepted.provider_id,
        provider_status=accepted.provider_status,
        sent_at=timezone.now(),
        last_error="",
    )
    run.sent.append(message.reference)


def _finish_claim_provider(message: Message, token: str, name: str) -> None:
    """Note which provider we are about to hand the message to, before we do, so a worker
    that recovers it knows whom to ask."""
    Message.objects.filter(pk=message.pk, lease_token=token).update(provider=name)


def _outgoing(message: Message) -> providers.Outgoing:
    return providers.Outgoing(
        reference=message.reference,
        channel=message.channel,
        to=message.to,
        subject=message.subject,
        body=message.body,
        personalisation=message.personalisation,
        notify_template_id=message.template.notify_template_id,
    )


def outbox_refresh_statuses(*, limit: int = 100) -> int:
    """Ask the provider what became of messages it accepted but has not yet confirmed."""
    since = timezone.now() - STATUS_WINDOW
    changed = 0
    # Only Notify reports on delivery; an SMTP server's "sent" is all we will ever know.
    waiting = Message.objects.filter(
        status=Message.SENT, sent_at__gte=since, provider=providers.NOTIFY
    ).exclude(provider_id="")
    for message in waiting.order_by("sent_at")[:limit]:
        provider = providers.provider_named(message.provider)
        if provider is None:
            continue
        try:
            status = provider.status(message.provider_id)
        except (providers.TemporaryFailure, providers.PermanentFailure) as error:
            log.warning("could not fetch the status of %s: %s", message.reference, error)
            continue
        outcome = providers.outcome(status)
        if status != message.provider_status:
            Message.objects.filter(pk=message.pk, status=Message.SENT).update(
                status=outcome,
                provider_status=status,
                last_error=f"The provider reports {status}." if outcome == Message.FAILED else "",
                updated_at=timezone.now(),
            )
            changed += 1
    return changed


# --- Privacy: retention and erasure (called by frontdoor.privacy) ---


@transaction.atomic
def messages_anonymise(*, ids=(), about_type: str = "", about_ids=(), addresses=()) -> int:
    """Remove who a message went to and what it said, keeping the row for the counts.

    Strategy: "data is not kept for longer than it is needed". Messages still queued or
    being sent are left alone; the local outbox's copies are deleted.
    """
    from frontdoor.notify.models import OutboxDelivery

    chosen = Q(pk__in=list(ids))
    if about_type and about_ids:
        chosen |= Q(about_type=about_type, about_id__in=[str(i) for i in about_ids])
    if addresses:
        chosen |= Q(to__in=list(addresses))
    messages = (
        Message.objects.filter(chosen)
        .exclude(status__in=[Message.QUEUED, Message.SENDING])
        .exclude(to="")
    )
    references = list(messages.values_list("reference", flat=True))
    OutboxDelivery.objects.filter(reference__in=references).delete()
    return messages.update(to="", personalisation={}, subject="", body="", last_error="")
