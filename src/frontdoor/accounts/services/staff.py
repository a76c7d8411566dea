"""Every change to staff accounts and roles, and the one gate that enforces roles."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction

from frontdoor.accounts import queries
from frontdoor.accounts import roles as role_list

security_log = logging.getLogger("frontdoor.security")


@transaction.atomic
def roles_ensure() -> None:
    """Make sure a group exists for every declared role."""
    for role in role_list.ROLES:
        Group.objects.get_or_create(name=role.code)


@transaction.atomic
def staff_create(
    *, username: str, full_name: str, email: str, roles: list[str], password: str | None = None
):
    """Create a staff member holding the given roles; a None password means no password."""
    unknown = set(roles) - set(role_list.BY_CODE)
    if unknown:
        raise ValueError(f"Unknown roles: {', '.join(sorted(unknown))}")
    first, _, last = full_name.partition(" ")
    user = get_user_model().objects.create_user(
        username=username,
        email=email,
        password=password,
        first_name=first,
        last_name=last,
        is_staff=True,
    )
    roles_ensure()
    user.groups.set(Group.objects.filter(name__in=roles))
    return user


def role_check(*, user, roles: tuple[str, ...], action: str) -> None:
    """Refuse (and log the refusal) unless the user holds one of the roles.

    Roles are enforced here, in services, not only in templates: "personal data shown
    only to those who need it".
    """
    if queries.has_role(user=user, roles=roles):
        return
    security_log.warning(
        "refused action=%s user=%s needs=%s",
        action,
        getattr(user, "pk", None),
        ",".join(roles),
    )
    raise PermissionDenied(f"You need the role {' or '.join(roles)} to {action}.")


@transaction.atomic
def team_define(*, code: str, name: str):
    """Create a team, or rename it if its code exists: safe to call again."""
    from frontdoor.accounts.models import Team

    team, _ = Team.objects.update_or_create(code=code, defaults={"name": name})
    return team


@transaction.atomic
def team_member_add(*, team_code: str, user) -> None:
    """Put a staff member in a team, so its cases reach their queue."""
    from frontdoor.accounts.models import Team

    if not user.is_staff:
        raise ValueError(f"{user.username} is not staff, so cannot join a team.")
    Team.objects.get(code=team_code).members.add(user)


@transaction.atomic
def accounts_anonymise(*, ids) -> int:
    """Close residents' accounts and remove their names and emails; staff accounts are left.

    Strategy: "data is not kept for longer than it is needed". The row stays (as
    `erased-<id>`) so records that pointed at it still count.
    """
    count = 0
    users = get_user_model().objects.filter(pk__in=list(ids), is_staff=False, is_superuser=False)
    for user in users.exclude(username__startswith=queries.ERASED_PREFIX):
        from frontdoor.accounts.services.privacy import resident_account_wipe

        resident_account_wipe(user=user)
        user.username = f"{queries.ERASED_PREFIX}{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        count += 1
    return count
