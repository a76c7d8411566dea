"""Every change to the directory. Other apps call only these names (see README.md)."""

from frontdoor.directory.rows import ImportRefused, Problem, Rows
from frontdoor.directory.services.catalogue import (
    REVIEW_DAYS,
    directory_import,
    rows_check,
    services_refresh,
    tables_apply,
)
from frontdoor.directory.services.editing import (
    CASE_TYPE,
    EDITORS,
    DirectoryError,
    service_confirm,
    service_save,
    suggestion_create,
    suggestion_decide,
)
from frontdoor.directory.services.freshness import (
    ReminderRun,
    confirm_token,
    confirm_token_read,
    reminders_send,
)
from frontdoor.directory.services.transfer import (
    directory_export,
    directory_import_feed,
    directory_import_file,
    taxonomy_define,
)

__all__ = [
    "ReminderRun",
    "confirm_token",
    "confirm_token_read",
    "reminders_send",
    "CASE_TYPE",
    "EDITORS",
    "DirectoryError",
    "service_confirm",
    "service_save",
    "suggestion_create",
    "suggestion_decide",
    "REVIEW_DAYS",
    "ImportRefused",
    "Problem",
    "Rows",
    "directory_export",
    "directory_import",
    "directory_import_feed",
    "directory_import_file",
    "rows_check",
    "services_refresh",
    "tables_apply",
    "taxonomy_define",
]
