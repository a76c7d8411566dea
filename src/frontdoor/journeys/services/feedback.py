"""Residents' satisfaction ratings of a form, after sending it and after their case closes.

Strategy: "Achieve an average rating of 4 for web forms"; "Help the council put digital
tools in place that allow customers to give feedback".
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.db import transaction
from django.utils import timezone

from frontdoor.journeys.models import Feedback, Submission
from frontdoor.journeys.services import other_apps

FEEDBACK_SALT = "journeys.feedback"


class FeedbackRefused(ValueError):
    """The feedback link is not one we made, or the rating is not 1 to 5. `not_online` is
    true for a closed case that did not start as an online form (its type's closing
    message carries the link too)."""

    def __init__(self, message: str, *, not_online: bool = False):
        super().__init__(message)
        self.not_online = not_online


def feedback_token(*, submission: Submission, moment: str) -> str:
    """The secret part of a feedback link: which submission, and after what."""
    return signing.dumps({"s": submission.reference, "m": moment}, salt=FEEDBACK_SALT)


def feedback_target(*, token: str) -> tuple[Submission, str]:
    try:
        data = signing.loads(token, salt=FEEDBACK_SALT)
        submission = Submission.objects.select_related("version__form").get(reference=data["s"])
    except (signing.BadSignature, KeyError, TypeError, Submission.DoesNotExist):
        raise FeedbackRefused("This feedback link is not one we sent") from None
    if data.get("m") not in Feedback.Moment.values:
        raise FeedbackRefused("This feedback link is not one we sent")
    return submission, data["m"]


def feedback_for_closed_case(*, case_reference: str) -> Submission:
    """The submission behind a closed case, for the feedback link in its closing message."""
    submission = (
        Submission.objects.select_related("version__form")
        .filter(case_reference=case_reference.strip().upper())
        .first()
    )
    if submission is None:
        closed = other_apps.case_is_closed(reference=case_reference.strip().upper())
        raise FeedbackRefused("This case did not start online", not_online=closed)
    if not other_apps.case_is_closed(reference=submission.case_reference):
        raise FeedbackRefused("This feedback link is not one we sent")
    return submission


@transaction.atomic
def feedback_give(
    *, token: str, rating: int, comment: str = "", given_at: datetime.datetime | None = None
) -> Feedback:
    """Record a rating; giving it again through the same link changes it, never doubles it.

    `given_at` is for ratings brought over from an earlier survey tool; it defaults to now.
    """
    submission, moment = feedback_target(token=token)
    if rating not in range(1, 6):
        raise FeedbackRefused("Choose a rating from 1 to 5")
    feedback, _ = Feedback.objects.update_or_create(
        submission=submission,
        moment=moment,
        defaults={
            "version": submission.version,
            "rating": rating,
            "comment": comment.strip()[:2000],
            "given_at": given_at or timezone.now(),
        },
    )
    return feedback
