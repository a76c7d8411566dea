"""The cases API for staff tools and partner systems: thin over services and queries.

Signed-in staff only (session cookie and CSRF token). A retried POST /cases with the
same Idempotency-Key header makes no second case: it answers 200 with the first.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Header, Router, Status
from ninja.security import django_auth

from frontdoor.cases import queries, services
from frontdoor.cases.schemas import (
    CaseIn,
    CaseOut,
    ContactLogIn,
    ContactOut,
    ErrorOut,
    TextIn,
    TransitionIn,
)

router = Router(tags=["cases"], auth=django_auth)

_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _error(error: Exception) -> Status:
    if isinstance(error, PermissionDenied):
        return Status(403, {"code": "forbidden", "message": str(error)})
    status = {
        services.CaseNotFound: 404,
        services.StaleCase: 409,
        services.IllegalTransition: 409,
    }.get(type(error), 400)
    return Status(status, {"code": error.code, "message": error.message, "field": error.field})


def _out(case) -> dict:
    return {
        "reference": case.reference,
        "case_type": case.case_type.code,
        "channel": case.channel,
        "status": case.status,
        "status_label": queries.current_state(case=case).label,
        "closed": case.closed,
        "priority": case.priority,
        "version": case.version,
        "received_at": case.received_at,
        "sla_due_at": case.sla_due_at,
        "team": case.team.code if case.team else None,
        "assignee": case.assignee.username if case.assignee else None,
        "chasing_contacts": case.chasing_contacts,
        "timeline": [
            {"at": e.at, "kind": e.kind, "label": e.label, "text": e.text, "public": e.public}
            for e in queries.case_timeline(case=case)
        ],
    }


@router.post("", response={200: CaseOut, 201: CaseOut, **_ERRORS}, summary="Open a case")
def create(request, payload: CaseIn, idempotency_key: str = Header("", alias="Idempotency-Key")):
    try:
        case, created = services.case_create(
            case_type=payload.case_type,
            channel=payload.channel,
            description=payload.description,
            answers=payload.answers,
            priority=payload.priority,
            contact=services.Contact(**payload.contact.dict()),
            location=services.Location(**payload.location.dict()) if payload.location else None,
            created_by=request.user,
            idempotency_key=f"api:{idempotency_key}" if idempotency_key else "",
        )
    except (services.CaseError, PermissionDenied) as error:
        return _error(error)
    return Status(201 if created else 200, _out(case))


@router.get("/{reference}", response={200: CaseOut, **_ERRORS}, summary="A case and its timeline")
def detail(request, reference: str):
    try:
        case = services.case_access(user=request.user, reference=reference)
    except (services.CaseError, PermissionDenied) as error:
        return _error(error)
    return Status(200, _out(case))


@router.post(
    "/{reference}/transitions", response={200: CaseOut, **_ERRORS}, summary="Move a case on"
)
def transition(request, reference: str, payload: TransitionIn):
    try:
        case = services.case_transition(user=request.user, reference=reference, **payload.dict())
    except (services.CaseError, PermissionDenied) as error:
        return _error(error)
    return Status(200, _out(case))


@router.post(
    "/{reference}/contacts",
    response={201: ContactOut, **_ERRORS},
    summary="Log a contact about an existing case (a chasing contact)",
)
def contact(request, reference: str, payload: ContactLogIn):
    try:
        logged = services.case_contact_log(
            user=request.user, reference=reference, channel=payload.channel, summary=payload.summary
        )
    except (services.CaseError, PermissionDenied) as error:
        return _error(error)
    logged.case.refresh_from_db(fields=["chasing_contacts"])
    return Status(
        201,
        {
            "reference": logged.case.reference,
            "channel": logged.channel,
            "kind": logged.kind,
            "chasing_contacts": logged.case.chasing_contacts,
        },
    )


@router.post(
    "/{reference}/public-updates", response={200: CaseOut, **_ERRORS}, summary="Tell the resident"
)
def public_update(request, reference: str, payload: TextIn):
    try:
        services.case_update_public(user=request.user, reference=reference, text=payload.text)
        case = queries.case_get(reference=reference)  # access checked by the service
    except (services.CaseError, PermissionDenied) as error:
        return _error(error)
    return Status(200, _out(case))


@router.post("/{reference}/notes", response={200: CaseOut, **_ERRORS}, summary="Internal note")
def note(request, reference: str, payload: TextIn):
    try:
        services.case_note_add(user=request.user, reference=reference, text=payload.text)
        case = queries.case_get(reference=reference)  # access checked by the service
    except (services.CaseError, PermissionDenied) as error:
        return _error(error)
    return Status(200, _out(case))
