"""The published forms, for the council's website and partners: what residents can do
online, and each form's live definition (the same data as its YAML export)."""

from __future__ import annotations

from django.urls import reverse
from ninja import Router
from ninja.errors import HttpError

from frontdoor.journeys import queries
from frontdoor.journeys.schemas import ErrorOut, FormOut, FormVersionOut

router = Router(tags=["Online forms"])


def _out(form) -> dict:
    version = form.live_version
    return {
        "slug": form.slug,
        "title": version.definition["title"],
        "version": version.number,
        "url": reverse("journeys:start", args=[form.slug]),
        "published_at": version.published_at,
        "definition": version.definition,
    }


@router.get("/forms", response=list[FormOut])
def forms_list(request):
    """Every published form."""
    return [_out(form) for form in queries.forms_published()]


@router.get("/forms/{slug}", response={200: FormVersionOut, 404: ErrorOut})
def form_detail(request, slug: str):
    """A published form's live version and its definition."""
    form = queries.form_published(slug=slug)
    if form is None or form.live_version is None:
        raise HttpError(404, f"There is no published form called {slug!r}")
    return _out(form)
