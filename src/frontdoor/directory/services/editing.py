"""Editors' changes to services, residents' suggested changes, and confirming that an
entry is still right. Every change is kept as HSDS `metadata` (who, when, which field,
from what, to what) and in the audit log.

Strategy: "SID is not up to date" (Southampton Digital Strategy 2024-30) — so every entry
has a review date, and checking it is one click for an editor or its provider.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from frontdoor.accounts import queries as accounts_queries
from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.cases import queries as case_queries
from frontdoor.cases import services as cases
from frontdoor.directory.models import (
    Attribute,
    ChangeSuggestion,
    Metadata,
    Organization,
    Service,
    TaxonomyTerm,
)
from frontdoor.directory.services.catalogue import services_refresh

EDITORS = (roles.DIRECTORY_EDITOR, roles.ADMINISTRATOR)
CASE_TYPE = "directory-change"
TEAM = "directory"
EDITABLE = (
    "name", "organization_id", "status", "description", "eligibility_description",
    "minimum_age", "maximum_age", "fees_description", "url", "email", "alert",
)  # fmt: skip


class DirectoryError(ValueError):
    def __init__(self, message: str, field: str = ""):
        self.message = message
        self.field = field
        super().__init__(message)


def _who(user) -> str:
    return getattr(user, "username", "") or str(user or audit.SYSTEM)


def _history(service_id, *, user_label: str, action: str, changes: dict, at) -> None:
    Metadata.objects.bulk_create([
        Metadata(
            resource_id=service_id, resource_type="service", last_action_date=at,
            last_action_type=action, field_name=name,
            previous_value="" if old is None else str(old),
            replacement_value="" if new is None else str(new), updated_by=user_label,
        )
        for name, (old, new) in changes.items()
    ])  # fmt: skip


def _set_terms(service_id, term_ids: list) -> tuple[list[str], list[str]]:
    current = {
        a.taxonomy_term_id: a
        for a in Attribute.objects.filter(link_entity="service", link_id=service_id)
    }
    wanted = set(term_ids)
    for term_id, attr in current.items():
        if term_id not in wanted:
            attr.delete()
    for term_id in wanted - set(current):
        Attribute.objects.create(
            link_id=service_id, taxonomy_term_id=term_id, link_entity="service",
            link_type="category",
        )  # fmt: skip
    names = dict(
        TaxonomyTerm.objects.filter(pk__in=wanted | set(current)).values_list("pk", "name")
    )
    before = sorted(names[t] for t in current if t in names)
    after = sorted(names[t] for t in wanted if t in names)
    return before, after


@transaction.atomic
def service_save(*, user, service_id=None, data: dict, term_ids: list) -> Service:
    """Create a service, or change one; every changed field goes into its history."""
    accounts.role_check(user=user, roles=EDITORS, action="edit the directory")
    if not Organization.objects.filter(pk=data.get("organization_id")).exists():
        raise DirectoryError("Choose the organisation that runs the service", "organization")
    known = set(TaxonomyTerm.objects.filter(pk__in=term_ids).values_list("pk", flat=True))
    if len(known) != len(set(term_ids)):
        raise DirectoryError("Choose categories from the list", "categories")
    now = timezone.now()
    if service_id is None:
        svc = Service(last_modified=now, assured_date=timezone.localdate(),
                      assurer_email=getattr(user, "email", ""))  # fmt: skip
        action, before = "create", {}
    else:
        svc = Service.objects.select_for_update().filter(pk=service_id).first()
        if svc is None:
            raise DirectoryError("There is no such service")
        action, before = "update", {name: getattr(svc, name) for name in EDITABLE}
    changes = {}
    for name in EDITABLE:
        value = data.get(name)
        if value is None and name not in ("minimum_age", "maximum_age", "organization_id"):
            value = ""
        if isinstance(before.get(name), uuid.UUID) or name == "organization_id":
            value = uuid.UUID(str(value))
        if before.get(name) != value:
            changes[name] = (before.get(name), value)
        setattr(svc, name, value)
    svc.last_modified = now
    svc.save()
    old_terms, new_terms = _set_terms(svc.pk, list(known))
    if old_terms != new_terms:
        changes["categories"] = ("; ".join(old_terms), "; ".join(new_terms))
    _history(svc.pk, user_label=_who(user), action=action, changes=changes, at=now)
    audit.audit_record(
        actor=user, action=f"directory.service_{action}d", subject_type="directory_service",
        subject_id=svc.pk, detail={"fields": sorted(changes)},
    )  # fmt: skip
    services_refresh([svc.pk])
    return svc


@transaction.atomic
def service_confirm(*, service_id, user=None, by_provider: str = "") -> Service:
    """Record that an entry was checked and is right: it is "last checked" today and next
    due for review in six months. An editor, or the provider through a signed link."""
    if user is not None:
        accounts.role_check(user=user, roles=EDITORS, action="confirm directory entries")
    svc = Service.objects.select_for_update().filter(pk=service_id).first()
    if svc is None:
        raise DirectoryError("There is no such service")
    today = timezone.localdate()
    label = _who(user) if user is not None else f"provider {by_provider}".strip()
    _history(svc.pk, user_label=label, action="confirm",
             changes={"assured_date": (svc.assured_date, today)}, at=timezone.now())  # fmt: skip
    svc.assured_date = today
    svc.assurer_email = getattr(user, "email", "") or by_provider or svc.assurer_email
    svc.reminder_sent_at = None
    svc.last_modified = timezone.now()
    svc.save(update_fields=["assured_date", "assurer_email", "reminder_sent_at", "last_modified"])
    audit.audit_record(
        actor=user if user is not None else audit.PUBLIC, action="directory.service_confirmed",
        subject_type="directory_service", subject_id=svc.pk,
        detail={"by": label},
    )  # fmt: skip
    services_refresh([svc.pk])
    svc.refresh_from_db()
    return svc


def _change_case_type() -> None:
    if case_queries.case_type_get(code=CASE_TYPE) is not None:
        return
    if accounts_queries.team_get(code=TEAM) is None:
        accounts.team_define(code=TEAM, name="Directory editors")
    cases.case_type_define(
        code=CASE_TYPE,
        name="Suggested change to the service directory",
        team=TEAM,
        sla_working_days=10,
        description='A resident\'s "Suggest a change to this page" on a directory entry.',
        source="directory",
    )


@transaction.atomic
def suggestion_create(
    *, service_id, text: str, name: str = "", email: str = ""
) -> ChangeSuggestion:
    """A resident's suggested change: kept for the editors and opened as a case, so the
    resident gets a reference and hears what happened."""
    svc = Service.objects.filter(pk=service_id).first()
    if svc is None:
        raise DirectoryError("There is no such service")
    text = text.strip()
    if not text:
        raise DirectoryError("Enter what needs to change", "text")
    now = timezone.now()
    suggestion = ChangeSuggestion.objects.create(
        service=svc, text=text[:2000], name=name.strip()[:255], email=email.strip(), created_at=now
    )
    _change_case_type()
    created = cases.case_create(
        case_type=CASE_TYPE,
        channel="web",
        contact=cases.Contact(name=suggestion.name, email=suggestion.email),
        description=f'Suggested change to "{svc.name}": {suggestion.text}',
        answers={"service_id": str(svc.pk), "service_name": svc.name},
        idempotency_key=f"directory:{suggestion.pk}",
        received_at=now,
    )
    suggestion.case_reference = created.case.reference
    suggestion.save(update_fields=["case_reference"])
    audit.audit_record(
        actor=audit.PUBLIC, action="directory.change_suggested", subject_type="directory_service",
        subject_id=svc.pk, detail={"case": suggestion.case_reference},
    )  # fmt: skip
    return suggestion


@transaction.atomic
def suggestion_decide(*, user, suggestion_id, accept: bool) -> ChangeSuggestion:
    """An editor takes or declines a suggestion; taking it means the entry is now checked,
    so its review date starts again."""
    accounts.role_check(user=user, roles=EDITORS, action="decide suggested changes")
    suggestion = ChangeSuggestion.objects.select_for_update().filter(pk=suggestion_id).first()
    if suggestion is None:
        raise DirectoryError("There is no such suggestion")
    if suggestion.status != ChangeSuggestion.PENDING:
        raise DirectoryError("This suggestion has already been decided")
    suggestion.status = ChangeSuggestion.ACCEPTED if accept else ChangeSuggestion.REJECTED
    suggestion.decided_at = timezone.now()
    suggestion.decided_by = user
    suggestion.save(update_fields=["status", "decided_at", "decided_by"])
    audit.audit_record(
        actor=user, action=f"directory.suggestion_{suggestion.status}",
        subject_type="directory_service", subject_id=suggestion.service_id,
        detail={"case": suggestion.case_reference},
    )  # fmt: skip
    if accept:
        service_confirm(service_id=suggestion.service_id, user=user)
    return suggestion
