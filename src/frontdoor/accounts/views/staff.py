"""Staff sign-in (a password, then a code from an authenticator app), sign-out and the
staff home page."""

from __future__ import annotations

import time

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from frontdoor.accounts import queries, services
from frontdoor.accounts import roles as role_list
from frontdoor.accounts.forms import StaffSignInForm, TotpForm
from frontdoor.core import navigation
from frontdoor.core.access import staff_view

# Between the password and the code, the session holds who is half signed in, for a while.
PENDING = "frontdoor_staff_pending"
PENDING_SECONDS = 300


class StaffSignIn(auth_views.LoginView):
    template_name = "accounts/staff_sign_in.html"
    authentication_form = StaffSignInForm

    def dispatch(self, request, *args, **kwargs):
        # Only a signed-in member of staff skips this page; a resident signed in to their
        # account signs in here as staff afresh.
        if request.user.is_authenticated and request.user.is_staff:
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        """The password is right: ask for the second factor before signing in."""
        user = form.get_user()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
            "next": self.get_success_url(),
        }
        if services.totp_device(user=user) is None:
            return redirect("accounts:staff-two-factor-set-up")
        return redirect("accounts:staff-two-factor")


def _pending(request):
    """The half-signed-in staff member and their pending data, or (None, None)."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True, is_staff=True)
    return user.first(), pending


def _start_again(request):
    messages.info(request, "Sign in again: signing in takes at most 5 minutes from your password.")
    return redirect("accounts:staff-sign-in")


def _complete(request, user, device, pending):
    request.session.pop(PENDING, None)
    login(request, user, backend=pending["backend"])  # a new session key: no fixation
    django_otp.login(request, device)
    services.staff_signed_in(user=user)
    return redirect(pending["next"])


@never_cache
@require_http_methods(["GET", "POST"])
def staff_two_factor(request):
    user, pending = _pending(request)
    if user is None:
        return _start_again(request)
    if services.totp_device(user=user) is None:
        return redirect("accounts:staff-two-factor-set-up")
    form = TotpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_verify(user=user, token=form.cleaned_data["code"])
        except services.AccountError as refused:
            form.add_error("code", refused.message)
        else:
            return _complete(request, user, device, pending)
    return render(
        request,
        "accounts/staff_two_factor.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def staff_two_factor_set_up(request):
    user, pending = _pending(request)
    if user is None:
        return _start_again(request)
    if services.totp_device(user=user) is not None:
        return redirect("accounts:staff-two-factor")
    device = services.totp_enrolment_start(user=user)
    form = TotpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_enrolment_confirm(user=user, token=form.cleaned_data["code"])
        except services.AccountError as refused:
            form.add_error("code", refused.message)
        else:
            return _complete(request, user, device, pending)
    secret = services.totp_secret_base32(device)
    return render(
        request,
        "accounts/staff_two_factor_set_up.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def staff_sign_out(request):
    if request.method == "POST":
        logout(request)
        return redirect("accounts:signed-out")
    return render(request, "accounts/staff_sign_out.html")


def signed_out(request):
    return render(request, "accounts/signed_out.html")


@staff_view()
def staff_home(request):
    held = queries.staff_roles(user=request.user)
    return render(
        request,
        "accounts/staff_home.html",
        {
            "roles": [role for role in role_list.ROLES if role.code in held],
            "tools": [
                item
                for item in navigation.entries(audience=navigation.STAFF)
                if item.url_name not in {"accounts:staff-home", "accounts:staff-sign-out"}
                and (not item.roles or item.roles & held)
            ],
        },
    )


@staff_view(role_list.ADMINISTRATOR, action="manage staff sign-in")
@require_http_methods(["GET", "POST"])
def staff_people(request):
    """Administrators see who has set up two-factor sign-in, and reset a lost one."""
    if request.method == "POST":
        person = queries.staff_get(username=request.POST.get("username", ""))
        if person is None:
            raise Http404("There is no member of staff with that username.")
        services.totp_reset(by=request.user, user=person)
        messages.success(
            request,
            f"{person.display_name} sets up a new authenticator app at their next sign-in",
        )
        return redirect("accounts:staff-people")
    people = [
        {
            "person": person,
            "roles": [role_list.BY_CODE[g.name].name for g in person.groups.all()
                      if g.name in role_list.BY_CODE],
            "two_factor": services.totp_device(user=person) is not None,
        }
        for person in queries.staff_list()
    ]  # fmt: skip
    return render(request, "accounts/staff_people.html", {"people": people})
