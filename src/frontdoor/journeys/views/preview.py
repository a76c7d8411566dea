"""Preview a draft as a resident would see it, before publishing. Answers stay in the
session and nothing is sent."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from frontdoor.accounts import roles
from frontdoor.core.access import staff_view
from frontdoor.journeys import queries
from frontdoor.journeys.definition import CHECK_ANSWERS, definition_parse, first_page
from frontdoor.journeys.models import Form
from frontdoor.journeys.views.flow import (
    Journey,
    Tampered,
    check_answers_due,
    check_answers_rows,
    page_show,
)

PREVIEWS = "journeys.previews"  # form slug -> answers
preview_view = staff_view(roles.SERVICE_MANAGER, action="preview a form")


def _url(slug: str, key: str) -> str:
    if key == CHECK_ANSWERS:
        return reverse("journeys:preview-check", args=[slug])
    return reverse("journeys:preview-page", args=[slug, key])


def _journey(request, slug: str) -> Journey:
    try:
        form = queries.form_get(slug=slug)
    except Form.DoesNotExist:
        raise Http404 from None
    return Journey(
        slug=slug,
        definition=definition_parse(form.draft),
        answers=request.session.get(PREVIEWS, {}).get(slug, {}),
        version_number=0,
        url=lambda key: _url(slug, key),
        start_url=reverse("journeys:preview", args=[slug]),
        preview=True,
    )


@preview_view
@require_http_methods(["GET", "POST"])
def preview_start(request, slug: str):
    journey = _journey(request, slug)
    if request.method == "POST":
        previews = request.session.get(PREVIEWS, {})
        previews[slug] = {}
        request.session[PREVIEWS] = previews
        return redirect(_url(slug, first_page(journey.definition)))
    return render(
        request,
        "journeys/start.html",
        {"definition": journey.definition, "preview": True, "slug": slug},
    )


@preview_view
@require_http_methods(["GET", "POST"])
def preview_page(request, slug: str, page_key: str):
    journey = _journey(request, slug)

    def save(answers, files):
        for key, upload in files.items():
            answers[key] = {"name": upload.name, "size": upload.size, "preview": True}
        previews = request.session.get(PREVIEWS, {})
        previews[slug] = {**previews.get(slug, {}), **answers}
        request.session[PREVIEWS] = previews
        return previews[slug]

    def restart():
        return redirect("journeys:preview", slug=slug)

    try:
        return page_show(request, journey, page_key, save=save, stale=restart)
    except Tampered:
        return restart()


@preview_view
def preview_check(request, slug: str):
    journey = _journey(request, slug)
    due = check_answers_due(journey)
    if due:
        return redirect(due)
    return render(
        request,
        "journeys/check_answers.html",
        {"journey": journey, "rows": check_answers_rows(journey), "back_url": journey.start_url},
    )
