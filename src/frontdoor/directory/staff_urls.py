from django.urls import path

from frontdoor.directory import staff_views

app_name = "directory_staff"

urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("services/", staff_views.service_list, name="services"),
    path("services/new/", staff_views.service_edit, name="new"),
    path("services/<uuid:service_id>/", staff_views.history, name="history"),
    path("services/<uuid:service_id>/edit/", staff_views.service_edit, name="edit"),
    path("services/<uuid:service_id>/confirm/", staff_views.confirm, name="confirm"),
    path("suggestions/<uuid:suggestion_id>/", staff_views.suggestion_decide, name="decide"),
    path("reminders/", staff_views.reminders, name="reminders"),
    path("import/", staff_views.import_file, name="import"),
    path("export/", staff_views.export, name="export"),
]
