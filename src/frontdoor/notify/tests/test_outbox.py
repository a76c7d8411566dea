"""The outbox: messages queued with the change that caused them, sent exactly once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from frontdoor.notify import services
from frontdoor.notify.models import Message, OutboxDelivery


def _queue(**overrides):
    arguments = {
        "template": "received",
        "personalisation": {"name": "Amara", "reference": "K7QM-4XTD"},
        "to_email": "amara@example.com",
        "about_type": "case",
        "about_id": "K7QM-4XTD",
    }
    arguments.update(overrides)
    return services.message_queue(**arguments)


def _past_due(message):
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())


@pytest.fixture
def local_templates(db):
    services.template_define(
        code="received",
        channel="email",
        name="Received",
        subject="We have your request ((reference))",
        body="Dear ((name))\n\nYour reference is ((reference)).",
    )


def test_a_queued_message_is_rendered_from_its_template(local_templates):
    message = _queue()
    assert message.subject == "We have your request K7QM-4XTD"
    assert message.body.startswith("Dear Amara")
    assert message.status == Message.QUEUED


def test_missing_personalisation_is_refused_and_nothing_is_queued(local_templates):
    with pytest.raises(services.MessageError, match="Missing personalisation: name"):
        _queue(personalisation={"reference": "K7QM-4XTD"})
    assert not Message.objects.exists()


def test_a_message_rolled_back_with_its_change_never_exists(local_templates):
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the change failed")
    assert not Message.objects.exists()


def test_the_local_outbox_delivers_a_message_once_for_staff_to_read(local_templates):
    message = _queue()
    first = services.outbox_deliver()
    second = services.outbox_deliver()
    message.refresh_from_db()
    assert first.sent == [message.reference] and second.sent == []
    assert message.status == Message.DELIVERED and message.provider == "outbox"
    assert OutboxDelivery.objects.get().body == message.body


@override_settings(
    EMAIL_URL="smtp://mail.example.com:587",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
def test_smtp_sends_email_through_django(local_templates):
    message = _queue()
    services.outbox_deliver()
    message.refresh_from_db()
    assert message.status == Message.SENT and message.provider == "smtp"
    assert mail.outbox[0].subject == "We have your request K7QM-4XTD"
    assert mail.outbox[0].extra_headers["X-Frontdoor-Reference"] == message.reference


@override_settings(
    EMAIL_URL="smtp://mail.example.com:587",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
def test_smtp_never_resends_a_message_a_dead_worker_may_have_sent(local_templates):
    message = _queue()
    Message.objects.filter(pk=message.pk).update(
        status=Message.SENDING,
        provider="smtp",
        attempts=1,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )
    services.outbox_deliver()
    message.refresh_from_db()
    assert message.status == Message.FAILED
    assert "not sent again" in message.last_error
    assert mail.outbox == []


def test_notify_sends_email_with_the_template_id_and_records_notifys_id(templates, fake_notify):
    message = _queue()
    run = services.outbox_deliver()
    message.refresh_from_db()
    [sent] = fake_notify.by_reference(message.reference)
    assert run.sent == [message.reference]
    assert message.status == Message.SENT and message.provider == "notify"
    assert message.provider_id == sent["id"]
    assert sent["email_address"] == "amara@example.com"
    assert sent["personalisation"] == {"name": "Amara", "reference": "K7QM-4XTD"}


def test_notify_sends_text_messages(templates, fake_notify):
    message = _queue(to_email="", to_phone="07700 900123")
    services.outbox_deliver()
    message.refresh_from_db()
    assert message.status == Message.SENT
    assert fake_notify.by_reference(message.reference)[0]["phone_number"] == "07700900123"


def test_a_notify_server_error_is_retried_later_with_backoff(templates, fake_notify):
    fake_notify.fail_next(500, "Exception", "Internal server error")
    message = _queue()
    before = timezone.now()
    run = services.outbox_deliver()
    message.refresh_from_db()
    assert run.retrying == [message.reference]
    assert message.status == Message.QUEUED and "500" in message.last_error
    assert message.next_attempt_at >= before + timedelta(seconds=29)
    assert services.outbox_deliver().sent == []  # not due yet
    _past_due(message)
    services.outbox_deliver()
    message.refresh_from_db()
    assert message.status == Message.SENT
    assert len(fake_notify.by_reference(message.reference)) == 1


def test_backoff_doubles_and_stops_at_an_hour():
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert services.backoff(20) == timedelta(hours=1)


def test_a_rate_limited_message_gives_up_after_the_last_attempt(templates, fake_notify):
    fake_notify.fail_next(
        429,
        "RateLimitError",
        "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
        times=services.MAX_ATTEMPTS,
    )
    message = _queue()
    for _ in range(services.MAX_ATTEMPTS):
        _past_due(message)
        services.outbox_deliver()
    message.refresh_from_db()
    assert message.status == Message.FAILED
    assert message.attempts == services.MAX_ATTEMPTS
    assert "RateLimitError" in message.last_error
    assert fake_notify.state.notifications == []


def test_an_address_notify_refuses_fails_at_once_and_says_why(templates, fake_notify):
    message = _queue(to_email="", to_phone="07700 900123")
    fake_notify.fail_next(400, "ValidationError", "phone_number Not a UK mobile number")
    services.outbox_deliver()
    message.refresh_from_db()
    assert message.status == Message.FAILED and message.attempts == 1
    assert "phone_number Not a UK mobile number" in message.last_error


def test_a_wrong_api_key_is_refused_by_notify_and_not_retried(templates, fake_notify):
    with override_settings(
        NOTIFY_API_KEY="bad-26785a09-ab16-4eb0-8407-a37497a57506-00000000-0000-0000-0000-000000000000"
    ):
        message = _queue()
        services.outbox_deliver()
    message.refresh_from_db()
    assert message.status == Message.FAILED
    assert "403" in message.last_error and "AuthError" in message.last_error


def test_a_message_left_sending_that_notify_has_is_recorded_not_resent(templates, fake_notify):
    message = _queue()
    # A worker sent it, then died before recording Notify's answer.
    services.providers.provider_for("email").send(services._outgoing(message))
    Message.objects.filter(pk=message.pk).update(
        status=Message.SENDING,
        provider="notify",
        attempts=1,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )
    run = services.outbox_deliver()
    message.refresh_from_db()
    assert run.recovered == [message.reference]
    assert fake_notify.state.posts == 1
    assert message.status == Message.DELIVERED
    assert message.provider_id == fake_notify.by_reference(message.reference)[0]["id"]


def test_a_message_left_sending_that_notify_never_got_is_sent_once(templates, fake_notify):
    message = _queue()
    Message.objects.filter(pk=message.pk).update(
        status=Message.SENDING,
        provider="notify",
        attempts=1,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )
    assert services.outbox_deliver().sent == [message.reference]
    assert fake_notify.state.posts == 1


def test_a_message_another_worker_holds_is_left_alone(templates, fake_notify):
    message = _queue()
    Message.objects.filter(pk=message.pk).update(
        status=Message.SENDING, lease_expires_at=timezone.now() + timedelta(seconds=60)
    )
    assert services.outbox_deliver().sent == []
    assert fake_notify.state.posts == 0


def test_delivery_receipts_are_fetched_from_notify(templates, fake_notify):
    delivered = _queue()
    bounced = _queue(to_email="nobody@example.com")
    fake_notify.state.outcomes["nobody@example.com"] = "permanent-failure"
    services.outbox_deliver()
    assert services.outbox_refresh_statuses() == 2
    delivered.refresh_from_db()
    bounced.refresh_from_db()
    assert delivered.status == Message.DELIVERED
    assert bounced.status == Message.FAILED
    assert "permanent-failure" in bounced.last_error
