"""Disposal runs: a dry run that lists what would go and why, then the real run in batches.

Strategy: "data is not kept for longer than it is needed" (Southampton 2018-22); DESIGN.md:
"Retention rules delete or anonymise what is past its time, and the run is logged."

Restart safety: every batch is one transaction that changes the records, marks them done
(`Disposed`), writes its log line and moves the run's position on. A run killed half-way
loses only its uncommitted batch, which the restarted run takes again from the same
position: no batch is skipped and none is done twice.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.cases import queries as cases_queries
from frontdoor.privacy import declaration
from frontdoor.privacy.models import DisposalBatch, DisposalRun, Disposed, RetentionRule
from frontdoor.privacy.steps import STEPS, Holds

BATCH_SIZE = 1000
EXAMPLES = 25


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the last day)."""
    years, month_index = divmod(moment.month - 1 - months, 12)
    year, month = moment.year + years, month_index + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def disposal_plan(*, as_of: datetime.datetime) -> list[dict]:
    """Every step a run takes, with its rule and cut-off date, from today's rules."""
    rules = {(r.kind, r.case_type_code): r for r in RetentionRule.objects.all()}
    plan = []
    for record in declaration.RECORDS:
        if not record.step:
            continue
        end = declaration.ENDS[record.end].split(":")[0].lower()
        if record.step == "case":
            specific = sorted(
                (r for (kind, code), r in rules.items() if kind == "case" and code),
                key=lambda r: r.case_type_code,
            )
            for rule in specific:
                plan.append(
                    _step(
                        record,
                        as_of,
                        rule.months,
                        end,
                        case_type=rule.case_type_code,
                        source="data officer's rule for this case type",
                    )
                )
            default = rules.get(("case", ""))
            plan.append(
                _step(
                    record,
                    as_of,
                    default.months if default else record.retention_months,
                    end,
                    source="data officer's rule" if default else "legal default",
                    except_=[r.case_type_code for r in specific],
                )
            )
            continue
        rule = rules.get((record.step, ""))
        plan.append(
            _step(
                record,
                as_of,
                rule.months if rule else record.retention_months,
                end,
                source="data officer's rule" if rule else "legal default",
            )
        )
    return plan


def _step(record, as_of, months, end, *, source, case_type="", except_=()) -> dict:
    scope = f"{record.name}"
    if case_type:
        found = cases_queries.case_type_get(code=case_type)
        scope = f"{record.name}: {found.name if found else case_type}"
    elif except_:
        scope = f"{record.name} of other types"
    return {
        "kind": record.step,
        "case_type": case_type,
        "except": list(except_),
        "months": months,
        "cutoff": months_before(as_of, months).isoformat(),
        "action": record.end,
        "rule": f"{scope}: {end} {declaration.period_text(months)} "
        f"after {record.retention_from} ({source})",
    }


@transaction.atomic
def disposal_dry_run_start(*, actor) -> DisposalRun:
    """Plan a dry run from today's rules; the task works out what would go."""
    accounts.role_check(user=actor, roles=(roles.DATA_OFFICER,), action="run disposal")
    return _run_create(actor=actor, dry_run=True, as_of=timezone.now())


@transaction.atomic
def disposal_start(*, actor, dry_run_id: int) -> DisposalRun:
    """The real run of what a dry run showed: the same plan and the same cut-off dates."""
    accounts.role_check(user=actor, roles=(roles.DATA_OFFICER,), action="run disposal")
    dry = DisposalRun.objects.filter(pk=dry_run_id, dry_run=True).first()
    if dry is None or dry.status != DisposalRun.FINISHED:
        raise ValidationError("Run a dry run first and wait for it to finish")
    if dry.real_runs.exists():
        raise ValidationError("This dry run has already been run for real")
    return _run_create(actor=actor, dry_run=False, as_of=dry.as_of, plan=dry.plan, source=dry)


def disposal_scheduled(
    *,
    as_of: datetime.datetime | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[DisposalBatch], None] | None = None,
) -> DisposalRun:
    """The scheduled run (manage.py privacy_disposal): plan from today's rules, then do it
    here, in the scheduler's own process."""
    with transaction.atomic():
        run = _run_create(
            actor=audit.SYSTEM, dry_run=dry_run, as_of=as_of or timezone.now(), enqueue=False
        )
    return disposal_execute(run_id=run.pk, batch_size=batch_size, on_batch=on_batch)


def _run_create(*, actor, dry_run, as_of, plan=None, source=None, enqueue=True) -> DisposalRun:
    run = DisposalRun.objects.create(
        dry_run=dry_run,
        from_dry_run=source,
        as_of=as_of,
        plan=plan if plan is not None else disposal_plan(as_of=as_of),
        started_by=actor if not isinstance(actor, str) else None,
        created_at=timezone.now(),
    )
    audit.audit_record(
        actor=actor,
        action="privacy.dry_run_started" if dry_run else "privacy.disposal_started",
        subject_type="disposal run",
        subject_id=run.pk,
        detail={"steps": len(run.plan)},
    )
    if enqueue:
        from frontdoor.privacy import tasks

        transaction.on_commit(lambda: tasks.disposal_run.enqueue(run_id=run.pk))
    return run


