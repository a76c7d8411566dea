"""Track my request, without an account.

Strategy: "a reduction in the number of contacts chasing progress on previous enquiries";
"no need to register" (Southampton Digital Strategy 2018-22).
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from frontdoor.cases import queries, services
from frontdoor.cases.forms import TrackForm

# Enough for a resident who mistypes a few times; too few to guess references.
RATE_PER_ADDRESS = "10/10m"
NOT_FOUND = (
    "We could not find a request with those details. Check the reference and the email "
    "address or postcode you gave us"
)
TOO_MANY = "You have tried too many times. Wait 10 minutes, then try again"


def _address(group, request) -> str:
    return get_client_ip_address(request) or "unknown"


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "GET":
        form = TrackForm(initial={"reference": request.GET.get("reference", "")[:20]})
        return render(request, "cases/track.html", {"form": form})
    form = TrackForm(request.POST)
    # The limit counts every lookup from an address, the shared database cache keeping
    # count for every web process. The address is the one sign-in throttling uses, so it
    # is the resident's, not the load balancer's, when BEHIND_PROXY is set.
    limited = is_ratelimited(
        request, group="cases.track", key=_address, rate=RATE_PER_ADDRESS, increment=True
    )
    if limited:
        form.is_valid()
        form.add_error(None, TOO_MANY)
        return render(request, "cases/track.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "cases/track.html", {"form": form}, status=400)
    tracked = queries.case_track(
        reference=form.cleaned_data["reference"],
        email_or_postcode=form.cleaned_data["email_or_postcode"],
    )
    if tracked is None:
        form.add_error(None, NOT_FOUND)
        return render(request, "cases/track.html", {"form": form}, status=404)
    services.case_tracked(reference=tracked.reference)
    return render(request, "cases/tracked.html", {"case": tracked})
