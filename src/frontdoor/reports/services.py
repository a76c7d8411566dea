"""Every change to street reports: categories and their questions, reporting a problem from
any channel, "me too", duplicate flags, partner keys and partner updates.

Strategy: "multi-channel options for problem reporting" (Southwark 2024-26); "updating
information about road closures" and "a telephone option for reporting and arranging
repairs" (Southampton). A report is a case (cases.services.case_create), so it gets the
case's acknowledgement, workflow, SLA and messages to the reporter and every follower.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.places import queries as places
from frontdoor.reports.models import (
    DATATYPES,
    DATETIME,
    MULTI,
    NUMBER,
    SINGLE,
    STRING,
    TEXT,
    ApiClient,
    Attribute,
    Category,
    DuplicateFlag,
    MeToo,
    PartnerUpdate,
    Photo,
    Report,
)

WORKFLOW = "street-report"
MAX_DESCRIPTION = 4000  # GeoReport v2: "may not exceed 4,000 characters"
MAX_PHOTOS = 3
PHOTO_TYPES = ("image/jpeg", "image/png")
WORKERS = (roles.CASE_OFFICER, roles.SERVICE_MANAGER, roles.ADMINISTRATOR)
KEY_ISSUERS = (roles.ADMINISTRATOR,)
# FixMyStreet's extended statuses a partner may send with an update.
EXTENDED_STATUSES = (
    "open",
    "closed",
    "fixed",
    "in_progress",
    "planned",
    "action_scheduled",
    "investigating",
    "duplicate",
    "not_councils_responsibility",
    "no_further_action",
    "internal_referral",
    "cancelled",
    "reopen",
    "for_triage",
)


class ReportError(ValueError):
    """Bad input or a refusal: `.message` is fit to show, `.field` names the input."""

    status = 400

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ReportError):
    """No such category, report or update (Open311: 404)."""

    status = 404


class OutsideBoundary(ReportError):
    """The place is not the council's to fix: the message says where to go instead."""


@dataclass(frozen=True)
class AttributeSpec:
    """A question a category asks; `values` are (key, name) pairs for list types."""

    code: str
    description: str
    datatype: str = STRING
    required: bool = False
    values: tuple[tuple[str, str], ...] = ()
    datatype_description: str = ""
    variable: bool = True


@dataclass(frozen=True)
class Place:
    """Where the problem is, as given: a point, a postcode, a street address or a UPRN.
    Any may be empty; at least one must lead to a point."""

    latitude: float | Decimal | None = None
    longitude: float | Decimal | None = None
    address: str = ""
    postcode: str = ""
    uprn: str = ""


@dataclass(frozen=True)
class _Located:
    latitude: Decimal
    longitude: Decimal
    address: str
    postcode: str
    uprn: str
    ward: str


# --- categories -------------------------------------------------------------------------


def workflow_ensure():
    """The street-report workflow; its state codes are FixMyStreet's extended statuses, so a
    partner reading updates sees the words it knows."""
    state, step = cases.State, cases.Transition
    working = ("open", "investigating", "action_scheduled", "in_progress")
    return cases.workflow_define(
        code=WORKFLOW,
        name="Street report",
        states=[
            state("open", "Reported", "Reported", initial=True),
            state("investigating", "Investigating", "We are looking into it"),
            state("action_scheduled", "Action scheduled", "A repair is booked"),
            state("in_progress", "In progress", "We are fixing it"),
            state("fixed", "Fixed", "Fixed", closed=True),
            state(
                "not_councils_responsibility",
                "Not the council's responsibility",
                "Not ours to fix: we have passed it on",
                closed=True,
            ),
            state("no_further_action", "No further action", "No action needed", closed=True),
            state("duplicate", "Duplicate", "Already reported", closed=True),
        ],
        transitions=[
            step("investigate", "Investigate", ("open",), "investigating", public=True),
            step(
                "schedule",
                "Schedule a repair",
                ("open", "investigating"),
                "action_scheduled",
                public=True,
            ),
            step(
                "start",
                "Start work",
                ("open", "investigating", "action_scheduled"),
                "in_progress",
                public=True,
            ),
            step("fix", "Mark fixed", working, "fixed", public=True, public_text="It is fixed."),
            step(
                "not_ours",
                "Not the council's responsibility",
                working,
                "not_councils_responsibility",
                public=True,
            ),
            step("no_action", "No further action", working, "no_further_action", public=True),
            step("mark_duplicate", "Mark as a duplicate", working, "duplicate", public=True),
            step(
                "reopen",
                "Reopen",
                ("fixed", "no_further_action", "not_councils_responsibility", "duplicate"),
                "open",
                public=True,
            ),
        ],
    )


