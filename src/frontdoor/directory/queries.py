"""Read-only selections of the directory: public search, the standard API's lists, the
open dataset, and the editors' freshness queue.

Strategy: "an up-to-date comprehensive directory of activities and services to help users
find support that meets their needs" (Southampton Digital Strategy 2018-22).
"""

from __future__ import annotations

import datetime
import math
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from frontdoor.directory import hsds, opening, search
from frontdoor.directory.models import (
    Attribute,
    ChangeSuggestion,
    Contact,
    ImportRun,
    Location,
    Metadata,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from frontdoor.places import queries as places

# The services residents may find: HSDS "active" and "temporarily closed" (shown with a note).
LISTED = ("active", "temporarily closed")
AGE_GROUPS = {
    "children": (0, 17, "Children and young people (under 18)"),
    "adults": (18, 64, "Adults (18 to 64)"),
    "older": (65, 120, "Older people (65 and over)"),
}
METRES_PER_DEGREE = 111_320.0
# Services with no place (online only) come after every place, on both databases.
_NEAREST = F("distance2").asc(nulls_last=True)


@dataclass
class ServiceFilter:
    """Every way to narrow the directory; all given conditions must hold (AND)."""

    text: str = ""
    taxonomy_term_ids: list = field(default_factory=list)  # any of these (and their children)
    taxonomy_id: object = None
    organization_id: object = None
    modified_after: datetime.datetime | None = None
    point: places.Point | None = None
    proximity_m: float | None = None  # with a point: only services within this distance
    minimum_age: int | None = None  # services that take people at least this old
    maximum_age: int | None = None  # services that take people no older than this
    day: str = ""  # MO..SU: open on this day
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    free: bool = False
    weekends: bool = False
    open_at: datetime.datetime | None = None  # "open now"
    online: bool = False
    in_person: bool = False
    statuses: tuple[str, ...] = LISTED


@dataclass
class SearchOutcome:
    queryset: QuerySet
    query: search.Query | None = None
    any_word: bool = False  # every word matched nothing together: any word was used
    total: int | None = None  # how many matched, when the search had to count them


def _term_ids_with_children(ids) -> set:
    found = set(ids)
    frontier = set(ids)
    while frontier:
        frontier = (
            set(TaxonomyTerm.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            - found
        )
        found |= frontier
    return found


def _schedules_of_service() -> QuerySet:
    return Schedule.objects.filter(
        Q(service_id=OuterRef("pk")) | Q(service_at_location__service_id=OuterRef("pk"))
    )


def services_filtered(flt: ServiceFilter) -> SearchOutcome:
    """Services matching a filter, best first: by distance when a point is given, else by
    how well they match the words, else by name."""
    qs = Service.objects.filter(status__in=flt.statuses)
    if flt.taxonomy_term_ids:
        terms = _term_ids_with_children(flt.taxonomy_term_ids)
        qs = qs.filter(
            pk__in=Attribute.objects.filter(
                link_entity="service", taxonomy_term_id__in=terms
            ).values("link_id")
        )
    if flt.taxonomy_id:
        qs = qs.filter(
            pk__in=Attribute.objects.filter(
                link_entity="service", taxonomy_term__taxonomy_ref_id=flt.taxonomy_id
            ).values("link_id")
        )
    if flt.organization_id:
        qs = qs.filter(organization_id=flt.organization_id)
    if flt.modified_after:
        qs = qs.filter(last_modified__gte=flt.modified_after)
    if flt.minimum_age is not None:
        qs = qs.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=flt.minimum_age))
    if flt.maximum_age is not None:
        qs = qs.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=flt.maximum_age))
    if flt.free:
        qs = qs.filter(is_free=True)
    if flt.weekends:
        qs = qs.filter(open_weekends=True)
    if flt.online:
        qs = qs.filter(online=True)
    if flt.in_person:
        qs = qs.filter(in_person=True)
    if flt.day or flt.start_time or flt.end_time:
        schedules = _schedules_of_service()
        if flt.day:
            schedules = schedules.filter(byday__contains=flt.day)
        if flt.start_time:
            schedules = schedules.filter(opens_at__lte=flt.start_time, closes_at__gt=flt.start_time)
        if flt.end_time:
            schedules = schedules.filter(closes_at__gte=flt.end_time, opens_at__lt=flt.end_time)
        qs = qs.filter(Exists(schedules))
    if flt.open_at:
        here = flt.open_at.astimezone(opening.LONDON)
        day = opening.DAYS[here.weekday()]
        # The database narrows to schedules open at this hour on this weekday; the exact
        # rule (second Tuesday, every two weeks) is checked on the page's own services.
        qs = qs.filter(
            Exists(
                _schedules_of_service().filter(
                    byday__contains=day, opens_at__lte=here.time(), closes_at__gt=here.time()
                )
            )
        )
    outcome = SearchOutcome(qs)
    if flt.point is not None:
        qs = _by_distance(qs, flt.point, flt.proximity_m)
        outcome.queryset = qs
    if flt.text.strip():
        query = search.parse(flt.text)
        outcome.query = query
        if not query:
            outcome.queryset = qs.none()
            return outcome
        matched = search.apply(qs, query)
        outcome.total = matched.count()
        if len(query.concepts) > 1 and not outcome.total:
            matched = search.apply(qs, query, any_word=True)
            outcome.any_word = True
            outcome.total = None
        order = (_NEAREST, "-search_rank") if flt.point is not None else ("-search_rank",)
        outcome.queryset = matched.order_by(*order, "name")
        return outcome
    outcome.queryset = (
        qs.order_by(_NEAREST, "name") if flt.point is not None else qs.order_by("name")
    )
    return outcome


