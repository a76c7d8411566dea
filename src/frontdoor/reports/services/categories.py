"""Categories of street problem: each an Open311 service with its questions, routed to a
team through the case type it makes."""

from __future__ import annotations

import re

from django.db import transaction

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.reports.models import (
    DATATYPES,
    MULTI,
    SINGLE,
    Attribute,
    Category,
)
from frontdoor.reports.services.common import (
    WORKFLOW,
    AttributeSpec,
    NotFound,
    ReportError,
)


def workflow_ensure():
    """The street-report workflow; its state codes are FixMyStreet's extended statuses, so a
    partner reading updates sees the words it knows."""
    state, step = cases.State, cases.Transition
    working = ("open", "investigating", "action_scheduled", "in_progress")
    return cases.workflow_define(
        code=WORKFLOW,
        name="Street report",
        states=[
            state("open", "Reported", "Reported", initial=True),
            state("investigating", "Investigating", "We are looking into it"),
            state("action_scheduled", "Action scheduled", "A repair is booked"),
            state("in_progress", "In progress", "We are fixing it"),
            state("fixed", "Fixed", "Fixed", closed=True),
            state(
                "not_councils_responsibility",
                "Not the council's responsibility",
                "Not ours to fix: we have passed it on",
                closed=True,
            ),
            state("no_further_action", "No further action", "No action needed", closed=True),
            state("duplicate", "Duplicate", "Already reported", closed=True),
        ],
        transitions=[
            step("investigate", "Investigate", ("open",), "investigating", public=True),
            step(
                "schedule",
                "Schedule a repair",
                ("open", "investigating"),
                "action_scheduled",
                public=True,
            ),
            step(
                "start",
                "Start work",
                ("open", "investigating", "action_scheduled"),
                "in_progress",
                public=True,
            ),
            step("fix", "Mark fixed", working, "fixed", public=True, public_text="It is fixed."),
            step(
                "not_ours",
                "Not the council's responsibility",
                working,
                "not_councils_responsibility",
                public=True,
            ),
            step("no_action", "No further action", working, "no_further_action", public=True),
            step("mark_duplicate", "Mark as a duplicate", working, "duplicate", public=True),
            step(
                "reopen",
                "Reopen",
                ("fixed", "no_further_action", "not_councils_responsibility", "duplicate"),
                "open",
                public=True,
            ),
        ],
    )


@transaction.atomic
def category_define(
    *,
    service_code: str,
    name: str,
    team: str,
    description: str = "",
    group: str = "",
    keywords: str = "",
    attributes: list[AttributeSpec] | tuple[AttributeSpec, ...] = (),
    sla_working_days: dict[str, int] | int = 10,
    public: bool = True,
    active: bool = True,
    order: int = 100,
) -> Category:
    """A kind of street problem, routed to `team`: safe to call again (upsert).

    Strategy: each category "routes to a team" — the case type it makes belongs to it.
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,49}", service_code):
        raise ReportError(
            "A service code is lower-case letters, digits, - and _.", field="service_code"
        )
    kinds = dict(DATATYPES)
    for spec in attributes:
        if spec.datatype not in kinds:
            raise ReportError(f"{spec.datatype!r} is not an Open311 datatype.", field="attributes")
        if spec.datatype in (SINGLE, MULTI) and not spec.values:
            raise ReportError(f"The question {spec.code!r} needs its choices.", field="attributes")
    if len({spec.code for spec in attributes}) != len(attributes):
        raise ReportError("Each question needs its own code.", field="attributes")
    if cases_queries.workflow_get(code=WORKFLOW) is None:
        workflow_ensure()
    case_type = f"report-{service_code}"
    try:
        cases.case_type_define(
            code=case_type,
            name=name,
            workflow=WORKFLOW,
            team=team,
            sla_working_days=sla_working_days,
            description=description,
            source="reports",
            active=active,
        )
    except cases.CaseError as error:
        raise ReportError(error.message, field=error.field) from error
    category, _ = Category.objects.update_or_create(
        service_code=service_code,
        defaults={
            "name": name,
            "description": description,
            "group": group,
            "keywords": keywords,
            "case_type_code": case_type,
            "team_code": team,
            "public": public,
            "active": active,
            "order": order,
        },
    )
    category.attributes.all().delete()
    Attribute.objects.bulk_create(
        Attribute(
            category=category,
            code=spec.code,
            datatype=spec.datatype,
            description=spec.description,
            datatype_description=spec.datatype_description,
            required=spec.required,
            variable=spec.variable,
            order=position,
            values=[{"key": key, "name": label} for key, label in spec.values],
        )
        for position, spec in enumerate(attributes, start=1)
    )
    return category


@transaction.atomic
def category_route(*, user, service_code: str, team: str) -> Category:
    """Send a category's new reports to another team."""
    accounts.role_check(
        user=user, roles=(roles.SERVICE_MANAGER, roles.ADMINISTRATOR), action="route categories"
    )
    category = Category.objects.filter(service_code=service_code).first()
    if category is None:
        raise NotFound(f"There is no category {service_code!r}.", field="service_code")
    try:
        cases.case_type_define(
            code=category.case_type_code,
            name=category.name,
            workflow=WORKFLOW,
            team=team,
            description=category.description,
            source="reports",
            active=category.active,
            sla_working_days=cases_queries.case_type_get(
                code=category.case_type_code
            ).sla_working_days,
        )
    except cases.CaseError as error:
        raise ReportError(error.message, field="team") from error
    category.team_code = team
    category.save(update_fields=["team_code"])
    audit.audit_record(
        actor=user,
        action="reports.category_routed",
        subject_type="report_category",
        subject_id=service_code,
        detail={"team": team},
    )
    return category
