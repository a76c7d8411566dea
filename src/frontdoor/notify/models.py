"""Message templates and the transactional outbox of messages to residents."""

from django.db import models

EMAIL = "email"
SMS = "sms"
CHANNELS = [(EMAIL, "Email"), (SMS, "Text message")]


class Template(models.Model):
    """What we say, with ((placeholders)) in GOV.UK Notify's syntax."""

    code = models.SlugField(max_length=100)
    channel = models.CharField(max_length=10, choices=CHANNELS)
    name = models.CharField(max_length=200)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # The same template's id in GOV.UK Notify, when Notify sends our messages.
    notify_template_id = models.CharField(max_length=36, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "notify_template"
        constraints = [
            models.UniqueConstraint(fields=["code", "channel"], name="notify_template_code_channel")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.channel})"


class Message(models.Model):
    """One message to one person, written in the same transaction as the change it reports.

    The worker claims a row by setting `lease_token` and `lease_expires_at`; a row left in
    SENDING after its lease ran out belonged to a worker that died mid-send.
    """

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    STATUSES = [
        (QUEUED, "Queued"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (DELIVERED, "Delivered"),
        (FAILED, "Failed"),
    ]

    reference = models.CharField(max_length=40, unique=True)
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="messages")
    channel = models.CharField(max_length=10, choices=CHANNELS)
    to = models.CharField(max_length=320)
    personalisation = models.JSONField(default=dict)
    subject = models.CharField(max_length=400, blank=True)
    body = models.TextField()
    # What the message is about, e.g. ("case", "K7QM-4XTD"): how a case finds its messages.
    about_type = models.CharField(max_length=50, blank=True)
    about_id = models.CharField(max_length=100, blank=True)

    status = models.CharField(max_length=20, choices=STATUSES, default=QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    lease_token = models.CharField(max_length=32, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    provider = models.CharField(max_length=20, blank=True)
    provider_id = models.CharField(max_length=100, blank=True)
    provider_status = models.CharField(max_length=40, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "notify_message"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["about_type", "about_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} to {self.to} ({self.status})"


class OutboxDelivery(models.Model):
    """A message the local outbox provider "delivered": what staff read at /staff/messages/
    when no real provider is configured. One row per message reference, never two."""

    reference = models.CharField(max_length=40, unique=True)
    channel = models.CharField(max_length=10, choices=CHANNELS)
    to = models.CharField(max_length=320)
    subject = models.CharField(max_length=400, blank=True)
    body = models.TextField()
    delivered_at = models.DateTimeField()

    class Meta:
        db_table = "notify_outbox_delivery"
        ordering = ["-delivered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} to {self.to}"
