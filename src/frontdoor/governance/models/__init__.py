"""The governance app's tables, split by subdomain."""

from frontdoor.governance.models.history import Change
from frontdoor.governance.models.requests import (
    ChangeRequest,
    CostBand,
    Criterion,
    Decision,
    MatrixVersion,
    RequestStatus,
    Score,
    Urgency,
    Weight,
)
from frontdoor.governance.models.reviews import Review
from frontdoor.governance.models.strategy import (
    Deliverable,
    Level,
    Measure,
    MeasureReading,
    NextStep,
    Priority,
    ProgressEntry,
    Rag,
    Recommendation,
    RoadmapItem,
    Status,
    Strategy,
    Theme,
    Timeframe,
)

__all__ = [
    "Change",
    "ChangeRequest",
    "CostBand",
    "Criterion",
    "Decision",
    "Deliverable",
    "Level",
    "MatrixVersion",
    "Measure",
    "MeasureReading",
    "NextStep",
    "Priority",
    "ProgressEntry",
    "Rag",
    "Recommendation",
    "Review",
    "RequestStatus",
    "RoadmapItem",
    "Score",
    "Status",
    "Strategy",
    "Theme",
    "Timeframe",
    "Urgency",
    "Weight",
]
