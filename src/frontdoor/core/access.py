"""The gate in front of every staff page: signed in as staff, holding one of the roles."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login

from frontdoor.accounts import services as accounts


def staff_view(*roles: str, action: str = "see this page"):
    """Decorate a view so only staff holding one of `roles` reach it (any staff if none)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_authenticated and user.is_staff and user.is_active):
                return redirect_to_login(request.get_full_path())
            if roles:
                accounts.role_check(user=user, roles=roles, action=action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
