"""The open data pages and downloads: thin views over opendata.queries."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from frontdoor.opendata import catalogue, queries
from frontdoor.opendata.packaging import LICENCE

FREQUENCY_WORDS = {"daily": "Every day", "weekly": "Every week", "monthly": "Every month"}


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def index(request):
    found = queries.datasets()
    for dataset in found:
        dataset.frequency_words = FREQUENCY_WORDS.get(dataset.frequency, dataset.frequency)
    return render(request, "opendata/index.html", {"datasets": found, "licence": LICENCE})


def dataset(request, slug: str):
    found = queries.dataset_get(name_or_id=slug)
    if found is None or found.slug != slug:
        raise Http404("No such dataset")
    found.frequency_words = FREQUENCY_WORDS.get(found.frequency, found.frequency)
    return render(request, "opendata/dataset.html", {"dataset": found, "licence": LICENCE})


def _file_response(file) -> HttpResponse:
    response = HttpResponse(file.content, content_type=f"{file.media_type}; charset=utf-8")
    if file.format != "datapackage":
        response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["ETag"] = f'"{file.sha256}"'
    return response


def file(request, slug: str, version: int, name: str):
    found = queries.file_get(slug=slug, version=version, name=name)
    if found is None:
        raise Http404("No such file")
    return _file_response(found)


def latest_file(request, slug: str, name: str):
    found = queries.file_get(slug=slug, version=None, name=name)
    if found is None:
        raise Http404("No such file")
    return _file_response(found)


def dataset_jsonld(request, slug: str):
    found = queries.dataset_get(name_or_id=slug)
    if found is None or found.slug != slug:
        raise Http404("No such dataset")
    return JsonResponse(
        catalogue.dcat_dataset(found, base=_base(request)),
        content_type="application/ld+json",
        json_dumps_params={"indent": 2},
    )


def catalogue_jsonld(request):
    return JsonResponse(
        catalogue.dcat_catalogue(queries.datasets(), base=_base(request)),
        content_type="application/ld+json",
        json_dumps_params={"indent": 2},
    )
