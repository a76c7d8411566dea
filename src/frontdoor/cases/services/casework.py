"""Every change to a case: opening it from any channel, moving it through its workflow,
assigning it, updating the resident, notes and files. One transaction each; the messages
they cause are queued in that same transaction.

Strategy: Southwark's "unified front door through digital channels, community hubs, and
contact centres"; Southampton's "automatic updates for the top 25 journeys".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from frontdoor.accounts import queries as accounts_queries
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.cases import references, sla
from frontdoor.cases.models import (
    BY_EMAIL,
    BY_SMS,
    CHANNELS,
    FACE_TO_FACE,
    NO_UPDATES,
    PHONE,
    PRIORITIES,
    Case,
    CaseContact,
    CaseEvent,
    CaseType,
)
from frontdoor.cases.services import messaging
from frontdoor.cases.services.access import CREATORS, WORKERS, case_for
from frontdoor.cases.services.errors import CaseError, IllegalTransition, StaleCase
from frontdoor.cases.workflow import Definition
from frontdoor.notify import services as notify
from frontdoor.places import queries as places
from frontdoor.places.queries import postcode_normalise

ASSISTED_CHANNELS = (PHONE, FACE_TO_FACE)


@dataclass(frozen=True)
class Contact:
    """How to reach the person who asked. All empty is an anonymous contact with no updates.

    `preference` is "email", "sms" or "none"; left empty, it is email when an email address
    is given, else a text message when a phone number is, else none.
    """

    name: str = ""
    email: str = ""
    phone: str = ""
    postcode: str = ""
    preference: str = ""


@dataclass(frozen=True)
class Location:
    """Where the request is about, when it is about a place. Any part may be empty."""

    uprn: str = ""
    latitude: float | Decimal | None = None
    longitude: float | Decimal | None = None
    address: str = ""
    postcode: str = ""
    ward: str = ""


class CaseCreated(NamedTuple):
    case: Case
    created: bool  # False when the idempotency key had been used: the case made then


def _contact_checked(contact: Contact) -> Contact:
    email = contact.email.strip().lower()
    phone = notify.normalise_phone(contact.phone)
    if email and not notify.contact_is_valid(channel="email", to=email):
        raise CaseError(
            "Enter an email address in the correct format, like name@example.com", field="email"
        )
    if phone and not re.fullmatch(r"\+?[0-9]{10,13}", phone):
        raise CaseError(
            "Enter a telephone number, like 01632 960 001 or 07700 900 982", field="phone"
        )
    postcode = ""
    if contact.postcode.strip():
        postcode = postcode_normalise(contact.postcode)
        if not postcode:
            raise CaseError("Enter a real postcode", field="postcode")
    preference = contact.preference or (BY_EMAIL if email else BY_SMS if phone else NO_UPDATES)
    if preference == BY_EMAIL and not email:
        raise CaseError("Enter an email address to get updates by email", field="email")
    if preference == BY_SMS and not notify.contact_is_valid(channel="sms", to=phone):
        raise CaseError("Enter a UK mobile number to get updates by text message", field="phone")
    if preference not in (BY_EMAIL, BY_SMS, NO_UPDATES):
        raise CaseError(f"{preference!r} is not a way to hear from us.", field="preference")
    return Contact(contact.name.strip(), email, phone, postcode, preference)


def _location_checked(location: Location | None) -> Location:
    if location is None:
        return Location()
    postcode = ""
    if location.postcode.strip():
        postcode = postcode_normalise(location.postcode)
        if not postcode:
            raise CaseError("Enter a real postcode for the location", field="location_postcode")
    if (location.latitude is None) != (location.longitude is None):
        raise CaseError("Give both latitude and longitude, or neither.", field="latitude")
    if location.latitude is not None and not (
        -90 <= float(location.latitude) <= 90 and -180 <= float(location.longitude) <= 180
    ):
        raise CaseError("The coordinates are not on Earth.", field="latitude")
    uprn = location.uprn.strip()
    if uprn and not re.fullmatch(r"[0-9]{1,12}", uprn):
        raise CaseError("A UPRN is up to 12 digits.", field="uprn")
    latitude, longitude, ward = location.latitude, location.longitude, location.ward.strip()
    if latitude is None:
        # Place the case from the gazetteer, so maps, wards and open data can use it.
        known = places.address_for_uprn(uprn) if uprn else None
        point = known.point if known else places.point_for_postcode(postcode) if postcode else None
        if point:
            latitude, longitude = point.lat, point.lng
    if not ward and latitude is not None:
        found = places.ward_for_point(float(latitude), float(longitude))
        ward = found.name if found else ""
    return Location(
        uprn,
        None if latitude is None else round(Decimal(str(latitude)), 6),
        None if longitude is None else round(Decimal(str(longitude)), 6),
        location.address.strip(),
        postcode,
        ward,
    )


def _type_for(code: str) -> CaseType:
    case_type = CaseType.objects.select_related("workflow", "team").filter(code=code).first()
    if case_type is None or not case_type.active:
        raise CaseError(f"There is no open case type called {code!r}.", field="case_type")
    return case_type


@transaction.atomic
def case_create(
    *,
    case_type: str,
    channel: str,
    contact: Contact,
    description: str = "",
    answers: dict | None = None,
    location: Location | None = None,
    priority: str = "",
    created_by=None,
    resident=None,
    idempotency_key: str = "",
    received_at: datetime.datetime | None = None,
) -> CaseCreated:
    """Open a case from any channel and queue its acknowledgement, in one transaction.

    `created_by` is the member of staff who typed it in for the resident (assisted
    digital); phone and face-to-face cases need one. With an `idempotency_key` already
    used, nothing new is made and the case made then is returned (`created` is False).
    `received_at` is for importing past cases; it defaults to now.
    """
    if idempotency_key:
        earlier = Case.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            return CaseCreated(earlier, False)
    if channel not in dict(CHANNELS):
        raise CaseError(f"{channel!r} is not a channel.", field="channel")
    if created_by is not None:
        accounts.role_check(user=created_by, roles=CREATORS, action="open cases")
    elif channel in ASSISTED_CHANNELS:
        raise CaseError("Say which member of staff took this contact.", field="created_by")
    kind = _type_for(case_type)
    who = _contact_checked(contact)
    where = _location_checked(location)
    priority = priority or kind.default_priority
    if priority not in dict(PRIORITIES):
        raise CaseError(f"{priority!r} is not a priority.", field="priority")
    definition = Definition.from_json(kind.workflow.definition)
    now = received_at or timezone.now()
    fields = {
        "case_type": kind,
        "channel": channel,
        "status": definition.initial.code,
        "priority": priority,
        "received_at": now,
        "updated_at": now,
        "sla_due_at": sla.due_at(now, kind.sla_working_days[priority]),
        "team": kind.team,
        "created_by": created_by,
        "resident": resident,
        "idempotency_key": idempotency_key or None,
        "description": description.strip(),
        "answers": answers or {},
        "contact_name": who.name,
        "contact_email": who.email,
        "contact_phone": who.phone,
        "contact_postcode": who.postcode,
        "contact_preference": who.preference,
        "uprn": where.uprn,
        "latitude": where.latitude,
        "longitude": where.longitude,
        "address": where.address,
        "location_postcode": where.postcode,
        "ward": where.ward,
    }
    case = None
    for _ in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(reference=references.reference_new(), **fields)
            break
        except IntegrityError:
            if idempotency_key:
                earlier = Case.objects.filter(idempotency_key=idempotency_key).first()
                if earlier is not None:
                    return CaseCreated(earlier, False)  # a concurrent retry won the race
            # Otherwise the random reference was taken: draw another.
    if case is None:
        raise CaseError("Could not give the case a reference; try again.")
    channel_label = dict(CHANNELS)[channel].lower()
    CaseEvent.objects.create(
        case=case,
        at=now,
        kind=CaseEvent.CREATED,
        public=True,
        actor=created_by,
        text=f"Request received ({channel_label}).",
        data={"channel": channel, "status": case.status},
    )
    CaseContact.objects.create(
        case=case, at=now, channel=channel, kind=CaseContact.NEW, logged_by=created_by
    )
    audit.audit_record(
        actor=created_by or audit.PUBLIC,
        action="case.created",
        subject_type="case",
        subject_id=case.reference,
        detail={"case_type": kind.code, "channel": channel},
        at=now,
    )
    messaging.tell(
        case,
        template=messaging.RECEIVED,
        status=definition.initial.resident_label,
        update="",
        include_subscribers=False,
        at=now,
    )
    return CaseCreated(case, True)


def _check_version(case: Case, expected_version: int) -> None:
    if case.version != expected_version:
        raise StaleCase(
            f"{case.reference} was changed by someone else while you had it open. "
            "Check the latest version below, then make your change again."
        )


def _saved(case: Case, *, at: datetime.datetime, **changes) -> Case:
    """Save changes to a case and bump its version, unless its version moved under us."""
    changed = Case.objects.filter(pk=case.pk, version=case.version).update(
        version=F("version") + 1, updated_at=at, **changes
    )
    if not changed:
        raise StaleCase(f"{case.reference} was changed by someone else at the same moment.")
    for name, value in changes.items():
        setattr(case, name, value)
    case.version += 1
    case.updated_at = at
    return case


@transaction.atomic
def case_transition(
    *,
    user,
    reference: str,
    transition: str,
    expected_version: int,
    public_text: str = "",
    closure_reason: str = "",
    note: str = "",
    at: datetime.datetime | None = None,
) -> Case:
    """Move a case along its workflow. A public transition tells the resident and followers.

    Refused with a clear message when the transition is not allowed from the case's state,
    or when the case changed since `expected_version` was read.
    """
    case = case_for(
        user=user, reference=reference, roles_needed=WORKERS, action="work cases", lock=True
    )
    _check_version(case, expected_version)
    definition = Definition.from_json(case.case_type.workflow.definition)
    refusal = definition.refusal(case.status, transition)
    if refusal:
        raise IllegalTransition(refusal)
    step = definition.transition(transition)
    current = definition.state(case.status)
    target = definition.state(step.target)
    reason = ""
    if target.closed and definition.closure_reasons:
        found = definition.closure_reason(closure_reason)
        if found is None:
            raise CaseError("Select why the case is being closed", field="closure_reason")
        reason = found.code
    now = at or timezone.now()
    _saved(
        case,
        at=now,
        status=target.code,
        closed=target.closed,
        closed_at=now if target.closed else None,
        closure_reason=reason,
    )
    update = public_text.strip() or step.public_text
    closure_label = definition.closure_reason(reason).label if reason else ""
    CaseEvent.objects.create(
        case=case,
        at=now,
        kind=CaseEvent.STATUS,
        public=step.public,
        actor=user,
        text=update if step.public else "",
        data={
            "from": current.code,
            "to": target.code,
            "transition": step.code,
            "closure_reason": closure_label,
        },
    )
    if note.strip():
        CaseEvent.objects.create(
            case=case, at=now, kind=CaseEvent.NOTE, actor=user, text=note.strip()
        )
    audit.audit_record(
        actor=user,
        action="case.transitioned",
        subject_type="case",
        subject_id=case.reference,
        detail={"from": current.code, "to": target.code},
        at=now,
    )
    if step.public:
        status = target.resident_label + (f": {closure_label}" if closure_label else "")
        template = step.template or (messaging.CLOSED if target.closed else messaging.UPDATED)
        messaging.tell(
            case, template=template, status=status, update=update, include_subscribers=True, at=now
        )
    return case


@transaction.atomic
def case_assign(
    *,
    user,
    reference: str,
    expected_version: int,
    team: str | None = None,
    assignee: str | None = None,
) -> Case:
    """Give a case to a team (by code) and, optionally, to one person in it (by username).

    `assignee=""` leaves it with the team and nobody in particular.
    """
    case = case_for(
        user=user, reference=reference, roles_needed=WORKERS, action="assign cases", lock=True
    )
    _check_version(case, expected_version)
    new_team = case.team
    if team:
        new_team = accounts_queries.team_get(code=team)
        if new_team is None:
            raise CaseError(f"There is no team called {team!r}.", field="team")
    person = case.assignee if assignee is None else None
    if assignee:
        person = accounts_queries.staff_get(username=assignee)
        if person is None:
            raise CaseError(f"There is no member of staff called {assignee!r}.", field="assignee")
    if person is not None and (
        new_team is None or new_team.id not in accounts_queries.team_ids_of(user=person)
    ):
        raise CaseError(
            f"{person.display_name} is not in "
            f"{new_team.name if new_team else 'the case’s team'}: choose someone who is.",
            field="assignee",
        )
    now = timezone.now()
    before = (case.team.name if case.team else "no team", case.assignee)
    _saved(case, at=now, team=new_team, assignee=person)
    text = f"Assigned to {new_team.name if new_team else 'no team'}" + (
        f", {person.display_name}" if person else ""
    )
    CaseEvent.objects.create(
        case=case,
        at=now,
        kind=CaseEvent.ASSIGNED,
        actor=user,
        text=text,
        data={"from_team": before[0], "from": before[1].username if before[1] else ""},
    )
    audit.audit_record(
        actor=user,
        action="case.assigned",
        subject_type="case",
        subject_id=case.reference,
        detail={"team": new_team.code if new_team else "", "assignee": assignee or ""},
        at=now,
    )
    return case


@transaction.atomic
def case_update_public(
    *, user, reference: str, text: str, at: datetime.datetime | None = None
) -> CaseEvent:
    """Tell the resident and followers something new without changing the case's status."""
    case = case_for(
        user=user, reference=reference, roles_needed=WORKERS, action="update residents", lock=True
    )
    if not text.strip():
        raise CaseError("Enter the update for the resident", field="text")
    now = at or timezone.now()
    Case.objects.filter(pk=case.pk).update(updated_at=now)
    event = CaseEvent.objects.create(
        case=case, at=now, kind=CaseEvent.PUBLIC_UPDATE, public=True, actor=user, text=text.strip()
    )
    audit.audit_record(
        actor=user,
        action="case.updated_publicly",
        subject_type="case",
        subject_id=case.reference,
        at=now,
    )
    status = Definition.from_json(case.case_type.workflow.definition).state(case.status)
    messaging.tell(
        case,
        template=messaging.UPDATED,
        status=status.resident_label,
        update=text.strip(),
        include_subscribers=True,
        at=now,
    )
    return event


