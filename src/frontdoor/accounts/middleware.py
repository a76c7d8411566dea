"""Sign people out after a spell without activity: staff sooner than residents."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

LAST_SEEN = "frontdoor_last_seen"
# The session is written at most once a minute just to note activity.
_TOUCH_EVERY_SECONDS = 60


def idle_limit_seconds(user) -> int:
    minutes = settings.STAFF_IDLE_MINUTES if user.is_staff else settings.RESIDENT_IDLE_MINUTES
    return minutes * 60


class IdleTimeoutMiddleware:
    """Strategy: "sensitive data is digitally protected" (Southampton 2018-22) — a shared
    or lost device does not stay signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > idle_limit_seconds(user):
                minutes = idle_limit_seconds(user) // 60
                logout(request)
                messages.info(
                    request,
                    f"You were signed out because you had not done anything for {minutes} "
                    "minutes. Sign in again to carry on.",
                )
            elif last_seen is None or now - last_seen >= _TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def note_sign_in(sender, request, user, **kwargs) -> None:
    """Start the idle clock at sign-in, so the first page after it writes no session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())
