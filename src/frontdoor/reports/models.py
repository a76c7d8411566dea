"""Street reports: categories (Open311 services) and their questions, reports linked one to
one with the case each became, photos, "me too" followers, duplicate flags, partner keys."""

from django.conf import settings
from django.db import models

# The datatypes of GeoReport v2 service attributes.
STRING, NUMBER, DATETIME, TEXT = "string", "number", "datetime", "text"
SINGLE, MULTI = "singlevaluelist", "multivaluelist"
DATATYPES = [
    (STRING, "Short text"),
    (NUMBER, "Number"),
    (DATETIME, "Date and time"),
    (TEXT, "Long text"),
    (SINGLE, "One choice"),
    (MULTI, "Several choices"),
]


class Category(models.Model):
    """A kind of street problem; its `service_code` is its Open311 service code."""

    service_code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    group = models.CharField(max_length=100, blank=True)
    keywords = models.CharField(max_length=300, blank=True)
    # The cases case type reports in this category become (`report-<service_code>`).
    case_type_code = models.SlugField(max_length=100, unique=True)
    team_code = models.SlugField(max_length=100, blank=True)
    # A private category is not shown on the public map or list (FixMyStreet's `private`).
    public = models.BooleanField(default=True)
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=100)

    class Meta:
        db_table = "reports_category"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Attribute(models.Model):
    """A question a category asks (a GeoReport v2 service definition attribute)."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="attributes")
    code = models.SlugField(max_length=50)
    datatype = models.CharField(max_length=20, choices=DATATYPES)
    description = models.CharField(max_length=300)
    datatype_description = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=False)
    # False: informational text only, never answered.
    variable = models.BooleanField(default=True)
    order = models.PositiveIntegerField()
    # For list types: [{"key": "deep", "name": "Deeper than 5cm"}, ...]
    values = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "reports_attribute"
        ordering = ["category", "order"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="reports_attribute_code"),
            models.UniqueConstraint(fields=["category", "order"], name="reports_attribute_order"),
        ]

    def __str__(self) -> str:
        return f"{self.category.service_code}/{self.code}"


class ApiClient(models.Model):
    """A partner app allowed to POST to the Open311 API with its own key."""

    name = models.CharField(max_length=200)
    # SHA-256 of the key; the key itself is shown once, when it is issued.
    key_hash = models.CharField(max_length=64, unique=True)
    key_prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "reports_api_client"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """A street report: the public face of one case. The case holds who reported it."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")
    # The case's reference, which is also the Open311 service_request_id.
    reference = models.CharField(max_length=12, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports")
    requested_at = models.DateTimeField()
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(max_length=400, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    uprn = models.CharField(max_length=12, blank=True)
    ward = models.CharField(max_length=100, blank=True)
    # Public: what the problem is. The reporter's name and contact details stay on the case.
    description = models.TextField(blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    media_url = models.URLField(max_length=1000, blank=True)
    channel = models.CharField(max_length=20)
    api_client = models.ForeignKey(
        ApiClient, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    me_too_count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "reports_report"
        indexes = [
            models.Index(fields=["requested_at"]),
            models.Index(fields=["category", "requested_at"]),
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["ward", "requested_at"]),
        ]

    def __str__(self) -> str:
        return self.reference


class Photo(models.Model):
    """A photo of the problem, public with the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="reports/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()

    class Meta:
        db_table = "reports_photo"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.report_id} photo {self.pk}"


class MeToo(models.Model):
    """Someone else has the same problem: a linked contact on the report, not a new case.

    Their contact details live with the case's followers; this row only counts them.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="me_toos")
    subscriber_id = models.PositiveBigIntegerField()
    channel = models.CharField(max_length=20)
    at = models.DateTimeField()

    class Meta:
        db_table = "reports_me_too"
        constraints = [
            models.UniqueConstraint(fields=["report", "subscriber_id"], name="reports_me_too_once")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} me too"


class DuplicateFlag(models.Model):
    """A new report close in place and time to an open one of the same category, for staff
    to merge or dismiss."""

    MERGED = "merged"
    DISMISSED = "dismissed"
    OUTCOMES = [(MERGED, "Merged"), (DISMISSED, "Not a duplicate")]

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="duplicate_flags")
    original = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    distance_m = models.PositiveIntegerField()
    flagged_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=OUTCOMES, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "reports_duplicate_flag"
        ordering = ["-flagged_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "original"], name="reports_duplicate_once")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} may duplicate {self.original_id}"


class PartnerUpdate(models.Model):
    """An update a partner app sent us (FixMyStreet's POST servicerequestupdates): a
    resident's comment for staff to read; the council still decides the status."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="partner_updates")
    api_client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="+")
    # The partner's own id for the update, so a retry makes nothing new.
    external_id = models.CharField(max_length=100)
    status = models.CharField(max_length=40)
    description = models.TextField()
    updated_at = models.DateTimeField()
    received_at = models.DateTimeField()

    class Meta:
        db_table = "reports_partner_update"
        ordering = ["received_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_client", "external_id"], name="reports_partner_update_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} update {self.external_id}"
