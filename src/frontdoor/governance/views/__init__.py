"""Governance pages for staff: thin, each parses, calls one service or query, renders.

Any member of staff reads everything here (the matrix, scores and ranking are open to
all, so "not just for those 'for shout the loudest'"); board members change things.
"""

from frontdoor.governance.views.papers import (
    history,
    index,
    pack,
    pack_pdf,
    report,
    report_pdf,
    review_record,
    strategy,
)
from frontdoor.governance.views.requests import (
    change_request,
    change_request_decide,
    change_request_new,
    change_request_score,
    change_requests,
    matrix,
    matrix_edit,
)
from frontdoor.governance.views.roadmap import (
    measure_reading,
    measures,
    next_step_add,
    next_step_done,
    recommendation,
    recommendation_progress,
    roadmap,
    roadmap_item,
    roadmap_item_update,
)

__all__ = [
    "change_request",
    "change_request_decide",
    "change_request_new",
    "change_request_score",
    "change_requests",
    "history",
    "index",
    "matrix",
    "matrix_edit",
    "measure_reading",
    "measures",
    "next_step_add",
    "next_step_done",
    "pack",
    "pack_pdf",
    "recommendation",
    "recommendation_progress",
    "report",
    "report_pdf",
    "review_record",
    "roadmap",
    "roadmap_item",
    "roadmap_item_update",
    "strategy",
]
