"""Shapes of journeys' public API."""

from __future__ import annotations

import datetime

from ninja import Schema


class FormOut(Schema):
    slug: str
    title: str
    version: int
    url: str


class FormVersionOut(FormOut):
    published_at: datetime.datetime
    definition: dict


class ErrorOut(Schema):
    detail: str
