"""My account: a resident's requests with their updates, saved forms, messages, feedback,
contact details and preferences, earlier requests to claim, and their privacy rights.

Strategy: "customers who want a MySouthampton account see all data in one place"
(Southampton Digital Strategy 2018-22).
"""

from __future__ import annotations

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from frontdoor.accounts import queries, services
from frontdoor.accounts.forms import (
    ClaimForm,
    CloseAccountForm,
    CodeForm,
    DetailsForm,
    PreferencesForm,
)
from frontdoor.audit import services as audit
from frontdoor.cases import queries as cases_queries
from frontdoor.journeys import queries as journeys_queries
from frontdoor.notify import queries as notify_queries

CLAIM_PENDING = "frontdoor_claim_pending"
CLAIM_ADDRESS = "frontdoor_claim_address"


def resident_view(view):
    """Only a resident signed in to an open account reaches the page; anyone else is asked
    to sign in (staff sign in to their own pages, not here)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        account = queries.resident_account_of(user=request.user)
        if account is None:
            return redirect_to_login(request.get_full_path(), login_url=reverse("account:sign-in"))
        request.resident_account = account
        # A request made with the account's proven email since the last page joins it.
        request.newly_claimed = _claim_new(request)
        return never_cache(view)(request, *args, **kwargs)

    return wrapped


@resident_view
def home(request):
    account = request.resident_account
    cases = cases_queries.cases_of_resident(resident=request.user)
    return render(
        request,
        "accounts/account_home.html",
        {
            "account": account,
            "cases": cases,
            "drafts": journeys_queries.drafts_saved_by(email=account.email),
            "feedback": journeys_queries.feedback_for_cases(
                references=[case.reference for case in cases]
            ),
            "message_count": notify_queries.messages_to(addresses=_addresses(account)).count(),
            "newly_claimed": request.newly_claimed,
        },
    )


def _claim_new(request) -> list[str]:
    from frontdoor.cases import services as cases_services

    return cases_services.cases_claim(resident=request.user, email=request.resident_account.email)


def _addresses(account) -> list[str]:
    return [account.email] + ([account.phone] if account.phone else [])


@resident_view
def case(request, reference: str):
    found = cases_queries.case_of_resident(resident=request.user, reference=reference)
    if found is None:
        raise Http404("There is no request with that reference in your account.")
    audit.audit_record(
        actor=request.user, action="case.viewed_by_resident", subject_type="case",
        subject_id=found.reference,
    )  # fmt: skip
    return render(request, "accounts/account_case.html", {"case": found})


@resident_view
def message_list(request):
    found = notify_queries.messages_to(addresses=_addresses(request.resident_account))[:100]
    return render(request, "accounts/account_messages.html", {"messages_sent": found})


@resident_view
@require_http_methods(["GET", "POST"])
def details(request):
    account = request.resident_account
    form = DetailsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "full_name": account.full_name,
            "address": account.address,
            "postcode": account.postcode,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_details_update(user=request.user, **form.cleaned_data)
        except services.AccountError as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, "Your details are saved")
            return redirect("account:home")
    return render(
        request,
        "accounts/account_details.html",
        {"form": form, "account": account},
        status=400 if form.errors else 200,
    )


@resident_view
@require_http_methods(["GET", "POST"])
def preferences(request):
    account = request.resident_account
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        topics=services.TOPICS,
        channels=services.CHANNELS,
        initial=queries.resident_preferences(account=account),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_preferences_set(user=request.user, choices=form.cleaned_data)
        except services.AccountError as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, "Your preferences are saved")
            return redirect("account:home")
    return render(
        request,
        "accounts/account_preferences.html",
        {"form": form, "account": account},
        status=400 if form.errors else 200,
    )


@resident_view
@require_http_methods(["GET", "POST"])
def claim(request):
    """Find requests made before the account, with another email or a mobile number."""
    form = ClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["address"].strip()
        is_email = "@" in address
        try:
            sent = services.claim_request(
                user=request.user,
                email=address if is_email else "",
                phone="" if is_email else address,
            )
        except services.AccountError as refused:
            form.add_error("address", refused.message)
        else:
            request.session[CLAIM_PENDING] = sent.pending_id
            request.session[CLAIM_ADDRESS] = address
            return redirect("account:claim-code")
    return render(
        request, "accounts/account_claim.html", {"form": form}, status=400 if form.errors else 200
    )


@resident_view
@require_http_methods(["GET", "POST"])
def claim_code(request):
    address = request.session.get(CLAIM_ADDRESS)
    if not address:
        return redirect("account:claim")
    form = CodeForm(request.POST if request.method == "POST" else None)
    form.fields["code"].label = "Code we sent"
    form.fields["code"].help_text = "The 6 numbers we sent, for example 123456"
    if request.method == "POST" and form.is_valid():
        try:
            claimed = services.claim_confirm(
                user=request.user,
                pending_id=request.session.get(CLAIM_PENDING),
                code=form.cleaned_data["code"],
            )
        except services.AccountError as refused:
            form.add_error("code", refused.message)
        else:
            request.session.pop(CLAIM_PENDING, None)
            request.session.pop(CLAIM_ADDRESS, None)
            count = len(claimed)
            messages.success(
                request,
                f"{address} is confirmed. "
                + (
                    f"{count} earlier request{'s' if count != 1 else ''} added to your account"
                    if count
                    else "We found no other requests made with it"
                ),
            )
            return redirect("account:home")
    return render(
        request,
        "accounts/account_claim_code.html",
        {"form": form, "address": address},
        status=400 if form.errors else 200,
    )


@resident_view
def data(request):
    return render(request, "accounts/account_data.html")


@resident_view
def data_download(request):
    """Download my data: machine-readable JSON, made at once."""
    exported = services.resident_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(exported, indent=2, default=str), content_type="application/json"
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@resident_view
@require_http_methods(["GET", "POST"])
def close(request):
    form = CloseAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.resident_account_close(user=request.user)
        logout(request)
        return render(request, "accounts/account_closed.html")
    return render(
        request, "accounts/account_close.html", {"form": form}, status=400 if form.errors else 200
    )
