"""Disposal runs: a dry run lists what would go; the real run does exactly that, in logged
batches, leaves held cases alone, keeps the counts, and survives being killed half-way."""

from __future__ import annotations

import json

import pytest

from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.cases.tests import factories as case_factories
from frontdoor.notify import queries as notify_queries
from frontdoor.privacy import services
from frontdoor.privacy.models import DisposalBatch, DisposalRun
from frontdoor.privacy.tests import factories


class Crash(Exception):
    """Stands for the worker being killed while a batch is in flight."""


@pytest.fixture
def officer(db):
    factories.case_type()
    factories.case_type(code="pothole", name="Pothole")
    return factories.data_officer()


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Call a service and then run the tasks it enqueued on commit, as a worker would."""

    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            run = service(**kwargs)
        run.refresh_from_db()
        return run

    return call


@pytest.fixture
def worker():
    return case_factories.staff("case_officer", "service_manager", teams=("waste",))


def _step_for(run, case_type):
    return next(
        i for i, p in enumerate(run.plan) if p["kind"] == "case" and p["case_type"] == case_type
    )


def test_a_dry_run_lists_what_would_go_and_why_and_changes_nothing(officer, worker, run_tasks):
    old = factories.closed_case(officer=worker, years_ago=3)
    recent = factories.closed_case(officer=worker, years_ago=1)
    services.retention_rule_set(actor=officer, kind="case", case_type="missed-bin", months=24)
    run = run_tasks(services.disposal_dry_run_start, actor=officer)
    assert run.status == DisposalRun.FINISHED
    result = run.results[str(_step_for(run, "missed-bin"))]
    assert result["count"] == 1
    assert [e["label"] for e in result["examples"]] == [old.reference]
    assert "2 years after the case was closed" in run.plan[_step_for(run, "missed-bin")]["rule"]
    assert cases_queries.case_get(reference=old.reference).contact_email == "amara@example.com"
    assert recent.reference not in json.dumps(run.results)


def test_the_real_run_anonymises_what_the_dry_run_listed_except_the_held_case(
    officer, worker, run_tasks
):
    gone = factories.closed_case(officer=worker, years_ago=3)
    held = factories.closed_case(officer=worker, years_ago=3, email="held@example.com")
    kept = factories.closed_case(officer=worker, years_ago=1)
    services.retention_rule_set(actor=officer, kind="case", case_type="missed-bin", months=24)
    services.legal_hold_place(
        actor=officer, target_type="case", target=held.reference, reason="Claim"
    )
    dry = run_tasks(services.disposal_dry_run_start, actor=officer)
    run = run_tasks(services.disposal_start, actor=officer, dry_run_id=dry.pk)
    run.refresh_from_db()
    assert run.status == DisposalRun.FINISHED

    anonymised = cases_queries.case_get(reference=gone.reference)
    assert (anonymised.contact_email, anonymised.contact_name, anonymised.description) == (
        "",
        "",
        "",
    )
    assert not anonymised.subscribers.exists()
    assert all(
        m.to == ""
        for m in notify_queries.messages_about(about_type="case", about_id=gone.reference)
    )
    assert cases_queries.case_get(reference=held.reference).contact_email == "held@example.com"
    assert cases_queries.case_get(reference=kept.reference).contact_email == "amara@example.com"

    log = list(DisposalBatch.objects.filter(run=run, kind="case"))
    assert sum(b.records for b in log) == 1
    assert log[0].related["messages"] >= 1 and "2 years" in log[0].rule
    text = json.dumps(
        [[b.rule, b.related, b.first_id, b.last_id] for b in DisposalBatch.objects.all()]
    )
    assert "amara" not in text.lower() and "held@" not in text


def test_counts_for_the_dashboard_do_not_change_when_cases_are_anonymised(
    officer, worker, run_tasks
):
    for years in (3, 3, 4, 1):
        where = cases.Location(address="1 High Street", postcode="SO14 7LY", ward="Bargate")
        factories.closed_case(officer=worker, years_ago=years, location=where)
        case_factories.case(contact=case_factories.contact(), location=where)
    services.retention_rule_set(actor=officer, kind="case", months=24)

    def counts():
        from django.utils import timezone

        since = timezone.now() - timezone.timedelta(days=3650)
        by_type = {t.code: t.cases.count() for t in cases_queries.case_types()}
        wards = sorted(c.ward for c in cases_queries.case_queue(user=worker, include_closed=True))
        return by_type, wards, cases_queries.contacts_by_channel(since=since, until=timezone.now())

    before = counts()
    dry = run_tasks(services.disposal_dry_run_start, actor=officer)
    run_tasks(services.disposal_start, actor=officer, dry_run_id=dry.pk)
    assert DisposalBatch.objects.filter(kind="case").first().records == 3
    assert counts() == before


def test_a_run_killed_half_way_and_restarted_neither_skips_nor_repeats_a_batch(
    officer, worker, run_tasks
):
    made = [factories.closed_case(officer=worker, years_ago=3).reference for _ in range(7)]
    services.retention_rule_set(actor=officer, kind="case", months=24)
    dry = run_tasks(services.disposal_dry_run_start, actor=officer)
    run = DisposalRun.objects.create(
        dry_run=False, as_of=dry.as_of, plan=dry.plan, created_at=dry.created_at
    )
    seen = []

    def crash_on_third(batch):
        if batch.kind == "case" and len(seen) == 2:
            raise Crash
        if batch.kind == "case":
            seen.append((batch.first_id, batch.last_id))

    with pytest.raises(Crash):
        services.disposal_execute(run_id=run.pk, batch_size=2, on_batch=crash_on_third)
    run.refresh_from_db()
    assert run.status == DisposalRun.RUNNING
    assert DisposalBatch.objects.filter(run=run, kind="case").count() == 2
    left = [r for r in made if cases_queries.case_get(reference=r).contact_email]
    assert len(left) == 3  # the crashed batch rolled back: its 2 cases are untouched

    assert services.disposal_unfinished() == [run.pk]
    services.disposal_execute(run_id=run.pk, batch_size=2)
    batches = list(DisposalBatch.objects.filter(run=run, kind="case").order_by("sequence"))
    assert [b.records for b in batches] == [2, 2, 2, 1]
    ranges = [(b.first_id, b.last_id) for b in batches]
    assert ranges[:2] == seen and all(a[1] < b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert not any(cases_queries.case_get(reference=r).contact_email for r in made)

    # A later run finds nothing left to do for the same cases.
    again = run_tasks(services.disposal_dry_run_start, actor=officer)
    again.refresh_from_db()
    assert (
        sum(r["count"] for i, r in again.results.items() if again.plan[int(i)]["kind"] == "case")
        == 0
    )


def test_the_real_run_needs_a_finished_dry_run_and_runs_it_once(officer, run_tasks):
    dry = run_tasks(services.disposal_dry_run_start, actor=officer)
    run_tasks(services.disposal_start, actor=officer, dry_run_id=dry.pk)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        run_tasks(services.disposal_start, actor=officer, dry_run_id=dry.pk)
