from django.urls import path

from frontdoor.residents import views

app_name = "residents"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("run/", views.run, name="run"),
    path("find/", views.find, name="find"),
    path("import/", views.import_records, name="import"),
    path("pairs/<int:pair_id>/", views.pair, name="pair"),
    path("merges/<int:merge_id>/undo/", views.undo, name="undo"),
    path("<int:resident_id>/", views.resident, name="resident"),
]
