from django.urls import path

from frontdoor.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("services/<uuid:service_id>/", views.service_page, name="service"),
    path("services/<uuid:service_id>/suggest-a-change/", views.suggest_change, name="suggest"),
    path("services/<uuid:service_id>/suggestion-sent/", views.suggested, name="suggested"),
    path("confirm/<str:token>/", views.provider_confirm, name="confirm"),
]
