from django.urls import path

from frontdoor.insights import views

app_name = "insights"

urlpatterns = [
    path("performance/", views.public, name="public"),
    path("performance/<slug:code>.csv", views.measure_csv, name="measure-csv"),
    path("staff/insights/", views.staff, name="staff"),
]
