"""Every change to governance data, split by subdomain; other apps import these.

Each function is keyword-only, one transaction, checks the actor's role again and writes
the history of what it changed.
"""

from frontdoor.governance.services.history import change_record
from frontdoor.governance.services.requests import (
    change_request_decide,
    change_request_score,
    change_request_submit,
    criterion_define,
    matrix_publish,
)
from frontdoor.governance.services.roadmap import (
    measure_reading_record,
    next_step_add,
    next_step_complete,
    recommendation_progress_add,
    review_record,
    roadmap_item_create,
    roadmap_item_update,
)
from frontdoor.governance.services.seed import seed_import, seed_import_files

__all__ = [
    "change_record",
    "change_request_decide",
    "change_request_score",
    "change_request_submit",
    "criterion_define",
    "matrix_publish",
    "measure_reading_record",
    "next_step_add",
    "next_step_complete",
    "recommendation_progress_add",
    "review_record",
    "roadmap_item_create",
    "roadmap_item_update",
    "seed_import",
    "seed_import_files",
]
