"""Report a problem (resident pages), the public map and list, and staff pages."""

from django.urls import path

from frontdoor.reports import staff_views, views

app_name = "reports"

urlpatterns = [
    path("report/", views.start, name="start"),
    path("report/nearby/", views.nearby, name="nearby"),
    path("report/details/", views.new, name="new"),
    path("report/sent/<str:reference>/", views.sent, name="sent"),
    path("reports/", views.public_list, name="public-list"),
    path("reports/<str:reference>/", views.detail, name="detail"),
    path("reports/<str:reference>/me-too/", views.me_too, name="me-too"),
    path("reports/<str:reference>/me-too/done/", views.me_too_done, name="me-too-done"),
    path("reports/<str:reference>/photos/<int:photo_id>/", views.photo, name="photo"),
    path("staff/reports/duplicates/", staff_views.duplicates, name="staff-duplicates"),
    path("staff/reports/keys/", staff_views.keys, name="staff-keys"),
    path("staff/reports/categories/", staff_views.categories, name="staff-categories"),
]
