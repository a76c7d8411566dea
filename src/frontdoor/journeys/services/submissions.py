"""Sending a form: the submission, its case and the first acknowledgement, in one
transaction; a double click or a retried POST returns the same submission.

Strategy: "Customers can complete most tasks digitally from start to finish, without
having to contact the council directly".
"""

from __future__ import annotations

import secrets
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.journeys import queries
from frontdoor.journeys.definition import CHECK_ANSWERS, answers_on_path, journey_path
from frontdoor.journeys.models import Draft, Submission, Upload
from frontdoor.journeys.questions import answer_display
from frontdoor.journeys.services import other_apps
from frontdoor.journeys.services.runner import DraftGone, FormChanged, _live

# No 0/O, 1/I/L: a reference read out over the phone must not be misheard.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


CaseRefused = other_apps.CaseRefused


class AnswersIncomplete(Exception):  # noqa: N818
    """Some page on the resident's route is still to be answered."""

    def __init__(self, page_key: str):
        super().__init__(page_key)
        self.page_key = page_key


def _reference() -> str:
    code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"F-{code[:4]}-{code[4:]}"


def submission_make(*, draft_key: uuid.UUID, version_number: int, resident=None) -> Submission:
    """Send a draft. Safe to call twice: the draft's key is the idempotency key.
    `resident` is the signed-in resident's own account, whose My account lists the case."""
    try:
        return _submission_make(
            draft_key=draft_key, version_number=version_number, resident=resident
        )
    except IntegrityError:
        # Another request sent the same draft a moment earlier and won the race.
        existing = Submission.objects.filter(draft_key=draft_key).first()
        if existing is None:
            raise
        return existing


@transaction.atomic
def _submission_make(*, draft_key: uuid.UUID, version_number: int, resident=None) -> Submission:
    draft = (
        Draft.objects.select_for_update()
        .select_related("version__form")
        .filter(key=draft_key)
        .first()
    )
    existing = Submission.objects.filter(draft_key=draft_key).first()
    if existing is not None:
        return existing
    if draft is None:
        raise DraftGone
    if draft.version.number != version_number:
        raise FormChanged
    _live(draft.version)
    definition = queries.version_definition(draft.version)
    _, where = journey_path(definition, draft.answers)
    if where != CHECK_ANSWERS:
        raise AnswersIncomplete(where)
    answers = answers_on_path(definition, draft.answers)
    email = next(
        (
            answers[q.key]
            for q in definition.questions()
            if q.type == "email" and answers.get(q.key)
        ),
        "",
    )
    # Sensitive free-text answers are stored encrypted (privacy's key from settings).
    from frontdoor.privacy import services as privacy

    sealed = {q.key for q in definition.questions() if q.sensitive and answers.get(q.key)}
    reference = _reference()
    submission = Submission.objects.create(
        reference=reference,
        draft_key=draft.key,
        version=draft.version,
        answers={
            key: privacy.sensitive_seal(text=value) if key in sealed else value
            for key, value in answers.items()
        },
        channel=draft.channel,
        assisted_by=draft.assisted_by,
        contact_email=email,
        submitted_at=timezone.now(),
    )
    kept = {
        value["upload"]
        for value in answers.values()
        if isinstance(value, dict) and "upload" in value
    }
    Upload.objects.filter(draft=draft, key__in=kept).update(submission=submission, draft=None)
    shown = []
    for q in definition.questions():
        if q.key in sealed:
            shown.append((q.label, privacy.sensitive_placeholder(reference=reference, key=q.key)))
        elif q.key in answers:
            text = answer_display(q, answers[q.key])
            if q.type == "file" and answers[q.key]:
                text += f" ({other_apps.file_url(key=answers[q.key]['upload'])})"
            shown.append((q.label, text))
    submission.case_reference = other_apps.case_open(
        submission=submission, definition=definition, answers_shown=shown, resident=resident
    )
    submission.save(update_fields=["case_reference"])
    draft.delete()
    return submission
