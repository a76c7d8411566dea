"""Published open datasets and every version of them, with the files as published.

"More open datasets released" (Digital Strategy 2018-22); "open data initiatives on our
website" (Southwark Technology and Digital Strategy 2024-26).
"""

import uuid

from django.db import models


class Dataset(models.Model):
    """A dataset the council publishes; what it is comes from `registry.py`, copied here at
    each publication so the catalogue reads from one table."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    frequency = models.CharField(max_length=20)
    keywords = models.JSONField(default=list)
    issued_at = models.DateTimeField()
    modified_at = models.DateTimeField()

    class Meta:
        db_table = "opendata_dataset"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Publication(models.Model):
    """One version of a dataset as published: its files never change afterwards."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="publications")
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    rows = models.PositiveIntegerField()
    suppressed = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "opendata_publication"
        ordering = ["dataset", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "version"], name="opendata_one_version")
        ]

    def __str__(self) -> str:
        return f"{self.dataset.slug} v{self.version}"


class PublishedFile(models.Model):
    """A file of a publication: the data as CSV or JSON, or its Data Package descriptor."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=120)
    format = models.CharField(max_length=20)
    media_type = models.CharField(max_length=60)
    content = models.TextField()
    bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        db_table = "opendata_file"
        ordering = ["publication", "id"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "name"], name="opendata_file_name")
        ]

    def __str__(self) -> str:
        return self.name
