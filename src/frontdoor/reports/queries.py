"""Read-only questions about street reports: categories, what is reported nearby, the public
map and list, the Open311 listings, duplicates for staff, partner keys.

A report's status is its case's: these read the case's status columns through the report's
one-to-one link (one join), never the reporter's personal data.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import QuerySet

from frontdoor.cases import queries as cases_queries
from frontdoor.places import queries as places
from frontdoor.reports.models import ApiClient, Category, DuplicateFlag, Photo, Report
from frontdoor.reports.services import key_hash

METRES_PER_DEGREE = 111_320
# The columns any public view of a report may read: nothing about who reported it.
PUBLIC_COLUMNS = (
    "id",
    "reference",
    "requested_at",
    "latitude",
    "longitude",
    "address",
    "postcode",
    "uprn",
    "ward",
    "description",
    "media_url",
    "me_too_count",
    "category__service_code",
    "category__name",
    "case__status",
    "case__closed",
    "case__updated_at",
    "case__closed_at",
    "case__sla_due_at",
    "case__team__name",
    "case__case_type__workflow_id",
)


def categories(*, public_only: bool = False) -> QuerySet[Category]:
    found = Category.objects.filter(active=True).prefetch_related("attributes")
    return found.filter(public=True) if public_only else found


def category_get(*, service_code: str) -> Category | None:
    return (
        Category.objects.filter(service_code=service_code, active=True)
        .prefetch_related("attributes")
        .first()
    )


@dataclass(frozen=True)
class NearbyReport:
    id: int
    reference: str
    service_code: str
    category: str
    latitude: float
    longitude: float
    distance_m: float
    address: str
    description: str
    requested_at: datetime.datetime
    status: str
    me_too_count: int


def _state_labels() -> dict[int, dict[str, str]]:
    """Each workflow's state labels as residents read them, by workflow id: read once per
    call, not once per report, so a list of a thousand decodes no workflow twice."""
    labels: dict[int, dict[str, str]] = {}
    for case_type in cases_queries.case_types(active_only=False).filter(source="reports"):
        if case_type.workflow_id not in labels:
            definition = cases_queries.definition_of_type(case_type=case_type)
            labels[case_type.workflow_id] = {s.code: s.resident_label for s in definition.states}
    return labels


def _status_label(row: dict, labels: dict[int, dict[str, str]]) -> str:
    known = labels.get(row["case__case_type__workflow_id"], {})
    return known.get(row["case__status"], row["case__status"])


def reports_near(
    *,
    latitude: float,
    longitude: float,
    radius_m: float,
    service_code: str = "",
    since: datetime.datetime | None = None,
    exclude: int | None = None,
    public_only: bool = False,
    limit: int = 10,
) -> list[NearbyReport]:
    """Open reports within `radius_m` of a point, nearest first (a box in SQL, then the
    exact distance)."""
    dlat = radius_m / METRES_PER_DEGREE
    dlng = radius_m / (METRES_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01))
    rows = Report.objects.filter(
        case__closed=False,
        latitude__gte=latitude - dlat,
        latitude__lte=latitude + dlat,
        longitude__gte=longitude - dlng,
        longitude__lte=longitude + dlng,
    )
    if service_code:
        rows = rows.filter(category__service_code=service_code)
    if since is not None:
        rows = rows.filter(requested_at__gte=since)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    if public_only:
        rows = rows.filter(category__public=True)
    found = []
    labels = _state_labels()
    for row in rows.values(*PUBLIC_COLUMNS)[:500]:
        distance = places.distance_m(
            latitude, longitude, float(row["latitude"]), float(row["longitude"])
        )
        if distance <= radius_m:
            found.append(
                NearbyReport(
                    id=row["id"],
                    reference=row["reference"],
                    service_code=row["category__service_code"],
                    category=row["category__name"],
                    latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]),
                    distance_m=distance,
                    address=row["address"],
                    description=row["description"],
                    requested_at=row["requested_at"],
                    status=_status_label(row, labels),
                    me_too_count=row["me_too_count"],
                )
            )
    found.sort(key=lambda r: r.distance_m)
    return found[:limit]


@dataclass(frozen=True)
class PublicReport:
    """A report as anyone may see it, on the map, the list and in Open311."""

    id: int
    reference: str
    service_code: str
    category: str
    status: str  # open or closed
    extended_status: str  # the workflow state: FixMyStreet's extended status
    status_label: str
    latitude: float | None
    longitude: float | None
    address: str
    postcode: str
    uprn: str
    ward: str
    description: str
    media_url: str
    requested_at: datetime.datetime
    updated_at: datetime.datetime
    expected_at: datetime.datetime
    agency: str
    me_too_count: int


def _public(row: dict, labels: dict[int, dict[str, str]]) -> PublicReport:
    return PublicReport(
        id=row["id"],
        reference=row["reference"],
        service_code=row["category__service_code"],
        category=row["category__name"],
        status="closed" if row["case__closed"] else "open",
        extended_status=row["case__status"],
        status_label=_status_label(row, labels),
        latitude=None if row["latitude"] is None else float(row["latitude"]),
        longitude=None if row["longitude"] is None else float(row["longitude"]),
        address=row["address"],
        postcode=row["postcode"],
        uprn=row["uprn"],
        ward=row["ward"],
        description=row["description"],
        media_url=row["media_url"],
        requested_at=row["requested_at"],
        updated_at=row["case__updated_at"],
        expected_at=row["case__sla_due_at"],
        agency=row["case__team__name"] or "",
        me_too_count=row["me_too_count"],
    )


def report_public(*, reference: str) -> PublicReport | None:
    row = (
        Report.objects.filter(reference=reference.strip().upper(), category__public=True)
        .values(*PUBLIC_COLUMNS)
        .first()
    )
    return None if row is None else _public(row, _state_labels())


def photo_get(*, reference: str, photo_id: int) -> Photo | None:
    """A public report's photo."""
    return Photo.objects.filter(
        pk=photo_id, report__reference=reference, report__category__public=True
    ).first()


