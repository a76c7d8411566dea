"""Small factories for privacy tests: closed cases of a given age, a data officer."""

from __future__ import annotations

import datetime

from django.utils import timezone

from frontdoor.accounts import roles
from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.cases.tests import factories as case_factories
from frontdoor.notify import services as notify


def data_officer(username: str = "", password: str | None = None):
    return case_factories.staff(roles.DATA_OFFICER, username=username, password=password)


def case_type(code: str = "missed-bin", name: str = "Missed bin collection"):
    cases.workflow_standard_ensure()
    return case_factories.case_type(code=code, name=name)


def closed_case(
    *,
    officer,
    years_ago: float,
    case_type_code: str = "missed-bin",
    email="amara@example.com",
    name="Amara Okonkwo",
    phone="",
    **overrides,
):
    """A case closed `years_ago` years ago, with a message and a follower."""
    contact = case_factories.contact(email=email, name=name, phone=phone)
    case = case_factories.case(case_type_code=case_type_code, contact=contact, **overrides)
    cases.case_subscriber_add(
        reference=case.reference, email=f"follower-{case.reference}@example.com"
    )
    closed = cases.case_transition(
        user=officer,
        reference=case.reference,
        transition="close",
        expected_version=case.version,
        closure_reason="resolved",
        public_text="Collected.",
    )
    notify.outbox_deliver()  # years ago, the messages were sent long since
    when = timezone.now() - datetime.timedelta(days=int(365.25 * years_ago))
    # Backdate: no service moves time, and a retention test needs old cases.
    type(closed).objects.filter(pk=closed.pk).update(closed_at=when, received_at=when)
    return cases_queries.case_get(reference=closed.reference)


def open_case(*, case_type_code: str = "missed-bin", email="amara@example.com"):
    contact = case_factories.contact(email=email)
    return case_factories.case(case_type_code=case_type_code, contact=contact)
