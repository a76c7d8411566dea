"""Retention rules set by a data officer, and legal holds that stop disposal.

Strategy: "data is not kept for longer than it is needed" (Southampton 2018-22).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.cases import queries as cases_queries
from frontdoor.privacy import declaration
from frontdoor.privacy.models import LegalHold, RetentionRule

OFFICERS = (roles.DATA_OFFICER,)
MAX_MONTHS = 100 * 12


def _officer(actor, action: str) -> None:
    accounts.role_check(user=actor, roles=OFFICERS, action=action)


@transaction.atomic
def retention_rule_set(
    *, actor, kind: str, months: int, case_type: str = "", note: str = ""
) -> RetentionRule:
    """Set how long one kind of record (for cases, of one case type) is kept."""
    _officer(actor, "set retention periods")
    record = declaration.BY_CODE.get(kind)
    if record is None or not record.adjustable or not record.step:
        raise ValidationError({"kind": "Choose a kind of record whose retention you can set"})
    if case_type and kind != "case":
        raise ValidationError({"case_type": "Only cases have a period per case type"})
    if case_type and cases_queries.case_type_get(code=case_type) is None:
        raise ValidationError({"case_type": "Choose a case type from the list"})
    if months is None or months < 1:
        raise ValidationError({"period": "The retention period must be at least 1 month"})
    if months > MAX_MONTHS:
        raise ValidationError({"period": "The retention period must be 100 years or less"})
    rule, created = RetentionRule.objects.update_or_create(
        kind=kind,
        case_type_code=case_type,
        defaults={"months": months, "note": note, "set_by": actor, "set_at": timezone.now()},
    )
    audit.audit_record(
        actor=actor,
        action="privacy.rule_set",
        subject_type="retention rule",
        subject_id=f"{kind}:{case_type or '*'}",
        detail={"months": months, "default": record.retention_months, "new": created},
    )
    return rule


@transaction.atomic
def retention_rule_remove(*, actor, rule_id: int) -> None:
    """Go back to the declaration's default for this kind of record."""
    _officer(actor, "set retention periods")
    rule = RetentionRule.objects.filter(pk=rule_id).first()
    if rule is None:
        return
    audit.audit_record(
        actor=actor,
        action="privacy.rule_removed",
        subject_type="retention rule",
        subject_id=f"{rule.kind}:{rule.case_type_code or '*'}",
        detail={"months": rule.months},
    )
    rule.delete()


def _target(target_type: str, target: str) -> str:
    target = (target or "").strip()
    if target_type == LegalHold.CASE:
        case = cases_queries.case_get(reference=target) if target else None
        if case is None:
            raise ValidationError({"target": "Enter the reference of a case that exists"})
        return case.reference
    if target_type == LegalHold.RESIDENT:
        try:
            validate_email(target)
        except ValidationError:
            raise ValidationError(
                {"target": "Enter the resident's email address, like name@example.com"}
            ) from None
        return target.lower()
    raise ValidationError({"target_type": "Choose whether the hold is on a case or a resident"})


@transaction.atomic
def legal_hold_place(*, actor, target_type: str, target: str, reason: str) -> LegalHold:
    """Stop disposal and erasure of a case, or of everything about a resident."""
    _officer(actor, "place legal holds")
    errors = {}
    try:
        target = _target(target_type, target)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not (reason or "").strip():
        errors["reason"] = ["Enter why the data must be kept"]
    if errors:
        raise ValidationError(errors)
    hold = LegalHold.objects.create(
        target_type=target_type,
        target=target,
        reason=reason.strip(),
        placed_by=actor,
        placed_at=timezone.now(),
    )
    audit.audit_record(
        actor=actor,
        action="privacy.hold_placed",
        subject_type=target_type,
        subject_id=target,
        detail={"hold": hold.pk},
    )
    return hold


@transaction.atomic
def legal_hold_release(*, actor, hold_id: int, reason: str) -> LegalHold:
    """Let disposal go ahead again; the reason is kept with the hold."""
    _officer(actor, "release legal holds")
    hold = LegalHold.objects.select_for_update().filter(pk=hold_id).first()
    if hold is None:
        raise ValidationError({"reason": "There is no such legal hold"})
    if hold.released_at is not None:
        raise ValidationError({"reason": "This hold has already been released"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the hold can be released"})
    hold.released_at = timezone.now()
    hold.released_by = actor
    hold.release_reason = reason.strip()
    hold.save(update_fields=["released_at", "released_by", "release_reason"])
    audit.audit_record(
        actor=actor,
        action="privacy.hold_released",
        subject_type=hold.target_type,
        subject_id=hold.target,
        detail={"hold": hold.pk},
    )
    return hold
