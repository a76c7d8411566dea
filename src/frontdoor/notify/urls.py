from django.urls import path

from frontdoor.notify import views

app_name = "notify"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<str:reference>/", views.message, name="message"),
]
