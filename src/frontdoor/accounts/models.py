"""People who sign in: council staff, and residents with optional accounts."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who can sign in. Staff have `is_staff` and one group per role."""

    class Meta:
        db_table = "accounts_user"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Team(models.Model):
    """A team of staff that owns a queue of cases (Waste, Highways, Housing repairs...)."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    members = models.ManyToManyField(User, related_name="teams", blank=True)

    class Meta:
        db_table = "accounts_team"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResidentAccount(models.Model):
    """A resident's optional account: "customers who want a MySouthampton account see all
    data in one place" (Southampton 2018-22). Never needed to use a service.

    One per user; the user is never staff. `email` is the address they proved they own by
    signing in with a one-time link or code, so their earlier requests made with it are
    theirs.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="resident_account")
    email = models.EmailField(max_length=320, unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=20, blank=True)  # E.164, once verified
    phone_verified_at = models.DateTimeField(null=True, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField()
    last_signed_in_at = models.DateTimeField(null=True, blank=True)
    # Set when the resident closed the account: personal details are wiped, the row kept
    # so the cases it claimed stay attached to "a closed account" under their own retention.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "accounts_resident"

    def __str__(self) -> str:
        return f"resident {self.pk}"


class ResidentIdentity(models.Model):
    """A sign-in through an OpenID Connect provider (GOV.UK One Login or another), by the
    provider's issuer and its stable subject identifier."""

    account = models.ForeignKey(
        ResidentAccount, on_delete=models.CASCADE, related_name="identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField()

    class Meta:
        db_table = "accounts_resident_identity"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="accounts_identity_one_per_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.pk}"


class OneTimeCode(models.Model):
    """A one-time link and code sent to an email address or phone: to sign in, or to prove
    an address before claiming the requests made with it. Only hashes are stored."""

    SIGN_IN = "sign_in"
    CLAIM = "claim"
    PURPOSES = [(SIGN_IN, "Sign in"), (CLAIM, "Claim earlier requests")]
    EMAIL = "email"
    SMS = "sms"
    CHANNELS = [(EMAIL, "Email"), (SMS, "Text message")]

    purpose = models.CharField(max_length=20, choices=PURPOSES)
    channel = models.CharField(max_length=10, choices=CHANNELS)
    address = models.CharField(max_length=320)  # normalised email or E.164 phone
    account = models.ForeignKey(
        ResidentAccount, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    link_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64)
    next_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    wrong_codes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "accounts_one_time_code"
        indexes = [models.Index(fields=["address", "created_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} code {self.pk}"


class ContactPreference(models.Model):
    """How a resident wants to hear from us about one topic: any of email, SMS and post."""

    account = models.ForeignKey(
        ResidentAccount, on_delete=models.CASCADE, related_name="preferences"
    )
    topic = models.CharField(max_length=50)
    channels = models.JSONField(default=list)
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "accounts_contact_preference"
        constraints = [
            models.UniqueConstraint(fields=["account", "topic"], name="accounts_one_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.topic}: {', '.join(self.channels)}"
