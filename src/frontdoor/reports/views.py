"""Report a problem, see what is already reported nearby, say "me too", and the public map
and list. Every page works without JavaScript; the map only adds a point.

Strategy: "multi-channel options for problem reporting" (Southwark 2024-26); FixMyStreet's
lesson that residents should see what is already reported before reporting it again.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.places import queries as places
from frontdoor.reports import queries, services
from frontdoor.reports.forms import DetailsForm, ListFilterForm, MeTooForm, WhereForm


def _map_context() -> dict:
    return {
        "map_tiles": settings.MAP_TILES_URL,
        "map_attribution": "© OpenStreetMap contributors",
    }


def _place_from(query) -> tuple[str, services.Place] | None:
    """The category and place carried from step to step in the address, so the back button
    and a bookmark both work with no session."""
    service = query.get("service", "")
    try:
        lat = float(query["lat"]) if query.get("lat") else None
        lng = float(query["lng"]) if query.get("lng") else None
    except ValueError:
        return None
    place = services.Place(latitude=lat, longitude=lng, address=query.get("place", "")[:200])
    if not service or (lat is None and not place.address):
        return None
    return service, place


def _where_query(service: str, located) -> str:
    return urlencode(
        {
            "service": service,
            "lat": f"{located.latitude:.6f}",
            "lng": f"{located.longitude:.6f}",
            "place": located.address or located.postcode,
        }
    )


@require_http_methods(["GET", "POST"])
def start(request):
    """Step one: what and where."""
    categories = list(queries.categories(public_only=True))
    form = WhereForm(
        request.POST if request.method == "POST" else None,
        categories=categories,
        initial={"service": request.GET.get("service", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            located = services.place_locate(
                services.Place(
                    latitude=data.get("lat"), longitude=data.get("lng"), address=data["place"]
                )
            )
        except services.ReportError as error:
            form.add_error("place", error.message)
        else:
            query = _where_query(data["service"], located)
            return HttpResponseRedirect(f"{reverse('reports:nearby')}?{query}")
    return render(
        request,
        "reports/start.html",
        {"form": form, "boundary": places.council_boundary_geojson(), **_map_context()},
        status=400 if form.errors else 200,
    )


def _located_or_restart(request):
    carried = _place_from(request.GET)
    if carried is None:
        return None, None, None
    service, place = carried
    category = queries.category_get(service_code=service)
    if category is None or not category.public:
        return None, None, None
    try:
        located = services.place_locate(place)
    except services.ReportError:
        return None, None, None
    return category, located, _where_query(service, located)


@require_http_methods(["GET"])
def nearby(request):
    """Step two: open reports of the same kind nearby, each with "me too"."""
    category, located, query = _located_or_restart(request)
    if category is None:
        return HttpResponseRedirect(reverse("reports:start"))
    found = queries.reports_near(
        latitude=float(located.latitude),
        longitude=float(located.longitude),
        radius_m=settings.REPORTS_NEARBY_DISTANCE_M,
        service_code=category.service_code,
        public_only=True,
    )
    if not found:
        return HttpResponseRedirect(f"{reverse('reports:new')}?{query}")
    return render(
        request,
        "reports/nearby.html",
        {
            "category": category,
            "located": located,
            "reports": found,
            "query": query,
            "points": [
                {"lat": r.latitude, "lng": r.longitude, "label": f"{r.category}: {r.reference}"}
                for r in found
            ],
            **_map_context(),
        },
    )


@require_http_methods(["GET", "POST"])
def new(request):
    """Step three: describe it, add photos, say how to hear back; then it is sent."""
    category, located, query = _located_or_restart(request)
    if category is None:
        return HttpResponseRedirect(reverse("reports:start"))
    form = DetailsForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        category=category,
        initial={"token": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_create(
                service_code=category.service_code,
                place=services.Place(
                    latitude=located.latitude, longitude=located.longitude, address=located.address
                ),
                contact=cases.Contact(name=data["name"], email=data["email"], phone=data["phone"]),
                description=data["description"],
                channel="web",
                attributes=form.answers(),
                photos=data["photos"],
                idempotency_key=f"reports:web:{data['token']}",
            )
        except services.ReportError as error:
            field = error.field if error.field in form.fields else None
            if field is None and error.field.startswith("attribute["):
                field = f"attribute_{error.field[10:-1]}"
                field = field if field in form.fields else None
            if field is None and error.field == "photo":
                field = "photos"
            form.add_error(field, error.message)
        else:
            return HttpResponseRedirect(reverse("reports:sent", args=[report.reference]))
    return render(
        request,
        "reports/new.html",
        {"form": form, "category": category, "located": located, "query": query},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
def sent(request, reference):
    report = queries.report_public(reference=reference)
    if report is None:
        raise Http404
    return render(request, "reports/sent.html", {"report": report})


@require_http_methods(["GET"])
def detail(request, reference):
    """A report as anyone may see it: what, where, its status and public updates; never who."""
    report = queries.report_public(reference=reference)
    if report is None:
        raise Http404
    public = cases_queries.case_public(reference=report.reference)
    photos = queries.report_photo_ids(report_ids=[report.id]).get(report.id, [])
    updates = [u for u in queries.updates_find(references=[report.reference]) if u.description]
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "latest": public.latest_public_update if public else "",
            "photos": photos,
            "updates": updates,
            "points": [{"lat": report.latitude, "lng": report.longitude, "label": report.reference}]
            if report.latitude is not None
            else [],
            **_map_context(),
        },
    )


@require_http_methods(["GET", "POST"])
def me_too(request, reference):
    """ "Me too": follow this report for its updates instead of reporting it again."""
    report = queries.report_public(reference=reference)
    if report is None:
        raise Http404
    form = MeTooForm(request.POST if request.method == "POST" else None)
    if report.status == "closed":
        return render(request, "reports/me_too_closed.html", {"report": report})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_me_too(
                reference=report.reference,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                preference="email" if data["email"].strip() else "sms",
            )
        except services.ReportError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return HttpResponseRedirect(reverse("reports:me-too-done", args=[report.reference]))
    return render(
        request,
        "reports/me_too.html",
        {"form": form, "report": report},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
def me_too_done(request, reference):
    report = queries.report_public(reference=reference)
    if report is None:
        raise Http404
    return render(request, "reports/me_too_done.html", {"report": report})


@require_http_methods(["GET"])
def photo(request, reference, photo_id):
    found = queries.photo_get(reference=reference, photo_id=photo_id)
    if found is None:
        raise Http404
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_http_methods(["GET"])
def public_list(request):
    """Every public report by area and status, as a list (and a map when JavaScript runs).
    Nothing about who reported them."""
    categories = list(queries.categories(public_only=True))
    form = ListFilterForm(request.GET or None, wards=queries.wards(), categories=categories)
    chosen = form.cleaned_data if form.is_valid() else {}
    page = queries.public_list(
        status=chosen.get("status", ""),
        service_code=chosen.get("service", ""),
        ward=chosen.get("ward", ""),
        page=request.GET.get("page", 1),
    )
    kept = {k: v for k, v in chosen.items() if v}
    return render(
        request,
        "reports/list.html",
        {
            "form": form,
            "page": page,
            "filters": urlencode(kept),
            "points": [
                {
                    "lat": r.latitude,
                    "lng": r.longitude,
                    "label": f"{r.category} ({r.status_label}): {r.reference}",
                    "url": reverse("reports:detail", args=[r.reference]),
                }
                for r in page.object_list
                if r.latitude is not None
            ],
            **_map_context(),
        },
    )
