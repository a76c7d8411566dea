"""What the governance API publishes: the matrix and the ranking it gives."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Schema


class CriterionOut(Schema):
    code: str
    name: str
    question: str
    weight: int


class MatrixOut(Schema):
    version: int | None
    published_at: datetime.datetime | None
    weight_total: int
    scale_min: int
    scale_max: int
    formula: str
    criteria: list[CriterionOut]


class RankedOut(Schema):
    reference: str
    title: str
    status: str
    submitted_at: datetime.datetime
    rank: int | None
    scorers: int
    mean_scores: dict[str, Decimal]
    priority: Decimal | None


class RankingOut(Schema):
    matrix: MatrixOut
    requests: list[RankedOut]


class RoadmapItemOut(Schema):
    id: int
    theme: str
    timeframe: str
    level: str
    title: str
    lead: str
    status: str
    rag: str
    source: str
