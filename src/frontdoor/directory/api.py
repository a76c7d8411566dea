"""The Open Referral UK 3.0 API (HSDS 3.0 as the UK profiles it), at /api/directory/.

Strategy: "more open datasets released" and "publish an up-to-date comprehensive
directory of activities and services" (Southampton Digital Strategy). The paths, query
parameters, field names and paginated envelope are the standard's own; it is open to
all, with no key, and says so with `Access-Control-Allow-Origin: *` on every response.
Bad input gets a 400 with `{"code", "message", "field"}`, never a 500.
"""

from __future__ import annotations

import datetime
import uuid

from django.http import JsonResponse
from django.utils.dateparse import parse_date, parse_datetime
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from frontdoor.directory import hsds, queries
from frontdoor.directory.models import Organization, Taxonomy, TaxonomyTerm
from frontdoor.places import queries as places

VERSION = "HSDS-UK-3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI = "https://docs.openreferraluk.org/en/latest/openapi30.json"
PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PROXIMITY_M = 100_000
DAY_CODES = {
    **{code: code for code in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")},
    **dict(zip(
        ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
        ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True)),
}  # fmt: skip

directory_api = NinjaAPI(
    title="Service directory: Open Referral UK 3.0",
    version=VERSION,
    description="The council's directory of services as Open Referral UK 3.0 (HSDS 3.0). "
    "Open to everyone, no key. Field names, parameters and envelopes are the standard's: "
    f"see {OPENAPI}.",
    urls_namespace="directory_api",
)


class BadParameter(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str, field: str = "") -> JsonResponse:
    body = {"code": status, "message": message}
    if field:
        body["field"] = field
    return _json(body, status)


@directory_api.exception_handler(BadParameter)
def _bad_parameter(request, exc: BadParameter):
    return _error(400, str(exc), exc.field)


@directory_api.exception_handler(NinjaValidationError)
def _bad_input(request, exc: NinjaValidationError):
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(p) for p in first.get("loc", [])[1:])
    return _error(400, f"{where or 'input'}: {first.get('msg', 'is not valid')}", where)


def _text(value: str | None) -> str:
    return (value or "").strip()


def _int(field: str, value: str | None, *, low: int, high: int, default: int | None = None):
    text = _text(value)
    if not text:
        return default
    try:
        number = int(text)
    except ValueError:
        raise BadParameter(field, f"{field} must be a whole number, not {text!r}.") from None
    if not low <= number <= high:
        raise BadParameter(field, f"{field} must be from {low} to {high}, not {number}.")
    return number


def _uuid(field: str, value: str | None):
    text = _text(value)
    if not text:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        raise BadParameter(field, f"{field} must be a UUID, not {text!r}.") from None


def _known(field: str, value, model, what: str):
    if value is not None and not model.objects.filter(pk=value).exists():
        raise BadParameter(field, f"There is no {what} with the id {value}.")
    return value


def _time(field: str, value: str | None) -> datetime.time | None:
    text = _text(value)
    if not text:
        return None
    try:
        return datetime.time.fromisoformat(text.removesuffix("Z"))
    except ValueError:
        raise BadParameter(field, f"{field} must be a time such as 09:30, not {text!r}.") from None


def _bool(value: str | None) -> bool:
    return _text(value).lower() in {"true", "1", "yes"}


def _paging(page: str | None, per_page: str | None) -> tuple[int, int]:
    return (
        _int("page", page, low=1, high=1_000_000, default=1),
        _int("per_page", per_page, low=1, high=MAX_PER_PAGE, default=PER_PAGE),
    )


def _page(items: list, total: int, number: int, size: int) -> JsonResponse:
    return _json(hsds.page(items, total=total, page_number=number, per_page=size))


def _slice(qs, number: int, size: int):
    start = (number - 1) * size
    return qs[start : start + size]


