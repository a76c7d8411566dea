"""Link on arrival: a new case or resident account gets a resident record once committed."""

from frontdoor.accounts import services as accounts_residents
from frontdoor.cases.tests import factories as case_factories
from frontdoor.residents import queries
from frontdoor.residents.models import Link, SourceRecord


def test_a_new_case_gets_a_resident_record_after_it_is_committed(
    db, django_capture_on_commit_callbacks
):
    case_factories.case_type()
    with django_capture_on_commit_callbacks(execute=True):
        case = case_factories.case()
    resident = queries.resident_of(kind=Link.CASE, object_id=case.reference)
    assert resident is not None and resident.surname == "Okonkwo"
    record = SourceRecord.objects.get(source_system="cases", source_id=case.reference)
    assert record.email == "amara@example.com" and record.postcode == "SO14 7LY"


def test_an_anonymous_case_gets_no_record(db, django_capture_on_commit_callbacks):
    case_factories.case_type()
    from frontdoor.cases import services as cases

    with django_capture_on_commit_callbacks(execute=True):
        case = case_factories.case(contact=cases.Contact())
    assert queries.resident_of(kind=Link.CASE, object_id=case.reference) is None


def test_a_new_resident_account_gets_a_resident_record(db, django_capture_on_commit_callbacks):
    sent = accounts_residents.sign_in_request(email="kofi@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        account, _next = accounts_residents.sign_in_with_link(token=sent.link_token)
    resident = queries.resident_of(kind=Link.ACCOUNT, object_id=str(account.user_id))
    assert resident is not None
    assert resident.records.get().email == "kofi@example.com"
