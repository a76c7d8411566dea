"""Residents' privacy rights from My account: a copy of their data, and closing the account.

Strategy: UK GDPR rights of access and erasure; "data is not kept for longer than it is
needed" (Southampton 2018-22).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import ContactPreference, ResidentAccount, ResidentIdentity
from frontdoor.accounts.services.errors import AccountError
from frontdoor.audit import services as audit


def _account(user) -> ResidentAccount:
    account = ResidentAccount.objects.filter(
        user_id=getattr(user, "pk", None), closed_at__isnull=True
    ).first()
    if account is None:
        raise AccountError("Sign in to your account first.")
    return account


def resident_data_export(*, user) -> dict:
    """Everything the council holds about the signed-in resident, as one JSON-ready
    document: the privacy app's subject-access bundle, from the same sources a data
    officer's request reads (the account, cases, forms, messages...)."""
    from frontdoor.privacy import services as privacy

    _account(user)
    return privacy.my_data_bundle(user=user)


def resident_account_wipe(*, user) -> bool:
    """Remove a resident account's personal details (for closing and for retention);
    the caller deals with the user row. True when there was an open account."""
    account = (
        ResidentAccount.objects.select_for_update()
        .filter(user_id=user.pk, closed_at__isnull=True)
        .first()
    )
    if account is None:
        return False
    ContactPreference.objects.filter(account=account).delete()
    ResidentIdentity.objects.filter(account=account).delete()
    account.email = f"closed-{account.pk}@closed.invalid"
    account.full_name = account.phone = account.address = account.postcode = ""
    account.phone_verified_at = None
    account.closed_at = timezone.now()
    account.save()
    return True


@transaction.atomic
def resident_account_close(*, user) -> None:
    """Close the account: its personal details are wiped and it can no longer sign in.
    The requests it holds stay under their own retention rules, held by "a closed
    account"; the same email may open a new account later."""
    account = _account(user)
    resident_account_wipe(user=user)
    person = account.user
    person.email = person.first_name = person.last_name = ""
    person.is_active = False
    person.set_unusable_password()
    person.save()
    audit.audit_record(
        actor=person,
        action="resident.account_closed",
        subject_type="resident_account",
        subject_id=account.pk,
    )
