"""Who may do what in governance, checked again in every service."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts

BOARD = (roles.BOARD_MEMBER,)


def board_check(*, user, action: str) -> None:
    """Only digital board members score, decide, publish weights and update the roadmap."""
    accounts.role_check(user=user, roles=BOARD, action=action)


def staff_check(*, user, action: str) -> None:
    """Any member of staff may submit a change request and read everything here."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        raise PermissionDenied(f"You need to be signed in as staff to {action}.")
