"""Small factories for directory tests: the demo gazetteer and a few generated services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts  # noqa: F401 - tests use factories.accounts
from frontdoor.demo import directory as demo
from frontdoor.demo import places as demo_places
from frontdoor.directory import services

PASSWORD = "a-long-enough-test-password"


def gazetteer() -> None:
    demo_places.create()


def directory(count: int = 60, *, today: datetime.date | None = None) -> list[dict]:
    """The demo taxonomy and `count` generated services (the same generator as the demo)."""
    taxonomy, terms = demo.taxonomy_rows()
    services.taxonomy_define(taxonomy=taxonomy, terms=terms)
    feed = demo.feed(count=count, today=today or timezone.localdate())
    services.directory_import_feed(data=feed, source="test feed")
    return feed


def editor(username: str = "editor", password: str | None = None):
    return accounts.staff_create(
        username=username,
        full_name="Grace Example",
        email=f"{username}@example.gov.uk",
        roles=[roles.DIRECTORY_EDITOR],
        password=password,
    )


def term_id(name: str) -> str:
    for category, subs in demo.CATEGORIES:
        if category == name:
            return demo._id("term", category)
        for sub in subs:
            if sub[0] == name:
                return demo._id("term", category, name)
    raise KeyError(name)


def upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
