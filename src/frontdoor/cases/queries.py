"""Read-only questions about cases: queues, timelines, track-my-request and the measures."""

from __future__ import annotations

import datetime
import hmac
from dataclasses import dataclass

from django.db.models import Case as SqlCase
from django.db.models import Count, Exists, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from frontdoor.accounts import queries as accounts_queries
from frontdoor.cases import references, sla
from frontdoor.cases.models import (
    CHANNELS,
    Case,
    CaseContact,
    CaseEvent,
    CaseSubscriber,
    CaseType,
    Workflow,
)
from frontdoor.cases.services.access import sees_every_team
from frontdoor.cases.services.casework import postcode_normalise
from frontdoor.cases.workflow import Definition
from frontdoor.notify import queries as notify_queries

BREACHED = "breached"
DUE_TODAY = "due_today"
SORTS = {
    "due": ("sla_due_at", "id"),
    "newest": ("-received_at", "-id"),
    "oldest": ("received_at", "id"),
    "priority": ("-priority_rank", "sla_due_at"),
}


def case_types(*, active_only: bool = True) -> QuerySet[CaseType]:
    found = CaseType.objects.select_related("team", "workflow").order_by("name")
    return found.filter(active=True) if active_only else found


def case_type_get(*, code: str) -> CaseType | None:
    return CaseType.objects.select_related("team", "workflow").filter(code=code).first()


def workflow_get(*, code: str) -> Workflow | None:
    return Workflow.objects.filter(code=code).first()


def definition_of(case: Case) -> Definition:
    return Definition.from_json(case.case_type.workflow.definition)


def status_choices() -> list[tuple[str, str]]:
    """Every state of every workflow in use, for the queue's status filter."""
    seen: dict[str, list[str]] = {}
    for workflow in Workflow.objects.filter(case_types__isnull=False).distinct().order_by("code"):
        for state in Definition.from_json(workflow.definition).states:
            labels = seen.setdefault(state.code, [])
            if state.label not in labels:
                labels.append(state.label)
    return sorted(((code, " / ".join(labels)) for code, labels in seen.items()), key=lambda i: i[1])


