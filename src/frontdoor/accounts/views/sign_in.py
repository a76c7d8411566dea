"""Residents sign in (or sign up: it is the same step) with a one-time link or code sent
to their email, or with an OpenID Connect provider such as GOV.UK One Login.

Strategy: "a single front door ... with a single sign-on experience" (Southwark 2024-26);
"no need to register" (Southampton 2018-22): no service needs this.
"""

from __future__ import annotations

import hmac
import logging

from axes.helpers import get_client_ip_address
from django.contrib.auth import login, logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from frontdoor.accounts import backends, oidc, services
from frontdoor.accounts.forms import CodeForm, EmailSignInForm

security_log = logging.getLogger("frontdoor.security")

PENDING = "frontdoor_resident_pending"
PENDING_EMAIL = "frontdoor_resident_pending_email"
OIDC_PENDING = "frontdoor_oidc_pending"
# Enough for someone whose email is slow to arrive; too few to flood an inbox.
RATE_PER_EMAIL = "5/15m"
RATE_PER_ADDRESS = "30/h"
TOO_MANY = "You have asked for too many sign-in emails. Wait 15 minutes, then try again"


def safe_next(request, value: str) -> str:
    """Where to go after signing in: a page of this site for residents, else My account."""
    value = (value or "").strip()
    if (
        value.startswith("/")
        and not value.startswith("/staff")
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return value
    return reverse("account:home")


def _address(group, request) -> str:
    return get_client_ip_address(request) or "unknown"


def _email_key(group, request) -> str:
    return services.email_normalise(request.POST.get("email", "")) or "-"


def _signed_in(request, account, next_url: str):
    login(request, account.user, backend=backends.PATH)  # a new session key: no fixation
    return redirect(safe_next(request, next_url))


def _context(form, **extra):
    return {
        "form": form,
        "oidc_configured": oidc.configured(),
        "oidc_provider": oidc.provider_name(),
        **extra,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = request.POST.get("next") or request.GET.get("next", "")
    form = EmailSignInForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        return render(request, "accounts/resident_sign_in.html", _context(form, next=next_url))
    # Both limits count every request, known address or not, so they say nothing about
    # which addresses have accounts.
    limited = is_ratelimited(
        request, group="accounts.sign_in.address", key=_address, rate=RATE_PER_ADDRESS,
        increment=True,
    ) | is_ratelimited(
        request, group="accounts.sign_in.email", key=_email_key, rate=RATE_PER_EMAIL,
        increment=True,
    )  # fmt: skip
    if limited:
        form.is_valid()
        form.add_error(None, TOO_MANY)
        security_log.warning("refused action=resident sign-in email reason=rate limited")
        return render(
            request, "accounts/resident_sign_in.html", _context(form, next=next_url), status=429
        )
    if form.is_valid():
        try:
            sent = services.sign_in_request(
                email=form.cleaned_data["email"], next_url=safe_next(request, next_url)
            )
        except services.AccountError as refused:
            form.add_error("email", refused.message)
        else:
            request.session[PENDING] = sent.pending_id
            request.session[PENDING_EMAIL] = services.email_normalise(form.cleaned_data["email"])
            return redirect("account:check-email")
    return render(
        request, "accounts/resident_sign_in.html", _context(form, next=next_url), status=400
    )


@never_cache
@require_http_methods(["GET", "POST"])
def check_email(request):
    """'Check your email': follow the link, or type the code here in this browser."""
    email = request.session.get(PENDING_EMAIL)
    if not email:
        return redirect("account:sign-in")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            account, next_url = services.sign_in_with_code(
                pending_id=request.session.get(PENDING), code=form.cleaned_data["code"]
            )
        except services.AccountError as refused:
            form.add_error("code", refused.message)
        else:
            return _signed_in(request, account, next_url)
    return render(
        request,
        "accounts/resident_check_email.html",
        {"form": form, "email": email},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def link(request, token: str):
    """A sign-in link asks once more before it is spent, so an email scanner that opens
    links does not use it up."""
    try:
        if request.method == "GET":
            services.sign_in_link_peek(token=token)
            return render(request, "accounts/resident_link.html")
        account, next_url = services.sign_in_with_link(token=token)
    except services.AccountError as refused:
        return render(
            request, "accounts/resident_link_problem.html", {"problem": refused.message}, status=410
        )
    return _signed_in(request, account, next_url)


@never_cache
def oidc_start(request):
    if not oidc.configured():
        raise Http404("No single sign-on provider is configured.")
    try:
        start = oidc.authorization_start(
            redirect_uri=request.build_absolute_uri(reverse("account:oidc-callback"))
        )
    except oidc.OidcError as problem:
        security_log.warning("refused action=oidc start reason=%s", problem.reason)
        return render(
            request, "accounts/resident_link_problem.html", {"problem": problem.message},
            status=503,
        )  # fmt: skip
    request.session[OIDC_PENDING] = {
        "state": start.state,
        "nonce": start.nonce,
        "verifier": start.code_verifier,
        "next": safe_next(request, request.GET.get("next", "")),
    }
    return redirect(start.url)


@never_cache
def oidc_callback(request):
    """The provider sends the resident back here with a code; nothing is trusted until the
    ID token's signature and claims check out."""
    if not oidc.configured():
        raise Http404("No single sign-on provider is configured.")
    pending = request.session.pop(OIDC_PENDING, None)
    state = request.GET.get("state", "")
    problem = None
    if request.GET.get("error"):
        # The resident said no, or the provider could not sign them in: nothing to check.
        problem = f"You did not finish signing in with {oidc.provider_name()}"
        reason = f"provider said {request.GET['error'][:50]}"
    elif not pending or not hmac.compare_digest(pending["state"], state):
        problem = "Your sign-in did not start here, or took too long. Sign in again"
        reason = "state missing or different"
    if problem is None:
        try:
            identity = oidc.authorization_finish(
                redirect_uri=request.build_absolute_uri(reverse("account:oidc-callback")),
                callback_url=request.build_absolute_uri(),
                state=pending["state"],
                nonce=pending["nonce"],
                code_verifier=pending["verifier"],
            )
            account = services.resident_sign_in_oidc(
                issuer=identity.issuer,
                subject=identity.subject,
                email=identity.email,
                email_verified=identity.email_verified,
                name=identity.name,
            )
        except oidc.OidcError as refused:
            problem, reason = refused.message, refused.reason
        except services.AccountError as refused:
            problem, reason = refused.message, "email not verified"
        else:
            return _signed_in(request, account, pending["next"])
    security_log.warning("refused action=oidc sign-in reason=%s", reason)
    return render(request, "accounts/resident_link_problem.html", {"problem": problem}, status=400)


@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        return render(request, "accounts/resident_signed_out.html")
    return render(request, "accounts/resident_sign_out.html")
