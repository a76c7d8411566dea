"""Read-only selections: published forms, versions, drafts, submissions and ratings."""

from __future__ import annotations

import datetime

import yaml
from django.db.models import Avg, Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from frontdoor.journeys.definition import FormDefinition, definition_parse
from frontdoor.journeys.models import Draft, Feedback, Form, FormVersion, Submission

# Versions never change, so each process parses a version's definition once. The key
# includes the publishing time: a database reset may hand an old id to a new version.
_parsed: dict[tuple, FormDefinition] = {}
_PARSED_LIMIT = 500


def version_definition(version: FormVersion) -> FormDefinition:
    key = (version.pk, version.published_at)
    found = _parsed.get(key)
    if found is None:
        if len(_parsed) >= _PARSED_LIMIT:
            _parsed.clear()
        found = _parsed[key] = definition_parse(version.definition)
    return found


def forms_published():
    """Live forms, for the public list and for advisers, in title order."""
    forms = Form.objects.filter(live_version__isnull=False).select_related("live_version")
    return sorted(forms, key=lambda form: form.live_version.definition["title"])


def form_published(*, slug: str) -> Form | None:
    return Form.objects.select_related("live_version").filter(slug=slug).first()


def forms_all():
    return Form.objects.select_related("live_version", "owner").order_by("slug")


def form_get(*, slug: str) -> Form:
    return Form.objects.select_related("live_version", "owner").get(slug=slug)


def form_versions(*, form: Form):
    return (
        form.versions.select_related("published_by")
        .annotate(submission_count=Count("submissions", distinct=True))
        .order_by("-number")
    )


def version_get(*, form: Form, number: int) -> FormVersion:
    return form.versions.get(number=number)


def draft_get(*, key) -> Draft | None:
    return Draft.objects.select_related("version__form").filter(key=key).first()


def submission_get(*, reference: str) -> Submission | None:
    return Submission.objects.select_related("version__form").filter(reference=reference).first()


def submission_for_draft(*, key) -> Submission | None:
    return Submission.objects.select_related("version__form").filter(draft_key=key).first()


def form_yaml(*, slug: str, definition: dict) -> str:
    """A definition as YAML a council can keep under version control and import again."""
    return yaml.safe_dump(
        {"slug": slug, "form": definition}, sort_keys=False, allow_unicode=True, width=100
    )


def feedback_by_version(*, form: Form) -> list[dict]:
    """Average rating and count for each published version that has ratings."""
    return list(
        Feedback.objects.filter(version__form=form)
        .values("version__number")
        .annotate(average=Avg("rating"), count=Count("id"))
        .order_by("-version__number")
    )


def feedback_by_week(*, form: Form, weeks: int = 12, today: datetime.date | None = None):
    """Average rating for each of the last `weeks` weeks (Monday to Sunday, London time)."""
    since = (today or timezone.localdate()) - datetime.timedelta(weeks=weeks)
    return list(
        Feedback.objects.filter(version__form=form, given_at__date__gte=since)
        .annotate(week=TruncWeek("given_at"))
        .values("week")
        .annotate(average=Avg("rating"), count=Count("id"))
        .order_by("-week")
    )


def feedback_overall(*, form: Form) -> dict:
    return Feedback.objects.filter(version__form=form).aggregate(
        average=Avg("rating"), count=Count("id")
    )


def feedback_recent_comments(*, form: Form, limit: int = 20):
    return (
        Feedback.objects.filter(version__form=form)
        .exclude(comment="")
        .select_related("version")
        .order_by("-given_at")[:limit]
    )


def ratings_average_for_forms() -> dict[int, float]:
    """Each form's overall average rating, for the builder's list of forms."""
    rows = Feedback.objects.values("version__form").annotate(average=Avg("rating"))
    return {row["version__form"]: row["average"] for row in rows}


def submissions_count(*, form: Form) -> int:
    return Submission.objects.filter(version__form=form).count()


def feedback_for_measures():
    """Every rating, for aggregate measures only ("achieve an average rating of 4 for web
    forms"): the insights app averages it in SQL by form and period."""
    return Feedback.objects.all()


def drafts_saved_by(*, email: str) -> list[dict]:
    """Unsent forms a resident saved to come back to with this email address, newest first,
    each with its save-and-return address (for My account)."""
    from django.urls import reverse

    from frontdoor.journeys.services.runner import DRAFT_LIFETIME, resume_token

    if not email.strip():
        return []
    sent = Submission.objects.values("draft_key")
    drafts = (
        Draft.objects.select_related("version")
        .filter(resume_email__iexact=email.strip())
        .exclude(key__in=sent)
        .order_by("-updated_at")
    )
    return [
        {
            "title": version_definition(draft.version).title,
            "saved_at": draft.updated_at,
            "expires_at": draft.updated_at + DRAFT_LIFETIME,
            "url": reverse("journeys:resume", args=[resume_token(draft)]),
        }
        for draft in drafts
    ]


def feedback_for_cases(*, references: list[str]) -> list[dict]:
    """The ratings a resident gave about these cases' forms, newest first."""
    if not references:
        return []
    found = (
        Feedback.objects.select_related("version")
        .filter(submission__case_reference__in=references)
        .order_by("-given_at")
    )
    return [
        {
            "form": version_definition(item.version).title,
            "case_reference": item.submission.case_reference if item.submission else "",
            "moment": item.get_moment_display(),
            "rating": item.rating,
            "comment": item.comment,
            "given_at": item.given_at,
        }
        for item in found.select_related("submission")
    ]


# --- Privacy: retention and subject access (called by frontdoor.privacy) ---


def submissions_for_disposal(*, before: datetime.datetime, already_done=None):
    """Submissions sent before `before` and not yet anonymised, by id."""
    from django.db.models import Exists

    found = Submission.objects.filter(submitted_at__lt=before)
    if already_done is not None:
        found = found.exclude(Exists(already_done))
    return found.order_by("id")


def feedback_for_disposal(*, before: datetime.datetime):
    """Feedback given before `before` that still has a comment, by id."""
    return Feedback.objects.filter(given_at__lt=before).exclude(comment="").order_by("id")


def submission_ids_of_person(*, emails=(), case_references=()) -> list[int]:
    from django.db.models import Q

    return list(
        Submission.objects.filter(
            Q(contact_email__in=list(emails)) | Q(case_reference__in=list(case_references))
        ).values_list("id", flat=True)
    )


def submissions_export(*, emails=(), case_references=()) -> list[dict]:
    """Every form a person sent (by email or by their cases), with files and feedback."""
    from django.db.models import Q

    found = (
        Submission.objects.filter(
            Q(contact_email__in=list(emails)) | Q(case_reference__in=list(case_references))
        )
        .select_related("version__form")
        .prefetch_related("uploads", "feedback")
        .order_by("submitted_at", "id")
    )
    return [
        {
            "reference": s.reference,
            "form": s.version.definition.get("title", s.version.form.slug),
            "case_reference": s.case_reference,
            "submitted_at": s.submitted_at.isoformat(),
            "channel": s.channel,
            "email": s.contact_email,
            "answers": s.answers,
            "files": [
                {"name": u.name, "type": u.content_type, "size": u.size} for u in s.uploads.all()
            ],
            "feedback": [{"rating": f.rating, "comment": f.comment} for f in s.feedback.all()],
        }
        for s in found
    ]