@transaction.atomic
def category_define(
    *,
    service_code: str,
    name: str,
    team: str,
    description: str = "",
    group: str = "",
    keywords: str = "",
    attributes: list[AttributeSpec] | tuple[AttributeSpec, ...] = (),
    sla_working_days: dict[str, int] | int = 10,
    public: bool = True,
    active: bool = True,
    order: int = 100,
) -> Category:
    """A kind of street problem, routed to `team`: safe to call again (upsert).

    Strategy: each category "routes to a team" — the case type it makes belongs to it.
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,49}", service_code):
        raise ReportError(
            "A service code is lower-case letters, digits, - and _.", field="service_code"
        )
    kinds = dict(DATATYPES)
    for spec in attributes:
        if spec.datatype not in kinds:
            raise ReportError(f"{spec.datatype!r} is not an Open311 datatype.", field="attributes")
        if spec.datatype in (SINGLE, MULTI) and not spec.values:
            raise ReportError(f"The question {spec.code!r} needs its choices.", field="attributes")
    if len({spec.code for spec in attributes}) != len(attributes):
        raise ReportError("Each question needs its own code.", field="attributes")
    if cases_queries.workflow_get(code=WORKFLOW) is None:
        workflow_ensure()
    case_type = f"report-{service_code}"
    try:
        cases.case_type_define(
            code=case_type,
            name=name,
            workflow=WORKFLOW,
            team=team,
            sla_working_days=sla_working_days,
            description=description,
            source="reports",
            active=active,
        )
    except cases.CaseError as error:
        raise ReportError(error.message, field=error.field) from error
    category, _ = Category.objects.update_or_create(
        service_code=service_code,
        defaults={
            "name": name,
            "description": description,
            "group": group,
            "keywords": keywords,
            "case_type_code": case_type,
            "team_code": team,
            "public": public,
            "active": active,
            "order": order,
        },
    )
    category.attributes.all().delete()
    Attribute.objects.bulk_create(
        Attribute(
            category=category,
            code=spec.code,
            datatype=spec.datatype,
            description=spec.description,
            datatype_description=spec.datatype_description,
            required=spec.required,
            variable=spec.variable,
            order=position,
            values=[{"key": key, "name": label} for key, label in spec.values],
        )
        for position, spec in enumerate(attributes, start=1)
    )
    return category


@transaction.atomic
def category_route(*, user, service_code: str, team: str) -> Category:
    """Send a category's new reports to another team."""
    accounts.role_check(
        user=user, roles=(roles.SERVICE_MANAGER, roles.ADMINISTRATOR), action="route categories"
    )
    category = Category.objects.filter(service_code=service_code).first()
    if category is None:
        raise NotFound(f"There is no category {service_code!r}.", field="service_code")
    try:
        cases.case_type_define(
            code=category.case_type_code,
            name=category.name,
            workflow=WORKFLOW,
            team=team,
            description=category.description,
            source="reports",
            active=category.active,
            sla_working_days=cases_queries.case_type_get(
                code=category.case_type_code
            ).sla_working_days,
        )
    except cases.CaseError as error:
        raise ReportError(error.message, field="team") from error
    category.team_code = team
    category.save(update_fields=["team_code"])
    audit.audit_record(
        actor=user,
        action="reports.category_routed",
        subject_type="report_category",
        subject_id=service_code,
        detail={"team": team},
    )
    return category


# --- where the problem is ---------------------------------------------------------------


def boundary_advice() -> str:
    return (
        f"This place is outside {settings.COUNCIL_NAME}'s area, so we cannot fix it. "
        "Report it to the council for that area: find it at https://www.gov.uk/find-local-council"
    )


