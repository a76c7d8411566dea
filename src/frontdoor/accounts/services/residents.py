"""Residents' optional accounts: signing in with a one-time link or code, contact details,
preferences and claiming the requests made before the account existed.

Strategy: "customers who want a MySouthampton account see all data in one place"
(Southampton 2018-22); "a single front door ... with a single sign-on experience"
(Southwark 2024-26); and still "no need to register" — nothing else needs an account.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import ContactPreference, OneTimeCode, ResidentAccount
from frontdoor.accounts.services.errors import AccountError
from frontdoor.audit import services as audit
from frontdoor.notify import queries as notify_queries
from frontdoor.notify import services as notify

security_log = logging.getLogger("frontdoor.security")

SIGN_IN_LIFETIME = timedelta(minutes=15)
CLAIM_LIFETIME = timedelta(minutes=15)
MAX_WRONG_CODES = 5

SIGN_IN_TEMPLATE = "account-sign-in"
CODE_TEMPLATE = "account-code"

# What a resident may choose to hear about, and how. "Post" is kept for the council's
# letters; the platform itself sends email and text messages.
TOPICS = (
    ("case_updates", "Updates on my requests and reports"),
    ("bins", "Bin collection reminders"),
    ("council_tax", "Council Tax and benefits"),
    ("news", "News and consultations in my area"),
)
CHANNELS = (("email", "Email"), ("sms", "Text message"), ("post", "Post"))

EXPIRED = "This sign-in link has expired. Links and codes work for 15 minutes: ask for a new one"
USED = "This sign-in link has already been used. Each link works once: ask for a new one"
UNKNOWN = "This sign-in link is not valid. Check you copied all of it, or ask for a new one"
WRONG_CODE = "The code is not right. Check the 6 numbers in the email and try again"
TOO_MANY_CODES = "You have entered a wrong code too many times. Ask for a new code"

_TEMPLATES = {
    (SIGN_IN_TEMPLATE, "email"): (
        "Sign in to your account",
        "Your sign-in link for ((council))",
        "Use this link to sign in to your ((council)) account:\n\n((link))\n\n"
        "Or enter this code: ((code))\n\n"
        "The link and code work once, for the next ((minutes)) minutes. If you did not ask "
        "to sign in, you can ignore this email: nobody can sign in without it.",
    ),
    (CODE_TEMPLATE, "email"): (
        "Confirm your email address",
        "Your ((council)) confirmation code",
        "Your confirmation code is ((code))\n\nIt works once, for the next ((minutes)) "
        "minutes. If you did not ask for it, you can ignore this email.",
    ),
    (CODE_TEMPLATE, "sms"): (
        "Confirm your phone number",
        "",
        "((council)): your confirmation code is ((code)). It works for ((minutes)) minutes.",
    ),
}


def _cases():
    # Imported when used: cases itself imports accounts (roles, teams).
    from frontdoor.cases import services

    return services


def email_normalise(email: str) -> str:
    return (email or "").strip().lower()


def _templates_ensure() -> None:
    for (code, channel), (name, subject, body) in _TEMPLATES.items():
        if notify_queries.template_get(code=code, channel=channel) is None:
            notify.template_define(
                code=code, channel=channel, name=name, subject=subject, body=body
            )


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _code_hash(link_hash: str, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{link_hash}:{code}".encode(), hashlib.sha256
    ).hexdigest()


@dataclass(frozen=True)
class CodeSent:
    """What was sent: the row's id (kept in the session for the code page), and the link's
    secret for tests and the outbox (never stored)."""

    pending_id: int
    link_token: str
    code: str


def _code_create(
    *, purpose: str, channel: str, address: str, lifetime: timedelta, account=None, next_url=""
) -> CodeSent:
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(1_000_000):06d}"
    link_hash = _hash(token)
    now = timezone.now()
    row = OneTimeCode.objects.create(
        purpose=purpose,
        channel=channel,
        address=address,
        account=account,
        link_hash=link_hash,
        code_hash=_code_hash(link_hash, code),
        next_url=next_url[:300],
        created_at=now,
        expires_at=now + lifetime,
    )
    return CodeSent(pending_id=row.pk, link_token=token, code=code)


@transaction.atomic
def sign_in_request(*, email: str, next_url: str = "") -> CodeSent:
    """Email a one-time link and code that sign in (or sign up) whoever holds this address.

    The answer is the same whether or not an account exists, so the sign-in page tells
    nobody which addresses have accounts.
    """
    address = email_normalise(email)
    if not notify.contact_is_valid(channel="email", to=address):
        raise AccountError(
            "Enter an email address in the correct format, like name@example.com", field="email"
        )
    _templates_ensure()
    # Codes are kept a day past their 15 minutes (privacy declaration "sign-in-codes").
    OneTimeCode.objects.filter(expires_at__lt=timezone.now() - timedelta(days=1)).delete()
    sent = _code_create(
        purpose=OneTimeCode.SIGN_IN,
        channel=OneTimeCode.EMAIL,
        address=address,
        lifetime=SIGN_IN_LIFETIME,
        next_url=next_url,
    )
    notify.message_queue(
        template=SIGN_IN_TEMPLATE,
        to_email=address,
        personalisation={
            "council": settings.COUNCIL_NAME,
            "link": settings.PUBLIC_URL + reverse("account:link", args=[sent.link_token]),
            "code": sent.code,
            "minutes": int(SIGN_IN_LIFETIME.total_seconds() // 60),
        },
        about_type="account",
        about_id="sign-in",
    )
    return sent


def _usable(row: OneTimeCode | None, *, now) -> OneTimeCode:
    if row is None:
        raise AccountError(UNKNOWN)
    if row.used_at is not None:
        raise AccountError(USED)
    if row.wrong_codes >= MAX_WRONG_CODES:
        raise AccountError(TOO_MANY_CODES)
    if row.expires_at <= now:
        raise AccountError(EXPIRED)
    return row


def sign_in_link_peek(*, token: str) -> str:
    """Check a sign-in link without using it (the page that asks "continue signing in?"),
    so an email scanner that opens links cannot spend it. Returns the next address."""
    row = OneTimeCode.objects.filter(link_hash=_hash(token), purpose=OneTimeCode.SIGN_IN).first()
    return _usable(row, now=timezone.now()).next_url


@transaction.atomic
def sign_in_with_link(*, token: str) -> tuple[ResidentAccount, str]:
    """Spend a sign-in link: the account (made now if new) and where to go next."""
    row = (
        OneTimeCode.objects.select_for_update()
        .filter(link_hash=_hash(token), purpose=OneTimeCode.SIGN_IN)
        .first()
    )
    now = timezone.now()
    try:
        _usable(row, now=now)
    except AccountError as refused:
        security_log.warning("refused action=resident sign-in link reason=%s", refused.message)
        raise
    row.used_at = now
    row.save(update_fields=["used_at"])
    return _signed_in(address=row.address, now=now, how="email link"), row.next_url


def code_check(*, pending_id: int | None, code: str, purpose: str) -> OneTimeCode:
    """Spend a one-time code typed by the resident, or say why not. A wrong code counts
    against the code (five and it is dead) and that count is kept even as this refuses."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not code:
        raise AccountError("Enter the 6-digit code", field="code")
    with transaction.atomic():
        row = (
            OneTimeCode.objects.select_for_update()
            .filter(pk=pending_id or 0, purpose=purpose)
            .first()
        )
        now = timezone.now()
        _usable(row, now=now)
        if hmac.compare_digest(row.code_hash, _code_hash(row.link_hash, code)):
            row.used_at = now
            row.save(update_fields=["used_at"])
            return row
        row.wrong_codes += 1
        row.save(update_fields=["wrong_codes"])
    security_log.warning("refused action=one-time code purpose=%s reason=wrong code", purpose)
    raise AccountError(
        WRONG_CODE if row.wrong_codes < MAX_WRONG_CODES else TOO_MANY_CODES, field="code"
    )


