"""Killing the outbox worker mid-send, then restarting it, delivers each message once.

Real processes: a worker is SIGKILLed while GOV.UK Notify (the fake, in this process) is
holding its request open, after Notify has recorded the message but before the worker
hears back. The next worker must find that message at Notify by its reference instead of
sending it again, and send the others once each.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from frontdoor.notify.tests.fake_notify import API_KEY

PROJECT_DIR = Path(__file__).resolve().parents[4]
LEASE_SECONDS = 2

SETUP = """
from frontdoor.notify import services
services.template_define(code="received", channel="email", name="Received",
    subject="Reference ((reference))", body="Your reference is ((reference)).",
    notify_template_id="{template_id}")
for who in ("a", "b", "c"):
    services.message_queue(template="received", personalisation={{"reference": who}},
        to_email=f"{{who}}@example.com")
"""

REPORT = """
import json
from frontdoor.notify.models import Message
print(json.dumps([[m.reference, m.status, m.provider_id, m.attempts]
    for m in Message.objects.order_by("id")]))
"""


def _database_url(tmp_path) -> str:
    """The test's own PostgreSQL database, or (SQLite's test database living in memory) a
    fresh SQLite file that the worker processes can open too."""
    if connection.vendor == "postgresql":
        config = connection.settings_dict
        auth = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
        return f"postgres://{auth}@{config['HOST']}:{config['PORT'] or 5432}/{config['NAME']}"
    return f"sqlite:///{tmp_path}/worker.sqlite3"


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        **kwargs,
    )


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_send_then_restarting_delivers_each_message_once(
    tmp_path, fake_notify
):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(tmp_path),
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_BASE_URL": fake_notify.url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    if connection.vendor != "postgresql":
        _manage(env, "migrate", "-v0")
    template_id = fake_notify.add_template(kind="email", placeholders=["reference"])
    _manage(env, "shell", "-c", SETUP.format(template_id=template_id))

    fake_notify.state.hold = True
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "notify_worker", "--once", "--lease-seconds", "2"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert fake_notify.state.held.wait(timeout=60), "the worker never reached Notify"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    fake_notify.state.hold = False
    fake_notify.state.release.set()
    assert fake_notify.state.posts == 1
    time.sleep(LEASE_SECONDS + 0.5)  # the dead worker's lease runs out

    restarted = _manage(
        env, "notify_worker", "--once", "--lease-seconds", str(LEASE_SECONDS)
    ).stdout
    assert "sent 2, recovered 1" in restarted

    messages = json.loads(_manage(env, "shell", "-c", REPORT).stdout.strip().splitlines()[-1])
    assert fake_notify.state.posts == 3
    for reference, status, provider_id, _attempts in messages:
        [held] = fake_notify.by_reference(reference)
        assert status in {"sent", "delivered"}
        assert provider_id == held["id"]
