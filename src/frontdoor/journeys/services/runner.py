"""A resident's way through a form: starting, answering page by page, files, saving to
come back later, and moving onto a newer version of the form.

Strategy: "Services are designed so customers can use their own devices, with no need to
register or download additional software".
"""

from __future__ import annotations

import datetime
import uuid

from django.core import signing
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.journeys import queries
from frontdoor.journeys.definition import journey_path
from frontdoor.journeys.models import Channel, Draft, Form, FormVersion, Upload
from frontdoor.journeys.services import other_apps

RESUME_SALT = "journeys.resume"
# How long a saved form waits for its resident; drafts_expire deletes older ones.
DRAFT_LIFETIME = datetime.timedelta(days=28)


class FormClosed(Exception):  # noqa: N818 (a state a resident meets, not a programming error)
    """The form is no longer published."""


class FormChanged(Exception):  # noqa: N818
    """A newer version was published since the resident started."""


class DraftGone(Exception):  # noqa: N818
    """The draft was sent, expired or never existed."""


def _live(version: FormVersion) -> FormVersion:
    form = Form.objects.only("live_version_id").get(pk=version.form_id)
    if form.live_version_id is None:
        raise FormClosed
    if form.live_version_id != version.pk:
        raise FormChanged
    return version


@transaction.atomic
def draft_start(*, slug: str, channel: str = Channel.ONLINE, by=None) -> Draft:
    """Begin a form on its live version. An adviser filling it in for a resident (assisted
    digital) is recorded with the channel the resident used."""
    form = Form.objects.select_related("live_version").filter(slug=slug).first()
    if form is None or form.live_version is None:
        raise FormClosed
    if channel != Channel.ONLINE:
        accounts.role_check(user=by, roles=(roles.AGENT,), action="fill in a form for a resident")
        if channel not in Channel.values:
            raise ValueError(f"unknown channel {channel!r}")
    return Draft.objects.create(
        version=form.live_version,
        channel=channel,
        assisted_by=by if channel != Channel.ONLINE else None,
    )


def _locked(draft_key: uuid.UUID) -> Draft:
    draft = Draft.objects.select_for_update().select_related("version").filter(key=draft_key)
    found = draft.first()
    if found is None:
        raise DraftGone
    return found


@transaction.atomic
def draft_page_save(
    *, draft_key: uuid.UUID, version_number: int, answers: dict, files: dict | None = None
) -> Draft:
    """Keep one page's answers (and any files chosen on it). Refused when the page was
    made from a different version than the draft's, so nothing is saved against the
    wrong questions."""
    draft = _locked(draft_key)
    if draft.version.number != version_number:
        raise FormChanged
    _live(draft.version)
    merged = {**draft.answers, **answers}
    for question_key, upload in (files or {}).items():
        stored = Upload.objects.create(
            draft=draft,
            file=upload,
            name=upload.name[:255],
            content_type=upload.content_type,
            size=upload.size,
        )
        merged[question_key] = {
            "upload": str(stored.key),
            "name": stored.name,
            "size": stored.size,
            "content_type": stored.content_type,
        }
    draft.answers = merged
    draft.save(update_fields=["answers", "updated_at"])
    return draft


@transaction.atomic
def draft_upgrade(*, draft_key: uuid.UUID) -> Draft:
    """Move a draft onto the form's new live version, keeping every answer that still fits
    a question of the same key and type; the resident then checks what is left to do."""
    draft = _locked(draft_key)
    form = Form.objects.select_related("live_version").get(pk=draft.version.form_id)
    if form.live_version is None:
        raise FormClosed
    old = {q.key: q for q in queries.version_definition(draft.version).questions()}
    new = queries.version_definition(form.live_version)
    kept = {}
    for question in new.questions():
        before = old.get(question.key)
        if before and before.type == question.type and question.key in draft.answers:
            value = draft.answers[question.key]
            if question.type in {"select_one", "select_many"}:
                allowed = set(question.answer_values())
                values = value if isinstance(value, list) else [value]
                if not set(values) <= allowed:
                    continue
            kept[question.key] = value
    draft.version = form.live_version
    draft.answers = kept
    draft.save(update_fields=["version", "answers", "updated_at"])
    return draft


def resume_token(draft: Draft) -> str:
    return signing.dumps(str(draft.key), salt=RESUME_SALT, compress=True)


@transaction.atomic
def draft_save_for_later(*, draft_key: uuid.UUID, email: str, resume_url: str) -> Draft:
    """Email the resident a link that brings them back to their answers."""
    draft = _locked(draft_key)
    draft.resume_email = email
    draft.save(update_fields=["resume_email", "updated_at"])
    definition = queries.version_definition(draft.version)
    expires = timezone.localtime(draft.updated_at + DRAFT_LIFETIME)
    other_apps.email_send(
        to=email,
        form=definition.title,
        link=resume_url,
        expires=f"{expires:%-d %B %Y}",
        draft_key=draft.key,
    )
    return draft


def draft_from_resume_token(*, token: str) -> Draft:
    """The draft a save-and-return link points to, while it is still kept."""
    try:
        key = signing.loads(token, salt=RESUME_SALT, max_age=DRAFT_LIFETIME)
        return Draft.objects.select_related("version__form").get(key=uuid.UUID(key))
    except (signing.BadSignature, ValueError, Draft.DoesNotExist):
        raise DraftGone from None


def draft_where(draft: Draft) -> tuple[list[str], str]:
    """The resident's path so far and the page they should see next."""
    return journey_path(queries.version_definition(draft.version), draft.answers)


@transaction.atomic
def drafts_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete drafts (and their files) untouched for longer than DRAFT_LIFETIME.

    Strategy: "data is not kept for longer than it is needed".
    """
    cutoff = (now or timezone.now()) - DRAFT_LIFETIME
    stale = Draft.objects.filter(updated_at__lt=cutoff)
    for upload in Upload.objects.filter(draft__in=stale, submission__isnull=True):
        upload.file.delete(save=False)
        upload.delete()
    count, _ = stale.delete()
    return count