def sign_in_with_code(*, pending_id: int | None, code: str) -> tuple[ResidentAccount, str]:
    """Spend the code from a sign-in email, typed in the browser that asked for it."""
    row = code_check(pending_id=pending_id, code=code, purpose=OneTimeCode.SIGN_IN)
    with transaction.atomic():
        return _signed_in(address=row.address, now=timezone.now(), how="email code"), row.next_url


def _signed_in(*, address: str, now, how: str) -> ResidentAccount:
    """The account for a proven email address, made on first sign-in; earlier requests made
    with that address join it."""
    account = (
        ResidentAccount.objects.select_for_update().filter(email=address).select_related("user")
    ).first()
    if account is None:
        account = account_create(email=address, now=now)
    account.last_signed_in_at = now
    account.save(update_fields=["last_signed_in_at"])
    audit.audit_record(
        actor=account.user,
        action="resident.signed_in",
        subject_type="resident_account",
        subject_id=account.pk,
        detail={"how": how},
    )
    _cases().cases_claim(resident=account.user, email=account.email)
    return account


def account_create(*, email: str, now=None, full_name: str = "") -> ResidentAccount:
    """A new resident account for a proven email address (never a staff member)."""
    now = now or timezone.now()
    user = get_user_model().objects.create_user(
        username=f"resident-{uuid.uuid4().hex[:16]}",
        email=email,
        password=None,
        first_name=full_name[:150],
    )
    account = ResidentAccount.objects.create(
        user=user, email=email, full_name=full_name, created_at=now
    )
    audit.audit_record(
        actor=user,
        action="resident.account_created",
        subject_type="resident_account",
        subject_id=account.pk,
    )
    return account


