"""Read-only questions about people who sign in."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from frontdoor.accounts import roles as role_list


def staff_roles(*, user) -> frozenset[str]:
    """The role codes a staff member holds; none for residents or signed-out visitors."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return frozenset()
    if user.is_superuser:
        return frozenset(role_list.BY_CODE)
    cached = getattr(user, "_frontdoor_roles", None)
    if cached is None:
        cached = frozenset(
            user.groups.filter(name__in=role_list.BY_CODE).values_list("name", flat=True)
        )
        user._frontdoor_roles = cached
    return cached


def has_role(*, user, roles: tuple[str, ...] | frozenset[str]) -> bool:
    return bool(staff_roles(user=user) & set(roles))


def staff_list():
    return (
        get_user_model()
        .objects.filter(is_staff=True)
        .prefetch_related("groups")
        .order_by("username")
    )
