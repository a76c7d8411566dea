"""Every address Frontdoor answers, by capability."""

from django.urls import include, path

from frontdoor.api import api
from frontdoor.directory.api import directory_api
from frontdoor.privacy import views as privacy_views

urlpatterns = [
    # The privacy notice generated from the record of processing answers before core's.
    path("privacy/", privacy_views.notice),
    path("", include("frontdoor.core.urls")),
    path("staff/governance/", include("frontdoor.governance.urls")),
    path("staff/", include("frontdoor.accounts.urls")),
    path("staff/cases/", include("frontdoor.cases.urls")),
    path("staff/messages/", include("frontdoor.notify.urls")),
    path("staff/audit/", include("frontdoor.audit.urls")),
    path("staff/privacy/", include("frontdoor.privacy.urls")),
    path("staff/residents/", include("frontdoor.residents.urls")),
    path("track/", include("frontdoor.cases.public_urls")),
    path("open311/v2/", include("frontdoor.reports.open311_urls")),
    path("", include("frontdoor.reports.urls")),
    path("account/", include("frontdoor.accounts.resident_urls")),
    path("", include("frontdoor.journeys.urls")),
    path("directory/", include("frontdoor.directory.urls")),
    path("staff/directory/", include("frontdoor.directory.staff_urls")),
    path("api/directory/", directory_api.urls),
    path("", include("frontdoor.insights.urls")),
    path("open-data/", include("frontdoor.opendata.urls")),
    path("api/", include("frontdoor.opendata.ckan_urls")),
    path("api/", api.urls),
]

handler400 = "frontdoor.core.views.bad_request"
handler403 = "frontdoor.core.views.permission_denied"
handler404 = "frontdoor.core.views.page_not_found"
handler500 = "frontdoor.core.views.server_error"
