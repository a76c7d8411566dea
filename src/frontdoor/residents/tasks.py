"""Background linkage: a new case gets its resident record, then is linked on arrival.

Strategy: "so an agent sees 'this may be the same person as …' while logging a contact"
(issue 8): the record exists and is scored moments after the case is made.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def link_case(reference: str) -> None:
    """Make the new case's resident record, then link new records with the stored model."""
    from frontdoor.cases import queries as cases
    from frontdoor.residents import services

    case = cases.case_get(reference=reference)
    if case is None or services.case_linked(reference=reference):
        return
    services.case_link(
        reference=case.reference,
        name=case.contact_name,
        email=case.contact_email,
        phone=case.contact_phone,
        postcode=case.contact_postcode or case.location_postcode,
        address=case.address,
        uprn=case.uprn,
        account_id=case.resident_id,
        at=case.received_at,
    )
    if services.model_current() is not None:
        services.linkage_run(only_new=True)


@task()
def link_new_records() -> dict:
    """Link every record not linked before (imports, new cases) with the stored model."""
    from frontdoor.residents import services

    try:
        result = services.linkage_run(only_new=True)
    except services.ResidentError as waiting:
        log.info("linkage waits: %s", waiting.message)  # too few records to train on yet
        return {"pairs": 0, "auto_merged": 0, "queued": 0}
    return {"pairs": result.pairs, "auto_merged": result.auto_merged, "queued": result.queued}


@task()
def link_account(user_id: int) -> None:
    """A new resident account gets a resident record (the "accounts" source) and a link."""
    from django.contrib.auth import get_user_model

    from frontdoor.accounts import queries as accounts
    from frontdoor.residents import services

    user = get_user_model().objects.filter(pk=user_id).first()
    account = accounts.resident_account_of(user=user) if user else None
    if account is None:
        return
    services.account_link(
        account_id=user.pk,
        name=account.full_name,
        email=account.email,
        phone=account.phone,
        postcode=account.postcode,
        address=account.address,
    )
    if services.model_current() is not None:
        services.linkage_run(only_new=True)


def account_saved(sender, instance, created, **kwargs) -> None:
    """post_save of accounts.ResidentAccount: link the new account after commit."""
    if not created or kwargs.get("raw"):
        return
    user_id = instance.user_id

    def enqueue() -> None:
        try:
            link_account.enqueue(user_id)
        except Exception:  # noqa: BLE001 - a failed link must never fail the sign-up
            log.exception("could not link account %s to a resident", user_id)

    transaction.on_commit(enqueue)


def case_saved(sender, instance, created, **kwargs) -> None:
    """post_save of cases.Case: enqueue the link once the case is committed."""
    if not created or kwargs.get("raw"):
        return
    reference = instance.reference

    def enqueue() -> None:
        try:
            link_case.enqueue(reference)
        except Exception:  # noqa: BLE001 - a failed link must never fail the case
            log.exception("could not link case %s to a resident", reference)

    transaction.on_commit(enqueue)
