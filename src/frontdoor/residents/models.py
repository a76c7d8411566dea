"""The single resident record: people, the source records that describe them, and links.

Strategy: "a single customer record will result in quicker service" (Southampton
2018-22); "single resident view" (Southwark 2024-26). No business rules here: they live
in services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Resident(models.Model):
    """One person. A merged-away resident stays, pointing at the one that survived."""

    ACTIVE, MERGED = "active", "merged"
    STATUSES = [(ACTIVE, "Active"), (MERGED, "Merged into another record")]

    first_name = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    dob = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=ACTIVE)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="absorbed"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "residents_resident"
        indexes = [models.Index(fields=["surname", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.surname}".strip() or f"Resident {self.pk}"

    @property
    def display_name(self) -> str:
        return str(self)


class SourceRecord(models.Model):
    """What one system holds about a person, under that system's own id. Never deleted by a
    merge: a merge only moves it to the surviving resident."""

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="records")
    source_system = models.CharField(max_length=50)
    source_id = models.CharField(max_length=100)
    first_name = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    dob = models.DateField(null=True, blank=True)
    address_line = models.CharField(max_length=300, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    uprn = models.CharField(max_length=12, blank=True)
    email = models.EmailField(max_length=320, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField()
    # When linkage last compared this record with the others (empty: waiting for it).
    linked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "residents_source_record"
        constraints = [
            models.UniqueConstraint(
                fields=["source_system", "source_id"], name="residents_one_record_per_source_id"
            )
        ]
        indexes = [models.Index(fields=["linked_at"]), models.Index(fields=["postcode"])]

    def __str__(self) -> str:
        return f"{self.source_system}:{self.source_id}"


class Link(models.Model):
    """A case, an account or a contact of another app, pointing at a resident.

    Kept here, keyed by the other app's id, so other apps need no change to their tables.
    """

    CASE, ACCOUNT, CONTACT = "case", "account", "contact"
    KINDS = [(CASE, "Case"), (ACCOUNT, "Account"), (CONTACT, "Contact")]

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="links")
    kind = models.CharField(max_length=10, choices=KINDS)
    object_id = models.CharField(max_length=50)  # a case reference, a user id, a contact id
    record = models.ForeignKey(
        SourceRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="links"
    )
    created_at = models.DateTimeField()

    class Meta:
        db_table = "residents_link"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="residents_one_link_each")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class LinkageModel(models.Model):
    """A trained Splink model, with the versions it was trained with. The newest is used."""

    version = models.PositiveIntegerField(unique=True)
    trained_at = models.DateTimeField()
    splink_version = models.CharField(max_length=20)
    duckdb_version = models.CharField(max_length=20)
    records = models.PositiveIntegerField()
    settings = models.JSONField()  # Splink's own saved model (save_model_to_json)

    class Meta:
        db_table = "residents_linkage_model"
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"model v{self.version}"


class MatchPair(models.Model):
    """Two residents Splink thinks may be the same person, and what became of it."""

    PENDING, MERGED, AUTO_MERGED, DIFFERENT, SUPERSEDED = (
        "pending",
        "merged",
        "auto_merged",
        "different",
        "superseded",
    )
    STATUSES = [
        (PENDING, "Waiting for review"),
        (MERGED, "Merged by a data officer"),
        (AUTO_MERGED, "Merged automatically"),
        (DIFFERENT, "Not the same person"),
        (SUPERSEDED, "No longer needed"),
    ]

    record_l = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="+")
    record_r = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="+")
    model = models.ForeignKey(LinkageModel, on_delete=models.PROTECT)
    match_weight = models.FloatField()
    match_probability = models.FloatField()
    fields = models.JSONField()  # per comparison: level and match weight
    status = models.CharField(max_length=12, choices=STATUSES, default=PENDING)
    found_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "residents_match_pair"
        constraints = [
            models.UniqueConstraint(fields=["record_l", "record_r"], name="residents_pair_once")
        ]
        indexes = [models.Index(fields=["status", "-match_probability"])]

    def __str__(self) -> str:
        return f"{self.record_l_id}~{self.record_r_id} ({self.match_probability:.3f})"


class Merge(models.Model):
    """One merge, with exactly what it moved, so it can be undone."""

    survivor = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="merges_won")
    merged = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="merges_lost")
    pair = models.ForeignKey(MatchPair, null=True, blank=True, on_delete=models.PROTECT)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    moved_records = models.JSONField(default=list)
    moved_links = models.JSONField(default=list)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "residents_merge"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged_id} into {self.survivor_id}"
