"""Resident records from every source, and the links from cases and accounts to them.

Strategy: "a single customer record will result in quicker service" (Southampton 2018-22);
"every case, account and contact points at a resident record" (issue 8).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from frontdoor.audit import services as audit
from frontdoor.residents.models import Link, Resident, SourceRecord
from frontdoor.residents.services.errors import ResidentError

UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
CASES_SOURCE = "cases"
ACCOUNTS_SOURCE = "accounts"


def postcode_clean(value: str) -> str:
    """Upper case with one space before the inward code, or empty."""
    text = re.sub(r"[^A-Za-z0-9]", "", value or "").upper()
    if not text:
        return ""
    if not UK_POSTCODE.match(text):
        raise ResidentError(f"{value!r} is not a UK postcode.", field="postcode")
    return f"{text[:-3]} {text[-3:]}"


def dob_parse(value) -> datetime.date | None:
    """A date of birth as YYYY-MM-DD (or a date), not in the future; empty is None."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        day = value
    else:
        try:
            day = datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ResidentError(f"{value!r} is not a date as YYYY-MM-DD.", field="dob") from None
    if day > timezone.localdate() or day.year < 1880:
        raise ResidentError(f"{value!r} is not a possible date of birth.", field="dob")
    return day


def email_clean(value: str) -> str:
    text = (value or "").strip().lower()
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise ResidentError(f"{value!r} is not an email address.", field="email") from None
    return text


def phone_clean(value: str) -> str:
    text = re.sub(r"[^0-9+]", "", value or "")
    if text and len(re.sub(r"\D", "", text)) < 7:
        raise ResidentError(f"{value!r} is not a telephone number.", field="phone")
    return text


def record_fields(**values) -> dict:
    """Check and tidy one record's fields; raises ResidentError naming the first bad one."""
    source_system = (values.get("source_system") or "").strip()
    source_id = str(values.get("source_id") or "").strip()
    if not source_system:
        raise ResidentError("Say which system the record comes from.", field="source_system")
    if not source_id:
        raise ResidentError("Give the record's id in its own system.", field="source_id")
    uprn = str(values.get("uprn") or "").strip()
    if uprn and not (uprn.isdigit() and len(uprn) <= 12):
        raise ResidentError(f"{uprn!r} is not a UPRN (up to 12 digits).", field="uprn")
    return {
        "source_system": source_system[:50],
        "source_id": source_id[:100],
        "first_name": (values.get("first_name") or "").strip()[:100],
        "surname": (values.get("surname") or "").strip()[:100],
        "dob": dob_parse(values.get("dob")),
        "address_line": (values.get("address_line") or "").strip()[:300],
        "town": (values.get("town") or "").strip()[:100],
        "postcode": postcode_clean(values.get("postcode") or ""),
        "uprn": uprn,
        "email": email_clean(values.get("email") or ""),
        "phone": phone_clean(values.get("phone") or ""),
    }


def _create(fields: dict, now: datetime.datetime, resident=None) -> SourceRecord:
    if resident is not None:
        return SourceRecord.objects.create(resident=resident, created_at=now, **fields)
    resident = Resident.objects.create(
        first_name=fields["first_name"],
        surname=fields["surname"],
        dob=fields["dob"],
        created_at=now,
        updated_at=now,
    )
    return SourceRecord.objects.create(resident=resident, created_at=now, **fields)


@transaction.atomic
def record_add(
    *, actor=audit.SYSTEM, at: datetime.datetime | None = None, **values
) -> SourceRecord:
    """Add what one system holds about a person, as a new resident until linkage says
    otherwise. The same source id again returns the record already held."""
    fields = record_fields(**values)
    held = SourceRecord.objects.filter(
        source_system=fields["source_system"], source_id=fields["source_id"]
    ).first()
    if held is not None:
        return held
    now = at or timezone.now()
    record = _create(fields, now)
    audit.audit_record(
        actor=actor,
        action="resident.recorded",
        subject_type="resident",
        subject_id=record.resident_id,
        detail={"source": str(record)},
        at=now,
    )
    return record


