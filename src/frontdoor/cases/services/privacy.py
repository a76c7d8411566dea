"""What the privacy app asks of cases: anonymising closed cases at the end of retention.

Strategy: "data is not kept for longer than it is needed" (Southampton 2018-22). The
case row stays, with its type, channel, status, dates, ward and counts, so every measure
and open dataset counted from cases comes out the same afterwards.
"""

from __future__ import annotations

from django.db import transaction

from frontdoor.cases.models import (
    NO_UPDATES,
    Case,
    CaseAttachment,
    CaseContact,
    CaseEvent,
    CaseSubscriber,
)

# Timeline lines whose `data` says nothing personal and which measures may read.
_KEEP_DATA = (CaseEvent.CREATED, CaseEvent.STATUS, CaseEvent.ASSIGNED)


@transaction.atomic
def cases_anonymise(*, case_ids: list[int]) -> dict[str, int]:
    """Remove the personal details from these cases, their timelines, files and followers.

    Returns how many rows of each kind changed; the caller logs the counts, never the data.
    """
    attachments = CaseAttachment.objects.filter(case_id__in=case_ids)
    for attachment in attachments.only("id", "file"):
        attachment.file.delete(save=False)
    files = attachments.delete()[0]
    followers = CaseSubscriber.objects.filter(case_id__in=case_ids).delete()[0]
    events = CaseEvent.objects.filter(case_id__in=case_ids)
    events.exclude(kind__in=_KEEP_DATA).update(text="", data={})
    events.filter(kind__in=_KEEP_DATA).update(text="")
    CaseContact.objects.filter(case_id__in=case_ids).update(summary="")
    cases = Case.objects.filter(id__in=case_ids).update(
        description="",
        answers={},
        contact_name="",
        contact_email="",
        contact_phone="",
        contact_postcode="",
        contact_preference=NO_UPDATES,
        resident=None,
        uprn="",
        latitude=None,
        longitude=None,
        address="",
        location_postcode="",
    )
    return {"cases": cases, "files": files, "followers": followers}
