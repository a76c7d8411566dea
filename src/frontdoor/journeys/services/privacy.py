"""What the privacy app asks of journeys: anonymising sent forms and feedback comments.

Strategy: "data is not kept for longer than it is needed" (Southampton 2018-22). The rows
stay, so counts of forms sent and average ratings come out the same afterwards.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from frontdoor.journeys.models import Feedback, Submission, Upload


@transaction.atomic
def submissions_anonymise(*, ids=(), case_references=()) -> dict[str, int]:
    """Blank the answers and email of these submissions, delete their files and comments."""
    chosen = Submission.objects.filter(
        Q(pk__in=list(ids)) | Q(case_reference__in=list(case_references))
    )
    chosen_ids = list(chosen.values_list("id", flat=True))
    uploads = Upload.objects.filter(submission_id__in=chosen_ids)
    for upload in uploads.only("id", "file"):
        upload.file.delete(save=False)
    files = uploads.delete()[0]
    Feedback.objects.filter(submission_id__in=chosen_ids).update(comment="")
    count = Submission.objects.filter(id__in=chosen_ids).update(answers={}, contact_email="")
    return {"submissions": count, "files": files}


@transaction.atomic
def feedback_comments_anonymise(*, ids) -> int:
    """Remove the free-text comments; the ratings stay for the forms' average."""
    return Feedback.objects.filter(pk__in=list(ids)).update(comment="")
