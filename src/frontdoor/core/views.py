"""Public pages every council site needs, health, and the styled error pages."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from frontdoor.core import navigation, queries


def home(request):
    return render(request, "core/home.html", {"tasks": navigation.home_tasks()})


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    return render(request, "core/privacy.html")


def cookies(request):
    return render(request, "core/cookies.html")


@never_cache
@require_GET
def healthz(request):
    """Database and queue health as JSON: 200 when both are healthy, otherwise 503."""
    checks = {"database": queries.database_health()}
    checks["queue"] = (
        queries.queue_health()
        if checks["database"]["status"] == "healthy"
        else {"status": "unhealthy", "error": "database unavailable"}
    )
    healthy = all(check["status"] == "healthy" for check in checks.values())
    return JsonResponse(
        {"status": "healthy" if healthy else "unhealthy", "checks": checks},
        status=200 if healthy else 503,
    )


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # The error may lie in the very machinery a full page needs, so fall back to plain text.
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001
        return HttpResponseServerError(loader.get_template("500_plain.html").render())


def csrf_failure(request, reason=""):
    return render(request, "core/csrf_failure.html", status=403)
