"""Cases from every channel: case types and their workflows, cases, and each case's timeline."""

from django.conf import settings
from django.db import models

# Channels a contact comes in by.
WEB = "web"
PHONE = "phone"
FACE_TO_FACE = "face_to_face"
EMAIL = "email"
PARTNER = "partner"
SENSOR = "sensor"
CHANNELS = [
    (WEB, "Web"),
    (PHONE, "Phone"),
    (FACE_TO_FACE, "Face to face"),
    (EMAIL, "Email"),
    (PARTNER, "Partner"),
    (SENSOR, "Sensor"),
]

LOW, NORMAL, HIGH, URGENT = "low", "normal", "high", "urgent"
PRIORITIES = [(LOW, "Low"), (NORMAL, "Normal"), (HIGH, "High"), (URGENT, "Urgent")]

# How a resident wants to hear from us.
BY_EMAIL, BY_SMS, NO_UPDATES = "email", "sms", "none"
PREFERENCES = [(BY_EMAIL, "Email"), (BY_SMS, "Text message"), (NO_UPDATES, "No updates")]


class Workflow(models.Model):
    """States, allowed transitions and closure reasons, as data (see cases/workflow.py)."""

    code = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    definition = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "cases_workflow"

    def __str__(self) -> str:
        return self.name


class CaseType(models.Model):
    """A kind of request: "Missed bin collection", "Pothole", one per online form..."""

    code = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    workflow = models.ForeignKey(Workflow, on_delete=models.PROTECT, related_name="case_types")
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Working days to finish, by priority: {"low": 20, "normal": 10, "high": 5, "urgent": 1}.
    sla_working_days = models.JSONField()
    default_priority = models.CharField(max_length=10, choices=PRIORITIES, default=NORMAL)
    # Which capability made it ("journeys", "reports"...), so each can find its own.
    source = models.CharField(max_length=50, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "cases_case_type"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """One request from a resident, whichever way it reached us."""

    reference = models.CharField(max_length=12, unique=True)
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField(max_length=20, choices=CHANNELS)
    status = models.CharField(max_length=50)
    closed = models.BooleanField(default=False)
    closure_reason = models.CharField(max_length=100, blank=True)
    priority = models.CharField(max_length=10, choices=PRIORITIES, default=NORMAL)
    received_at = models.DateTimeField()
    sla_due_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    # Who typed it in for the resident (assisted digital); empty when they did it themselves.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A resident's own account, when they were signed in.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: every change bumps it; a change made against an older value fails.
    version = models.PositiveIntegerField(default=1)
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    description = models.TextField(blank=True)
    answers = models.JSONField(default=dict, blank=True)

    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(max_length=320, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_postcode = models.CharField(max_length=10, blank=True)
    contact_preference = models.CharField(max_length=10, choices=PREFERENCES, default=NO_UPDATES)

    uprn = models.CharField(max_length=12, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(max_length=400, blank=True)
    location_postcode = models.CharField(max_length=10, blank=True)
    ward = models.CharField(max_length=100, blank=True)

    chasing_contacts = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "cases_case"
        indexes = [
            models.Index(fields=["team", "closed", "sla_due_at"]),
            models.Index(fields=["assignee", "closed"]),
            models.Index(fields=["status"]),
            models.Index(fields=["received_at"]),
            models.Index(fields=["contact_postcode"]),
            models.Index(fields=["location_postcode"]),
            # The performance dashboard's measures (insights): by period, type and ward.
            models.Index(
                fields=["received_at", "case_type", "ward", "chasing_contacts"],
                name="cases_case_insights_cohort",
            ),
            models.Index(
                fields=["sla_due_at", "case_type", "ward"],
                name="cases_case_insights_open",
                condition=models.Q(closed=False),
            ),
            models.Index(
                fields=["closed_at", "case_type", "ward", "sla_due_at", "received_at"],
                name="cases_case_insights_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class CaseEvent(models.Model):
    """One line of a case's timeline. Public lines are what the resident sees."""

    CREATED = "created"
    STATUS = "status"
    PUBLIC_UPDATE = "public_update"
    NOTE = "note"
    MESSAGE = "message"
    CONTACT = "contact"
    ASSIGNED = "assigned"
    ATTACHMENT = "attachment"
    SUBSCRIBER = "subscriber"
    KINDS = [
        (CREATED, "Received"),
        (STATUS, "Status changed"),
        (PUBLIC_UPDATE, "Update"),
        (NOTE, "Internal note"),
        (MESSAGE, "Message"),
        (CONTACT, "Contact"),
        (ASSIGNED, "Assigned"),
        (ATTACHMENT, "File"),
        (SUBSCRIBER, "Following"),
    ]

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=KINDS)
    public = models.BooleanField(default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "cases_event"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class CaseContact(models.Model):
    """A contact from a resident: the one that opened a case, or a later one about it.

    Later ones are "chasing" contacts, which the strategy wants fewer of.
    """

    NEW = "new"
    CHASING = "chasing"
    KINDS = [(NEW, "New request"), (CHASING, "About an existing request")]

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    at = models.DateTimeField(db_index=True)
    channel = models.CharField(max_length=20, choices=CHANNELS)
    kind = models.CharField(max_length=10, choices=KINDS)
    summary = models.TextField(blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "cases_contact"
        ordering = ["at", "id"]
        indexes = [
            # The performance dashboard's channel and chasing measures (insights).
            models.Index(fields=["at", "kind", "channel", "case"], name="cases_contact_insights")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} by {self.channel}"


class CaseSubscriber(models.Model):
    """Someone else who gets every public update ("me too" on a reported problem)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subscribers")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=320, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    preference = models.CharField(max_length=10, choices=PREFERENCES)
    source = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "cases_subscriber"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "email"],
                condition=~models.Q(email=""),
                name="cases_subscriber_one_per_email",
            ),
            models.UniqueConstraint(
                fields=["case", "phone"],
                condition=~models.Q(phone=""),
                name="cases_subscriber_one_per_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.email or self.phone}"


class CaseAttachment(models.Model):
    """A file on a case: a photo of the fly-tipping, a tenancy letter."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="cases/%Y/%m/")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    public = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "cases_attachment"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
