"""Staff two-factor sign-in: a password, then a code from an authenticator app (TOTP,
RFC 6238, through django-otp).

Strategy: "sensitive data is digitally protected" (Southampton 2018-22); personal data
"visible only to staff whose role needs it" (DESIGN.md). A staff session exists only
after both steps; a resident's sign-in never makes one (accounts.backends).
"""

from __future__ import annotations

import base64
import logging

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.accounts.services.errors import AccountError
from frontdoor.audit import services as audit

security_log = logging.getLogger("frontdoor.security")

DEVICE_NAME = "Authenticator app"
WRONG_CODE = "The code is not right. Enter the 6 numbers your authenticator app shows now"
WAIT = "You have entered a wrong code too many times. Wait a minute, then try again"


def totp_device(*, user, confirmed: bool | None = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("-id").first()


@transaction.atomic
def totp_enrolment_start(*, user) -> TOTPDevice:
    """The unconfirmed authenticator a member of staff is setting up (made once, so a
    reload shows the same secret)."""
    if not user.is_staff:
        raise AccountError("Only staff sign in with an authenticator app.")
    device = totp_device(user=user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_secret_base32(device: TOTPDevice) -> str:
    """The secret as people type it into an authenticator app."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def _verify(device: TOTPDevice, token: str, *, user) -> None:
    token = "".join(ch for ch in (token or "") if ch.isdigit())
    if not token:
        raise AccountError("Enter the 6-digit code from your authenticator app", field="code")
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        security_log.warning("refused action=staff second factor user=%s reason=throttled", user.pk)
        raise AccountError(WAIT, field="code")
    if not device.verify_token(token):
        security_log.warning(
            "refused action=staff second factor user=%s reason=wrong code", user.pk
        )
        raise AccountError(WRONG_CODE, field="code")


def totp_verify(*, user, token: str) -> TOTPDevice:
    """Check the code from the staff member's confirmed authenticator (each code once;
    repeated wrong codes are slowed down by django-otp's throttling)."""
    device = totp_device(user=user)
    if device is None:
        raise AccountError("Set up your authenticator app first.")
    # Not one transaction: a wrong code's throttling count must be kept as this refuses.
    _verify(device, token, user=user)
    return device


def totp_enrolment_confirm(*, user, token: str) -> TOTPDevice:
    """Finish setting up an authenticator: the first right code confirms it."""
    device = totp_device(user=user, confirmed=False)
    if device is None:
        raise AccountError("Start setting up your authenticator app again.")
    _verify(device, token, user=user)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.audit_record(
            actor=user, action="staff.two_factor_set_up", subject_type="user", subject_id=user.pk
        )
    return device


@transaction.atomic
def totp_reset(*, by, user) -> None:
    """An administrator removes a lost authenticator; the person sets up a new one at their
    next sign-in."""
    from frontdoor.accounts import roles
    from frontdoor.accounts.services.staff import role_check

    role_check(user=by, roles=(roles.ADMINISTRATOR,), action="reset two-factor sign-in")
    TOTPDevice.objects.filter(user=user).delete()
    audit.audit_record(
        actor=by, action="staff.two_factor_reset", subject_type="user", subject_id=user.pk
    )


@transaction.atomic
def totp_device_set(*, user, key_hex: str) -> TOTPDevice:
    """Give a member of staff a confirmed authenticator with a known secret: for the demo
    council, whose secret `make run` prints. Never called in production mode."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key_hex, confirmed=True)


def staff_signed_in(*, user) -> None:
    """Record a completed staff sign-in (password and second factor)."""
    audit.audit_record(
        actor=user, action="staff.signed_in", subject_type="user", subject_id=user.pk
    )
