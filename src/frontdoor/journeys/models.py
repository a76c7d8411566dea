"""Forms, their published versions, residents' drafts and submissions, uploads, feedback."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Form(models.Model):
    """A journey a resident can complete online. Its `draft` is the definition being edited
    in the builder; residents only ever see a published, immutable FormVersion."""

    slug = models.SlugField(max_length=80, unique=True)
    draft = models.JSONField()
    live_version = models.ForeignKey(
        "FormVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="journey_forms",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    @property
    def title(self) -> str:
        return self.draft.get("title", self.slug)


class FormVersion(models.Model):
    """A published definition. Never changed after it is made: submissions pin it."""

    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["form", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="journeys_one_number_per_form")
        ]

    def __str__(self) -> str:
        return f"{self.form.slug} v{self.number}"


class Channel(models.TextChoices):
    ONLINE = "online", "Online, by the resident"
    PHONE = "phone", "Phone, with an adviser"
    FACE_TO_FACE = "face_to_face", "Face to face, with an adviser"
    EMAIL = "email", "Email or letter, typed in by an adviser"


class Draft(models.Model):
    """A resident's answers so far, pinned to the version they started on. Its key is the
    idempotency key of the submission it becomes: one draft, at most one submission."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="drafts")
    answers = models.JSONField(default=dict)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    resume_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.key)


class Submission(models.Model):
    """A completed form: the answers on the resident's route, exactly as they sent them."""

    reference = models.CharField(max_length=20, unique=True)
    draft_key = models.UUIDField(unique=True)  # the idempotency key
    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="submissions")
    answers = models.JSONField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    case_reference = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.reference


class Upload(models.Model):
    """A file a resident attached to a draft; it goes with the submission it becomes."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    draft = models.ForeignKey(Draft, null=True, on_delete=models.SET_NULL, related_name="uploads")
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="uploads"
    )
    file = models.FileField(upload_to="journeys/%Y/%m/")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Feedback(models.Model):
    """A resident's 1-5 satisfaction rating of a form, with an optional comment.

    Strategy: "Achieve an average rating of 4 for web forms".
    """

    class Moment(models.TextChoices):
        SUBMITTED = "submitted", "After sending the form"
        CASE_CLOSED = "case_closed", "After their case was closed"

    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="feedback")
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    moment = models.CharField(max_length=20, choices=Moment.choices)
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    given_at = models.DateTimeField()

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="journeys_rating_1_to_5"
            ),
            models.UniqueConstraint(
                fields=["submission", "moment"],
                condition=Q(submission__isnull=False),
                name="journeys_one_rating_per_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5"