def _by_distance(qs: QuerySet, point: places.Point, proximity_m: float | None) -> QuerySet:
    """Annotate `distance2`, the squared distance in metres to the nearest place the service
    is given (an equirectangular approximation, right to within a metre across a city)."""
    k = math.cos(math.radians(point.lat))
    lat = F("location__latitude")
    lng = F("location__longitude")
    dy = (lat - point.lat) * METRES_PER_DEGREE
    dx = (lng - point.lng) * (METRES_PER_DEGREE * k)
    places_of = ServiceAtLocation.objects.filter(
        service_id=OuterRef("pk"), location__latitude__isnull=False
    )
    if proximity_m:
        span = proximity_m / METRES_PER_DEGREE
        places_of = places_of.filter(
            location__latitude__range=(point.lat - span, point.lat + span),
            location__longitude__range=(point.lng - span / k, point.lng + span / k),
        )
        qs = qs.filter(Exists(places_of))
    nearest = places_of.annotate(d2=dy * dy + dx * dx).order_by("d2").values("d2")[:1]
    qs = qs.annotate(distance2=Subquery(nearest))
    if proximity_m:
        qs = qs.filter(distance2__lte=proximity_m * proximity_m)
    return qs


# -- loading services whole, for pages and the API ------------------------------------


def _full(qs: QuerySet) -> QuerySet:
    return qs.select_related("organization").prefetch_related(
        "organization__organization_identifiers",
        "schedules",
        "service_areas",
        "languages",
        "cost_options",
        "phones",
        Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__addresses", "location__accessibility", "schedules"
            ),
        ),
    )


def attach_terms(services: list[Service]) -> list[Service]:
    """Give each service its `service_attributes` (HSDS attributes linking it to terms)."""
    by_service = defaultdict(list)
    ids = [s.pk for s in services]
    for attr in Attribute.objects.filter(link_entity="service", link_id__in=ids).select_related(
        "taxonomy_term__taxonomy_ref"
    ):
        by_service[attr.link_id].append(attr)
    for svc in services:
        svc.service_attributes = by_service[svc.pk]
    return services


def services_load(ids: list, *, full: bool = True) -> list[Service]:
    """These services, whole (or their own fields and organisation), in the order given."""
    qs = Service.objects.filter(pk__in=ids)
    qs = (
        _full(qs)
        if full
        else qs.select_related("organization").prefetch_related(
            "organization__organization_identifiers"
        )
    )
    found = {s.pk: s for s in qs}
    return attach_terms([found[i] for i in ids if i in found])


@dataclass
class ScheduleRule:
    """The parts of an HSDS schedule that say when a service opens (see opening.py)."""

    opens_at: datetime.time | None
    closes_at: datetime.time | None
    freq: str
    byday: str
    bymonthday: str
    interval: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    until: datetime.date | None
    dtstart: datetime.date | None
    description: str


_RULE_FIELDS = tuple(ScheduleRule.__dataclass_fields__)


@dataclass
class ResultRow:
    """One search result: what the results page shows, read without model instances."""

    pk: object
    name: str
    description: str
    organization_name: str
    status: str
    is_free: bool
    online: bool
    schedules: list[ScheduleRule] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)


def services_for_results(ids: list) -> list[ResultRow]:
    """A page of search results in three queries and no model instances, in the order given:
    the results page is the directory's busiest, so it reads only what it shows."""
    rows = {
        row[0]: ResultRow(*row[:3], row[3] or "", *row[4:])
        for row in Service.objects.filter(pk__in=ids).values_list(
            "pk", "name", "description", "organization__name", "status", "is_free", "online"
        )
    }
    for values in Schedule.objects.filter(
        Q(service_id__in=ids) | Q(service_at_location__service_id__in=ids)
    ).values_list("service_id", "service_at_location__service_id", *_RULE_FIELDS):
        owner = rows.get(values[0] or values[1])
        if owner is not None:
            owner.schedules.append(ScheduleRule(*values[2:]))
    for sid, lat, lng in ServiceAtLocation.objects.filter(
        service_id__in=ids, location__latitude__isnull=False, location__longitude__isnull=False
    ).values_list("service_id", "location__latitude", "location__longitude"):
        rows[sid].points.append((lat, lng))
    return [rows[i] for i in ids if i in rows]


def nearest_point_m(points: list[tuple[float, float]], point: places.Point | None) -> float | None:
    if point is None or not points:
        return None
    return min(places.distance_m(point.lat, point.lng, lat, lng) for lat, lng in points)