@directory_api.get("/", summary="About this API", tags=["HSDS"])
def api_details(request):
    """The HSDS version and profile this API follows (the ORUK validator reads it)."""
    return _json({"version": VERSION, "profile": PROFILE, "openapi_url": OPENAPI})


def _filter(request_get, **given) -> queries.ServiceFilter:
    text = _text(given.get("search")) or _text(given.get("text"))
    term_id = _known(
        "taxonomy_term_id", _uuid("taxonomy_term_id", given.get("taxonomy_term_id")),
        TaxonomyTerm, "taxonomy term",
    )  # fmt: skip
    taxonomy_id = _known(
        "taxonomy_id", _uuid("taxonomy_id", given.get("taxonomy_id")), Taxonomy, "taxonomy"
    )
    organization_id = _known(
        "organization_id", _uuid("organization_id", given.get("organization_id")),
        Organization, "organization",
    )  # fmt: skip
    modified_after = None
    if _text(given.get("modified_after")):
        raw = _text(given["modified_after"])
        modified_after = parse_datetime(raw) if "T" in raw else None
        if modified_after is None and parse_date(raw):
            modified_after = datetime.datetime.combine(parse_date(raw), datetime.time())
        if modified_after is None:
            raise BadParameter(
                "modified_after", f"modified_after must be an ISO 8601 date-time, not {raw!r}."
            )
        if modified_after.tzinfo is None:
            modified_after = modified_after.replace(tzinfo=datetime.UTC)
    point = None
    proximity = None
    if _text(given.get("postcode")):
        postcode = places.postcode_normalise(given["postcode"])
        if not postcode:
            raise BadParameter("postcode", f"{given['postcode']!r} is not a UK postcode.")
        point = places.point_for_postcode(postcode)
        if point is None:
            raise BadParameter("postcode", f"We do not know where {postcode} is.")
        proximity = _int("proximity", given.get("proximity"), low=1, high=MAX_PROXIMITY_M)
    elif _text(given.get("proximity")):
        raise BadParameter("proximity", "proximity needs a postcode to measure from.")
    day = _text(given.get("day"))
    if day:
        code = DAY_CODES.get(day.upper())
        if not code:
            raise BadParameter("day", f"day must be a day such as MO or monday, not {day!r}.")
        day = code
    return queries.ServiceFilter(
        text=text,
        taxonomy_term_ids=[term_id] if term_id else [],
        taxonomy_id=taxonomy_id,
        organization_id=organization_id,
        modified_after=modified_after,
        point=point,
        proximity_m=proximity,
        minimum_age=_int("minimum_age", given.get("minimum_age"), low=0, high=150),
        maximum_age=_int("maximum_age", given.get("maximum_age"), low=0, high=150),
        day=day,
        start_time=_time("start_time", given.get("start_time")),
        end_time=_time("end_time", given.get("end_time")),
    )


@directory_api.get("/services", summary="Search services", tags=["HSDS"])
def services_list(
    request,
    search: str | None = None,
    text: str | None = None,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    postcode: str | None = None,
    proximity: str | None = None,
    minimum_age: str | None = None,
    maximum_age: str | None = None,
    day: str | None = None,
    start_time: str | None = None,
    end_time: str | None = None,
    full: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
):
    """Services, filtered; every given parameter must hold (AND). `proximity` is metres
    from the centre of `postcode`; `day` is MO..SU; times are HH:MM."""
    number, size = _paging(page, per_page)
    flt = _filter(request.GET, **{k: v for k, v in locals().items() if k != "request"})
    outcome = queries.services_filtered(flt)
    total = outcome.queryset.count()
    ids = list(_slice(outcome.queryset.values_list("pk", flat=True), number, size))
    whole = _bool(full)
    items = [hsds.service(s, full=whole) for s in queries.services_load(ids, full=whole)]
    return _page(items, total, number, size)


