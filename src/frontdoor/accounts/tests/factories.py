"""Test helpers for signing in as staff (password, then a TOTP code) and as a resident."""

from __future__ import annotations

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.accounts import backends, roles, services

PASSWORD = "a-long-enough-test-password"


def staff(*held: str, username: str = "ade", password: str = PASSWORD, totp: bool = True):
    """A member of staff with these roles (agent if none) and, unless told otherwise, an
    authenticator already set up."""
    user = services.staff_create(
        username=username,
        full_name=f"{username.title()} Tester",
        email=f"{username}@example.gov.uk",
        roles=list(held or (roles.AGENT,)),
        password=password,
    )
    if totp:
        TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    return user


def totp_code(user) -> str:
    """The code the staff member's authenticator shows now (the next unused one, waiting
    for the next 30-second step when two sign-ins fall in the same one)."""
    device = TOTPDevice.objects.filter(user=user).order_by("-id").first()
    assert device is not None, f"{user.username} has no authenticator"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    while device.last_t + 1 - totp.t() > device.tolerance:
        time.sleep(1)
        totp.time = time.time()
    target = max(totp.t(), device.last_t + 1)
    totp.time = device.t0 + target * device.step + device.step / 2
    return f"{totp.token():0{device.digits}d}"


def staff_sign_in(client, user, *, password: str = PASSWORD, next_url: str = ""):
    """Sign in through both steps, as a person would; returns the last response."""
    address = "/staff/sign-in/" + (f"?next={next_url}" if next_url else "")
    response = client.post(
        address, {"username": user.username, "password": password, "next": next_url}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    step_two = response["Location"]
    client.get(step_two)  # the set-up page makes the authenticator it shows
    return client.post(step_two, {"code": totp_code(user)})


def resident(email: str = "amara@example.com"):
    """A resident with an account (as if they had signed in once by email)."""
    return services.account_create(email=email)


def resident_sign_in(client, account) -> None:
    client.force_login(account.user, backend=backends.PATH)
