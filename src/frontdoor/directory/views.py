"""The public directory: search, a service's page, and "suggest a change".

Strategy: "an up-to-date comprehensive directory of activities and services to help users
find support that meets their needs" (Southampton Digital Strategy 2018-22). Every page
works without JavaScript; results are paged; an empty result says what to try next.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from frontdoor.directory import forms, opening, queries
from frontdoor.directory import search as search_engine
from frontdoor.directory import services as directory
from frontdoor.directory.forms import METRES_PER_MILE
from frontdoor.places import queries as places

PER_PAGE = 20


def _filter(form: forms.SearchForm, now) -> queries.ServiceFilter:
    data = form.cleaned_data
    flt = queries.ServiceFilter(
        text=data["q"],
        free=data["free"],
        weekends=data["weekends"],
        online=data["online"],
        in_person=data["in_person"],
        open_at=now if data["open_now"] else None,
    )
    if data["category"]:
        flt.taxonomy_term_ids = [uuid.UUID(data["category"])]
    if data["age"]:
        low, high, _ = queries.AGE_GROUPS[data["age"]]
        flt.minimum_age, flt.maximum_age = low, high
    if data["postcode"]:
        flt.point = form.point
        if data["distance"]:
            flt.proximity_m = float(data["distance"]) * METRES_PER_MILE
    return flt


def _result(row: queries.ResultRow, point, now) -> dict:
    distance = queries.nearest_point_m(row.points, point)
    is_open = opening.is_open(row.schedules, now)
    nxt = None if is_open else opening.next_opening(row.schedules, now)
    return {
        "service": row,
        "summary": _summary(row.description),
        "miles": None if distance is None else distance / METRES_PER_MILE,
        "next_opening": "Open now" if is_open else opening.when_text(nxt, now),
    }


def _summary(text: str, words: int = 30) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def search(request):
    """Search by words, category and distance from a postcode, with the filters people need."""
    categories = queries.categories()
    form = forms.SearchForm(request.GET or None, categories=categories)
    checkboxes = [form[name] for name in ("free", "open_now", "weekends", "online", "in_person")]
    context = {"form": form, "categories": categories, "searched": False, "checkboxes": checkboxes}
    now = timezone.now()
    if request.GET and form.is_valid():
        outcome = queries.services_filtered(_filter(form, now))
        paginator = Paginator(outcome.queryset.values_list("pk", flat=True), PER_PAGE)
        if outcome.total is not None:
            paginator.count = outcome.total  # counted already; not again
        page = paginator.get_page(request.GET.get("page"))
        loaded = queries.services_for_results(list(page.object_list))
        point = getattr(form, "point", None)
        context.update(
            searched=True,
            page_obj=page,
            results=[_result(s, point, now) for s in loaded],
            query=outcome.query,
            any_word=outcome.any_word,
            postcode=form.cleaned_data["postcode"],
        )
        if not page.paginator.count:
            context["advice"] = _advice(form, outcome)
    return render(request, "directory/search.html", context)


def _advice(form: forms.SearchForm, outcome: queries.SearchOutcome) -> dict:
    """What to try when nothing matched: a spelling, related categories, fewer filters."""
    advice = {"filters": form.filters_in_use, "categories": [], "spelling": ""}
    text = form.cleaned_data["q"]
    query = outcome.query
    if query and query.corrections:
        advice["spelling"] = query.corrected_text
    if text:
        # Categories whose services match any of the words, ignoring every filter.
        loose = search_engine.parse(text)
        if loose:
            everything = queries.services_filtered(queries.ServiceFilter()).queryset
            matched = search_engine.apply(everything, loose, any_word=True)
            ids = list(matched.values_list("pk", flat=True)[:200])
            advice["categories"] = queries.terms_for_service_ids(ids)
    if not advice["categories"]:
        advice["categories"] = queries.categories()[:8]
    return advice


def service_page(request, service_id):
    """Everything a resident needs about one service, and when it was last checked."""
    svc = queries.service_get(service_id=service_id)
    if svc is None:
        raise Http404("There is no such service in the directory.")
    now = timezone.now()
    postcode = places.postcode_normalise(request.GET.get("postcode", ""))
    point = places.point_for_postcode(postcode) if postcode else None
    sals = []
    for sal in svc.service_at_locations.all():
        loc = sal.location
        miles = None
        if point and loc.latitude is not None:
            miles = places.distance_m(point.lat, point.lng, loc.latitude, loc.longitude)
            miles /= METRES_PER_MILE
        sals.append({"location": loc, "addresses": list(loc.addresses.all()),
                     "accessibility": list(loc.accessibility.all()), "miles": miles})  # fmt: skip
    schedules = queries.all_schedules(svc)
    referer = request.META.get("HTTP_REFERER", "")
    came_from_search = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}
    ) and urlsplit(referer).path == reverse("directory:search")
    context = {
        "back": referer if came_from_search else reverse("directory:search"),
        "service": svc,
        "locations": sals,
        "opening_times": [
            {
                "text": opening.describe(s),
                "notes": s.description or s.notes,
                "attending": s.attending_type,
            }  # fmt: skip
            for s in schedules
        ],
        "open_now": opening.is_open(schedules, now),
        "next_opening": opening.when_text(opening.next_opening(schedules, now), now),
        "terms": [a.taxonomy_term for a in svc.service_attributes],
        "cost_options": list(svc.cost_options.all()),
        "phones": list(svc.phones.all()),
        "contacts": list(svc.contacts.all()),
        "languages": list(svc.languages.all()),
        "areas": list(svc.service_areas.all()),
    }
    return render(request, "directory/service.html", context)


@require_http_methods(["GET", "POST"])
def suggest_change(request, service_id):
    """ "Suggest a change to this page": it becomes a case for the directory's editors."""
    svc = queries.service_get(service_id=service_id)
    if svc is None:
        raise Http404("There is no such service in the directory.")
    form = forms.SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        suggestion = directory.suggestion_create(
            service_id=svc.pk,
            text=form.cleaned_data["text"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
        )
        request.session["directory_suggestion"] = str(suggestion.pk)
        return redirect("directory:suggested", service_id=svc.pk)
    context = {
        "service": svc,
        "form": form,
        "service_url": reverse("directory:service", args=[svc.pk]),
    }
    return render(request, "directory/suggest.html", context)


def suggested(request, service_id):
    svc = queries.service_get(service_id=service_id)
    suggestion_id = request.session.get("directory_suggestion")
    suggestion = queries.suggestion_get(suggestion_id=suggestion_id) if suggestion_id else None
    if svc is None or suggestion is None or suggestion.service_id != svc.pk:
        raise Http404("There is no suggestion to show.")
    return render(request, "directory/suggested.html", {"service": svc, "suggestion": suggestion})


@require_http_methods(["GET", "POST"])
def provider_confirm(request, token):
    """The provider's link from a review reminder: confirm the entry is right, in one click."""
    found = directory.confirm_token_read(token)
    svc = queries.service_get(service_id=found[0], listed_only=False) if found else None
    if svc is None:
        return render(request, "directory/confirm_expired.html", status=400)
    if request.method == "POST":
        directory.service_confirm(service_id=svc.pk, by_provider=found[1])
        return render(request, "directory/confirmed.html", {"service": svc})
    return render(request, "directory/confirm.html", {"service": svc})
