"""Assisted digital: an adviser fills in any published form with a resident on the phone
or face to face; the channel and the adviser are recorded on the submission.

Strategy: "We will continue to provide options for residents who cannot access digital
services"; "Support is available for those who need it to get online".
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.accounts import roles
from frontdoor.core.access import staff_view
from frontdoor.journeys import queries, services
from frontdoor.journeys.definition import first_page
from frontdoor.journeys.forms import AssistForm
from frontdoor.journeys.views.runner import draft_remember, page_url


@staff_view(roles.AGENT, action="fill in a form for a resident")
def assist_list(request):
    return render(request, "journeys/assist_list.html", {"forms": queries.forms_published()})


@staff_view(roles.AGENT, action="fill in a form for a resident")
@require_http_methods(["GET", "POST"])
def assist_start(request, slug: str):
    form = queries.form_published(slug=slug)
    if form is None or form.live_version is None:
        raise Http404
    definition = queries.version_definition(form.live_version)
    choice = AssistForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and choice.is_valid():
        draft = services.draft_start(
            slug=slug, channel=choice.cleaned_data["channel"], by=request.user
        )
        draft_remember(request, slug=slug, key=draft.key)
        return redirect(page_url(slug, first_page(definition)))
    return render(request, "journeys/assist_start.html", {"form": choice, "definition": definition})
