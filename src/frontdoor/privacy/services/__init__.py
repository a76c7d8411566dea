"""Every change privacy makes; other apps import these names only.

Retention rules and legal holds (rules.py), disposal runs (disposal.py), subject access
and erasure (subject.py), and the registry other apps add their data to (sources.py).
"""

from frontdoor.privacy.services.disposal import (
    BATCH_SIZE,
    disposal_dry_run_start,
    disposal_execute,
    disposal_plan,
    disposal_scheduled,
    disposal_start,
    disposal_unfinished,
    months_before,
)
from frontdoor.privacy.services.rules import (
    legal_hold_place,
    legal_hold_release,
    retention_rule_remove,
    retention_rule_set,
)
from frontdoor.privacy.services.sensitive import (
    is_sealed,
    sensitive_answer_open,
    sensitive_placeholder,
    sensitive_seal,
    unseal,
)
from frontdoor.privacy.services.subject import (
    bundle_pdf,
    my_data_bundle,
    person_erase,
    subject_access_bundle,
    subject_request_get,
    subject_request_open,
)
from frontdoor.privacy.sources import Person, Source


def subject_access_source(**kwargs) -> None:
    """Add an app's data to subject access and erasure: code, title, find, erase, order."""
    from frontdoor.privacy import sources

    sources.register(Source(**kwargs))


__all__ = [
    "BATCH_SIZE",
    "Person",
    "Source",
    "bundle_pdf",
    "disposal_dry_run_start",
    "disposal_execute",
    "disposal_plan",
    "disposal_scheduled",
    "disposal_start",
    "disposal_unfinished",
    "is_sealed",
    "legal_hold_place",
    "legal_hold_release",
    "months_before",
    "my_data_bundle",
    "person_erase",
    "retention_rule_remove",
    "retention_rule_set",
    "sensitive_answer_open",
    "sensitive_placeholder",
    "sensitive_seal",
    "subject_access_bundle",
    "subject_access_source",
    "subject_request_get",
    "subject_request_open",
    "unseal",
]
