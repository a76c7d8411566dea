"""Every change to street reports: categories and their questions, reporting a problem from
any channel, "me too", duplicate flags, partner keys and partner updates.

Strategy: "multi-channel options for problem reporting" (Southwark 2024-26); "updating
information about road closures" and "a telephone option for reporting and arranging
repairs" (Southampton). A report is a case (cases.services.case_create), so it gets the
case's acknowledgement, workflow, SLA and messages to the reporter and every follower.
"""

from frontdoor.reports.services.categories import (
    category_define,
    category_route,
    workflow_ensure,
)
from frontdoor.reports.services.common import (
    EXTENDED_STATUSES,
    KEY_ISSUERS,
    MAX_DESCRIPTION,
    MAX_PHOTOS,
    PHOTO_TYPES,
    WORKERS,
    WORKFLOW,
    AttributeSpec,
    NotFound,
    OutsideBoundary,
    Place,
    ReportError,
)
from frontdoor.reports.services.duplicates import (
    duplicate_dismiss,
    duplicate_merge,
)
from frontdoor.reports.services.partners import (
    api_client_issue,
    api_client_revoke,
    key_hash,
    partner_update_receive,
)
from frontdoor.reports.services.reporting import (
    answers_check,
    boundary_advice,
    place_locate,
    report_create,
    report_me_too,
)

__all__ = [
    "AttributeSpec",
    "EXTENDED_STATUSES",
    "KEY_ISSUERS",
    "MAX_DESCRIPTION",
    "MAX_PHOTOS",
    "NotFound",
    "OutsideBoundary",
    "PHOTO_TYPES",
    "Place",
    "ReportError",
    "WORKERS",
    "WORKFLOW",
    "answers_check",
    "api_client_issue",
    "api_client_revoke",
    "boundary_advice",
    "category_define",
    "category_route",
    "duplicate_dismiss",
    "duplicate_merge",
    "key_hash",
    "partner_update_receive",
    "place_locate",
    "report_create",
    "report_me_too",
    "workflow_ensure",
]