def place_locate(place: Place) -> _Located:
    """A point for the place, with its address, postcode and ward; refused when it cannot be
    found or is outside the council's boundary (a polygon in settings)."""
    address, postcode, uprn = place.address.strip(), "", place.uprn.strip()
    latitude, longitude = place.latitude, place.longitude
    if (latitude is None) != (longitude is None):
        raise ReportError("Give both latitude and longitude, or neither.", field="lat")
    if uprn:
        if not re.fullmatch(r"[0-9]{1,12}", uprn):
            raise ReportError("An address id is a UPRN of up to 12 digits.", field="address_id")
        found = places.address_for_uprn(uprn)
        if found is None:
            raise ReportError("We do not know that address id.", field="address_id")
        address = address or found.label
        postcode = found.postcode
        if latitude is None and found.point is not None:
            latitude, longitude = found.point.lat, found.point.lng
    if place.postcode.strip():
        postcode = places.postcode_normalise(place.postcode)
        if not postcode:
            raise ReportError("Enter a real postcode, like SO14 7LY", field="postcode")
    if not postcode and address:
        postcode = places.postcode_in(address)
    if latitude is None and postcode:
        point = places.point_for_postcode(postcode)
        if point is None:
            raise ReportError(
                f"We could not find the postcode {postcode}. Check it, or place the problem "
                "on the map",
                field="postcode",
            )
        latitude, longitude = point.lat, point.lng
    if latitude is None:
        if address:
            raise ReportError(
                "We could not find that address. Include its postcode, or give a point",
                field="address_string",
            )
        raise ReportError(
            "Say where the problem is: a point (lat and long), an address or a postcode",
            field="location",
        )
    try:
        lat, lng = Decimal(str(latitude)), Decimal(str(longitude))
    except InvalidOperation as error:
        raise ReportError("Latitude and longitude are numbers.", field="lat") from error
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ReportError("Those coordinates are not on Earth.", field="lat")
    if not places.within_council_boundary(float(lat), float(lng)):
        raise OutsideBoundary(boundary_advice(), field="location")
    ward = places.ward_for_point(float(lat), float(lng))
    if not postcode:
        postcode = places.postcode_near(float(lat), float(lng), within_m=200)
    return _Located(
        latitude=round(lat, 6),
        longitude=round(lng, 6),
        address=address[:400],
        postcode=postcode,
        uprn=uprn,
        ward=ward.name[:100] if ward else "",
    )


# --- answers to a category's questions --------------------------------------------------


def answers_check(category: Category, given: dict) -> dict:
    """The answers to the category's questions, checked against each datatype; questions
    the category does not ask are ignored (partners send extras such as `fixmystreet_id`)."""
    kept: dict = {}
    for question in category.attributes.all():
        if not question.variable:
            continue
        value = given.get(question.code)
        values = value if isinstance(value, list) else [value] if value not in (None, "") else []
        values = [str(v).strip() for v in values if str(v).strip()]
        if not values:
            if question.required:
                raise ReportError(
                    f"Answer the question: {question.description}",
                    field=f"attribute[{question.code}]",
                )
            continue
        keys = {choice["key"] for choice in question.values}
        where = f"attribute[{question.code}]"
        if question.datatype == MULTI:
            wrong = [v for v in values if v not in keys]
            if wrong:
                raise ReportError(
                    f"{', '.join(wrong)} is not a choice for {question.code}.", field=where
                )
            kept[question.code] = values
            continue
        if len(values) > 1:
            raise ReportError(f"Give one answer for {question.code}.", field=where)
        answer = values[0]
        if question.datatype == SINGLE and answer not in keys:
            raise ReportError(f"{answer} is not a choice for {question.code}.", field=where)
        if question.datatype == NUMBER:
            try:
                Decimal(answer)
            except InvalidOperation as error:
                raise ReportError(f"{question.code} must be a number.", field=where) from error
        if question.datatype == DATETIME:
            moment = parse_datetime(answer)
            if moment is None or moment.tzinfo is None:
                raise ReportError(
                    f"{question.code} must be a date and time with a timezone, "
                    "like 2026-11-22T09:30:00Z",
                    field=where,
                )
        limit = MAX_DESCRIPTION if question.datatype == TEXT else 300
        if question.datatype in (STRING, TEXT) and len(answer) > limit:
            raise ReportError(f"{question.code} must be {limit} characters or fewer.", field=where)
        kept[question.code] = answer
    return kept


# --- reporting a problem ----------------------------------------------------------------