def requests_find(
    *,
    references: list[str] | None = None,
    service_codes: list[str] | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    statuses: list[str] | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[PublicReport]:
    """Reports for Open311's GET requests: by id (which overrides everything else), or by
    service code, date range and open/closed, newest first."""
    rows = Report.objects.filter(category__public=True)
    if references is not None:
        rows = rows.filter(reference__in=references)
    else:
        if service_codes:
            rows = rows.filter(category__service_code__in=service_codes)
        if start is not None:
            rows = rows.filter(requested_at__gte=start)
        if end is not None:
            rows = rows.filter(requested_at__lte=end)
        if statuses and set(statuses) != {"open", "closed"}:
            rows = rows.filter(case__closed=statuses[0] == "closed")
    rows = rows.order_by("-requested_at", "-id").values(*PUBLIC_COLUMNS)
    labels = _state_labels()
    return [_public(row, labels) for row in rows[offset : offset + limit]]


def public_list(
    *, status: str = "", service_code: str = "", ward: str = "", page: int = 1, per_page: int = 25
):
    """The public list of reports by area and status: a Django page of PublicReport."""
    rows = Report.objects.filter(category__public=True)
    if status in ("open", "closed"):
        rows = rows.filter(case__closed=status == "closed")
    if service_code:
        rows = rows.filter(category__service_code=service_code)
    if ward:
        rows = rows.filter(ward=ward)
    rows = rows.order_by("-requested_at", "-id").values(*PUBLIC_COLUMNS)
    paginator = Paginator(rows, per_page)
    found = paginator.get_page(page)
    labels = _state_labels()
    found.object_list = [_public(row, labels) for row in found.object_list]
    return found


def wards() -> list[str]:
    return list(
        Report.objects.exclude(ward="").values_list("ward", flat=True).distinct().order_by("ward")
    )


@dataclass(frozen=True)
class PublicUpdate:
    """One public step on a report's case: GET servicerequestupdates."""

    update_id: str
    reference: str
    status: str
    extended_status: str
    description: str
    updated_at: datetime.datetime


def updates_find(
    *,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    references: list[str] | None = None,
    limit: int = 1000,
) -> list[PublicUpdate]:
    """Public steps on reports' cases (status changes and updates), oldest first."""
    # One filter() call, so every condition is on the same event (one join, not several).
    conditions = {
        "category__public": True,
        "case__events__public": True,
        "case__events__kind__in": ("status", "public_update"),
    }
    if references is not None:
        conditions["reference__in"] = references
    if start is not None:
        conditions["case__events__at__gte"] = start
    if end is not None:
        conditions["case__events__at__lte"] = end
    rows = Report.objects.filter(**conditions)
    rows = rows.order_by("case__events__at", "case__events__id").values(
        "reference",
        "case__status",
        "case__events__id",
        "case__events__at",
        "case__events__text",
        "case__events__data",
        "case__case_type__workflow__definition",
    )[:limit]
    found = []
    for row in rows:
        state = (row["case__events__data"] or {}).get("to") or row["case__status"]
        closed = any(
            s["code"] == state and s.get("closed")
            for s in row["case__case_type__workflow__definition"]["states"]
        )
        found.append(
            PublicUpdate(
                update_id=str(row["case__events__id"]),
                reference=row["reference"],
                status="closed" if closed else "open",
                extended_status=state,
                description=row["case__events__text"],
                updated_at=row["case__events__at"],
            )
        )
    return found


def status_notes(*, report_ids: list[int]) -> dict[int, str]:
    """The latest public words on each report's case (Open311 `status_notes`)."""
    rows = (
        Report.objects.filter(
            pk__in=report_ids, case__events__public=True, case__events__text__gt=""
        )
        .order_by("id", "case__events__at", "case__events__id")
        .values_list("id", "case__events__text")
    )
    return dict(rows)


def api_client_for_key(*, key: str) -> ApiClient | None:
    if not key:
        return None
    return ApiClient.objects.filter(key_hash=key_hash(key), revoked_at=None).first()


def api_clients() -> QuerySet[ApiClient]:
    return ApiClient.objects.order_by("revoked_at", "name")


def duplicates_open() -> QuerySet[DuplicateFlag]:
    """Possible duplicates staff have not yet merged or dismissed, newest first."""
    return DuplicateFlag.objects.filter(outcome="").select_related(
        "report__category", "original__category"
    )


def report_for_staff(*, reference: str) -> Report | None:
    return Report.objects.select_related("category").filter(reference=reference).first()


def report_photo_ids(*, report_ids: list[int]) -> dict[int, list[int]]:
    """Each report's photo ids, in the order they were added."""
    found: dict[int, list[int]] = {}
    for report_id, photo_id in (
        Photo.objects.filter(report_id__in=report_ids).order_by("id").values_list("report_id", "id")
    ):
        found.setdefault(report_id, []).append(photo_id)
    return found
