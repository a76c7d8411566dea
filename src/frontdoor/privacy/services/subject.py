"""Subject access and erasure: find everything about a person, export it, erase it.

Strategy: UK GDPR rights of access (Article 15) and erasure (Article 17); the cabinet
report's duties under the Data Protection Act. Every export and erasure is audited; the
request keeps counts of what was found or erased, never the data.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.notify import services as notify
from frontdoor.privacy import declaration, pdf, sources
from frontdoor.privacy.models import LegalHold, SubjectRequest

FORMAT = "frontdoor-subject-access/1"
OFFICERS = (roles.DATA_OFFICER,)


def _identifiers(emails: list[str], phones: list[str], usernames: list[str]):
    errors: dict[str, list[str]] = {}
    emails = [e.strip().lower() for e in emails if e and e.strip()]
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("emails", []).append(
                f"“{email}” is not an email address; enter one like name@example.com"
            )
    phones = [notify.normalise_phone(p) for p in phones if p and p.strip()]
    for phone in phones:
        if not phone.lstrip("+").isdigit() or not 10 <= len(phone.lstrip("+")) <= 13:
            errors.setdefault("phones", []).append(
                "Enter a telephone number, like 01632 960 001 or 07700 900 982"
            )
    usernames = [u.strip() for u in usernames if u and u.strip()]
    if not (emails or phones or usernames) and not errors:
        errors["emails"] = ["Enter at least one email address, phone number or username"]
    if errors:
        raise ValidationError(errors)
    return sorted(set(emails)), sorted(set(phones)), sorted(set(usernames))


@transaction.atomic
def subject_request_open(
    *,
    actor,
    kind: str,
    emails: list[str],
    phones: list[str] = (),
    usernames: list[str] = (),
    received_on: datetime.date | None = None,
) -> SubjectRequest:
    """Record a request to see or erase a person's data, with the identifiers they gave."""
    accounts.role_check(user=actor, roles=OFFICERS, action="handle subject access requests")
    if kind not in dict(SubjectRequest.KINDS):
        raise ValidationError({"kind": "Choose subject access or erasure"})
    emails, phones, usernames = _identifiers(list(emails), list(phones), list(usernames))
    today = timezone.localdate()
    if received_on and received_on > today:
        raise ValidationError({"received_on": "The date received must be today or in the past"})
    request = SubjectRequest.objects.create(
        reference=f"DPR-{secrets.token_hex(3).upper()}",
        kind=kind,
        emails=emails,
        phones=phones,
        usernames=usernames,
        received_on=received_on or today,
        handled_by=actor,
        created_at=timezone.now(),
    )
    audit.audit_record(
        actor=actor,
        action="privacy.request_opened",
        subject_type="data protection request",
        subject_id=request.reference,
        detail={"kind": kind},
    )
    return request


def _person(request: SubjectRequest) -> sources.Person:
    return sources.Person(
        emails=set(request.emails), phones=set(request.phones), usernames=set(request.usernames)
    )


def _collect(person: sources.Person) -> list[dict]:
    return [
        {"source": source.code, "title": source.title, "records": source.find(person)}
        for source in sources.all_sources()
    ]


def _bundle(person: sources.Person, *, about: dict) -> dict:
    sections = _collect(person)
    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "request": about,
        "identifiers": {
            "emails": sorted(person.emails),
            "phones": sorted(person.phones),
            "usernames": sorted(person.usernames),
        },
        "sections": sections,
        "how_we_use_it": [
            {
                "data": record.name,
                "purpose": record.purpose,
                "lawful_basis": record.lawful_basis,
                "kept_for": f"{record.retention_months} months after {record.retention_from}",
            }
            for record in declaration.RECORDS
            if record.in_subject_access
        ],
    }


def subject_request_get(*, actor, reference: str) -> SubjectRequest | None:
    accounts.role_check(user=actor, roles=OFFICERS, action="handle subject access requests")
    return SubjectRequest.objects.filter(reference=reference).first()


