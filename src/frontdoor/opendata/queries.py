"""Read-only questions about open data: the catalogue, versions and their files."""

from __future__ import annotations

import datetime
import uuid

from django.db.models import Count, Prefetch, QuerySet

from frontdoor.opendata.models import Dataset, Publication, PublishedFile


def datasets() -> list[Dataset]:
    """Every published dataset, each with `latest` (its newest publication, files loaded)."""
    chosen = list(
        Dataset.objects.annotate(versions=Count("publications")).prefetch_related(
            Prefetch(
                "publications",
                queryset=Publication.objects.order_by("-version").prefetch_related(
                    Prefetch("files", queryset=PublishedFile.objects.defer("content"))
                ),
            )
        )
    )
    for dataset in chosen:
        publications = list(dataset.publications.all())
        dataset.latest = publications[0] if publications else None
        dataset.history = publications
    return [d for d in chosen if d.latest is not None]


def dataset_get(*, name_or_id: str) -> Dataset | None:
    """A dataset by its name (slug) or its id, as CKAN's package_show takes either."""
    try:
        key = uuid.UUID(str(name_or_id))
    except ValueError:
        key = None
    found = [d for d in datasets() if d.slug == name_or_id or (key and d.pk == key)]
    return found[0] if found else None


def file_get(*, slug: str, version: int | None, name: str) -> PublishedFile | None:
    """One published file; `version` None means the newest version."""
    files = PublishedFile.objects.select_related("publication__dataset").filter(
        publication__dataset__slug=slug, name=name
    )
    if version is not None:
        files = files.filter(publication__version=version)
    return files.order_by("-publication__version").first()


def publications_of(*, slug: str) -> QuerySet[Publication]:
    return Publication.objects.filter(dataset__slug=slug).order_by("-version")


def first_published() -> list[datetime.datetime]:
    """When each dataset was first published: for the measure "more open datasets released"."""
    return list(Dataset.objects.order_by("issued_at").values_list("issued_at", flat=True))