def records_add_all(*, rows: list[dict], actor, at: datetime.datetime | None = None) -> int:
    """Add checked rows in bulk (the caller's transaction); returns how many were new."""
    now = at or timezone.now()
    made = 0
    for fields in rows:
        if SourceRecord.objects.filter(
            source_system=fields["source_system"], source_id=fields["source_id"]
        ).exists():
            continue
        _create(fields, now)
        made += 1
    return made


def _split_name(name: str) -> tuple[str, str]:
    parts = (name or "").split()
    if not parts:
        return "", ""
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


def case_linked(*, reference: str) -> bool:
    return Link.objects.filter(kind=Link.CASE, object_id=reference).exists()


@transaction.atomic
def case_link(
    *,
    reference: str,
    name: str = "",
    email: str = "",
    phone: str = "",
    postcode: str = "",
    address: str = "",
    uprn: str = "",
    account_id: int | None = None,
    at: datetime.datetime | None = None,
) -> Link | None:
    """Give a new case a resident record (its contact, as the "cases" source) and link the
    case, and the resident's account if any, to it. Anonymous cases get no record."""
    if Link.objects.filter(kind=Link.CASE, object_id=reference).exists():
        return Link.objects.get(kind=Link.CASE, object_id=reference)
    now = at or timezone.now()
    resident = None
    if account_id is not None:
        held = Link.objects.filter(kind=Link.ACCOUNT, object_id=str(account_id)).first()
        resident = held.resident if held else None
    record = None
    if name or email or phone:
        first, last = _split_name(name)
        try:
            fields = record_fields(
                source_system=CASES_SOURCE,
                source_id=reference,
                first_name=first,
                surname=last,
                email=email,
                phone=phone,
                postcode=postcode,
                address_line=address,
                uprn=uprn,
            )
        except ResidentError:
            # The case took what the resident gave; keep the record without the odd field.
            fields = record_fields(
                source_system=CASES_SOURCE, source_id=reference, first_name=first, surname=last
            )
        record = _create(fields, now, resident)
        resident = record.resident
    if resident is None:
        return None
    link = Link.objects.create(
        resident=resident, kind=Link.CASE, object_id=reference, record=record, created_at=now
    )
    if account_id is not None:
        Link.objects.get_or_create(
            kind=Link.ACCOUNT,
            object_id=str(account_id),
            defaults={"resident": resident, "record": record, "created_at": now},
        )
    audit.audit_record(
        actor=audit.SYSTEM,
        action="resident.case_linked",
        subject_type="resident",
        subject_id=resident.pk,
        detail={"case": reference},
        at=now,
    )
    return link


@transaction.atomic
def account_link(
    *,
    account_id: int,
    name: str = "",
    email: str = "",
    phone: str = "",
    postcode: str = "",
    address: str = "",
    at: datetime.datetime | None = None,
) -> Link:
    """Give a resident account a resident record (the "accounts" source) and link it.
    An account already linked (through a case it made) keeps its resident."""
    held = Link.objects.filter(kind=Link.ACCOUNT, object_id=str(account_id)).first()
    if held is not None:
        return held
    now = at or timezone.now()
    first, last = _split_name(name)
    try:
        fields = record_fields(
            source_system=ACCOUNTS_SOURCE,
            source_id=str(account_id),
            first_name=first,
            surname=last,
            email=email,
            phone=phone,
            postcode=postcode,
            address_line=address.splitlines()[0] if address else "",
        )
    except ResidentError:
        fields = record_fields(
            source_system=ACCOUNTS_SOURCE, source_id=str(account_id), first_name=first, surname=last
        )
    record = _create(fields, now)
    link = Link.objects.create(
        resident=record.resident,
        kind=Link.ACCOUNT,
        object_id=str(account_id),
        record=record,
        created_at=now,
    )
    audit.audit_record(
        actor=audit.SYSTEM,
        action="resident.account_linked",
        subject_type="resident",
        subject_id=record.resident_id,
        detail={"account": account_id},
        at=now,
    )
    return link
