from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _waiting_task(*, minutes_ago: int):
    from django_tasks_db.models import DBTaskResult

    enqueued = timezone.now() - timedelta(minutes=minutes_ago)
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="frontdoor.example.task",
        backend_name="default",
        queue_name="default",
        run_after=enqueued,
        priority=0,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)


def test_healthz_reports_a_healthy_database_and_queue_as_json(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert body["checks"]["database"]["status"] == "healthy"
    assert body["checks"]["queue"]["status"] == "healthy"
    assert response["Cache-Control"].startswith("max-age=0")


@override_settings(TASKS=DATABASE_QUEUE, QUEUE_STALL_SECONDS=300)
def test_healthz_is_503_when_a_task_has_waited_too_long_for_a_worker(client, db):
    _waiting_task(minutes_ago=30)
    response = client.get("/healthz")
    assert response.status_code == 503
    queue = response.json()["checks"]["queue"]
    assert queue["status"] == "unhealthy"
    assert queue["waiting"] == 1
    assert queue["oldest_waiting_seconds"] >= 30 * 60


@override_settings(TASKS=DATABASE_QUEUE, QUEUE_STALL_SECONDS=300)
def test_healthz_stays_healthy_while_tasks_are_fresh(client, db):
    _waiting_task(minutes_ago=1)
    body = client.get("/healthz").json()
    assert body["status"] == "healthy"
    assert body["checks"]["queue"]["waiting"] == 1


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_only_answers_reads(client, db, method):
    assert getattr(client, method)("/healthz").status_code == 405
