"""Reporting a problem from any channel: where it is, the answers to its category's
questions, the case it becomes, duplicates flagged, and "me too".

Strategy: "multi-channel options for problem reporting" (Southwark 2024-26)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.places import queries as places
from frontdoor.reports.models import (
    DATETIME,
    MULTI,
    NUMBER,
    SINGLE,
    STRING,
    TEXT,
    ApiClient,
    Category,
    DuplicateFlag,
    MeToo,
    Photo,
    Report,
)
from frontdoor.reports.services.common import (
    MAX_DESCRIPTION,
    MAX_PHOTOS,
    PHOTO_TYPES,
    NotFound,
    OutsideBoundary,
    Place,
    ReportError,
    _Located,
)


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
        if postcode and places.postcode_normalise(address) == postcode:
            address = ""  # only a postcode was typed: keep it as the postcode, written properly
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
    media_url = (media_url or "").strip()
    if media_url and (len(media_url) > 1000 or not re.match(r"https?://[^\s]+$", media_url)):
        raise ReportError("media_url must be a web address starting http:// or https://")
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
