"""Possible duplicates, for staff to merge or dismiss."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.cases import services as cases
from frontdoor.reports.models import (
    DuplicateFlag,
    MeToo,
    Report,
)
from frontdoor.reports.services.common import (
    WORKERS,
    NotFound,
    ReportError,
)


def _flag_for(user, flag_id: int) -> DuplicateFlag:
    accounts.role_check(user=user, roles=WORKERS, action="merge duplicate reports")
    flag = (
        DuplicateFlag.objects.select_for_update(of=("self",))
        .select_related("report", "original")
        .filter(pk=flag_id, outcome="")
        .first()
    )
    if flag is None:
        raise NotFound("That possible duplicate has already been dealt with.")
    return flag


@transaction.atomic
def duplicate_merge(*, user, flag_id: int) -> DuplicateFlag:
    """Close the newer report as a duplicate and make its reporter a follower of the first,
    so they hear about the one repair."""
    flag = _flag_for(user, flag_id)
    duplicate, original = flag.report, flag.original
    try:
        case = cases.case_access(user=user, reference=duplicate.reference, purpose="merged")
        if not case.closed:
            cases.case_transition(
                user=user,
                reference=duplicate.reference,
                transition="mark_duplicate",
                expected_version=case.version,
                public_text=(
                    f"Someone reported this problem before you, as {original.reference}. "
                    "We have added you to that report, so you will hear when it is fixed."
                ),
            )
        if case.contact_preference in ("email", "sms"):
            follower = cases.case_subscriber_add(
                reference=original.reference,
                name=case.contact_name,
                email=case.contact_email if case.contact_preference == "email" else "",
                phone=case.contact_phone if case.contact_preference == "sms" else "",
                preference=case.contact_preference,
                source="merged duplicate",
                added_by=user,
            )
            _, made = MeToo.objects.get_or_create(
                report=original,
                subscriber_id=follower.pk,
                defaults={"channel": duplicate.channel, "at": timezone.now()},
            )
            if made:
                Report.objects.filter(pk=original.pk).update(me_too_count=F("me_too_count") + 1)
    except cases.CaseError as error:
        raise ReportError(error.message, field=error.field) from error
    now = timezone.now()
    flag.outcome, flag.decided_at, flag.decided_by = DuplicateFlag.MERGED, now, user
    flag.save(update_fields=["outcome", "decided_at", "decided_by"])
    DuplicateFlag.objects.filter(report=duplicate, outcome="").update(
        outcome=DuplicateFlag.DISMISSED, decided_at=now, decided_by=user
    )
    audit.audit_record(
        actor=user,
        action="reports.duplicate_merged",
        subject_type="case",
        subject_id=duplicate.reference,
        detail={"into": original.reference},
    )
    return flag


@transaction.atomic
def duplicate_dismiss(*, user, flag_id: int) -> DuplicateFlag:
    """Not the same problem after all: keep both reports."""
    flag = _flag_for(user, flag_id)
    flag.outcome, flag.decided_at, flag.decided_by = DuplicateFlag.DISMISSED, timezone.now(), user
    flag.save(update_fields=["outcome", "decided_at", "decided_by"])
    audit.audit_record(
        actor=user,
        action="reports.duplicate_dismissed",
        subject_type="case",
        subject_id=flag.report.reference,
        detail={"original": flag.original.reference},
    )
    return flag
