import pytest
from django.db import DatabaseError, transaction

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.audit import queries, services
from frontdoor.audit.models import AuditEvent


@pytest.fixture
def entry(db):
    return services.audit_record(
        actor=services.SYSTEM, action="case.viewed", subject_type="case", subject_id="K7QM-4XTD"
    )


def test_the_database_refuses_to_change_an_audit_entry(entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=entry.pk).update(action="case.nothing_to_see")
    entry.refresh_from_db()
    assert entry.action == "case.viewed"


def test_a_data_officer_finds_who_saw_a_case(entry, client):
    officer = accounts.staff_create(
        username="sam", full_name="Sam Patel", email="s@example.gov.uk", roles=[roles.DATA_OFFICER]
    )
    client.force_login(officer)
    page = client.get("/staff/audit/", {"subject_id": " k7qm-4xtd "}).content.decode()
    assert "case.viewed" in page and "1 entry" in page
    assert queries.audit_search(subject_id="OTHER").count() == 0


def test_an_end_date_before_the_start_date_is_explained(entry, client):
    officer = accounts.staff_create(
        username="sam", full_name="Sam Patel", email="s@example.gov.uk", roles=[roles.DATA_OFFICER]
    )
    client.force_login(officer)
    response = client.get(
        "/staff/audit/",
        {
            "since_0": "2",
            "since_1": "1",
            "since_2": "2026",
            "until_0": "1",
            "until_1": "1",
            "until_2": "2026",
        },
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_a_case_officer_cannot_read_the_audit_log(db, client):
    officer = accounts.staff_create(
        username="priya",
        full_name="Priya Shah",
        email="p@example.gov.uk",
        roles=[roles.CASE_OFFICER],
    )
    client.force_login(officer)
    assert client.get("/staff/audit/").status_code == 403
