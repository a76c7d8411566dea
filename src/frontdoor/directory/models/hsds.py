"""The Human Services Data Specification 3.0 tables, as Open Referral UK profiles them.

Field names are the standard's own (HSDS 3.0 `schema/*.json`), so the API and the data
package read straight from them. Every id is a UUID, as the standard asks. A few columns
beside the standard's (`review_by`, `is_free`, `open_weekends`, `online`, `in_person`)
are kept by `services.py` so the public search can filter without recomputing them.
"""

from __future__ import annotations

import uuid

from django.db import models

STATUSES = [
    ("active", "Active"),
    ("inactive", "Inactive"),
    ("defunct", "Defunct"),
    ("temporarily closed", "Temporarily closed"),
]
LOCATION_TYPES = [("physical", "Physical"), ("postal", "Postal"), ("virtual", "Virtual")]
FREQUENCIES = [("WEEKLY", "Weekly"), ("MONTHLY", "Monthly")]


def _id():
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


class Organization(models.Model):
    id = _id()
    name = models.CharField(max_length=255)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(max_length=500, blank=True)
    logo = models.URLField(max_length=500, blank=True)
    uri = models.URLField(max_length=500, blank=True)
    parent_organization = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(models.Model):
    id = _id()
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="organization_identifiers"
    )
    identifier_scheme = models.CharField(max_length=50, blank=True)
    identifier_type = models.CharField(max_length=100)
    identifier = models.CharField(max_length=100)

    class Meta:
        ordering = ["identifier_scheme", "pk"]

    def __str__(self) -> str:
        return str(self.pk)


class Taxonomy(models.Model):
    id = _id()
    name = models.CharField(max_length=255)
    description = models.TextField()
    uri = models.URLField(max_length=500, blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = _id()
    taxonomy_ref = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.PROTECT, related_name="terms",
        db_column="taxonomy_id",
    )  # fmt: skip
    code = models.CharField(max_length=100, blank=True)
    name = models.CharField(max_length=255)
    description = models.TextField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    taxonomy = models.CharField(max_length=255, blank=True)  # HSDS's free-text taxonomy name
    language = models.CharField(max_length=10, blank=True)
    term_uri = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    id = _id()
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=255)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=STATUSES, default="active")
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True)
    fees_description = models.TextField(blank=True)
    wait_time = models.CharField(max_length=255, blank=True)
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)  # "last checked"
    assurer_email = models.EmailField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(db_index=True)
    # Kept by services.py for freshness and for filtering search results.
    review_by = models.DateField(null=True, blank=True, db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    is_free = models.BooleanField(default=False)
    open_weekends = models.BooleanField(default=False)
    online = models.BooleanField(default=False)
    in_person = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    id = _id()
    location_type = models.CharField(max_length=10, choices=LOCATION_TYPES, default="physical")
    url = models.URLField(max_length=500, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="locations"
    )
    name = models.CharField(max_length=255, blank=True)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=50, blank=True)

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.name or str(self.id)


class ServiceAtLocation(models.Model):
    id = _id()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.pk)


class Address(models.Model):
    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=255, blank=True)
    address_1 = models.CharField(max_length=255)
    address_2 = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100)
    postal_code = models.CharField(max_length=10)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(max_length=10, choices=LOCATION_TYPES, default="physical")

    class Meta:
        ordering = ["address_type", "pk"]

    def __str__(self) -> str:
        return str(self.pk)


class Accessibility(models.Model):
    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return str(self.pk)


class Contact(models.Model):
    id = _id()
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255, blank=True)
    department = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return str(self.pk)


class Phone(models.Model):
    id = _id()
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(max_length=50)
    extension = models.PositiveIntegerField(null=True, blank=True)
    type = models.CharField(max_length=20, blank=True)  # RFC 6350: voice, text, textphone...
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.pk)


class Schedule(models.Model):
    """When a service is open, as an RFC 5545 recurrence (HSDS `schedule`)."""

    id = _id()
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(max_length=10, choices=FREQUENCIES, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=50, blank=True)  # "MO,TU" or "2MO" or "-1FR"
    byweekno = models.CharField(max_length=50, blank=True)
    bymonthday = models.CharField(max_length=50, blank=True)
    byyearday = models.CharField(max_length=50, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=255, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["opens_at", "pk"]

    def __str__(self) -> str:
        return str(self.pk)


class ServiceArea(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return str(self.pk)


class CostOption(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=255, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.TextField(blank=True)

    class Meta:
        ordering = ["amount", "pk"]

    def __str__(self) -> str:
        return str(self.pk)


class Language(models.Model):
    id = _id()
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return str(self.pk)


class Attribute(models.Model):
    """Links a taxonomy term to any record (`link_entity` names its table)."""

    id = _id()
    link_id = models.UUIDField(db_index=True)
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes"
    )
    link_type = models.CharField(max_length=50, blank=True)
    link_entity = models.CharField(max_length=50, default="service")
    value = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [models.Index(fields=["taxonomy_term", "link_entity"])]

    def __str__(self) -> str:
        return str(self.pk)


class Metadata(models.Model):
    """HSDS's change history: who changed which field of which record, when, from what to what."""

    id = _id()
    resource_id = models.UUIDField(db_index=True)
    resource_type = models.CharField(max_length=50)
    last_action_date = models.DateTimeField()
    last_action_type = models.CharField(max_length=20)  # create, update, delete, confirm
    field_name = models.CharField(max_length=100)
    previous_value = models.TextField(blank=True)
    replacement_value = models.TextField(blank=True)
    updated_by = models.CharField(max_length=255)

    class Meta:
        ordering = ["-last_action_date"]
        verbose_name_plural = "metadata"

    def __str__(self) -> str:
        return str(self.pk)
