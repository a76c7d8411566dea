"""Background delivery: woken by each queued message; `notify_worker` also sweeps."""

from django_tasks import task

from frontdoor.notify import services


@task()
def deliver_messages() -> dict:
    """Send whatever is due now (the message that woke us, and any others)."""
    run = services.outbox_deliver()
    return {
        "sent": len(run.sent),
        "recovered": len(run.recovered),
        "retrying": len(run.retrying),
        "failed": len(run.failed),
    }
