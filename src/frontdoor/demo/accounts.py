"""Demo staff: one person per role, all sharing the printed demo password."""

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts

# Printed by `make run`; demo users exist only outside production mode.
DEMO_PASSWORD = "demo-frontdoor-2026"  # noqa: S105 (printed at start-up, never in production)

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
        accounts.staff_create(
            username=username,
            full_name=name,
            email=f"{username}@demo.example.gov.uk",
            roles=held,
            password=DEMO_PASSWORD,
        )


def sign_ins() -> list[tuple[str, str]]:
    return [
        (username, ", ".join(roles.BY_CODE[code].name for code in held))
        for username, _, held in DEMO_STAFF
    ]
