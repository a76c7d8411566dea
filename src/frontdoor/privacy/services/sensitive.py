"""Sensitive free-text answers: encrypted at rest, shown to staff only on request, audited.

Strategy: "all data is securely held; sensitive data is digitally protected and safely
handled" (Southampton 2018-22). A form marks a question `sensitive`; journeys stores its
answer sealed with privacy's key; the case shows a link instead of the text; opening it
goes through the case's own audited access gate (role and team) and is audited again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from frontdoor.audit import services as audit
from frontdoor.cases import services as cases
from frontdoor.journeys import queries as journeys_queries
from frontdoor.privacy import crypto

SEALED = "sealed"


def sensitive_seal(*, text: str) -> dict:
    """The stored form of a sensitive answer: {"sealed": <Fernet token>}."""
    return {SEALED: crypto.encrypt(str(text).encode()).decode()}


def is_sealed(value) -> bool:
    return isinstance(value, dict) and set(value) == {SEALED}


def unseal(value):
    """The answer as the resident gave it (for their own subject access bundle)."""
    return crypto.decrypt(value[SEALED].encode()).decode() if is_sealed(value) else value


def sensitive_placeholder(*, reference: str, key: str) -> str:
    """What a case shows instead of a sensitive answer: where staff may open it."""
    url = settings.PUBLIC_URL + reverse("privacy:sensitive", args=[reference, key])
    return f"Sensitive answer, shown only on request: {url}"


@transaction.atomic
def sensitive_answer_open(*, user, reference: str, key: str) -> tuple[str, str]:
    """(question, answer) for staff who may see the case it opened; audited.

    Raises PermissionDenied (role or team) or LookupError (no such sensitive answer).
    """
    submission = journeys_queries.submission_get(reference=reference)
    if submission is None or not is_sealed(submission.answers.get(key)):
        raise LookupError("There is no such sensitive answer")
    # The case's own gate: checks the role and the team, and audits the view.
    cases.case_access(user=user, reference=submission.case_reference, purpose="viewed")
    question = next(
        (q.label for q in journeys_queries.version_definition(submission.version).questions()
         if q.key == key),
        key,
    )  # fmt: skip
    answer = unseal(submission.answers[key])
    audit.audit_record(
        actor=user,
        action="submission.sensitive_answer_viewed",
        subject_type="case",
        subject_id=submission.case_reference,
        detail={"form": submission.reference, "question": key},
    )
    return question, answer
