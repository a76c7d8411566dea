"""Read-only selections for the privacy pages."""

from __future__ import annotations

from django.db.models import QuerySet

from frontdoor.cases import queries as cases_queries
from frontdoor.privacy import declaration
from frontdoor.privacy.models import (
    DisposalBatch,
    DisposalRun,
    LegalHold,
    RetentionRule,
    SubjectRequest,
)


def case_type_choices() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in cases_queries.case_types(active_only=False)]


def retention_table() -> list[dict]:
    """Each adjustable kind of record: its legal default and the rules set over it."""
    rules = list(RetentionRule.objects.select_related("set_by"))
    names = dict(case_type_choices())
    table = []
    for record in declaration.adjustable():
        mine = [r for r in rules if r.kind == record.step]
        table.append(
            {
                "record": record,
                "general": next((r for r in mine if not r.case_type_code), None),
                "by_case_type": [
                    (names.get(r.case_type_code, r.case_type_code), r)
                    for r in mine
                    if r.case_type_code
                ],
            }
        )
    return table


def holds(*, active: bool) -> QuerySet[LegalHold]:
    found = LegalHold.objects.select_related("placed_by", "released_by")
    return found.filter(released_at__isnull=active)


def hold_get(*, hold_id: int) -> LegalHold | None:
    return LegalHold.objects.filter(pk=hold_id).first()


def runs() -> QuerySet[DisposalRun]:
    return DisposalRun.objects.select_related("started_by")


def run_get(*, run_id: int) -> DisposalRun | None:
    return (
        DisposalRun.objects.select_related("started_by", "from_dry_run").filter(pk=run_id).first()
    )


def run_steps(*, run: DisposalRun) -> list[dict]:
    """The run's plan, each step with its result (dry: count and examples; real: counts)."""
    empty = {"count": None, "examples": []} if run.dry_run else {"records": 0, "related": {}}
    return [
        {"index": i, **plan, "result": run.results.get(str(i), empty)}
        for i, plan in enumerate(run.plan)
    ]


def run_log(*, run: DisposalRun) -> QuerySet[DisposalBatch]:
    return run.batches.order_by("sequence")


def requests() -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.select_related("handled_by")