def case_queue(
    *,
    user,
    team: str = "",
    status: str = "",
    case_type: str = "",
    sla_filter: str = "",
    assigned_to_me: bool = False,
    search: str = "",
    include_closed: bool = False,
    sort: str = "due",
) -> QuerySet[Case]:
    """The cases this member of staff may see that match every filter given.

    A case officer sees only their teams' cases; agents, managers and administrators
    see every team's.
    """
    cases = Case.objects.select_related("case_type__workflow", "team", "assignee")
    if not sees_every_team(user):
        cases = cases.filter(team_id__in=accounts_queries.team_ids_of(user=user))
    if team:
        cases = cases.filter(team__code=team)
    if status:
        cases = cases.filter(status=status)
    elif not include_closed:
        cases = cases.filter(closed=False)
    if case_type:
        cases = cases.filter(case_type__code=case_type)
    now = timezone.now()
    if sla_filter == BREACHED:
        cases = cases.filter(closed=False, sla_due_at__lt=now)
    elif sla_filter == DUE_TODAY:
        end_of_today = datetime.datetime.combine(
            now.astimezone(sla.LONDON).date(), datetime.time(23, 59, 59), tzinfo=sla.LONDON
        )
        cases = cases.filter(closed=False, sla_due_at__gte=now, sla_due_at__lte=end_of_today)
    if assigned_to_me:
        cases = cases.filter(assignee=user)
    if search.strip():
        cases = cases.filter(_search(search))
    cases = cases.annotate(
        priority_rank=SqlCase(
            When(priority="urgent", then=Value(4)),
            When(priority="high", then=Value(3)),
            When(priority="normal", then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
    return cases.order_by(*SORTS.get(sort, SORTS["due"]))


def _search(text: str) -> Q:
    """A reference, a postcode (whole or its first half) or part of the resident's name."""
    text = text.strip()
    reference = references.reference_normalise(text)
    if references.reference_looks_valid(reference):
        return Q(reference=reference)
    postcode = postcode_normalise(text)
    if postcode:
        return Q(contact_postcode=postcode) | Q(location_postcode=postcode)
    outward = text.upper().replace(" ", "")
    if 2 <= len(outward) <= 4 and outward[0].isalpha() and any(c.isdigit() for c in outward):
        return Q(contact_postcode__startswith=outward + " ") | Q(
            location_postcode__startswith=outward + " "
        )
    return Q(contact_name__icontains=text) | Q(address__icontains=text)


def case_get(*, reference: str) -> Case | None:
    """A case by reference, with no access check: for services and tests only. Pages go
    through services.case_access, which checks and audits."""
    return (
        Case.objects.select_related("case_type__workflow", "team", "assignee", "created_by")
        .filter(reference=references.reference_normalise(reference))
        .first()
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str
    label: str
    text: str
    public: bool
    actor: str
    message_status: str = ""
    message_status_label: str = ""
    message_error: str = ""
    message_reference: str = ""


def case_timeline(*, case: Case, public_only: bool = False) -> list[TimelineEntry]:
    """The case's story, oldest first; for a resident, only what they may see."""
    events = case.events.select_related("actor").order_by("at", "id")
    if public_only:
        events = events.filter(public=True)
    events = list(events)
    definition = definition_of(case)
    messages = notify_queries.messages_by_reference(
        references=[e.data["message"] for e in events if e.kind == CaseEvent.MESSAGE]
    )
    entries = []
    for event in events:
        label = dict(CaseEvent.KINDS)[event.kind]
        text = event.text
        if event.kind == CaseEvent.STATUS:
            target = definition.state(event.data["to"])
            label = target.resident_label if public_only else f"Status: {target.label}"
            if event.data.get("closure_reason"):
                label += f" ({event.data['closure_reason']})"
        elif event.kind == CaseEvent.CONTACT:
            label = f"Contact by {dict(CHANNELS).get(event.data.get('channel'), 'unknown')}"
        message = messages.get(event.data.get("message", "")) if event.data else None
        entries.append(
            TimelineEntry(
                at=event.at,
                kind=event.kind,
                label=label,
                text=text,
                public=event.public,
                actor=event.actor.display_name if event.actor and not public_only else "",
                message_status=message.status if message else "",
                message_status_label=message.get_status_display() if message else "",
                message_error=message.last_error if message else "",
                message_reference=message.reference if message else "",
            )
        )
    return entries


def case_messages(*, case: Case):
    """Messages about this case, with their delivery status."""
    return notify_queries.messages_about(about_type="case", about_id=case.reference)


def case_failed_messages(*, case: Case):
    return case_messages(case=case).filter(status="failed")


def allowed_transitions(*, case: Case):
    return definition_of(case).allowed_from(case.status)


def current_state(*, case: Case):
    return definition_of(case).state(case.status)


def sla_breached(case: Case, now: datetime.datetime | None = None) -> bool:
    return not case.closed and case.sla_due_at < (now or timezone.now())


@dataclass(frozen=True)
class TrackedCase:
    """What "track my request" shows: no personal data beyond what the resident gave."""

    reference: str
    case_type: str
    status: str
    closed: bool
    received_at: datetime.datetime
    expected_by: datetime.datetime
    closed_at: datetime.datetime | None
    timeline: list[TimelineEntry]


def case_track(*, reference: str, email_or_postcode: str) -> TrackedCase | None:
    """The public view of a case, when the reference and the email or postcode given with
    it match; otherwise None, the same for a wrong reference as for a wrong email."""
    case = case_get(reference=reference)
    given = email_or_postcode.strip()
    candidates = []
    if case is not None:
        candidates = [case.contact_email.lower(), case.contact_postcode, case.location_postcode]
    typed = [given.lower(), postcode_normalise(given)]
    # Compare every pair in constant time, so a near-miss takes as long as a far one.
    matched = False
    for known in candidates or ["-"]:
        for guess in typed:
            if known and guess and hmac.compare_digest(known.encode(), guess.encode()):
                matched = True
    if case is None or not matched:
        return None
    state = definition_of(case).state(case.status)
    return TrackedCase(
        reference=case.reference,
        case_type=case.case_type.name,
        status=state.resident_label,
        closed=case.closed,
        received_at=case.received_at,
        expected_by=case.sla_due_at,
        closed_at=case.closed_at,
        timeline=case_timeline(case=case, public_only=True),
    )


@dataclass(frozen=True)
class PublicCase:
    """A case as anyone may see it (for street reports' public map and Open311)."""

    reference: str
    case_type: str
    case_type_code: str
    status: str
    status_label: str
    closed: bool
    received_at: datetime.datetime
    updated_at: datetime.datetime
    expected_by: datetime.datetime
    latest_public_update: str


def case_public(*, reference: str) -> PublicCase | None:
    case = case_get(reference=reference)
    if case is None:
        return None
    latest = case.events.filter(public=True).exclude(text="").order_by("-at", "-id").first()
    return PublicCase(
        reference=case.reference,
        case_type=case.case_type.name,
        case_type_code=case.case_type.code,
        status=case.status,
        status_label=current_state(case=case).resident_label,
        closed=case.closed,
        received_at=case.received_at,
        updated_at=case.updated_at,
        expected_by=case.sla_due_at,
        latest_public_update=latest.text if latest else "",
    )


def contacts_by_channel(
    *, since: datetime.datetime, until: datetime.datetime
) -> dict[str, dict[str, int]]:
    """Contacts received in a period, by channel: new requests and chasing contacts.

    Feeds the measure "a reduction in the number of contacts chasing progress".
    """
    rows = (
        CaseContact.objects.filter(at__gte=since, at__lt=until)
        .values("channel", "kind")
        .annotate(count=Count("id"))
    )
    counts: dict[str, dict[str, int]] = {
        code: {CaseContact.NEW: 0, CaseContact.CHASING: 0} for code, _ in CHANNELS
    }
    for row in rows:
        counts[row["channel"]][row["kind"]] = row["count"]
    return counts


def team_choices(*, user, every_team: bool = False) -> list[tuple[str, str]]:
    """Teams as (code, name): the user's own, or every team when they see every team (or
    when handing a case on, which any worker may do)."""
    teams = accounts_queries.team_list()
    if not (every_team or sees_every_team(user)):
        teams = teams.filter(id__in=accounts_queries.team_ids_of(user=user))
    return [(team.code, team.name) for team in teams]


def closure_choices(*, cases: list[Case]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for case in cases:
        for reason in definition_of(case).closure_reasons:
            seen.setdefault(reason.code, reason.label)
    return sorted(seen.items(), key=lambda item: item[1])


def transition_choices(*, cases: list[Case]) -> list[tuple[str, str]]:
    """Every step that some of these cases could take, for bulk changes."""
    seen: dict[str, str] = {}
    for case in cases:
        for step in definition_of(case).allowed_from(case.status):
            seen.setdefault(step.code, step.label)
    return sorted(seen.items(), key=lambda item: item[1])


def assignee_choices(*, case: Case) -> list[tuple[str, str]]:
    if case.team_id is None:
        return []
    return [
        (person.username, person.display_name)
        for person in accounts_queries.team_members(team_id=case.team_id)
    ]


def definition_of_type(*, case_type: CaseType) -> Definition:
    return Definition.from_json(case_type.workflow.definition)


def cases_for_measures() -> QuerySet[Case]:
    """Every case, with no access check and no audit: for aggregate measures only.

    The insights and open data apps count and average over it in SQL; they never show or
    publish a row of it. "Build in end to end monitoring and measurements from the start"
    (Digital Strategy 2024-30).
    """
    return Case.objects.all()


def contacts_for_measures() -> QuerySet[CaseContact]:
    """Every contact (new and chasing), for aggregate measures only, like cases_for_measures."""
    return CaseContact.objects.all()


@dataclass(frozen=True)
class ResidentCase:
    """One of a resident's own requests, as My account lists it."""

    reference: str
    case_type: str
    status: str
    closed: bool
    received_at: datetime.datetime
    updated_at: datetime.datetime
    latest_update: str


def cases_of_resident(*, resident) -> list[ResidentCase]:
    """Every case an account holds, newest first: "see all data in one place"."""
    cases = (
        Case.objects.select_related("case_type__workflow")
        .filter(resident=resident)
        .order_by("-received_at", "-id")
    )
    found = []
    for case in cases:
        latest = case.events.filter(public=True).exclude(text="").order_by("-at", "-id").first()
        found.append(
            ResidentCase(
                reference=case.reference,
                case_type=case.case_type.name,
                status=current_state(case=case).resident_label,
                closed=case.closed,
                received_at=case.received_at,
                updated_at=case.updated_at,
                latest_update=latest.text if latest else "",
            )
        )
    return found


def case_of_resident(*, resident, reference: str) -> TrackedCase | None:
    """One of the account's own cases with its public timeline; None for anyone else's."""
    case = case_get(reference=reference)
    if case is None or case.resident_id is None or case.resident_id != resident.pk:
        return None
    state = definition_of(case).state(case.status)
    return TrackedCase(
        reference=case.reference,
        case_type=case.case_type.name,
        status=state.resident_label,
        closed=case.closed,
        received_at=case.received_at,
        expected_by=case.sla_due_at,
        closed_at=case.closed_at,
        timeline=case_timeline(case=case, public_only=True),
    )


# --- Privacy: retention and subject access (called by frontdoor.privacy) ---


def cases_for_disposal(
    *,
    before: datetime.datetime,
    case_type: str = "",
    except_case_types: list[str] | tuple[str, ...] = (),
    held_references: list[str] | tuple[str, ...] = (),
    held_emails: list[str] | tuple[str, ...] = (),
    held_user_ids: list[int] | tuple[int, ...] = (),
    already_done: QuerySet | None = None,
) -> QuerySet[Case]:
    """Closed cases whose retention ended before `before`, not under a legal hold, by id.

    `already_done` is an Exists-style subquery (on OuterRef("pk")) of cases anonymised before.
    """
    cases = Case.objects.filter(closed=True, closed_at__lt=before)
    if case_type:
        cases = cases.filter(case_type__code=case_type)
    if except_case_types:
        cases = cases.exclude(case_type__code__in=list(except_case_types))
    if held_references:
        cases = cases.exclude(reference__in=list(held_references))
    if held_emails:
        cases = cases.exclude(contact_email__in=list(held_emails))
    if held_user_ids:
        cases = cases.exclude(resident_id__in=list(held_user_ids))
    if already_done is not None:
        cases = cases.exclude(Exists(already_done))
    return cases.order_by("id")


def case_references_for(*, ids) -> list[str]:
    return list(Case.objects.filter(id__in=list(ids)).values_list("reference", flat=True))


def case_ids_for(*, references) -> list[int]:
    return list(Case.objects.filter(reference__in=list(references)).values_list("id", flat=True))


def _person_filter(emails, phones, user_ids) -> Q:
    found = Q(pk__in=[])
    if emails:
        found |= Q(contact_email__in=list(emails))
    if phones:
        found |= Q(contact_phone__in=list(phones))
    if user_ids:
        found |= Q(resident_id__in=list(user_ids))
    return found


def case_references_of_person(*, emails=(), phones=(), user_ids=()) -> list[str]:
    """References of every case a person asked for, or follows."""
    asked = Case.objects.filter(_person_filter(emails, phones, user_ids))
    follows = Q(pk__in=[])
    if emails:
        follows |= Q(subscribers__email__in=list(emails))
    if phones:
        follows |= Q(subscribers__phone__in=list(phones))
    followed = Case.objects.filter(follows)
    return sorted(
        set(asked.values_list("reference", flat=True))
        | set(followed.values_list("reference", flat=True))
    )


def cases_export(*, emails=(), phones=(), user_ids=()) -> list[dict]:
    """Everything cases hold about a person, as plain data for a subject access bundle."""
    found = []
    cases = (
        Case.objects.filter(_person_filter(emails, phones, user_ids))
        .select_related("case_type")
        .prefetch_related("events", "contacts", "attachments")
        .order_by("received_at", "id")
    )
    for case in cases:
        found.append(
            {
                "reference": case.reference,
                "type": case.case_type.name,
                "channel": case.get_channel_display(),
                "status": case.status,
                "closed": case.closed,
                "received_at": case.received_at.isoformat(),
                "closed_at": case.closed_at.isoformat() if case.closed_at else None,
                "description": case.description,
                "answers": case.answers,
                "contact": {
                    "name": case.contact_name,
                    "email": case.contact_email,
                    "phone": case.contact_phone,
                    "postcode": case.contact_postcode,
                    "preference": case.contact_preference,
                },
                "location": {
                    "address": case.address,
                    "postcode": case.location_postcode,
                    "uprn": case.uprn,
                    "ward": case.ward,
                },
                "timeline": [
                    {
                        "at": e.at.isoformat(),
                        "kind": e.get_kind_display(),
                        "text": e.text,
                        "public": e.public,
                    }
                    for e in case.events.all()
                ],
                "contacts": [
                    {"at": c.at.isoformat(), "channel": c.channel, "summary": c.summary}
                    for c in case.contacts.all()
                ],
                "files": [
                    {"name": a.name, "type": a.content_type, "size": a.size}
                    for a in case.attachments.all()
                ],
            }
        )
    following = Q(pk__in=[])
    if emails:
        following |= Q(email__in=list(emails))
    if phones:
        following |= Q(phone__in=list(phones))
    for follower in CaseSubscriber.objects.filter(following).select_related("case"):
        found.append(
            {
                "reference": follower.case.reference,
                "following": True,
                "name": follower.name,
                "email": follower.email,
                "phone": follower.phone,
                "since": follower.created_at.isoformat(),
            }
        )
    return found