@directory_api.get("/services/{service_id}", summary="One service, whole", tags=["HSDS"])
def service_detail(request, service_id: str):
    found = _lookup(service_id, lambda sid: queries.service_get(service_id=sid))
    if found is None:
        return _error(404, f"There is no service with the id {service_id}.")
    return _json(hsds.service(found, full=True))


def _lookup(value: str, get):
    try:
        return get(uuid.UUID(value))
    except ValueError:
        return None


@directory_api.get("/taxonomies", summary="Taxonomies", tags=["HSDS"])
def taxonomies_list(request, page: str | None = None, per_page: str | None = None):
    number, size = _paging(page, per_page)
    qs = queries.taxonomies()
    items = [hsds.taxonomy(t) for t in _slice(qs, number, size)]
    return _page(items, qs.count(), number, size)


@directory_api.get("/taxonomies/{taxonomy_id}", summary="One taxonomy", tags=["HSDS"])
def taxonomy_detail(request, taxonomy_id: str):
    found = _lookup(taxonomy_id, lambda i: queries.taxonomies().filter(pk=i).first())
    if found is None:
        return _error(404, f"There is no taxonomy with the id {taxonomy_id}.")
    return _json(hsds.taxonomy(found))


@directory_api.get("/taxonomy_terms", summary="Taxonomy terms", tags=["HSDS"])
def taxonomy_terms_list(
    request,
    taxonomy_id: str | None = None,
    parent_id: str | None = None,
    top_only: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
):
    number, size = _paging(page, per_page)
    qs = queries.taxonomy_terms(
        taxonomy_id=_known("taxonomy_id", _uuid("taxonomy_id", taxonomy_id), Taxonomy, "taxonomy"),
        parent_id=_known("parent_id", _uuid("parent_id", parent_id), TaxonomyTerm, "taxonomy term"),
        top_only=_bool(top_only),
    )
    items = [hsds.taxonomy_term(t) for t in _slice(qs, number, size)]
    return _page(items, qs.count(), number, size)


@directory_api.get("/taxonomy_terms/{term_id}", summary="One taxonomy term", tags=["HSDS"])
def taxonomy_term_detail(request, term_id: str):
    found = _lookup(term_id, lambda i: queries.term_get(term_id=i))
    if found is None:
        return _error(404, f"There is no taxonomy term with the id {term_id}.")
    return _json(hsds.taxonomy_term(found))


@directory_api.get("/organizations", summary="Organisations", tags=["HSDS"])
def organizations_list(request, page: str | None = None, per_page: str | None = None):
    number, size = _paging(page, per_page)
    qs = queries.organizations()
    items = [hsds.organization(o) for o in _slice(qs, number, size)]
    return _page(items, qs.count(), number, size)


@directory_api.get("/organizations/{organization_id}", summary="One organisation", tags=["HSDS"])
def organization_detail(request, organization_id: str):
    found = _lookup(organization_id, lambda i: queries.organizations().filter(pk=i).first())
    if found is None:
        return _error(404, f"There is no organization with the id {organization_id}.")
    return _json(hsds.organization(found))


@directory_api.get("/service_at_locations", summary="Services at locations", tags=["HSDS"])
def service_at_locations_list(request, page: str | None = None, per_page: str | None = None):
    number, size = _paging(page, per_page)
    qs = queries.service_at_locations().filter(service__status__in=queries.LISTED).order_by("pk")
    items = [hsds.service_at_location(s) for s in _slice(qs, number, size)]
    return _page(items, qs.count(), number, size)


@directory_api.get(
    "/service_at_locations/{sal_id}", summary="One service at a location", tags=["HSDS"]
)
def service_at_location_detail(request, sal_id: str):
    found = _lookup(
        sal_id,
        lambda i: (
            queries.service_at_locations().filter(pk=i, service__status__in=queries.LISTED).first()
        ),
    )
    if found is None:
        return _error(404, f"There is no service_at_location with the id {sal_id}.")
    return _json(hsds.service_at_location(found))
