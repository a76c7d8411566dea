"""The session backend of residents' accounts.

A resident signs in with a one-time link or code, or through OpenID Connect; none of those
passes through `authenticate`, so this backend only says who a session belongs to. It
never answers for a member of staff: a staff session exists only after a password and a
second factor (accounts.views_staff), whatever bug might reach `login()` with a staff user.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

PATH = "frontdoor.accounts.backends.ResidentBackend"


class ResidentBackend(BaseBackend):
    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return (
            get_user_model()
            .objects.filter(
                pk=user_id,
                is_active=True,
                is_staff=False,
                resident_account__closed_at__isnull=True,
            )
            .first()
        )
