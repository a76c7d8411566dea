"""Demo staff: one person per role, all sharing the printed demo password."""

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts

# Printed by `make run`; demo users exist only outside production mode.
DEMO_PASSWORD = "demo-frontdoor-2026"  # noqa: S105 (printed at start-up, never in production)

# Every demo staff member's authenticator holds this secret (two-factor sign-in is always
# on for staff): `make run` prints it as the key to type into an authenticator app, and
# `manage.py demo_code` prints the code it shows now.
DEMO_TOTP_KEY_HEX = b"frontdoor-demo-2fa!!".hex()

DEMO_STAFF = (
    ("agent", "Ade Okafor", [roles.AGENT]),
    ("officer", "Priya Shah", [roles.CASE_OFFICER]),
    ("manager", "Tom Hughes", [roles.SERVICE_MANAGER]),
    ("editor", "Grace Liu", [roles.DIRECTORY_EDITOR]),
    ("dataofficer", "Sam Patel", [roles.DATA_OFFICER]),
    ("board", "Morgan Ellis", [roles.BOARD_MEMBER]),
    ("admin", "Jo Bennett", [roles.ADMINISTRATOR]),
)


def create() -> None:
    accounts.roles_ensure()
    for username, name, held in DEMO_STAFF:
        user = accounts.staff_create(
            username=username,
            full_name=name,
            email=f"{username}@demo.example.gov.uk",
            roles=held,
            password=DEMO_PASSWORD,
        )
        accounts.totp_device_set(user=user, key_hex=DEMO_TOTP_KEY_HEX)


def totp_key_base32() -> str:
    """The demo authenticator's key as people type it into an app."""
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode().rstrip("=")


def totp_code_now() -> str:
    """The code a demo authenticator shows now."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
    totp.time = time.time()
    return f"{totp.token():06d}"


def sign_ins() -> list[tuple[str, str]]:
    return [
        (username, ", ".join(roles.BY_CODE[code].name for code in held))
        for username, _, held in DEMO_STAFF
    ]
