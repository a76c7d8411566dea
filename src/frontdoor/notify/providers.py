"""Who carries a message: GOV.UK Notify, an SMTP server, or the local outbox.

Every provider answers the same three questions, so the worker can deliver each message
exactly once: send this; do you already hold a message with this reference (asked when a
worker died mid-send); and what became of the message you accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.notify.models import EMAIL, OutboxDelivery

NOTIFY = "notify"
SMTP = "smtp"
OUTBOX = "outbox"

# GOV.UK Notify's delivery statuses, as ours. "created", "sending", "pending" and "sent"
# mean Notify holds the message and has not yet heard back from the phone or email network.
_NOTIFY_FAILED = {"permanent-failure", "temporary-failure", "technical-failure"}


@dataclass(frozen=True)
class Outgoing:
    reference: str
    channel: str
    to: str
    subject: str
    body: str
    personalisation: dict
    notify_template_id: str


@dataclass(frozen=True)
class Accepted:
    provider_id: str
    provider_status: str


class TemporaryFailure(Exception):
    """Try again later: the provider is down, busy or rate-limiting us."""


class PermanentFailure(Exception):
    """Trying again will not help: a bad address, an unknown template, a refused key."""


class CannotTell(Exception):
    """The provider cannot say whether it already holds a message (SMTP cannot)."""


class LocalOutbox:
    """Keeps messages in the database for staff to read: the default for `make run`."""

    name = OUTBOX

    def send(self, outgoing: Outgoing) -> Accepted:
        try:
            with transaction.atomic():
                OutboxDelivery.objects.create(
                    reference=outgoing.reference,
                    channel=outgoing.channel,
                    to=outgoing.to,
                    subject=outgoing.subject,
                    body=outgoing.body,
                    delivered_at=timezone.now(),
                )
        except IntegrityError:
            pass  # already delivered under this reference: still exactly one copy
        return Accepted(provider_id=outgoing.reference, provider_status="delivered")

    def find(self, reference: str) -> Accepted | None:
        if OutboxDelivery.objects.filter(reference=reference).exists():
            return Accepted(provider_id=reference, provider_status="delivered")
        return None

    def status(self, provider_id: str) -> str:
        return "delivered"


class Smtp:
    """Email through Django's SMTP backend (EMAIL_URL). Text messages need Notify."""

    name = SMTP

    def send(self, outgoing: Outgoing) -> Accepted:
        if outgoing.channel != EMAIL:
            raise PermanentFailure("Text messages need GOV.UK Notify: set NOTIFY_API_KEY.")
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
        message_id = make_msgid(idstring=outgoing.reference, domain=domain)
        email = EmailMessage(
            subject=outgoing.subject,
            body=outgoing.body,
            to=[outgoing.to],
            headers={"Message-ID": message_id, "X-Frontdoor-Reference": outgoing.reference},
        )
        try:
            email.send(fail_silently=False)
        except OSError as error:  # smtplib.SMTPException is an OSError
            code = getattr(error, "smtp_code", 0)
            if 500 <= code < 600:
                raise PermanentFailure(f"The mail server refused it: {error}") from error
            raise TemporaryFailure(f"The mail server could not take it: {error}") from error
        return Accepted(provider_id=message_id, provider_status="sent")

    def find(self, reference: str) -> Accepted | None:
        raise CannotTell("an SMTP server cannot be asked what it has already sent")

    def status(self, provider_id: str) -> str:
        return "sent"


class Notify:
    """GOV.UK Notify through its own Python client."""

    name = NOTIFY

    def __init__(self, *, api_key: str, base_url: str, timeout: float):
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=timeout)

    def _call(self, method, *args, **kwargs):
        from notifications_python_client.errors import APIError

        try:
            return method(*args, **kwargs)
        except APIError as error:
            text = _notify_error_text(error)
            # 400 and 403 are about the request or the key: sending it again will not help.
            if error.status_code in (400, 403):
                raise PermanentFailure(
                    f"GOV.UK Notify refused it ({error.status_code}): {text}"
                ) from error
            raise TemporaryFailure(
                f"GOV.UK Notify could not take it ({error.status_code}): {text}"
            ) from error

    def send(self, outgoing: Outgoing) -> Accepted:
        if not outgoing.notify_template_id:
            raise PermanentFailure(
                "This template has no GOV.UK Notify template id: set notify_template_id."
            )
        if outgoing.channel == EMAIL:
            response = self._call(
                self.client.send_email_notification,
                email_address=outgoing.to,
                template_id=outgoing.notify_template_id,
                personalisation=outgoing.personalisation,
                reference=outgoing.reference,
            )
        else:
            response = self._call(
                self.client.send_sms_notification,
                phone_number=outgoing.to,
                template_id=outgoing.notify_template_id,
                personalisation=outgoing.personalisation,
                reference=outgoing.reference,
            )
        return Accepted(provider_id=response["id"], provider_status="created")

    def find(self, reference: str) -> Accepted | None:
        response = self._call(self.client.get_all_notifications, reference=reference)
        found = [n for n in response.get("notifications", []) if n.get("reference") == reference]
        if not found:
            return None
        return Accepted(provider_id=found[0]["id"], provider_status=found[0]["status"])

    def status(self, provider_id: str) -> str:
        return self._call(self.client.get_notification_by_id, provider_id)["status"]


def _notify_error_text(error) -> str:
    message = error.message
    if isinstance(message, list):
        return "; ".join(f"{item.get('error')}: {item.get('message')}" for item in message)
    return str(message)


def outcome(provider_status: str) -> str:
    """Our message status for a provider's delivery status."""
    if provider_status == "delivered":
        return "delivered"
    if provider_status in _NOTIFY_FAILED:
        return "failed"
    return "sent"


def provider_for(channel: str, *, timeout: float = 10.0):
    """GOV.UK Notify when a key is set; else SMTP for email when EMAIL_URL is set; else the
    local outbox."""
    if settings.NOTIFY_API_KEY:
        return Notify(
            api_key=settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=timeout
        )
    if channel == EMAIL and settings.EMAIL_URL:
        return Smtp()
    return LocalOutbox()


def provider_named(name: str, *, timeout: float = 10.0):
    """The provider that accepted a message, to ask it what became of it."""
    if name == NOTIFY and settings.NOTIFY_API_KEY:
        return Notify(
            api_key=settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=timeout
        )
    if name == SMTP:
        return Smtp()
    if name == OUTBOX:
        return LocalOutbox()
    return None
