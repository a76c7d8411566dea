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
from frontdoor.notify import queries as notify_queries


def _account(user) -> ResidentAccount:
    account = ResidentAccount.objects.filter(
        user_id=getattr(user, "pk", None), closed_at__isnull=True
    ).first()
    if account is None:
        raise AccountError("Sign in to your account first.")
    return account


def _iso(value):
    return value.isoformat() if value else None


@transaction.atomic
def resident_data_export(*, user) -> dict:
    """Everything the council holds that the account can see, as one JSON-ready document.

    The one place "download my data" is built: when the privacy app's subject-access
    bundle arrives, this function calls it instead.
    """
    # Imported when used: cases and journeys import accounts (roles, teams).
    from frontdoor.cases import queries as cases_queries
    from frontdoor.journeys import queries as journeys_queries

    account = _account(user)
    addresses = [account.email] + ([account.phone] if account.phone else [])
    cases = cases_queries.case_data_of_resident(resident=user)
    data = {
        "format": "frontdoor-resident-data/1",
        "made_at": timezone.now().isoformat(),
        "account": {
            "email": account.email,
            "name": account.full_name,
            "phone": account.phone,
            "phone_verified_at": _iso(account.phone_verified_at),
            "address": account.address,
            "postcode": account.postcode,
            "created_at": _iso(account.created_at),
            "last_signed_in_at": _iso(account.last_signed_in_at),
            "sign_in_services": [
                {"issuer": identity.issuer, "since": _iso(identity.created_at)}
                for identity in ResidentIdentity.objects.filter(account=account)
            ],
        },
        "communication_preferences": {
            item.topic: item.channels for item in ContactPreference.objects.filter(account=account)
        },
        "cases": cases,
        "messages": [
            {
                "sent_to": message.to,
                "channel": message.channel,
                "subject": message.subject,
                "body": message.body,
                "status": message.status,
                "at": _iso(message.created_at),
            }
            for message in notify_queries.messages_to(addresses=addresses)
        ],
        "saved_forms": [
            {"form": draft["title"], "saved_at": _iso(draft["saved_at"])}
            for draft in journeys_queries.drafts_saved_by(email=account.email)
        ],
        "feedback": [
            {**item, "given_at": _iso(item["given_at"])}
            for item in journeys_queries.feedback_for_cases(
                references=[case["reference"] for case in cases]
            )
        ],
    }
    audit.audit_record(
        actor=user,
        action="resident.data_downloaded",
        subject_type="resident_account",
        subject_id=account.pk,
    )
    return data


@transaction.atomic
def resident_account_close(*, user) -> None:
    """Close the account: its personal details are wiped and it can no longer sign in.
    The requests it holds stay under their own retention rules, held by "a closed
    account"; the same email may open a new account later."""
    account = _account(user)
    account = ResidentAccount.objects.select_for_update().get(pk=account.pk)
    now = timezone.now()
    ContactPreference.objects.filter(account=account).delete()
    ResidentIdentity.objects.filter(account=account).delete()
    account.email = f"closed-{account.pk}@closed.invalid"
    account.full_name = account.phone = account.address = account.postcode = ""
    account.phone_verified_at = None
    account.closed_at = now
    account.save()
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
