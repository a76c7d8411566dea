"""Merging two residents into one, and undoing it.

Strategy: "data errors are corrected and duplicate records merged" (Southampton 2018-22).
A merge keeps every source identifier (records move, none is deleted), moves cases and
accounts (their links) to the surviving resident, is in the audit log, and can be undone.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.residents.models import Link, MatchPair, Merge, Resident, SourceRecord
from frontdoor.residents.services.errors import MergeRefused, ResidentNotFound

DECIDERS = (roles.DATA_OFFICER, roles.ADMINISTRATOR)


def _locked(resident_id: int) -> Resident:
    resident = Resident.objects.select_for_update().filter(pk=resident_id).first()
    if resident is None:
        raise ResidentNotFound(f"There is no resident {resident_id}.")
    return resident


def _supersede_pending(resident_ids: set[int], now) -> None:
    """Pending pairs whose two records now belong to one resident need no review."""
    waiting = MatchPair.objects.filter(status=MatchPair.PENDING).filter(
        Q(record_l__resident__in=resident_ids) | Q(record_r__resident__in=resident_ids)
    )
    for pair in waiting.select_related("record_l", "record_r"):
        if pair.record_l.resident_id == pair.record_r.resident_id and (
            pair.record_l.resident_id in resident_ids
        ):
            pair.status = MatchPair.SUPERSEDED
            pair.decided_at = now
            pair.save(update_fields=["status", "decided_at"])


def merge_apply(
    *, survivor_id: int, merged_id: int, by=None, pair: MatchPair | None = None, at=None
) -> Merge:
    """The merge itself, inside the caller's transaction (no role check: callers do it)."""
    if survivor_id == merged_id:
        raise MergeRefused("A record cannot be merged into itself.")
    first, second = sorted((survivor_id, merged_id))
    locked = {first: _locked(first), second: _locked(second)}
    survivor, merged = locked[survivor_id], locked[merged_id]
    for resident in (survivor, merged):
        if resident.status != Resident.ACTIVE:
            raise MergeRefused(
                f"Resident {resident.pk} was already merged into resident "
                f"{resident.merged_into_id}; merge with that one instead."
            )
    now = at or timezone.now()
    record_ids = list(merged.records.values_list("pk", flat=True))
    link_ids = list(merged.links.values_list("pk", flat=True))
    SourceRecord.objects.filter(pk__in=record_ids).update(resident=survivor)
    Link.objects.filter(pk__in=link_ids).update(resident=survivor)
    if survivor.dob is None and merged.dob is not None:
        survivor.dob = merged.dob
    survivor.updated_at = now
    survivor.save(update_fields=["dob", "updated_at"])
    merged.status, merged.merged_into, merged.updated_at = Resident.MERGED, survivor, now
    merged.save(update_fields=["status", "merged_into", "updated_at"])
    merge = Merge.objects.create(
        survivor=survivor,
        merged=merged,
        pair=pair,
        by=by,
        at=now,
        moved_records=record_ids,
        moved_links=link_ids,
    )
    _supersede_pending({survivor.pk}, now)
    audit.audit_record(
        actor=by or audit.SYSTEM,
        action="resident.merged",
        subject_type="resident",
        subject_id=survivor.pk,
        detail={
            "merged": merged.pk,
            "records": record_ids,
            "links": link_ids,
            "pair": pair.pk if pair else None,
            "merge": merge.pk,
        },
        at=now,
    )
    return merge


@transaction.atomic
def resident_merge(
    *, user, survivor_id: int, merged_id: int, at: datetime.datetime | None = None
) -> Merge:
    """A data officer merges one resident into another."""
    accounts.role_check(user=user, roles=DECIDERS, action="merge resident records")
    return merge_apply(survivor_id=survivor_id, merged_id=merged_id, by=user, at=at)


@transaction.atomic
def pair_decide(
    *, user, pair_id: int, same: bool, keep: str = "left", at: datetime.datetime | None = None
) -> Merge | None:
    """A data officer's answer on a pair in the review queue: the same person (merge,
    keeping the `left` or `right` resident) or not."""
    accounts.role_check(user=user, roles=DECIDERS, action="review possible duplicates")
    pair = MatchPair.objects.select_for_update().select_related("record_l", "record_r")
    pair = pair.filter(pk=pair_id).first()
    if pair is None:
        raise ResidentNotFound(f"There is no possible match {pair_id}.")
    if pair.status != MatchPair.PENDING:
        raise MergeRefused(f"This possible match was already decided: {pair.get_status_display()}.")
    now = at or timezone.now()
    merge = None
    if same:
        left, right = pair.record_l.resident_id, pair.record_r.resident_id
        survivor, merged = (left, right) if keep != "right" else (right, left)
        merge = merge_apply(survivor_id=survivor, merged_id=merged, by=user, pair=pair, at=now)
        pair.status = MatchPair.MERGED
    else:
        pair.status = MatchPair.DIFFERENT
        audit.audit_record(
            actor=user,
            action="resident.not_duplicate",
            subject_type="resident",
            subject_id=pair.record_l.resident_id,
            detail={"pair": pair.pk, "other": pair.record_r.resident_id},
            at=now,
        )
    pair.decided_at, pair.decided_by = now, user
    pair.save(update_fields=["status", "decided_at", "decided_by"])
    return merge


@transaction.atomic
def merge_undo(*, user, merge_id: int, at: datetime.datetime | None = None) -> Merge:
    """Undo a merge: the merged resident comes back with exactly the records and links it
    brought; the pair is marked "not the same person" so linkage does not merge it again."""
    accounts.role_check(user=user, roles=DECIDERS, action="undo a merge")
    merge = Merge.objects.select_for_update().filter(pk=merge_id).first()
    if merge is None:
        raise ResidentNotFound(f"There is no merge {merge_id}.")
    if merge.undone_at is not None:
        raise MergeRefused("This merge was already undone.")
    first, second = sorted((merge.survivor_id, merge.merged_id))
    locked = {first: _locked(first), second: _locked(second)}
    survivor, merged = locked[merge.survivor_id], locked[merge.merged_id]
    if survivor.status != Resident.ACTIVE:
        raise MergeRefused(
            f"Resident {survivor.pk} was merged again since; undo that later merge first."
        )
    if merged.status != Resident.MERGED or merged.merged_into_id != survivor.pk:
        raise MergeRefused("This merge no longer matches the records; nothing was changed.")
    now = at or timezone.now()
    SourceRecord.objects.filter(pk__in=merge.moved_records, resident=survivor).update(
        resident=merged
    )
    Link.objects.filter(pk__in=merge.moved_links, resident=survivor).update(resident=merged)
    merged.status, merged.merged_into, merged.updated_at = Resident.ACTIVE, None, now
    merged.save(update_fields=["status", "merged_into", "updated_at"])
    merge.undone_at, merge.undone_by = now, user
    merge.save(update_fields=["undone_at", "undone_by"])
    if merge.pair_id:
        MatchPair.objects.filter(pk=merge.pair_id).update(
            status=MatchPair.DIFFERENT, decided_at=now, decided_by=user
        )
    audit.audit_record(
        actor=user,
        action="resident.merge_undone",
        subject_type="resident",
        subject_id=survivor.pk,
        detail={"merge": merge.pk, "restored": merged.pk},
        at=now,
    )
    return merge