def _account_of(user) -> ResidentAccount:
    account = (
        ResidentAccount.objects.select_for_update()
        .filter(user_id=getattr(user, "pk", None), closed_at__isnull=True)
        .first()
    )
    if account is None:
        raise AccountError("Sign in to your account first.")
    return account


@transaction.atomic
def resident_details_update(
    *, user, full_name: str, address: str = "", postcode: str = ""
) -> ResidentAccount:
    """Change the name and postal address a resident keeps in their account."""
    account = _account_of(user)
    postcode_clean = _cases().postcode_normalise(postcode) if postcode.strip() else ""
    if postcode.strip() and not postcode_clean:
        raise AccountError("Enter a real postcode, like SO14 7LY", field="postcode")
    account.full_name = full_name.strip()[:200]
    account.address = address.strip()[:1000]
    account.postcode = postcode_clean
    account.save(update_fields=["full_name", "address", "postcode"])
    account.user.first_name = account.full_name[:150]
    account.user.save(update_fields=["first_name"])
    audit.audit_record(
        actor=user,
        action="resident.details_changed",
        subject_type="resident_account",
        subject_id=account.pk,
    )
    return account


@transaction.atomic
def resident_preferences_set(*, user, choices: dict[str, list[str]]) -> None:
    """Save how the resident wants to hear about each topic (empty: not at all)."""
    account = _account_of(user)
    known_topics = {code for code, _ in TOPICS}
    known_channels = {code for code, _ in CHANNELS}
    now = timezone.now()
    for topic, channels in choices.items():
        if topic not in known_topics or not set(channels) <= known_channels:
            raise AccountError(f"Choose how to hear about {topic} from the list", field=topic)
        if "sms" in channels and not account.phone:
            raise AccountError(
                "Add and confirm a mobile number before choosing text messages", field=topic
            )
        ContactPreference.objects.update_or_create(
            account=account,
            topic=topic,
            defaults={"channels": sorted(channels), "updated_at": now},
        )
    audit.audit_record(
        actor=user,
        action="resident.preferences_changed",
        subject_type="resident_account",
        subject_id=account.pk,
    )


@transaction.atomic
def claim_request(*, user, email: str = "", phone: str = "") -> CodeSent:
    """Send a code to another email address or a mobile the resident used before, so they
    can prove it is theirs and claim the requests made with it."""
    account = _account_of(user)
    _templates_ensure()
    if bool(email.strip()) == bool(phone.strip()):
        raise AccountError("Enter an email address or a mobile number", field="address")
    if email.strip():
        address = email_normalise(email)
        if not notify.contact_is_valid(channel="email", to=address):
            raise AccountError(
                "Enter an email address in the correct format, like name@example.com",
                field="address",
            )
        channel = OneTimeCode.EMAIL
    else:
        address = notify.normalise_phone(phone)
        if not notify.contact_is_valid(channel="sms", to=address):
            raise AccountError("Enter a UK mobile number, like 07700 900 982", field="address")
        channel = OneTimeCode.SMS
    sent = _code_create(
        purpose=OneTimeCode.CLAIM,
        channel=channel,
        address=address,
        lifetime=CLAIM_LIFETIME,
        account=account,
    )
    personalisation = {
        "council": settings.COUNCIL_NAME,
        "code": sent.code,
        "minutes": int(CLAIM_LIFETIME.total_seconds() // 60),
    }
    notify.message_queue(
        template=CODE_TEMPLATE,
        personalisation=personalisation,
        to_email=address if channel == OneTimeCode.EMAIL else "",
        to_phone=address if channel == OneTimeCode.SMS else "",
        about_type="account",
        about_id=str(account.pk),
    )
    return sent


def claim_confirm(*, user, pending_id: int | None, code: str) -> list[str]:
    """Check the code sent to the address being claimed; then its requests join the
    account, and a mobile becomes the account's number. Returns the claimed references."""
    row = code_check(pending_id=pending_id, code=code, purpose=OneTimeCode.CLAIM)
    with transaction.atomic():
        account = _account_of(user)
        if row.account_id != account.pk:
            raise AccountError(UNKNOWN)
        if row.channel == OneTimeCode.SMS:
            account.phone = row.address
            account.phone_verified_at = timezone.now()
            account.save(update_fields=["phone", "phone_verified_at"])
            claimed = _cases().cases_claim(resident=account.user, phone=row.address)
        else:
            claimed = _cases().cases_claim(resident=account.user, email=row.address)
        audit.audit_record(
            actor=user,
            action="resident.address_verified",
            subject_type="resident_account",
            subject_id=account.pk,
            detail={"channel": row.channel, "claimed": len(claimed)},
        )
        return claimed
