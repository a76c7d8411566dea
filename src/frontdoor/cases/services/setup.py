"""Case types and workflows as data, which other capabilities create through these services
(an online form makes a case type per form; street reports make one per category)."""

from __future__ import annotations

from django.db import transaction

from frontdoor.accounts import queries as accounts_queries
from frontdoor.cases.models import PRIORITIES, Case, CaseType, Workflow
from frontdoor.cases.services import messaging
from frontdoor.cases.services.errors import CaseError
from frontdoor.cases.workflow import ClosureReason, Definition, State, Transition, WorkflowError

STANDARD = "standard"


@transaction.atomic
def workflow_define(
    *,
    code: str,
    name: str,
    states: list[State],
    transitions: list[Transition],
    closure_reasons: list[ClosureReason] | None = None,
) -> Workflow:
    """Create a workflow, or change it if its code exists: safe to call again.

    A change may not drop a state that open or closed cases are in.
    """
    definition = Definition(
        states=tuple(states),
        transitions=tuple(transitions),
        closure_reasons=tuple(closure_reasons or ()),
    )
    definition.check()
    existing = Workflow.objects.filter(code=code).first()
    if existing is not None:
        kept = {s.code for s in definition.states}
        in_use = set(
            Case.objects.filter(case_type__workflow=existing)
            .values_list("status", flat=True)
            .distinct()
        )
        if in_use - kept:
            raise WorkflowError(
                f"Cases are still in {', '.join(sorted(in_use - kept))}: keep those states."
            )
    workflow, _ = Workflow.objects.update_or_create(
        code=code, defaults={"name": name, "definition": definition.to_json()}
    )
    messaging.templates_ensure()
    return workflow


def workflow_standard_ensure() -> Workflow:
    """The plain workflow most case types can share: received, in progress, closed."""
    return workflow_define(
        code=STANDARD,
        name="Standard",
        states=[
            State("received", "Received", "We have your request", initial=True),
            State("in_progress", "In progress", "We are working on it"),
            State("waiting", "Waiting for the resident", "We need something from you"),
            State("closed", "Closed", "Finished", closed=True),
        ],
        transitions=[
            Transition("start", "Start work", ("received", "waiting"), "in_progress", public=True),
            Transition(
                "ask_resident", "Ask the resident", ("received", "in_progress"), "waiting", True
            ),
            Transition(
                "close",
                "Close",
                ("received", "in_progress", "waiting"),
                "closed",
                public=True,
                template=messaging.CLOSED,
            ),
            Transition("reopen", "Reopen", ("closed",), "in_progress", public=True),
        ],
        closure_reasons=[
            ClosureReason("resolved", "Done"),
            ClosureReason("no_action", "No action needed"),
            ClosureReason("not_council", "Not the council's responsibility"),
            ClosureReason("duplicate", "Duplicate of another request"),
        ],
    )


@transaction.atomic
def case_type_define(
    *,
    code: str,
    name: str,
    workflow: str = STANDARD,
    team: str | None = None,
    sla_working_days: dict[str, int] | int = 10,
    default_priority: str = "normal",
    description: str = "",
    source: str = "",
    active: bool = True,
) -> CaseType:
    """Create a case type, or change it if its code exists: safe to call again.

    `sla_working_days` is one number for every priority, or one per priority
    (`{"low": 20, "normal": 10, "high": 5, "urgent": 1}`); `team` is a team code.
    """
    if workflow == STANDARD and not Workflow.objects.filter(code=STANDARD).exists():
        workflow_standard_ensure()
    found = Workflow.objects.filter(code=workflow).first()
    if found is None:
        raise CaseError(f"There is no workflow called {workflow!r}.", field="workflow")
    owner = None
    if team:
        owner = accounts_queries.team_get(code=team)
        if owner is None:
            raise CaseError(f"There is no team called {team!r}.", field="team")
    codes = [code for code, _ in PRIORITIES]
    if isinstance(sla_working_days, int):
        days = dict.fromkeys(codes, sla_working_days)
    else:
        days = {**dict.fromkeys(codes, max(sla_working_days.values(), default=10))}
        days.update(sla_working_days)
    if set(days) - set(codes) or any(not isinstance(d, int) or d < 0 for d in days.values()):
        raise CaseError(
            "Service levels are whole numbers of working days for low, normal, high or urgent.",
            field="sla_working_days",
        )
    if default_priority not in codes:
        raise CaseError(f"{default_priority!r} is not a priority.", field="default_priority")
    case_type, _ = CaseType.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "workflow": found,
            "team": owner,
            "sla_working_days": days,
            "default_priority": default_priority,
            "description": description,
            "source": source,
            "active": active,
        },
    )
    return case_type
