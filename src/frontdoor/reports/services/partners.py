"""Partner apps: their Open311 API keys and the updates they send."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.reports.models import (
    ApiClient,
    PartnerUpdate,
    Report,
)
from frontdoor.reports.services.common import (
    EXTENDED_STATUSES,
    KEY_ISSUERS,
    MAX_DESCRIPTION,
    NotFound,
    ReportError,
)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_client_issue(*, user, name: str) -> tuple[ApiClient, str]:
    """Give a partner app an Open311 API key; the key is returned once and stored hashed."""
    accounts.role_check(user=user, roles=KEY_ISSUERS, action="issue API keys")
    name = name.strip()
    if not name:
        raise ReportError("Enter the name of the partner app", field="name")
    key = secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name[:200],
        key_hash=key_hash(key),
        key_prefix=key[:8],
        created_at=timezone.now(),
        created_by=user,
    )
    audit.audit_record(
        actor=user,
        action="reports.api_key_issued",
        subject_type="api_client",
        subject_id=client.pk,
        detail={"name": client.name},
    )
    return client, key


@transaction.atomic
def api_client_revoke(*, user, client_id: int) -> ApiClient:
    accounts.role_check(user=user, roles=KEY_ISSUERS, action="revoke API keys")
    client = ApiClient.objects.filter(pk=client_id, revoked_at=None).first()
    if client is None:
        raise NotFound("That key is already revoked or does not exist.")
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    audit.audit_record(
        actor=user,
        action="reports.api_key_revoked",
        subject_type="api_client",
        subject_id=client.pk,
    )
    return client


@transaction.atomic
def partner_update_receive(
    *,
    api_client: ApiClient,
    reference: str,
    external_id: str,
    status: str,
    description: str,
    updated_at: datetime.datetime,
) -> PartnerUpdate:
    """A partner app passes on a resident's update (FixMyStreet's POST
    servicerequestupdates). Staff read it on the report; the council still decides the
    status. Sending the same update id again makes nothing new."""
    report = Report.objects.filter(reference=reference).first()
    if report is None:
        raise NotFound(f"There is no service request {reference}.", field="service_request_id")
    status = status.strip().lower().replace(" ", "_")
    if status not in EXTENDED_STATUSES:
        raise ReportError(f"{status!r} is not a status we know.", field="status")
    external_id = external_id.strip()
    if not external_id or len(external_id) > 100:
        raise ReportError("Give an update_id of up to 100 characters.", field="update_id")
    if not description.strip():
        raise ReportError("Give a description of the update.", field="description")
    if len(description) > MAX_DESCRIPTION:
        raise ReportError(
            f"The description must be {MAX_DESCRIPTION:,} characters or fewer", field="description"
        )
    earlier = PartnerUpdate.objects.filter(api_client=api_client, external_id=external_id).first()
    if earlier is not None:
        return earlier
    update = PartnerUpdate.objects.create(
        report=report,
        api_client=api_client,
        external_id=external_id,
        status=status,
        description=description.strip(),
        updated_at=updated_at,
        received_at=timezone.now(),
    )
    audit.audit_record(
        actor=audit.SYSTEM,
        action="reports.partner_update",
        subject_type="case",
        subject_id=reference,
        detail={"partner": api_client.name, "status": status},
    )
    return update
