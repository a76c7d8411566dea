"""Every change to cases, case types and workflows. Other apps call only these names.

See cases/README.md for what each is for and how to call it.
"""

from frontdoor.cases.services.access import case_access, case_tracked
from frontdoor.cases.services.casework import (
    BulkResult,
    CaseCreated,
    Contact,
    Location,
    case_assign,
    case_bulk_assign,
    case_bulk_transition,
    case_create,
    case_note_add,
    case_transition,
    case_update_public,
    postcode_normalise,
)
from frontdoor.cases.services.claims import cases_claim
from frontdoor.cases.services.contacts import (
    ALLOWED_FILES,
    MAX_FILE_BYTES,
    case_attachment_add,
    case_attachment_open,
    case_contact_log,
    case_subscriber_add,
    file_check,
)
from frontdoor.cases.services.errors import (
    CaseError,
    CaseNotFound,
    FileRejected,
    IllegalTransition,
    StaleCase,
)
from frontdoor.cases.services.privacy import cases_anonymise
from frontdoor.cases.services.setup import (
    STANDARD,
    case_type_define,
    workflow_define,
    workflow_standard_ensure,
)
from frontdoor.cases.workflow import ClosureReason, State, Transition, WorkflowError

__all__ = [
    "ALLOWED_FILES",
    "MAX_FILE_BYTES",
    "STANDARD",
    "BulkResult",
    "CaseCreated",
    "CaseError",
    "CaseNotFound",
    "ClosureReason",
    "Contact",
    "FileRejected",
    "IllegalTransition",
    "Location",
    "StaleCase",
    "State",
    "Transition",
    "WorkflowError",
    "case_access",
    "cases_claim",
    "case_assign",
    "case_attachment_add",
    "case_attachment_open",
    "case_bulk_assign",
    "case_bulk_transition",
    "case_contact_log",
    "case_create",
    "case_note_add",
    "case_subscriber_add",
    "case_transition",
    "case_type_define",
    "case_tracked",
    "case_update_public",
    "cases_anonymise",
    "file_check",
    "postcode_normalise",
    "workflow_define",
    "workflow_standard_ensure",
]
