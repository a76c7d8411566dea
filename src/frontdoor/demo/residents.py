"""Demo resident records: council systems' records with near-duplicates, the demo cases'
contacts linked to residents, a trained linkage model, and a review queue to work.

Strategy: "data errors are corrected and duplicate records merged" (Southampton 2018-22).
Made through the residents app's own services; every source system is a demo one.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from frontdoor.cases import queries as case_queries
from frontdoor.residents import services

# Near-duplicates a data officer can review in the demo: one person, three systems.
NAMED = [
    {
        "source_system": "council_tax",
        "source_id": "CT-100231",
        "first_name": "Amara",
        "surname": "Okonkwo",
        "dob": "1984-03-12",
        "address_line": "12 Cedar Road",
        "town": "Southampton",
        "postcode": "SO14 7LY",
        "uprn": "100060712345",
        "email": "amara.okonkwo@example.com",
        "phone": "07700 900123",
    },
    {
        "source_system": "housing",
        "source_id": "HSG-55810",
        "first_name": "Amarah",
        "surname": "Okonkwo",
        "dob": "1984-03-12",
        "address_line": "12 Cedar Rd",
        "town": "Southampton",
        "postcode": "SO14 7LY",
        "phone": "07700 900123",
    },
    {
        "source_system": "contact_centre",
        "source_id": "CC-9921",
        "first_name": "Amara",
        "surname": "Okonkwo",
        "dob": "1984-03-12",
        "address_line": "4 Elm Street",
        "town": "Southampton",
        "postcode": "SO16 3AB",
    },
    {
        "source_system": "contact_centre",
        "source_id": "CC-9922",
        "first_name": "Chidi",
        "surname": "Okonkwo",
        "dob": "2010-05-01",
        "address_line": "12 Cedar Road",
        "town": "Southampton",
        "postcode": "SO14 7LY",
    },
]
# Pairs a data officer should decide: the model is fairly, not fully, sure.
GREY = [
    {
        "source_system": "council_tax",
        "source_id": "CT-200417",
        "first_name": "Kwame",
        "surname": "Mensah",
        "dob": "1979-06-04",
        "address_line": "3 Oak Lane",
        "town": "Southampton",
        "postcode": "SO16 3AB",
        "email": "kwame.mensah@example.com",
    },
    {
        "source_system": "contact_centre",
        "source_id": "CC-10233",
        "first_name": "Kwame",
        "surname": "Mensa",
        "dob": "1979-04-06",
        "address_line": "27 Hill Road",
        "town": "Southampton",
        "postcode": "SO19 8AB",
    },
    {
        "source_system": "housing",
        "source_id": "HSG-61102",
        "first_name": "Fatima",
        "surname": "Begum",
        "dob": "1962-09-30",
        "address_line": "8 Elm Street",
        "town": "Southampton",
        "postcode": "SO14 2AB",
    },
    {
        "source_system": "contact_centre",
        "source_id": "CC-10377",
        "first_name": "Fatima",
        "surname": "Begum",
    },
    {
        "source_system": "benefits",
        "source_id": "BEN-4410",
        "first_name": "Tomasz",
        "surname": "Nowak",
        "dob": "1988-02-11",
        "address_line": "41 Portswood Road",
        "town": "Southampton",
        "postcode": "SO17 2FW",
        "email": "t.nowak@example.com",
    },
    {
        "source_system": "web_forms",
        "source_id": "WEB-88213",
        "first_name": "Tom",
        "surname": "Nowak",
        "dob": "1988-02-11",
        "address_line": "Flat 2, 9 Avenue Road",
        "town": "Eastleigh",
        "postcode": "SO50 4NN",
    },
]
BACKGROUND = 400


def _link_demo_cases() -> None:
    officer = get_user_model().objects.filter(username="admin").first()
    if officer is None:
        return
    for case in case_queries.case_queue(user=officer, include_closed=True):
        services.case_link(
            reference=case.reference,
            name=case.contact_name,
            email=case.contact_email,
            phone=case.contact_phone,
            postcode=case.contact_postcode or case.location_postcode,
            address=case.address,
            uprn=case.uprn,
            account_id=case.resident_id,
            at=case.received_at,
        )


def create() -> None:
    for row in services.synthetic_people(BACKGROUND, seed=2026):
        fields = {k: v for k, v in row.items() if k not in ("unique_id", "person_id")}
        services.record_add(source_id=f"DEMO-{row['unique_id']}", **fields)
    for row in NAMED + GREY:
        services.record_add(**row)
    _link_demo_cases()
    services.model_train(u_max_pairs=2e5)
    services.linkage_run(only_new=True)
