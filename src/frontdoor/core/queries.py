"""Read-only checks of the platform's own health."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone


def database_health() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"status": "unhealthy", "vendor": connection.vendor, "error": type(error).__name__}
    return {"status": "healthy", "vendor": connection.vendor}


def queue_health() -> dict:
    """Healthy when nothing due has waited longer than QUEUE_STALL_SECONDS for a worker."""
    from django_tasks import task_backends
    from django_tasks_db.models import DBTaskResult

    backend = task_backends["default"]
    name = type(backend).__name__
    if not name.startswith("DatabaseBackend"):
        return {"status": "healthy", "backend": name}
    try:
        now = timezone.now()
        due = DBTaskResult.objects.ready().filter(run_after__lte=now)
        waiting = due.count()
        oldest = due.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError as error:
        return {"status": "unhealthy", "backend": name, "error": type(error).__name__}
    oldest_seconds = int((now - oldest).total_seconds()) if oldest else 0
    stalled = oldest_seconds > timedelta(seconds=settings.QUEUE_STALL_SECONDS).total_seconds()
    return {
        "status": "unhealthy" if stalled else "healthy",
        "backend": name,
        "waiting": waiting,
        "oldest_waiting_seconds": oldest_seconds,
    }
