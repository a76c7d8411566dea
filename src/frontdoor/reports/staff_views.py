"""Staff pages for street reports: possible duplicates to merge, partner apps' API keys.

Strategy: duplicates "flagged to staff for merging", so one repair answers everyone who
reported it; "API keys issued to partner apps by staff".
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from frontdoor.accounts import queries as accounts_queries
from frontdoor.accounts import roles
from frontdoor.core.access import staff_view
from frontdoor.reports import queries, services
from frontdoor.reports.forms import ApiClientForm


def _number(raw) -> int:
    try:
        return int(raw or 0)
    except ValueError:
        return 0


@require_http_methods(["GET", "POST"])
@staff_view(*services.WORKERS, action="merge duplicate reports")
def duplicates(request):
    if request.method == "POST":
        flag_id = _number(request.POST.get("flag"))
        try:
            if request.POST.get("action") == "merge":
                flag = services.duplicate_merge(user=request.user, flag_id=flag_id)
                messages.success(
                    request,
                    f"{flag.report.reference} is closed as a duplicate of "
                    f"{flag.original.reference}; its reporter now follows that report.",
                )
            else:
                flag = services.duplicate_dismiss(user=request.user, flag_id=flag_id)
                messages.success(request, f"{flag.report.reference} is kept as its own report.")
        except services.ReportError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("reports:staff-duplicates"))
    return render(
        request, "reports/staff/duplicates.html", {"flags": list(queries.duplicates_open()[:100])}
    )


@require_http_methods(["GET", "POST"])
@staff_view(roles.ADMINISTRATOR, action="issue API keys")
def keys(request):
    form = ApiClientForm(request.POST if request.POST.get("action") == "issue" else None)
    issued = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "revoke":
                client = services.api_client_revoke(
                    user=request.user, client_id=_number(request.POST.get("client"))
                )
                messages.success(request, f"The key for {client.name} no longer works.")
                return HttpResponseRedirect(reverse("reports:staff-keys"))
            if form.is_valid():
                client, key = services.api_client_issue(
                    user=request.user,
                    name=form.cleaned_data["name"],
                )
                issued = {"client": client, "key": key}
                form = ApiClientForm()
        except services.ReportError as error:
            form.add_error(None, error.message)
    response = render(
        request,
        "reports/staff/keys.html",
        {"form": form, "issued": issued, "clients": list(queries.api_clients())},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


ROUTERS = (roles.SERVICE_MANAGER, roles.ADMINISTRATOR)


@require_http_methods(["GET", "POST"])
@staff_view(*ROUTERS, action="route categories")
def categories(request):
    """Which team each kind of street problem goes to; a change applies to new reports."""
    if request.method == "POST":
        try:
            category = services.category_route(
                user=request.user,
                service_code=request.POST.get("service_code", ""),
                team=request.POST.get("team", ""),
            )
            messages.success(request, f"New {category.name.lower()} reports now go to the team.")
        except services.ReportError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("reports:staff-categories"))
    teams = [(team.code, team.name) for team in accounts_queries.team_list()]
    return render(
        request,
        "reports/staff/categories.html",
        {"categories": list(queries.categories()), "teams": teams},
    )