@transaction.atomic
def subject_access_bundle(*, actor, reference: str, purpose: str = "viewed") -> dict:
    """Everything about the request's person from every source, as one bundle; audited."""
    request = subject_request_get(actor=actor, reference=reference)
    if request is None:
        raise ValidationError("There is no such request")
    about = {"reference": request.reference, "received_on": request.received_on.isoformat()}
    bundle = _bundle(_person(request), about=about)
    counts = {s["source"]: len(s["records"]) for s in bundle["sections"]}
    if purpose != "viewed" and request.kind == SubjectRequest.ACCESS:
        request.status = SubjectRequest.EXPORTED
        request.outcome = counts
        request.decided_at = request.decided_at or timezone.now()
        request.save(update_fields=["status", "outcome", "decided_at"])
    audit.audit_record(
        actor=actor,
        action=f"privacy.subject_access_{purpose}",
        subject_type="data protection request",
        subject_id=request.reference,
        detail={"records": counts},
    )
    return bundle


@transaction.atomic
def my_data_bundle(*, user) -> dict:
    """A signed-in resident's own download ("download my data"), from the same sources."""
    if not (user and user.is_authenticated):
        raise ValidationError("Sign in to download your data")
    person = sources.Person(
        emails={user.email.lower()} if user.email else set(),
        usernames={user.username},
        user_ids={user.pk},
    )
    bundle = _bundle(person, about={"reference": "self-service"})
    # Staff's internal notes reach a resident through a data officer's review (a formal
    # request, where exemptions are weighed), not through the automatic download.
    for section in bundle["sections"]:
        for record in section["records"]:
            if "timeline" in record:
                record["timeline"] = [line for line in record["timeline"] if line["public"]]
    audit.audit_record(
        actor=user,
        action="privacy.my_data_downloaded",
        subject_type="account",
        subject_id=user.pk,
        detail={"records": {s["source"]: len(s["records"]) for s in bundle["sections"]}},
    )
    return bundle


def bundle_pdf(bundle: dict) -> bytes:
    """The same bundle as a readable PDF."""
    return pdf.render(render_to_string("privacy/pdf/bundle.html", {"bundle": bundle}))


def _holds_on(person: sources.Person) -> list[LegalHold]:
    active = LegalHold.objects.filter(released_at__isnull=True)
    return list(
        active.filter(target_type=LegalHold.RESIDENT, target__in=person.emails)
        | active.filter(target_type=LegalHold.CASE, target__in=person.case_references)
    )


@transaction.atomic
def person_erase(*, actor, reference: str, reason: str) -> SubjectRequest:
    """Erase or anonymise what the law allows, recording the decision and the reason.

    Refused, with nothing changed, while a legal hold covers the person or any case of theirs.
    """
    request = subject_request_get(actor=actor, reference=reference)
    if request is None:
        raise ValidationError("There is no such request")
    if request.status == SubjectRequest.ERASED:
        raise ValidationError("This person's data has already been erased")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter the reason for erasing, for the record"})
    person = _person(request)
    _collect(person)  # widen the identifiers (accounts, case references) first
    holds = _holds_on(person)
    if holds:
        held = ", ".join(
            sorted({f"{h.get_target_type_display().lower()} {h.target}" for h in holds})
        )
        raise ValidationError(
            {
                "reason": f"Nothing was erased: a legal hold covers {held}. "
                "Release the hold first if the law allows."
            }
        )
    outcome: dict[str, int] = {}
    for source in reversed(sources.all_sources()):
        if source.erase is not None:
            outcome.update(source.erase(person))
    request.status = SubjectRequest.ERASED
    request.decision_reason = reason.strip()
    request.outcome = outcome
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decision_reason", "outcome", "decided_at"])
    audit.audit_record(
        actor=actor,
        action="privacy.person_erased",
        subject_type="data protection request",
        subject_id=request.reference,
        detail={"erased": outcome},
    )
    return request