@transaction.atomic
def case_note_add(
    *, user, reference: str, text: str, at: datetime.datetime | None = None
) -> CaseEvent:
    """An internal note: staff see it; the resident never does."""
    case = case_for(
        user=user, reference=reference, roles_needed=WORKERS, action="add notes", lock=False
    )
    if not text.strip():
        raise CaseError("Enter the note", field="text")
    now = at or timezone.now()
    event = CaseEvent.objects.create(
        case=case, at=now, kind=CaseEvent.NOTE, actor=user, text=text.strip()
    )
    audit.audit_record(
        actor=user, action="case.noted", subject_type="case", subject_id=case.reference, at=now
    )
    return event


@dataclass
class BulkResult:
    done: list[str]
    refused: list[tuple[str, str]]  # (reference, why)


@transaction.atomic
def case_bulk_assign(
    *, user, items: list[tuple[str, int]], team: str | None, assignee: str | None
) -> BulkResult:
    """Assign many cases at once; each is done or refused on its own (stale, not found...)."""
    result = BulkResult([], [])
    for reference, version in items:
        try:
            with transaction.atomic():
                case_assign(
                    user=user,
                    reference=reference,
                    expected_version=version,
                    team=team,
                    assignee=assignee,
                )
            result.done.append(reference)
        except CaseError as error:
            result.refused.append((reference, error.message))
    return result


@transaction.atomic
def case_bulk_transition(
    *, user, items: list[tuple[str, int]], transition: str, closure_reason: str = ""
) -> BulkResult:
    """Move many cases at once; each is done or refused on its own."""
    result = BulkResult([], [])
    for reference, version in items:
        try:
            with transaction.atomic():
                case_transition(
                    user=user,
                    reference=reference,
                    transition=transition,
                    expected_version=version,
                    closure_reason=closure_reason,
                )
            result.done.append(reference)
        except CaseError as error:
            result.refused.append((reference, error.message))
    return result
