"""The account a resident reaches through OpenID Connect (accounts.oidc checks the token)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import ResidentAccount, ResidentIdentity
from frontdoor.accounts.services.errors import AccountError
from frontdoor.accounts.services.residents import _signed_in, account_create, email_normalise
from frontdoor.audit import services as audit


@transaction.atomic
def resident_sign_in_oidc(
    *, issuer: str, subject: str, email: str, email_verified: bool, name: str = ""
) -> ResidentAccount:
    """The account of the person the provider vouched for: by their identity if they came
    this way before, else by the email address the provider verified (joining an account
    made by email sign-in), else a new account."""
    now = timezone.now()
    identity = (
        ResidentIdentity.objects.select_for_update()
        .select_related("account")
        .filter(issuer=issuer, subject=subject, account__closed_at__isnull=True)
        .first()
    )
    if identity is not None:
        identity.last_used_at = now
        identity.save(update_fields=["last_used_at"])
        return _signed_in(address=identity.account.email, now=now, how="OpenID Connect")
    address = email_normalise(email)
    if not (address and email_verified):
        raise AccountError(
            "Your sign-in service did not confirm your email address, so we cannot open "
            "your account. Sign in with your email instead"
        )
    if not ResidentAccount.objects.filter(email=address).exists():
        account_create(email=address, now=now, full_name=name)
    account = _signed_in(address=address, now=now, how="OpenID Connect")
    ResidentIdentity.objects.create(
        account=account, issuer=issuer, subject=subject, created_at=now, last_used_at=now
    )
    audit.audit_record(
        actor=account.user,
        action="resident.identity_linked",
        subject_type="resident_account",
        subject_id=account.pk,
        detail={"issuer": issuer},
    )
    return account
