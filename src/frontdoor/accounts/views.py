"""Staff sign-in and the staff home page."""

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.accounts import queries
from frontdoor.accounts import roles as role_list
from frontdoor.accounts.forms import StaffSignInForm
from frontdoor.core import navigation
from frontdoor.core.access import staff_view


class StaffSignIn(auth_views.LoginView):
    template_name = "accounts/staff_sign_in.html"
    authentication_form = StaffSignInForm
    redirect_authenticated_user = True


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
