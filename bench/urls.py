from django.http import HttpResponse
from django.urls import path

from frontdoor.urls import urlpatterns as frontdoor_urls


def bare(request):
    """The fastest a Django view can answer on this server: the yardstick for our pages."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/bare", bare), *frontdoor_urls]