def service_get(*, service_id, listed_only: bool = True) -> Service | None:
    qs = Service.objects.filter(pk=service_id)
    if listed_only:
        qs = qs.filter(status__in=LISTED)
    found = list(_full(qs))
    return attach_terms(found)[0] if found else None


def services_published_hsds(*, chunk: int = 500) -> Iterator[dict]:
    """Every service residents can find, as full HSDS 3.0 service objects (the open dataset)."""
    ids = list(
        Service.objects.filter(status__in=LISTED)
        .order_by("name", "pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), chunk):
        for svc in services_load(ids[start : start + chunk]):
            yield hsds.service(svc, full=True)


# -- taxonomies, organisations and places ----------------------------------------------


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name")


def taxonomy_terms(*, taxonomy_id=None, parent_id=None, top_only: bool = False) -> QuerySet:
    qs = TaxonomyTerm.objects.select_related("taxonomy_ref").order_by("name")
    if taxonomy_id:
        qs = qs.filter(taxonomy_ref_id=taxonomy_id)
    if parent_id:
        qs = qs.filter(parent_id=parent_id)
    if top_only:
        qs = qs.filter(parent__isnull=True)
    return qs


_categories_cache: dict = {}
CATEGORIES_TTL_SECONDS = 60


def categories() -> list[TaxonomyTerm]:
    """The categories residents browse by (see `categories_fresh`), kept for a minute in
    each process: every search page shows them, and taxonomies change rarely."""
    now = time.monotonic()
    cached = _categories_cache.get("value")
    if cached is not None and now - _categories_cache["at"] < CATEGORIES_TTL_SECONDS:
        return cached
    value = categories_fresh()
    _categories_cache.update(value=value, at=now)
    return value


def categories_forget() -> None:
    """Drop this process's copy (after a taxonomy changes here; others refresh within a minute)."""
    _categories_cache.clear()


def categories_fresh() -> list[TaxonomyTerm]:
    """The categories residents browse by: top-level terms in use, each with
    `children_listed`, its own terms in use."""
    used = set(
        Attribute.objects.filter(link_entity="service")
        .values_list("taxonomy_term_id", flat=True)
        .distinct()
    )
    terms = list(TaxonomyTerm.objects.order_by("name"))
    children = defaultdict(list)
    for term in terms:
        if term.parent_id and term.pk in used:
            children[term.parent_id].append(term)
    tops = [t for t in terms if t.parent_id is None and (t.pk in used or children[t.pk])]
    for term in tops:
        term.children_listed = children[term.pk]
    return tops


def terms_for_service_ids(ids: list, *, limit: int = 6) -> list[TaxonomyTerm]:
    """The categories these services are in, the most used first."""
    counts = defaultdict(int)
    for term_id in Attribute.objects.filter(link_entity="service", link_id__in=ids).values_list(
        "taxonomy_term_id", flat=True
    ):
        counts[term_id] += 1
    best = sorted(counts, key=lambda t: -counts[t])[:limit]
    found = TaxonomyTerm.objects.in_bulk(best)
    return [found[t] for t in best if t in found]


def term_get(*, term_id) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.select_related("taxonomy_ref").filter(pk=term_id).first()


def organizations() -> QuerySet[Organization]:
    return Organization.objects.prefetch_related("organization_identifiers").order_by("name")


def service_at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.select_related("location").prefetch_related(
        "location__addresses", "location__accessibility"
    )


def locations() -> QuerySet[Location]:
    return Location.objects.prefetch_related("addresses").order_by("name")


def all_schedules(svc: Service) -> list[Schedule]:
    own = list(svc.schedules.all())
    for sal in svc.service_at_locations.all():
        own.extend(sal.schedules.all())
    return own


# -- freshness and editing -----------------------------------------------------------


def services_due_review(*, within_days: int = 14, today: datetime.date | None = None) -> QuerySet:
    """Services past their review date or within `within_days` of it, most overdue first."""
    today = today or timezone.localdate()
    return (
        Service.objects.filter(review_by__lte=today + datetime.timedelta(days=within_days))
        .exclude(status="defunct")
        .select_related("organization")
        .order_by("review_by", "name")
    )


def suggestions_pending() -> QuerySet[ChangeSuggestion]:
    return ChangeSuggestion.objects.filter(status=ChangeSuggestion.PENDING).select_related(
        "service"
    )


def suggestion_get(*, suggestion_id) -> ChangeSuggestion | None:
    return ChangeSuggestion.objects.select_related("service").filter(pk=suggestion_id).first()


def service_history(*, service_id) -> QuerySet[Metadata]:
    return Metadata.objects.filter(resource_id=service_id).order_by(
        "-last_action_date", "field_name"
    )


def imports_recent(limit: int = 10) -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("by")[:limit]


def services_for_editor(*, text: str = "") -> QuerySet[Service]:
    qs = Service.objects.select_related("organization").order_by("name")
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(organization__name__icontains=text))
    return qs
