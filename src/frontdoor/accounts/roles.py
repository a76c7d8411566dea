"""The staff roles of DESIGN.md, declared once as data.

Each role is a Django group whose name is the role's code. docs/roles.md describes what
each may do; services enforce it with accounts.services.role_check.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    code: str
    name: str
    purpose: str


AGENT = "agent"
CASE_OFFICER = "case_officer"
SERVICE_MANAGER = "service_manager"
DIRECTORY_EDITOR = "directory_editor"
DATA_OFFICER = "data_officer"
BOARD_MEMBER = "board_member"
ADMINISTRATOR = "administrator"

ROLES: tuple[Role, ...] = (
    Role(
        AGENT,
        "Contact-centre agent",
        "Logs phone and face-to-face contacts, creates and "
        "views cases, and fills in forms on a resident's behalf (assisted digital).",
    ),
    Role(CASE_OFFICER, "Case officer", "Works the cases in their own teams' queues."),
    Role(
        SERVICE_MANAGER,
        "Service manager",
        "Builds and publishes online forms and sees their service's performance and feedback.",
    ),
    Role(DIRECTORY_EDITOR, "Directory editor", "Keeps the service directory up to date."),
    Role(
        DATA_OFFICER,
        "Data officer",
        "Reads the audit log, reviews possible duplicate "
        "resident records, and handles retention and subject access requests.",
    ),
    Role(
        BOARD_MEMBER,
        "Digital board member",
        "Scores and decides digital change requests and reviews the roadmap.",
    ),
    Role(ADMINISTRATOR, "Administrator", "Manages staff accounts, teams and settings."),
)
BY_CODE = {role.code: role for role in ROLES}
