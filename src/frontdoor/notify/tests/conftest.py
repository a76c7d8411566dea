import pytest
from django.test import override_settings

from frontdoor.notify import services
from frontdoor.notify.tests.fake_notify import API_KEY, FakeNotify


@pytest.fixture
def fake_notify():
    with (
        FakeNotify() as server,
        override_settings(NOTIFY_API_KEY=API_KEY, NOTIFY_BASE_URL=server.url),
    ):
        yield server


@pytest.fixture
def templates(db, fake_notify):
    """An email and a text message template, known to the fake Notify by the same id."""
    email_id = fake_notify.add_template(kind="email", placeholders=["name", "reference"])
    sms_id = fake_notify.add_template(kind="sms", placeholders=["reference"])
    services.template_define(
        code="received",
        channel="email",
        name="Received",
        subject="We have your request ((reference))",
        body="Dear ((name))\n\nYour reference is ((reference)).",
        notify_template_id=email_id,
    )
    services.template_define(
        code="received",
        channel="sms",
        name="Received",
        body="Your reference is ((reference)).",
        notify_template_id=sms_id,
    )
