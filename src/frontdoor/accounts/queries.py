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


def team_list():
    """Every team, by name."""
    from frontdoor.accounts.models import Team

    return Team.objects.order_by("name")


def team_get(*, code: str):
    """The team with this code, or None."""
    from frontdoor.accounts.models import Team

    return Team.objects.filter(code=code).first()


def team_ids_of(*, user) -> frozenset[int]:
    """The ids of the teams a staff member belongs to ("an officer sees their teams' cases")."""
    if not (user and user.is_authenticated):
        return frozenset()
    cached = getattr(user, "_frontdoor_team_ids", None)
    if cached is None:
        cached = frozenset(user.teams.values_list("id", flat=True))
        user._frontdoor_team_ids = cached
    return cached


def team_members(*, team_id: int):
    """The staff in a team, by name."""
    return (
        get_user_model()
        .objects.filter(teams__id=team_id, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def staff_get(*, username: str):
    """An active member of staff by username, or None."""
    return get_user_model().objects.filter(username=username, is_staff=True).first()


def resident_account_of(*, user):
    """The open resident account of a signed-in resident, or None (staff, visitors)."""
    from frontdoor.accounts.models import ResidentAccount

    if not (user and user.is_authenticated) or user.is_staff:
        return None
    return ResidentAccount.objects.filter(user=user, closed_at__isnull=True).first()


def resident_preferences(*, account) -> dict[str, list[str]]:
    """The channels chosen for each topic (a topic never chosen is absent)."""
    return {item.topic: item.channels for item in account.preferences.all()}


def resident_preferences_for(*, email: str = "", phone: str = "") -> dict[str, list[str]]:
    """How the resident with this email or phone asked to hear from us, for other apps
    deciding how to send; empty when they have no account or never chose."""
    from frontdoor.accounts.models import ResidentAccount

    accounts = ResidentAccount.objects.filter(closed_at__isnull=True)
    if email:
        account = accounts.filter(email=email.strip().lower()).first()
    elif phone:
        account = accounts.filter(phone=phone.strip()).first()
    else:
        account = None
    return resident_preferences(account=account) if account else {}


# --- Privacy: retention and subject access (called by frontdoor.privacy) ---

ERASED_PREFIX = "erased-"


def accounts_for_disposal(*, before):
    """Residents' (not staff) accounts not signed in to since `before`, by id."""
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(is_staff=False, is_superuser=False)
        .filter(Q(last_login__lt=before) | Q(last_login__isnull=True, date_joined__lt=before))
        .exclude(username__startswith=ERASED_PREFIX)
        .order_by("id")
    )


def account_ids_of_person(*, emails=(), usernames=()) -> list[int]:
    from django.db.models import Q

    found = Q(pk__in=[])
    for email in emails:
        found |= Q(email__iexact=email)
    if usernames:
        found |= Q(username__in=list(usernames))
    return list(get_user_model().objects.filter(found).values_list("id", flat=True))


def accounts_export(*, ids) -> list[dict]:
    """An account's own details, as plain data for a subject access bundle: for a
    resident, also their contact details, preferences and single sign-on services."""
    found = []
    users = (
        get_user_model()
        .objects.filter(pk__in=list(ids))
        .select_related("resident_account")
        .order_by("id")
    )
    for u in users:
        row = {
            "username": u.username,
            "name": u.get_full_name(),
            "email": u.email,
            "staff": u.is_staff,
            "active": u.is_active,
            "joined": u.date_joined.isoformat(),
            "last_sign_in": u.last_login.isoformat() if u.last_login else None,
        }
        account = getattr(u, "resident_account", None)
        if account is not None:
            row.update(
                phone=account.phone,
                address=account.address,
                postcode=account.postcode,
                closed=account.closed_at.isoformat() if account.closed_at else None,
                communication_preferences=resident_preferences(account=account),
                sign_in_services=[i.issuer for i in account.identities.all()],
            )
        found.append(row)
    return found
