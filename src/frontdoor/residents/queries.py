"""Read-only selections of resident records, the review queue and merges."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from frontdoor.residents.models import Link, LinkageModel, MatchPair, Merge, Resident


def resident_get(*, resident_id: int) -> Resident | None:
    return Resident.objects.filter(pk=resident_id).first()


def resident_current(resident: Resident) -> Resident:
    """The resident that holds this one's records now (itself, unless merged away)."""
    seen = set()
    while resident.merged_into_id and resident.pk not in seen:
        seen.add(resident.pk)
        resident = resident.merged_into
    return resident


def resident_of(*, kind: str, object_id: str) -> Resident | None:
    """The resident a case (by reference), an account or a contact points at."""
    link = Link.objects.filter(kind=kind, object_id=str(object_id)).select_related("resident")
    found = link.first()
    return resident_current(found.resident) if found else None


def links_of(*, resident: Resident, kind: str = "") -> QuerySet[Link]:
    links = resident.links.order_by("kind", "-created_at")
    return links.filter(kind=kind) if kind else links


def review_queue() -> QuerySet[MatchPair]:
    """Pairs waiting for a data officer, the most likely first."""
    return (
        MatchPair.objects.filter(status=MatchPair.PENDING)
        .select_related("record_l", "record_r", "record_l__resident", "record_r__resident")
        .order_by("-match_probability", "pk")
    )


def pair_get(*, pair_id: int) -> MatchPair | None:
    return (
        MatchPair.objects.filter(pk=pair_id)
        .select_related("record_l", "record_r", "record_l__resident", "record_r__resident")
        .first()
    )


def merges_recent(*, limit: int = 20) -> QuerySet[Merge]:
    return Merge.objects.select_related("survivor", "merged", "by", "undone_by")[:limit]


def merges_of(*, resident: Resident) -> QuerySet[Merge]:
    return Merge.objects.filter(Q(survivor=resident) | Q(merged=resident)).select_related(
        "survivor", "merged", "by", "undone_by"
    )


def resident_search(*, text: str, limit: int = 50) -> QuerySet[Resident]:
    """Active residents whose records hold the words (names, postcode, email)."""
    found = Resident.objects.filter(status=Resident.ACTIVE)
    for word in text.split()[:5]:
        found = found.filter(
            Q(records__first_name__icontains=word)
            | Q(records__surname__icontains=word)
            | Q(records__postcode__icontains=word)
            | Q(records__email__icontains=word)
        )
    return found.distinct().order_by("surname", "first_name", "pk")[:limit]


def model_current() -> LinkageModel | None:
    return LinkageModel.objects.order_by("-version").first()


def queue_counts() -> dict[str, int]:
    return {
        "pending": MatchPair.objects.filter(status=MatchPair.PENDING).count(),
        "auto_merged": MatchPair.objects.filter(status=MatchPair.AUTO_MERGED).count(),
        "residents": Resident.objects.filter(status=Resident.ACTIVE).count(),
    }


def residents_export(*, emails=(), phones=(), user_ids=(), case_references=()) -> list[dict]:
    """Every resident record that holds one of these identifiers or is linked to one of
    these accounts or cases, with its source records and links, for a subject access
    bundle (privacy reads it; UK GDPR right of access)."""
    found = Q(pk__in=[])
    if emails:
        found |= Q(records__email__in=[e.lower() for e in emails])
    if phones:
        found |= Q(records__phone__in=list(phones))
    if user_ids:
        found |= Q(links__kind=Link.ACCOUNT, links__object_id__in=[str(i) for i in user_ids])
    if case_references:
        found |= Q(links__kind=Link.CASE, links__object_id__in=list(case_references))
    residents = Resident.objects.filter(found).distinct().prefetch_related("records", "links")
    return [
        {
            "resident": resident.pk,
            "name": f"{resident.first_name} {resident.surname}".strip(),
            "date_of_birth": resident.dob.isoformat() if resident.dob else None,
            "status": resident.status,
            "source_records": [
                {
                    "system": r.source_system,
                    "id": r.source_id,
                    "name": f"{r.first_name} {r.surname}".strip(),
                    "date_of_birth": r.dob.isoformat() if r.dob else None,
                    "address": ", ".join(p for p in (r.address_line, r.town, r.postcode) if p),
                    "uprn": r.uprn,
                    "email": r.email,
                    "phone": r.phone,
                }  # fmt: skip
                for r in resident.records.all()
            ],
            "linked": [{"kind": link.kind, "id": link.object_id} for link in resident.links.all()],
        }
        for resident in residents.order_by("pk")
    ]
