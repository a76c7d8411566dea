"""Open311 GeoReport v2 under /open311/v2/, exactly as the spec names things, plus the
FixMyStreet extension real clients use (servicerequestupdates).

Strategy: "multi-channel options for problem reporting" (Southwark 2024-26): partner apps
report through a standard, and their reports become cases like any other (channel
"partner"). Views only parse, call one service or query, and render.
"""

from __future__ import annotations

import datetime
import json
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from frontdoor.cases import services as cases
from frontdoor.reports import queries, services
from frontdoor.reports.open311_format import FORMATS, JSON, XML, errors, respond

SPEC = "http://wiki.open311.org/GeoReport_v2"
MAX_DAYS = 90
MAX_ITEMS = 1000


class Refused(Exception):
    """Bad input to an endpoint: answered in the spec's error format."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Refused(404, f"The format {fmt!r} is not offered: use .xml or .json.")
    return fmt


def _jurisdiction(params: QueryDict) -> None:
    given = params.get("jurisdiction_id", "").strip()
    wanted = settings.OPEN311_JURISDICTION_ID
    if given and wanted and given != wanted:
        raise Refused(404, f"The jurisdiction {given!r} is not served here.")


def endpoint(view):
    """Turn every refusal, and every unreadable request, into the spec's error format."""

    def wrapped(request: HttpRequest, fmt: str, *args, **kwargs):
        shown = fmt if fmt in FORMATS else XML
        try:
            fmt = _format(fmt)
            params = _params(request)
            _jurisdiction(params)
            return view(request, fmt, params, *args, **kwargs)
        except Refused as refusal:
            return errors(shown, refusal.status, (refusal.status, refusal.description))
        except services.ReportError as error:
            return errors(shown, error.status, (error.status, error.message))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return csrf_exempt(wrapped)


def _params(request: HttpRequest) -> QueryDict:
    """The request's arguments: the query string for GET; the form body (URL-encoded or
    multipart) for POST, or a flat JSON object for clients that send one."""
    if request.method != "POST":
        return request.GET
    kind = request.content_type or ""
    try:
        if kind == "application/json":
            try:
                data = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError) as error:
                raise Refused(400, f"The request body is not valid JSON: {error}.") from None
            if not isinstance(data, dict):
                raise Refused(400, "The JSON body must be one object of named fields.")
            params = QueryDict(mutable=True)
            for key, value in data.items():
                for item in value if isinstance(value, list) else [value]:
                    params.appendlist(str(key), "" if item is None else str(item))
            return params
        if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            raise Refused(
                400,
                "Send the fields form-encoded (application/x-www-form-urlencoded, or "
                "multipart/form-data with photos), as GeoReport v2 asks.",
            )
        return request.POST
    except RequestDataTooBig:
        raise Refused(
            400,
            f"The request is too big: a description may be {services.MAX_DESCRIPTION:,} "
            "characters, and photos are sent as files.",
        ) from None
    except TooManyFieldsSent:
        raise Refused(400, "The request has too many fields.") from None


def _when(params: QueryDict, name: str) -> datetime.datetime | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    moment = None
    try:
        moment = parse_datetime(raw.replace(" ", "+"))
    except ValueError:
        moment = None
    if moment is None:
        raise Refused(400, f"{name} must be a W3C date and time such as 2026-11-01T00:00:00Z.")
    if moment.tzinfo is None:
        raise Refused(400, f"{name} must include its timezone, such as Z or +01:00.")
    return moment


def _codes(params: QueryDict, name: str) -> list[str]:
    return [code.strip() for code in params.get(name, "").split(",") if code.strip()]


