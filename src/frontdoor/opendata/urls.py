from django.urls import path, register_converter

from frontdoor.opendata import views


class FileName:
    regex = r"[a-z0-9][a-z0-9.-]*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FileName, "filename")
app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalogue_jsonld, name="catalogue-jsonld"),
    path("<slug:slug>/", views.dataset, name="dataset"),
    path("<slug:slug>/dcat.jsonld", views.dataset_jsonld, name="dataset-jsonld"),
    path("<slug:slug>/latest/<filename:name>", views.latest_file, name="latest-file"),
    path("<slug:slug>/<int:version>/<filename:name>", views.file, name="file"),
]
