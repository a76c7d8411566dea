"""What journeys asks of other capabilities, one function each: a case for a submission
(cases), an email (notify), addresses for a postcode (places). Nothing else in journeys
reaches outside it, so each seam can be read, tested and changed in one place."""

from __future__ import annotations


def case_open(*, submission, definition, answers_shown: list[tuple[str, str]]) -> str:
    """Open the case a submission becomes, in the caller's transaction; its reference."""
    return ""


def email_send(*, to: str, subject: str, body: str) -> None:
    """Queue an email to a resident in the caller's transaction."""


def address_lookup_available() -> bool:
    """True when a gazetteer of addresses is there to search by postcode."""
    return False


def addresses_find(*, postcode: str) -> list[dict]:
    """Addresses at a postcode from the gazetteer, each as {"uprn", "label", "address"},
    where "address" is the answer kept: line1, line2, town, postcode and uprn."""
    return []


def case_types() -> list[tuple[str, str]] | None:
    """The case types a form may route to, as (code, name); None when they are free text."""
    return None