def _photo_checked(upload) -> str:
    try:
        kind = cases.file_check(upload)
    except cases.FileRejected as error:
        raise ReportError(error.message, field="photo") from error
    if kind not in PHOTO_TYPES:
        raise ReportError("A photo must be a JPG or PNG", field="photo")
    return kind


@transaction.atomic
def report_create(
    *,
    service_code: str,
    place: Place,
    contact: cases.Contact,
    description: str = "",
    channel: str = "web",
    attributes: dict | None = None,
    photos: list | tuple = (),
    media_url: str = "",
    api_client: ApiClient | None = None,
    created_by=None,
    idempotency_key: str = "",
) -> Report:
    """Report a problem in the street from any channel: it becomes a case routed to the
    category's team, and is flagged to staff when it looks like a duplicate.

    Strategy: "multi-channel options for problem reporting" (Southwark 2024-26).
    """
    category = Category.objects.filter(service_code=service_code, active=True).first()
    if category is None:
        raise NotFound(f"There is no service with the code {service_code!r}.", field="service_code")
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise ReportError(
            f"The description must be {MAX_DESCRIPTION:,} characters or fewer", field="description"
        )
    if len(photos) > MAX_PHOTOS:
        raise ReportError(f"Add at most {MAX_PHOTOS} photos", field="photo")
    kinds = [_photo_checked(upload) for upload in photos]
    answers = answers_check(category, attributes or {})
    where = place_locate(place)
    try:
        case, created = cases.case_create(
            case_type=category.case_type_code,
            channel=channel,
            contact=contact,
            description=description,
            answers=answers,
            location=cases.Location(
                uprn=where.uprn,
                latitude=where.latitude,
                longitude=where.longitude,
                address=where.address,
                postcode=where.postcode,
                ward=where.ward,
            ),
            created_by=created_by,
            idempotency_key=idempotency_key,
        )
    except cases.CaseError as error:
        raise ReportError(error.message, field=error.field) from error
    if not created:
        return Report.objects.get(case_id=case.pk)
    report = Report.objects.create(
        case_id=case.pk,
        reference=case.reference,
        category=category,
        requested_at=case.received_at,
        latitude=where.latitude,
        longitude=where.longitude,
        address=where.address,
        postcode=where.postcode,
        uprn=where.uprn,
        ward=where.ward,
        description=description,
        attributes=answers,
        media_url=media_url[:1000],
        channel=channel,
        api_client=api_client,
    )
    for upload, kind in zip(photos, kinds, strict=True):
        photo = Photo(
            report=report, content_type=kind, size=upload.size, uploaded_at=case.received_at
        )
        extension = "png" if kind == "image/png" else "jpg"
        photo.file.save(f"{report.reference}.{extension}", upload, save=False)
        photo.save()
    _duplicates_flag(report)
    return report


def _duplicates_flag(report: Report) -> list[DuplicateFlag]:
    """Flag open reports of the same category close in place and time, for staff to merge.

    The distance and the window are settings (REPORTS_DUPLICATE_DISTANCE_M and
    REPORTS_DUPLICATE_DAYS)."""
    from frontdoor.reports import queries

    distance = settings.REPORTS_DUPLICATE_DISTANCE_M
    since = report.requested_at - datetime.timedelta(days=settings.REPORTS_DUPLICATE_DAYS)
    flags = []
    for nearby in queries.reports_near(
        latitude=float(report.latitude),
        longitude=float(report.longitude),
        radius_m=distance,
        service_code=report.category.service_code,
        since=since,
        exclude=report.pk,
        limit=20,
    ):
        flags.append(
            DuplicateFlag.objects.create(
                report=report,
                original_id=nearby.id,
                distance_m=round(nearby.distance_m),
                flagged_at=report.requested_at,
            )
        )
    return flags


