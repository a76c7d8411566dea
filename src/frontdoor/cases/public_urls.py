from django.urls import path

from frontdoor.cases.views import track

app_name = "cases_public"

urlpatterns = [path("", track.track, name="track")]
