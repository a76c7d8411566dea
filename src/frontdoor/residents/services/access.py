"""The audited gates in front of resident records: every view of personal data is logged.

Strategy: "personal data is visible only to staff whose role needs it; every view and
change of a case or resident record is in the audit log" (DESIGN.md).
"""

from __future__ import annotations

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.residents.models import MatchPair, Merge, Resident
from frontdoor.residents.services.errors import ResidentNotFound

OFFICERS = (roles.DATA_OFFICER, roles.ADMINISTRATOR)
READERS = (roles.AGENT, *OFFICERS)


def resident_access(*, user, resident_id: int) -> Resident:
    """A resident's record for a member of staff who may see it; the view is audited."""
    accounts.role_check(user=user, roles=READERS, action="see resident records")
    resident = Resident.objects.filter(pk=resident_id).first()
    if resident is None:
        raise ResidentNotFound(f"There is no resident {resident_id}.")
    audit.audit_record(
        actor=user, action="resident.viewed", subject_type="resident", subject_id=resident.pk
    )
    return resident


def pair_access(*, user, pair_id: int) -> MatchPair:
    """A possible match, both records side by side, for a data officer; audited."""
    accounts.role_check(user=user, roles=OFFICERS, action="review possible duplicates")
    pair = (
        MatchPair.objects.filter(pk=pair_id)
        .select_related("record_l", "record_r", "record_l__resident", "record_r__resident")
        .first()
    )
    if pair is None:
        raise ResidentNotFound(f"There is no possible match {pair_id}.")
    audit.audit_record(
        actor=user,
        action="resident.pair_viewed",
        subject_type="resident",
        subject_id=pair.record_l.resident_id,
        detail={"pair": pair.pk, "other": pair.record_r.resident_id},
    )
    return pair


def merge_access(*, user, merge_id: int) -> Merge:
    accounts.role_check(user=user, roles=OFFICERS, action="undo a merge")
    merge = Merge.objects.select_related("survivor", "merged").filter(pk=merge_id).first()
    if merge is None:
        raise ResidentNotFound(f"There is no merge {merge_id}.")
    return merge
