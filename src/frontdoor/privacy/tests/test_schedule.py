"""The scheduled run: `manage.py privacy_disposal` resumes what was cut short, then runs."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from frontdoor.cases import queries as cases_queries
from frontdoor.cases.tests import factories as case_factories
from frontdoor.privacy import services
from frontdoor.privacy.models import DisposalRun
from frontdoor.privacy.tests import factories


@pytest.fixture
def worker(db):
    factories.case_type()
    return case_factories.staff("case_officer", teams=("waste",))


def test_the_nightly_command_disposes_of_what_is_past_its_time(worker):
    old = factories.closed_case(officer=worker, years_ago=7)
    out = io.StringIO()
    call_command("privacy_disposal", "--dry-run", stdout=out)
    assert "1 records would go" in out.getvalue()
    assert cases_queries.case_get(reference=old.reference).contact_email
    call_command("privacy_disposal", stdout=out)
    assert cases_queries.case_get(reference=old.reference).contact_email == ""
    assert DisposalRun.objects.filter(dry_run=False, status=DisposalRun.FINISHED).count() == 1


def test_the_nightly_command_first_finishes_a_run_that_was_interrupted(worker):
    old = factories.closed_case(officer=worker, years_ago=7)
    plan = services.disposal_plan(as_of=old.closed_at.replace(year=old.closed_at.year + 7))
    interrupted = DisposalRun.objects.create(
        dry_run=False,
        as_of=old.closed_at,
        plan=plan,
        created_at=old.closed_at,
        status=DisposalRun.RUNNING,
    )
    out = io.StringIO()
    call_command("privacy_disposal", stdout=out)
    assert f"Resuming disposal run {interrupted.pk}" in out.getvalue()
    interrupted.refresh_from_db()
    assert interrupted.status == DisposalRun.FINISHED and interrupted.batches_done >= 1
