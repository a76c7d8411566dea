"""Publishing open data: every dataset in the registry, on its schedule, as files that
never change once published.

"More open datasets released" (Digital Strategy 2018-22); "we are in the process of
developing open data initiatives on our website to promote the transparency and sharing
of information" (Southwark Technology and Digital Strategy 2024-26).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontdoor.opendata import packaging, registry
from frontdoor.opendata.models import Dataset, Publication, PublishedFile
from frontdoor.opendata.registry import DAILY, MONTHLY, WEEKLY

log = logging.getLogger(__name__)


class OpenDataError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NothingToPublish(OpenDataError):
    """The dataset has no rows yet: an empty version would tell nobody anything."""


def is_due(*, frequency: str, last: datetime.datetime | None, now: datetime.datetime) -> bool:
    """Due when never published, or last published in an earlier day, week or month
    (London time) than now, as the dataset's frequency says."""
    if last is None:
        return True
    then, today = timezone.localtime(last).date(), timezone.localtime(now).date()
    if frequency == DAILY:
        return then < today
    if frequency == WEEKLY:
        return then.isocalendar()[:2] < today.isocalendar()[:2]
    if frequency == MONTHLY:
        return (then.year, then.month) < (today.year, today.month)
    raise OpenDataError(f"{frequency!r} is not a frequency")


@transaction.atomic
def dataset_publish(*, slug: str, now: datetime.datetime | None = None) -> Publication:
    """Make a new version of one dataset from live data, with its files, in one transaction."""
    spec = registry.spec_get(slug)
    if spec is None:
        raise OpenDataError(f"There is no dataset called {slug!r}")
    now = now or timezone.now()
    made = spec.make(timezone.localtime(now).date())
    if not made.rows:
        raise NothingToPublish(f"{spec.title} has no rows yet")
    dataset, created = Dataset.objects.select_for_update().get_or_create(
        slug=spec.slug,
        defaults={
            "title": spec.title,
            "description": spec.description,
            "frequency": spec.frequency,
            "keywords": list(spec.keywords),
            "issued_at": now,
            "modified_at": now,
        },
    )
    if not created:
        dataset.title, dataset.description = spec.title, spec.description
        dataset.frequency, dataset.keywords = spec.frequency, list(spec.keywords)
        dataset.modified_at = now
        dataset.save()
    last = dataset.publications.order_by("-version").first()
    version = (last.version + 1) if last else 1
    publication = Publication.objects.create(
        dataset=dataset,
        version=version,
        published_at=now,
        rows=len(made.rows),
        suppressed=made.withheld,
    )
    files = packaging.files_for(
        spec=spec,
        rows=made.rows,
        version=version,
        dataset_id=str(dataset.pk),
        published_at=now,
        publisher=settings.COUNCIL_NAME,
    )
    PublishedFile.objects.bulk_create(
        PublishedFile(
            publication=publication,
            name=file.name,
            format=file.format,
            media_type=file.media_type,
            content=file.content,
            bytes=file.bytes,
            sha256=file.sha256,
        )
        for file in files
    )
    log.info("published %s version %s (%s rows)", slug, version, len(made.rows))
    return publication


def datasets_publish_due(
    *, now: datetime.datetime | None = None, every: bool = False
) -> list[Publication]:
    """Publish each dataset that is due (or every dataset): the schedule's one step."""
    now = now or timezone.now()
    last = {
        dataset.slug: dataset.modified_at for dataset in Dataset.objects.only("slug", "modified_at")
    }
    published = []
    for spec in registry.specs():
        if every or is_due(frequency=spec.frequency, last=last.get(spec.slug), now=now):
            try:
                published.append(dataset_publish(slug=spec.slug, now=now))
            except NothingToPublish:
                log.info("nothing to publish yet in %s", spec.slug)
    return published