@transaction.atomic
def report_me_too(
    *,
    reference: str,
    name: str = "",
    email: str = "",
    phone: str = "",
    preference: str = "",
    channel: str = "web",
) -> MeToo:
    """ "Me too": follow an open report and get its updates, instead of reporting it again.

    It counts as a contact about the existing report, not a new case; saying it twice with
    the same email or phone counts once.
    """
    report = Report.objects.select_related("category").filter(reference=reference).first()
    if report is None or not report.category.public:
        raise NotFound(f"There is no report {reference}.", field="reference")
    if cases_queries.case_public(reference=reference).closed:
        raise ReportError("This problem is already closed. Report it again if it has come back.")
    try:
        subscriber = cases.case_subscriber_add(
            reference=reference,
            name=name,
            email=email,
            phone=phone,
            preference=preference,
            source="me too",
        )
    except cases.CaseError as error:
        raise ReportError(error.message, field=error.field) from error
    try:
        with transaction.atomic():
            me_too = MeToo.objects.create(
                report=report, subscriber_id=subscriber.pk, channel=channel, at=timezone.now()
            )
    except IntegrityError:
        return MeToo.objects.get(report=report, subscriber_id=subscriber.pk)
    Report.objects.filter(pk=report.pk).update(me_too_count=F("me_too_count") + 1)
    return me_too


# --- duplicates, for staff --------------------------------------------------------------


def _flag_for(user, flag_id: int) -> DuplicateFlag:
    accounts.role_check(user=user, roles=WORKERS, action="merge duplicate reports")
    flag = (
        DuplicateFlag.objects.select_for_update(of=("self",))
        .select_related("report", "original")
        .filter(pk=flag_id, outcome="")
        .first()
    )
    if flag is None:
        raise NotFound("That possible duplicate has already been dealt with.")
    return flag


@transaction.atomic
def duplicate_merge(*, user, flag_id: int) -> DuplicateFlag:
    """Close the newer report as a duplicate and make its reporter a follower of the first,
    so they hear about the one repair."""
    flag = _flag_for(user, flag_id)
    duplicate, original = flag.report, flag.original
    try:
        case = cases.case_access(user=user, reference=duplicate.reference, purpose="merged")
        if not case.closed:
            cases.case_transition(
                user=user,
                reference=duplicate.reference,
                transition="mark_duplicate",
                expected_version=case.version,
                public_text=(
                    f"Someone reported this problem before you, as {original.reference}. "
                    "We have added you to that report, so you will hear when it is fixed."
                ),
            )
        if case.contact_preference in ("email", "sms"):
            follower = cases.case_subscriber_add(
                reference=original.reference,
                name=case.contact_name,
                email=case.contact_email if case.contact_preference == "email" else "",
                phone=case.contact_phone if case.contact_preference == "sms" else "",
                preference=case.contact_preference,
                source="merged duplicate",
                added_by=user,
            )
            _, made = MeToo.objects.get_or_create(
                report=original,
                subscriber_id=follower.pk,
                defaults={"channel": duplicate.channel, "at": timezone.now()},
            )
            if made:
                Report.objects.filter(pk=original.pk).update(me_too_count=F("me_too_count") + 1)
    except cases.CaseError as error:
        raise ReportError(error.message, field=error.field) from error
    now = timezone.now()
    flag.outcome, flag.decided_at, flag.decided_by = DuplicateFlag.MERGED, now, user
    flag.save(update_fields=["outcome", "decided_at", "decided_by"])
    DuplicateFlag.objects.filter(report=duplicate, outcome="").update(
        outcome=DuplicateFlag.DISMISSED, decided_at=now, decided_by=user
    )
    audit.audit_record(
        actor=user,
        action="reports.duplicate_merged",
        subject_type="case",
        subject_id=duplicate.reference,
        detail={"into": original.reference},
    )
    return flag


@transaction.atomic
def duplicate_dismiss(*, user, flag_id: int) -> DuplicateFlag:
    """Not the same problem after all: keep both reports."""
    flag = _flag_for(user, flag_id)
    flag.outcome, flag.decided_at, flag.decided_by = DuplicateFlag.DISMISSED, timezone.now(), user
    flag.save(update_fields=["outcome", "decided_at", "decided_by"])
    audit.audit_record(
        actor=user,
        action="reports.duplicate_dismissed",
        subject_type="case",
        subject_id=flag.report.reference,
        detail={"original": flag.original.reference},
    )
    return flag


# --- partner apps -----------------------------------------------------------------------


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_client_issue(*, user, name: str, contact_email: str = "") -> tuple[ApiClient, str]:
    """Give a partner app an Open311 API key; the key is returned once and stored hashed."""
    accounts.role_check(user=user, roles=KEY_ISSUERS, action="issue API keys")
    name = name.strip()
    if not name:
        raise ReportError("Enter the name of the partner app", field="name")
    key = secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name[:200],
        contact_email=contact_email.strip().lower(),
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