def _url(request: HttpRequest, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


# --- discovery and services -------------------------------------------------------------


@require_http_methods(["GET"])
@endpoint
def discovery(request, fmt, params):
    """Service Discovery: where the endpoint is, in which formats, and how to get a key."""
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": "xml"}))
    changed = queries.categories().order_by("-id").values_list("id", flat=True).first() or 0
    return respond(
        fmt,
        "discovery",
        {
            "changeset": f"{changed:08d}",
            "contact": f"{settings.COUNCIL_NAME}: {settings.CONTACT_EMAIL}",
            "key_service": (
                "Ask the council's digital team for a key for your app; staff issue keys at "
                f"{request.build_absolute_uri(reverse('reports:staff-keys'))}"
            ),
            "endpoints": [
                {
                    "specification": SPEC,
                    "url": base.rsplit("/", 1)[0],
                    "changeset": f"{changed:08d}",
                    "type": "production" if settings.IN_PRODUCTION else "test",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


def _service(category) -> dict:
    return {
        "service_code": category.service_code,
        "service_name": category.name,
        "description": category.description,
        "metadata": any(a.variable for a in category.attributes.all()),
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


@require_http_methods(["GET"])
@endpoint
def services_list(request, fmt, params):
    """GET Service List: every public category."""
    found = [_service(c) for c in queries.categories(public_only=True)]
    return respond(fmt, "services", found)


@require_http_methods(["GET"])
@endpoint
def service_definition(request, fmt, params, service_code):
    """GET Service Definition: a category's questions and their datatypes."""
    category = queries.category_get(service_code=service_code)
    if category is None or not category.public:
        raise Refused(404, f"There is no service with the code {service_code!r}.")
    attributes = []
    for attribute in category.attributes.all():
        entry = {
            "variable": attribute.variable,
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "datatype_description": attribute.datatype_description,
            "order": attribute.order,
            "description": attribute.description,
        }
        if attribute.values:
            entry["values"] = [{"key": v["key"], "name": v["name"]} for v in attribute.values]
        attributes.append(entry)
    return respond(
        fmt,
        "service_definition",
        {"service_code": category.service_code, "attributes": attributes},
    )


# --- service requests -------------------------------------------------------------------

_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


def _attributes(params: QueryDict) -> dict:
    answers: dict = {}
    for key in params:
        match = _ATTRIBUTE.match(key)
        if match:
            values = params.getlist(key)
            answers[match.group(1)] = values if match.group(2) else values[-1]
    return answers


def _client(params: QueryDict):
    client = queries.api_client_for_key(key=params.get("api_key", "").strip())
    if client is None:
        raise Refused(403, "A valid api_key is needed: ask the council for one.")
    return client


def _number(params: QueryDict, name: str) -> float | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Refused(400, f"{name} must be a number in WGS84 degrees.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Refused(400, f"{name} must be a number in WGS84 degrees.")
    return value


def _post_request(request, fmt, params):
    client = _client(params)
    service_code = params.get("service_code", "").strip()
    if not service_code:
        raise Refused(400, "service_code is required.")
    photos = [request.FILES[name] for name in sorted(request.FILES)][: services.MAX_PHOTOS + 1]
    first, last = params.get("first_name", "").strip(), params.get("last_name", "").strip()
    report = services.report_create(
        service_code=service_code,
        place=services.Place(
            latitude=_number(params, "lat"),
            longitude=_number(params, "long"),
            address=params.get("address_string", "").strip(),
            uprn=params.get("address_id", "").strip(),
        ),
        contact=cases.Contact(
            name=f"{first} {last}".strip()[:200],
            email=params.get("email", "").strip(),
            phone=params.get("phone", "").strip(),
        ),
        description=params.get("description", ""),
        channel="partner",
        attributes=_attributes(params),
        photos=photos,
        media_url=params.get("media_url", "").strip(),
        api_client=client,
    )
    found = queries.report_public(reference=report.reference)
    due = timezone.localtime(found.expected_at) if found else None
    notice = f"We aim to deal with it by {due:%d %B %Y}." if due else ""
    entry = {"service_request_id": report.reference, "service_notice": notice}
    account = params.get("account_id", "").strip()
    if account:
        entry["account_id"] = account
    return respond(fmt, "service_requests", [entry], status=201)


def _requests_out(request, fmt, found) -> HttpResponse:
    notes = queries.status_notes(report_ids=[r.id for r in found])
    photos = queries.report_photo_ids(report_ids=[r.id for r in found if not r.media_url])
    rows = []
    for report in found:
        photo = ""
        if photos.get(report.id):
            photo = _url(
                request, "reports:photo", reference=report.reference, photo_id=photos[report.id][0]
            )
        rows.append({**_request_fields(report, notes), "media_url": report.media_url or photo})
    return respond(fmt, "service_requests", rows)


def _request_fields(report, notes: dict[int, str]) -> dict:
    return {
        "service_request_id": report.reference,
        "status": report.status,
        "status_notes": notes.get(report.id, ""),
        "service_name": report.category,
        "service_code": report.service_code,
        "description": report.description,
        "agency_responsible": report.agency,
        "service_notice": "",
        "requested_datetime": report.requested_at,
        "updated_datetime": report.updated_at,
        "expected_datetime": report.expected_at,
        "address": report.address,
        "address_id": report.uprn,
        "zipcode": report.postcode,
        "lat": report.latitude,
        "long": report.longitude,
    }


def _get_requests(request, fmt, params):
    ids = _codes(params, "service_request_id")
    if ids:
        found = queries.requests_find(references=[i.upper() for i in ids][:MAX_ITEMS])
        return _requests_out(request, fmt, found)
    statuses = _codes(params, "status")
    wrong = [s for s in statuses if s not in ("open", "closed")]
    if wrong:
        raise Refused(400, f"status may be open or closed, not {', '.join(wrong)}.")
    start, end = _when(params, "start_date"), _when(params, "end_date")
    span = datetime.timedelta(days=MAX_DAYS)
    if start and end and end < start:
        raise Refused(400, "end_date is before start_date.")
    if start and end and end - start > span:
        raise Refused(400, f"start_date and end_date may be at most {MAX_DAYS} days apart.")
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - span
    if end is None:
        end = start + span
    page_size, page = MAX_ITEMS, 1
    if params.get("page_size", "").strip() or params.get("page", "").strip():
        try:
            page_size = int(params.get("page_size") or MAX_ITEMS)
            page = int(params.get("page") or 1)
        except ValueError:
            raise Refused(400, "page and page_size must be whole numbers.") from None
        if not (1 <= page_size <= MAX_ITEMS and page >= 1):
            raise Refused(400, f"page_size must be 1 to {MAX_ITEMS}, and page 1 or more.")
    found = queries.requests_find(
        service_codes=_codes(params, "service_code"),
        start=start,
        end=end,
        statuses=statuses,
        limit=page_size,
        offset=(page - 1) * page_size,
    )
    return _requests_out(request, fmt, found)


@require_http_methods(["GET", "POST"])
@endpoint
def requests(request, fmt, params):
    """GET Service Requests (filters, 90 days and 1,000 items by default), or POST a new
    one with a partner's API key."""
    if request.method == "POST":
        return _post_request(request, fmt, params)
    return _get_requests(request, fmt, params)


@require_http_methods(["GET"])
@endpoint
def request_detail(request, fmt, params, service_request_id):
    """GET Service Request: one, in the list's shape (an array of one in JSON)."""
    found = queries.requests_find(references=[service_request_id.upper()])
    if not found:
        raise Refused(404, f"There is no service request {service_request_id!r}.")
    return _requests_out(request, fmt, found)


@require_http_methods(["GET"])
@endpoint
def token(request, fmt, params, token):
    """GET service_request_id from a token: every service here is realtime, so no token is
    ever issued and each is unknown."""
    raise Refused(404, f"There is no token {token!r}: requests here get their id at once.")


# --- FixMyStreet's servicerequestupdates ------------------------------------------------


def _get_updates(request, fmt, params):
    start, end = _when(params, "start_date"), _when(params, "end_date")
    if start and end and end < start:
        raise Refused(400, "end_date is before start_date.")
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - datetime.timedelta(days=MAX_DAYS)
    ids = _codes(params, "service_request_id")
    found = queries.updates_find(
        start=start, end=end, references=[i.upper() for i in ids] or None, limit=MAX_ITEMS
    )
    rows = [
        {
            "update_id": update.update_id,
            "service_request_id": update.reference,
            "status": update.extended_status,
            "updated_datetime": update.updated_at,
            "description": update.description,
            "media_url": "",
        }
        for update in found
    ]
    return respond(fmt, "service_request_updates", rows)


def _post_update(request, fmt, params):
    client = _client(params)
    missing = [
        name
        for name in ("service_request_id", "update_id", "status", "updated_datetime", "description")
        if not params.get(name, "").strip()
    ]
    if missing:
        raise Refused(400, f"Required: {', '.join(missing)}.")
    update = services.partner_update_receive(
        api_client=client,
        reference=params["service_request_id"].strip().upper(),
        external_id=params["update_id"],
        status=params["status"],
        description=params["description"],
        updated_at=_when(params, "updated_datetime"),
    )
    return respond(fmt, "service_request_updates", [{"update_id": f"partner-{update.pk}"}])


@require_http_methods(["GET", "POST"])
@endpoint
def request_updates(request, fmt, params):
    """FixMyStreet's extension: GET public updates on reports in a time window, or POST a
    resident's update from a partner app."""
    if request.method == "POST":
        return _post_update(request, fmt, params)
    return _get_updates(request, fmt, params)


@csrf_exempt
def not_found(request, rest=""):
    fmt = JSON if rest.endswith(".json") else XML
    return errors(fmt, 404, (404, "There is no such Open311 resource here."))
