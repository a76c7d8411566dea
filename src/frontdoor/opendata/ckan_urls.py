"""CKAN's own addresses: /api/3/action/<name> and the unversioned /api/action/<name>."""

from django.urls import path

from frontdoor.opendata import ckan

app_name = "ckan"

urlpatterns = [
    path("3/action/<str:name>", ckan.action, name="action"),
    path("action/<str:name>", ckan.action, name="action-unversioned"),
]
