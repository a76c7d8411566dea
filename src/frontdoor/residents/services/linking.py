"""Running linkage over the database: train a model, score pairs, merge or queue them.

Strategy: "a single customer record" (Southampton 2018-22); "single resident view"
(Southwark 2024-26). Pairs at or above RESIDENTS_AUTO_MERGE that share a home or a
contact detail merge by themselves; the rest from RESIDENTS_REVIEW_FROM wait in a data
officer's review queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import services as audit
from frontdoor.residents import comparisons, linkage
from frontdoor.residents.models import LinkageModel, MatchPair, Resident, SourceRecord
from frontdoor.residents.services.errors import MergeRefused, ResidentError
from frontdoor.residents.services.merging import merge_apply

RUNNERS = (roles.DATA_OFFICER, roles.ADMINISTRATOR)
# Splink's estimators need some data to learn from.
MIN_RECORDS_TO_TRAIN = 50


def auto_merge_from() -> float:
    return float(getattr(settings, "RESIDENTS_AUTO_MERGE", 0.99))


def review_from() -> float:
    return float(getattr(settings, "RESIDENTS_REVIEW_FROM", 0.5))


def _row(record: SourceRecord) -> dict:
    return {
        "unique_id": str(record.pk),
        "source_system": record.source_system,
        "first_name": record.first_name,
        "surname": record.surname,
        "dob": record.dob.isoformat() if record.dob else None,
        "address_line": record.address_line,
        "town": record.town,
        "postcode": record.postcode,
        "email": record.email,
        "phone": record.phone,
    }


def _records():
    return SourceRecord.objects.filter(resident__status=Resident.ACTIVE).order_by("pk")


def model_current() -> LinkageModel | None:
    return LinkageModel.objects.order_by("-version").first()


def model_train(*, user=None, u_max_pairs: float = 1e6) -> LinkageModel:
    """Train the linkage model on every active record with Splink's own estimators and
    store it with its version and the library versions it was trained with."""
    if user is not None:
        accounts.role_check(user=user, roles=RUNNERS, action="train the linkage model")
    rows = [_row(r) for r in _records()]
    if len(rows) < MIN_RECORDS_TO_TRAIN:
        raise ResidentError(
            f"Linkage needs at least {MIN_RECORDS_TO_TRAIN} records to learn from; "
            f"there are {len(rows)}."
        )
    pipeline = linkage.Pipeline(threads=2)
    pipeline.load_rows(rows)
    trained = pipeline.train(u_max_pairs=u_max_pairs)
    with transaction.atomic():
        latest = model_current()
        made = LinkageModel.objects.create(
            version=(latest.version + 1) if latest else 1,
            trained_at=timezone.now(),
            splink_version=trained["frontdoor"]["splink"],
            duckdb_version=trained["frontdoor"]["duckdb"],
            records=len(rows),
            settings=trained,
        )
        audit.audit_record(
            actor=user or audit.SYSTEM,
            action="residents.model_trained",
            subject_type="linkage_model",
            subject_id=made.version,
            detail={"records": len(rows)},
        )
    return made


@dataclass
class RunResult:
    compared: int = 0
    pairs: int = 0
    auto_merged: int = 0
    queued: int = 0


def linkage_run(*, user=None, only_new: bool = False) -> RunResult:
    """Score every active record with the current model (trained first if there is none);
    with `only_new`, keep only pairs that involve a record not linked before (link on
    arrival). Merges and queues are written in one transaction after the scoring."""
    if user is not None:
        accounts.role_check(user=user, roles=RUNNERS, action="run record linkage")
    model = model_current() or model_train(user=user)
    records = {r.pk: r for r in _records()}
    fresh = {pk for pk, r in records.items() if r.linked_at is None}
    result = RunResult(compared=len(records))
    if only_new and not fresh:
        return result
    pairs: list[dict] = []
    if len(records) >= 2:
        pipeline = linkage.Pipeline(threads=2)
        pipeline.load_rows(_row(r) for r in records.values())
        pairs = pipeline.predict(model.settings, keep=review_from())
    now = timezone.now()
    with transaction.atomic():
        for pair in sorted(pairs, key=lambda p: -p["match_probability"]):
            left, right = sorted((int(pair["unique_id_l"]), int(pair["unique_id_r"])))
            if only_new and left not in fresh and right not in fresh:
                continue
            result.pairs += 1
            _pair_record(pair, left, right, model, now, result)
        SourceRecord.objects.filter(pk__in=fresh, linked_at__isnull=True).update(linked_at=now)
    return result


def _pair_record(pair: dict, left: int, right: int, model, now, result: RunResult) -> None:
    record_l = SourceRecord.objects.get(pk=left)
    record_r = SourceRecord.objects.get(pk=right)
    if record_l.resident_id == record_r.resident_id:
        return
    if MatchPair.objects.filter(record_l=record_l, record_r=record_r).exists():
        return  # decided before (or already waiting): an officer's "not the same" stands
    a, b = record_l.resident_id, record_r.resident_id
    if MatchPair.objects.filter(
        Q(record_l__resident=a, record_r__resident=b)
        | Q(record_l__resident=b, record_r__resident=a),
        status__in=[MatchPair.PENDING, MatchPair.DIFFERENT],
    ).exists():
        return  # one question per two residents
    probability = float(pair["match_probability"])
    fields = comparisons.field_weights(pair, model.settings)
    match = MatchPair.objects.create(
        record_l=record_l,
        record_r=record_r,
        model=model,
        match_weight=float(pair["match_weight"]),
        match_probability=probability,
        fields=fields,
        found_at=now,
    )
    # A person who moved and a namesake look alike: only a data officer merges a pair
    # that shares neither a home nor an email or phone, however sure the model is.
    if probability >= auto_merge_from() and comparisons.anchored(fields):
        survivor, merged = sorted((record_l.resident_id, record_r.resident_id))
        try:
            with transaction.atomic():
                merge_apply(survivor_id=survivor, merged_id=merged, pair=match, at=now)
        except MergeRefused:
            return  # one side merged elsewhere in this run: leave it for review
        match.status, match.decided_at = MatchPair.AUTO_MERGED, now
        match.save(update_fields=["status", "decided_at"])
        result.auto_merged += 1
    else:
        result.queued += 1


def possible_matches(*, user, person: dict, limit: int = 5) -> list[tuple[Resident, float]]:
    """ "This may be the same person as …": residents the current model scores against a
    person an agent is typing in, best first (nothing stored)."""
    accounts.role_check(
        user=user, roles=(roles.AGENT, *RUNNERS), action="look for a resident's records"
    )
    model = model_current()
    if model is None:
        return []
    records = {r.pk: r for r in _records()}
    probe = {"unique_id": "probe", "source_system": "search", **person}
    pipeline = linkage.Pipeline(threads=2)
    pipeline.load_rows([*(_row(r) for r in records.values()), probe])
    found: dict[int, float] = {}
    for pair in pipeline.predict(model.settings, keep=review_from()):
        ids = {pair["unique_id_l"], pair["unique_id_r"]}
        if "probe" not in ids:
            continue
        other = int((ids - {"probe"}).pop())
        resident_id = records[other].resident_id
        found[resident_id] = max(found.get(resident_id, 0.0), float(pair["match_probability"]))
    best = sorted(found.items(), key=lambda item: -item[1])[:limit]
    residents = Resident.objects.in_bulk([pk for pk, _ in best])
    audit.audit_record(
        actor=user,
        action="resident.searched",
        subject_type="resident",
        subject_id=",".join(str(pk) for pk, _ in best) or "-",
        detail={"matches": len(best)},
    )
    return [(residents[pk], probability) for pk, probability in best]
