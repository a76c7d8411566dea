from django.urls import path

from frontdoor.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("retention/", views.retention, name="retention"),
    path("retention/<int:rule_id>/remove/", views.retention_remove, name="retention-remove"),
    path("holds/", views.holds, name="holds"),
    path("holds/new/", views.hold_new, name="hold-new"),
    path("holds/<int:hold_id>/release/", views.hold_release, name="hold-release"),
    path("disposal/", views.disposal, name="disposal"),
    path("disposal/<int:run_id>/", views.run, name="run"),
    path("sensitive/<str:reference>/<str:key>/", views.sensitive, name="sensitive"),
    path("requests/", views.requests, name="requests"),
    path("requests/<str:reference>/", views.subject_request, name="request"),
    path("requests/<str:reference>/erase/", views.erase, name="erase"),
    path(
        "requests/<str:reference>/bundle.json",
        views.bundle_download,
        {"fmt": "json"},
        name="bundle-json",
    ),
    path(
        "requests/<str:reference>/bundle.pdf",
        views.bundle_download,
        {"fmt": "pdf"},
        name="bundle-pdf",
    ),
]
