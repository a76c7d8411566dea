"""A resident's account claims the requests they made before they had one.

Strategy: "customers who want a MySouthampton account see all data in one place"
(Southampton Digital Strategy 2018-22). The accounts app proves the resident owns the
email address or phone number first; this only links the cases made with it.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from frontdoor.audit import services as audit
from frontdoor.cases.models import Case
from frontdoor.notify import services as notify


def phone_forms(phone: str) -> list[str]:
    """The ways one UK number may have been typed and kept: 07700900982 and +447700900982."""
    number = notify.normalise_phone(phone)
    if not number:
        return []
    forms = {number}
    if number.startswith("+44"):
        forms.add("0" + number[3:])
    elif number.startswith("0"):
        forms.add("+44" + number[1:])
    return sorted(forms)


@transaction.atomic
def cases_claim(*, resident, email: str = "", phone: str = "") -> list[str]:
    """Link to `resident` every case made with this (already verified) email or phone that
    no account holds yet; returns their references. Safe to call again."""
    match = Q()
    if email.strip():
        match |= Q(contact_email__iexact=email.strip())
    for form in phone_forms(phone):
        match |= Q(contact_phone=form)
    if not match:
        return []
    found = list(
        Case.objects.select_for_update()
        .filter(match, resident__isnull=True)
        .values_list("id", "reference")
    )
    if not found:
        return []
    Case.objects.filter(id__in=[pk for pk, _ in found]).update(resident=resident)
    for _, reference in found:
        audit.audit_record(
            actor=resident,
            action="case.claimed",
            subject_type="case",
            subject_id=reference,
            detail={"by": "email" if email else "phone"},
        )
    return [reference for _, reference in found]
