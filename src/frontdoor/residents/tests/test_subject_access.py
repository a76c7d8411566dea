"""A subject access bundle holds a person's resident records and nobody else's."""

from frontdoor.privacy import services as privacy
from frontdoor.residents import services
from frontdoor.residents.tests import factories


def test_a_subject_access_bundle_holds_the_persons_resident_records_only(db):
    services.record_add(**factories.person(source_id="CT1"))
    services.record_add(
        **factories.person(
            source_id="CT2", first_name="Ben", surname="Carter", email="ben@example.com",
            phone="07700 900999", dob="1990-01-01",
        )
    )  # fmt: skip
    request = privacy.subject_request_open(
        actor=factories.data_officer(), kind="access", emails=["Amara@example.com"]
    )
    bundle = privacy.subject_access_bundle(actor=request.handled_by, reference=request.reference)
    section = next(s for s in bundle["sections"] if s["source"] == "residents")
    names = [r["name"] for r in section["records"]]
    assert names == ["Amara Okonkwo"]
    assert section["records"][0]["source_records"][0]["id"] == "CT1"
    assert "Ben Carter" not in str(bundle["sections"])
