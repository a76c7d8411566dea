"""Every change to resident records. Other apps call only these names (see README.md)."""

from frontdoor.residents.services.access import merge_access, pair_access, resident_access
from frontdoor.residents.services.errors import MergeRefused, ResidentError, ResidentNotFound
from frontdoor.residents.services.importing import FIELDS as IMPORT_FIELDS
from frontdoor.residents.services.importing import MAX_BYTES as IMPORT_MAX_BYTES
from frontdoor.residents.services.importing import ImportReport, records_import
from frontdoor.residents.services.linking import (
    RunResult,
    auto_merge_from,
    linkage_run,
    model_current,
    model_train,
    possible_matches,
    review_from,
)
from frontdoor.residents.services.merging import merge_undo, pair_decide, resident_merge
from frontdoor.residents.services.records import (
    account_link,
    case_link,
    case_linked,
    dob_parse,
    postcode_clean,
    record_add,
    record_fields,
)
from frontdoor.residents.synthetic import people as synthetic_people

__all__ = [
    "IMPORT_FIELDS",
    "IMPORT_MAX_BYTES",
    "ImportReport",
    "records_import",
    "account_link",
    "merge_access",
    "pair_access",
    "resident_access",
    "MergeRefused",
    "ResidentError",
    "ResidentNotFound",
    "RunResult",
    "auto_merge_from",
    "case_link",
    "case_linked",
    "dob_parse",
    "linkage_run",
    "merge_undo",
    "model_current",
    "model_train",
    "pair_decide",
    "possible_matches",
    "postcode_clean",
    "record_add",
    "record_fields",
    "resident_merge",
    "synthetic_people",
    "review_from",
]
