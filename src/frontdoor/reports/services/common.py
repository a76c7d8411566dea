"""What every street-report service shares: limits, refusals, and how a place and a
question are given."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from frontdoor.accounts import roles
from frontdoor.reports.models import (
    STRING,
)

WORKFLOW = "reports-street-problem"
MAX_DESCRIPTION = 4000  # GeoReport v2: "may not exceed 4,000 characters"
MAX_PHOTOS = 3
PHOTO_TYPES = ("image/jpeg", "image/png")
WORKERS = (roles.CASE_OFFICER, roles.SERVICE_MANAGER, roles.ADMINISTRATOR)
KEY_ISSUERS = (roles.ADMINISTRATOR,)
# FixMyStreet's extended statuses a partner may send with an update.
EXTENDED_STATUSES = (
    "open",
    "closed",
    "fixed",
    "in_progress",
    "planned",
    "action_scheduled",
    "investigating",
    "duplicate",
    "not_councils_responsibility",
    "no_further_action",
    "internal_referral",
    "cancelled",
    "reopen",
    "for_triage",
)


class ReportError(ValueError):
    """Bad input or a refusal: `.message` is fit to show, `.field` names the input."""

    status = 400

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ReportError):
    """No such category, report or update (Open311: 404)."""

    status = 404


class OutsideBoundary(ReportError):
    """The place is not the council's to fix: the message says where to go instead."""


@dataclass(frozen=True)
class AttributeSpec:
    """A question a category asks; `values` are (key, name) pairs for list types."""

    code: str
    description: str
    datatype: str = STRING
    required: bool = False
    values: tuple[tuple[str, str], ...] = ()
    datatype_description: str = ""
    variable: bool = True


@dataclass(frozen=True)
class Place:
    """Where the problem is, as given: a point, a postcode, a street address or a UPRN.
    Any may be empty; at least one must lead to a point."""

    latitude: float | Decimal | None = None
    longitude: float | Decimal | None = None
    address: str = ""
    postcode: str = ""
    uprn: str = ""


@dataclass(frozen=True)
class _Located:
    latitude: Decimal
    longitude: Decimal
    address: str
    postcode: str
    uprn: str
    ward: str
