"""What accounts, cases, journeys and notify contribute to subject access and erasure,
through their own queries and services (privacy imports nothing else of theirs)."""

from __future__ import annotations

from django.utils import timezone

from frontdoor.accounts import queries as accounts_queries
from frontdoor.accounts import services as accounts_services
from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases_services
from frontdoor.journeys import queries as journeys_queries
from frontdoor.journeys import services as journeys_services
from frontdoor.notify import queries as notify_queries
from frontdoor.notify import services as notify_services
from frontdoor.privacy.models import Disposed
from frontdoor.privacy.services.sensitive import unseal
from frontdoor.privacy.sources import Person, Source
from frontdoor.residents import queries as residents_queries


def _accounts(person: Person) -> list[dict]:
    person.user_ids |= set(
        accounts_queries.account_ids_of_person(emails=person.emails, usernames=person.usernames)
    )
    found = accounts_queries.accounts_export(ids=person.user_ids)
    person.emails |= {a["email"].lower() for a in found if a["email"]}
    # A resident's confirmed mobile finds the requests and texts made with it.
    person.phones |= {a["phone"] for a in found if a.get("phone")}
    return found


def _accounts_erase(person: Person) -> dict[str, int]:
    return {"accounts": accounts_services.accounts_anonymise(ids=person.user_ids)}


def _cases(person: Person) -> list[dict]:
    person.case_references |= set(
        cases_queries.case_references_of_person(
            emails=person.emails, phones=person.phones, user_ids=person.user_ids
        )
    )
    return cases_queries.cases_export(
        emails=person.emails, phones=person.phones, user_ids=person.user_ids
    )


def _cases_erase(person: Person) -> dict[str, int]:
    """Closed cases are anonymised; open ones are kept while the council still works them."""
    found = cases_queries.cases_export(
        emails=person.emails, phones=person.phones, user_ids=person.user_ids
    )
    closed = [c["reference"] for c in found if c.get("closed")]
    ids = cases_queries.case_ids_for(references=closed)
    changed = cases_services.cases_anonymise(case_ids=ids) if ids else {"cases": 0}
    now = timezone.now()
    Disposed.objects.bulk_create(
        [Disposed(kind="case", object_id=i, at=now) for i in ids], ignore_conflicts=True
    )
    open_cases = sum(1 for c in found if not c.get("following") and not c.get("closed"))
    return {"cases": changed["cases"], "open cases kept": open_cases}


def _forms(person: Person) -> list[dict]:
    found = journeys_queries.submissions_export(
        emails=person.emails, case_references=person.case_references
    )
    for form in found:  # their own sensitive answers, as they gave them
        form["answers"] = {key: unseal(value) for key, value in form["answers"].items()}
    return found


def _forms_erase(person: Person) -> dict[str, int]:
    ids = journeys_queries.submission_ids_of_person(
        emails=person.emails, case_references=person.case_references
    )
    return {"forms": journeys_services.submissions_anonymise(ids=ids)["submissions"]}


def _messages(person: Person) -> list[dict]:
    return notify_queries.messages_export(addresses=person.addresses())


def _messages_erase(person: Person) -> dict[str, int]:
    return {"messages": notify_services.messages_anonymise(addresses=person.addresses())}


def _residents(person: Person) -> list[dict]:
    return residents_queries.residents_export(
        emails=person.emails,
        phones=person.phones,
        user_ids=person.user_ids,
        case_references=person.case_references,
    )


BUILT_IN = (
    Source("accounts", "Account", _accounts, _accounts_erase, order=10),
    Source("cases", "Cases", _cases, _cases_erase, order=20),
    Source("forms", "Online forms sent", _forms, _forms_erase, order=30),
    Source("messages", "Messages sent to them", _messages, _messages_erase, order=40),
    # Read after cases and accounts, so their references and ids find linked records too.
    Source("residents", "Resident records", _residents, order=45),
)
