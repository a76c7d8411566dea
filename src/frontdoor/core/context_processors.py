"""What every page needs to know about the council and where the reader can go next."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from frontdoor.accounts import queries as accounts
from frontdoor.core import navigation


def council(request):
    user = getattr(request, "user", None)
    is_staff = bool(user and user.is_authenticated and user.is_staff)
    audience = (
        navigation.STAFF if is_staff and request.path.startswith("/staff") else (navigation.PUBLIC)
    )
    roles = accounts.staff_roles(user=user) if is_staff else frozenset()
    items = []
    for entry in navigation.entries(audience=audience):
        if entry.roles and not (entry.roles & roles):
            continue
        try:
            href = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "href": href, "active": False})
    # Only the entry whose address is the longest prefix of this page is current, so
    # "Staff home" (/staff/) is not also current on /staff/governance/.
    matches = [
        i
        for i in items
        if request.path == i["href"] or (i["href"] != "/" and request.path.startswith(i["href"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["href"]))["active"] = True
    return {
        "council_name": settings.COUNCIL_NAME,
        "council_logo": settings.COUNCIL_LOGO,
        "council_url": settings.COUNCIL_URL,
        "service_name": settings.SERVICE_NAME,
        "phase": settings.PHASE,
        "contact_email": settings.CONTACT_EMAIL,
        "navigation_items": items,
        "staff_area": audience == navigation.STAFF,
    }