def disposal_unfinished() -> list[int]:
    """Runs that started and never finished (their worker died): to be resumed."""
    return list(
        DisposalRun.objects.exclude(status=DisposalRun.FINISHED).values_list("pk", flat=True)
    )


def disposal_execute(
    *,
    run_id: int,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[DisposalBatch], None] | None = None,
) -> DisposalRun:
    """Do (or, for a dry run, count) every step of a run, from wherever it had reached.

    `on_batch` is called inside each batch's transaction, before it commits (progress
    reporting; an exception there rolls that batch back, as a crash would).
    """
    with transaction.atomic():
        run = DisposalRun.objects.select_for_update().get(pk=run_id)
        if run.status == DisposalRun.FINISHED:
            return run
        if run.status == DisposalRun.PLANNED:
            run.status, run.started_at = DisposalRun.RUNNING, timezone.now()
            run.save(update_fields=["status", "started_at"])
    if run.dry_run:
        return _preview(run_id)
    while _batch(run_id, batch_size, on_batch):
        pass
    return _finish(run_id)


def _preview(run_id: int) -> DisposalRun:
    with transaction.atomic():
        run = DisposalRun.objects.select_for_update().get(pk=run_id)
        holds = Holds.current()
        results = {}
        for index, plan in enumerate(run.plan):
            step = STEPS[plan["kind"]]
            if not step.batched:
                results[str(index)] = {"count": step.count(plan, holds), "examples": []}
                continue
            found = step.candidates(plan, holds)
            results[str(index)] = {
                "count": found.count(),
                "examples": [
                    {
                        "label": example.label,
                        "date": example.date.isoformat() if example.date else "",
                        "detail": example.detail,
                    }
                    for example in map(step.example, found[:EXAMPLES])
                ],
            }
        run.results = results
        run.step_index = len(run.plan)
        run.save(update_fields=["results", "step_index"])
    return _finish(run_id)


def _batch(run_id: int, batch_size: int, on_batch) -> bool:
    """One batch in one transaction; False when the run has no step left."""
    with transaction.atomic():
        run = DisposalRun.objects.select_for_update().get(pk=run_id)
        if run.step_index >= len(run.plan):
            return False
        plan = run.plan[run.step_index]
        step = STEPS[plan["kind"]]
        holds = Holds.current()
        if step.batched:
            ids = list(
                step.candidates(plan, holds)
                .filter(pk__gt=run.cursor)
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                run.step_index, run.cursor = run.step_index + 1, 0
                run.save(update_fields=["step_index", "cursor"])
                return True
            outcome = step.dispose(ids, holds)
            if plan["kind"] in ("case", "submission"):
                _mark(plan["kind"], ids)
            for kind, done in outcome.also_done.items():
                _mark(kind, done, ignore_conflicts=True)
            first, last = ids[0], ids[-1]
            run.cursor = last
        else:
            outcome = step.delete(plan, holds)
            first = last = 0
            run.step_index, run.cursor = run.step_index + 1, 0
        run.batches_done += 1
        batch = DisposalBatch.objects.create(
            run=run,
            sequence=run.batches_done,
            step_index=run.step_index if step.batched else run.step_index - 1,
            kind=plan["kind"],
            rule=plan["rule"][:200],
            action=plan["action"],
            first_id=first,
            last_id=last,
            records=outcome.records,
            related={k: v for k, v in outcome.related.items() if v},
            done_at=timezone.now(),
        )
        key = str(batch.step_index)
        totals = run.results.get(key, {"records": 0, "related": {}})
        totals["records"] += outcome.records
        for name, count in outcome.related.items():
            totals["related"][name] = totals["related"].get(name, 0) + count
        run.results[key] = totals
        run.save(update_fields=["step_index", "cursor", "batches_done", "results"])
        if on_batch is not None:
            on_batch(batch)
        return True


def _mark(kind: str, ids: list[int], *, ignore_conflicts: bool = False) -> None:
    now = timezone.now()
    Disposed.objects.bulk_create(
        [Disposed(kind=kind, object_id=i, at=now) for i in ids],
        batch_size=BATCH_SIZE,
        ignore_conflicts=ignore_conflicts,
    )


def _finish(run_id: int) -> DisposalRun:
    with transaction.atomic():
        run = DisposalRun.objects.select_for_update().get(pk=run_id)
        if run.status == DisposalRun.FINISHED:
            return run
        run.status, run.finished_at = DisposalRun.FINISHED, timezone.now()
        run.save(update_fields=["status", "finished_at"])
        total_key = "count" if run.dry_run else "records"
        audit.audit_record(
            actor=audit.SYSTEM,
            action="privacy.dry_run_finished" if run.dry_run else "privacy.disposal_finished",
            subject_type="disposal run",
            subject_id=run.pk,
            detail={"records": sum(r.get(total_key, 0) for r in run.results.values())},
        )
    return run
