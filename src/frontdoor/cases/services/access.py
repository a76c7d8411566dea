"""Who may see and work which cases, and the one audited gate in front of a case."""

from __future__ import annotations

from django.db import transaction

from frontdoor.accounts import queries as accounts_queries
from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.cases.models import Case
from frontdoor.cases.services.errors import CaseNotFound

# Contact-centre agents and officers open cases; officers, managers and administrators
# work them. Agents, managers, administrators and data officers (for subject access
# requests) see every case; a case officer sees only their teams' cases.
CREATORS = (roles.AGENT, roles.CASE_OFFICER, roles.SERVICE_MANAGER, roles.ADMINISTRATOR)
CONTACT_LOGGERS = (roles.AGENT, roles.CASE_OFFICER, roles.SERVICE_MANAGER, roles.ADMINISTRATOR)
WORKERS = (roles.CASE_OFFICER, roles.SERVICE_MANAGER, roles.ADMINISTRATOR)
VIEWERS = (
    roles.AGENT,
    roles.CASE_OFFICER,
    roles.SERVICE_MANAGER,
    roles.ADMINISTRATOR,
    roles.DATA_OFFICER,
)
SEE_EVERY_TEAM = (roles.AGENT, roles.SERVICE_MANAGER, roles.ADMINISTRATOR, roles.DATA_OFFICER)


def sees_every_team(user) -> bool:
    return accounts_queries.has_role(user=user, roles=SEE_EVERY_TEAM)


def may_reach(user, case: Case) -> bool:
    """Whether this member of staff may see this case at all."""
    if sees_every_team(user):
        return True
    return case.team_id is not None and case.team_id in accounts_queries.team_ids_of(user=user)


def case_for(*, user, reference: str, roles_needed: tuple[str, ...], action: str, lock: bool):
    """The case, if `user` holds one of `roles_needed` and may reach it; else CaseNotFound
    (the same answer as for a case that does not exist, so references cannot be probed)."""
    accounts.role_check(user=user, roles=roles_needed, action=action)
    cases = Case.objects.select_related("case_type__workflow", "team", "assignee")
    if lock:
        cases = cases.select_for_update(of=("self",))
    case = cases.filter(reference=reference).first()
    if case is None or not may_reach(user, case):
        raise CaseNotFound(f"There is no case {reference} that you can see.")
    return case


@transaction.atomic
def case_access(*, user, reference: str, purpose: str = "viewed") -> Case:
    """Open a case for a member of staff, and record that they did ("every view of a case
    is in the audit log")."""
    case = case_for(
        user=user, reference=reference, roles_needed=VIEWERS, action="see cases", lock=False
    )
    audit.audit_record(
        actor=user, action=f"case.{purpose}", subject_type="case", subject_id=case.reference
    )
    return case


@transaction.atomic
def case_tracked(*, reference: str) -> None:
    """Record that someone saw a case through "track my request" (with its reference and
    the resident's email or postcode)."""
    audit.audit_record(
        actor=audit.PUBLIC, action="case.tracked", subject_type="case", subject_id=reference
    )
