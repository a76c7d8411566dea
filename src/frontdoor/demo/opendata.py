"""Demo open data: every dataset published once from the demo council's data."""

from __future__ import annotations

from frontdoor.opendata import services


def create() -> None:
    services.datasets_publish_due(every=True)
