"""Every address Frontdoor answers, by capability."""

from django.urls import include, path

from frontdoor.api import api

urlpatterns = [
    path("", include("frontdoor.core.urls")),
    path("staff/governance/", include("frontdoor.governance.urls")),
    path("staff/", include("frontdoor.accounts.urls")),
    path("staff/cases/", include("frontdoor.cases.urls")),
    path("staff/messages/", include("frontdoor.notify.urls")),
    path("staff/audit/", include("frontdoor.audit.urls")),
    path("staff/residents/", include("frontdoor.residents.urls")),
    path("track/", include("frontdoor.cases.public_urls")),
    path("", include("frontdoor.journeys.urls")),
    path("api/", api.urls),
]

handler400 = "frontdoor.core.views.bad_request"
handler403 = "frontdoor.core.views.permission_denied"
handler404 = "frontdoor.core.views.page_not_found"
handler500 = "frontdoor.core.views.server_error"
