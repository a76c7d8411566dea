"""Resident records through the service boundary: linking, the review queue, merges, undo."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from frontdoor.audit.models import AuditEvent
from frontdoor.residents import services, synthetic
from frontdoor.residents.models import Link, MatchPair, Merge, Resident, SourceRecord
from frontdoor.residents.tests import factories


@pytest.fixture
def people(db):
    """A stored model, a background of 150 synthetic people, and Amara four ways."""
    factories.model_stored()
    for row in synthetic.people(150, seed=5):
        services.record_add(
            source_id=row["unique_id"], **{k: v for k, v in row.items() if k != "unique_id"}
        )
    amara = {
        "same": services.record_add(**factories.person(source_id="CT1")),
        "typo": services.record_add(
            **factories.person(source_system="housing", source_id="H9", first_name="Amarah")
        ),
        "moved": services.record_add(
            **factories.person(
                source_system="contact_centre",
                source_id="C4",
                address_line="4 Elm Street",
                postcode="SO16 3AB",
                email="",
                phone="",
            )
        ),
        "child": services.record_add(
            **factories.person(
                source_system="contact_centre",
                source_id="C5",
                first_name="Chidi",
                dob="2010-05-01",
                email="",
                phone="",
            )
        ),
    }
    return amara


def _resident(record):
    return SourceRecord.objects.get(pk=record.pk).resident


def test_a_record_with_a_bad_postcode_is_refused_and_nothing_is_made(db):
    with pytest.raises(services.ResidentError) as refused:
        services.record_add(**factories.person(postcode="not a postcode"))
    assert refused.value.field == "postcode"
    assert not Resident.objects.exists() and not SourceRecord.objects.exists()


def test_the_same_source_id_again_returns_the_record_already_held(db):
    first = services.record_add(**factories.person(source_id="CT1"))
    again = services.record_add(**factories.person(source_id="CT1", first_name="Other"))
    assert again.pk == first.pk and SourceRecord.objects.count() == 1


def test_linkage_merges_the_sure_pair_and_queues_the_grey_one(people):
    result = services.linkage_run(only_new=True)
    assert result.auto_merged >= 1
    assert _resident(people["same"]) == _resident(people["typo"])
    waiting = MatchPair.objects.get(
        status=MatchPair.PENDING, record_r=people["moved"], record_l__in=[people["same"]]
    )
    assert settings.RESIDENTS_REVIEW_FROM <= waiting.match_probability
    # Same name and birthday at a new address, no email or phone: the model is sure enough
    # to merge, but a person who moved and a namesake look alike, so a data officer decides.
    assert waiting.match_probability >= settings.RESIDENTS_AUTO_MERGE
    why = {f["comparison"]: f for f in waiting.fields}
    assert why["email"]["level"] == why["phone"]["level"] == "Missing on one side"
    assert why["dob"]["level"] == "Exact match on dob" and why["dob"]["match_weight"] > 0
    assert why["surname_address"]["level"] == "Same last name, another address"
    # The child at the same address is not the same person.
    assert _resident(people["child"]) != _resident(people["same"])
    assert not MatchPair.objects.filter(record_r=people["child"], status="pending").exists()
    # Records once linked are not scored again on the next run.
    assert services.linkage_run(only_new=True).pairs == 0


@pytest.fixture
def queued(people):
    services.linkage_run(only_new=True)
    return MatchPair.objects.get(status=MatchPair.PENDING, record_r=people["moved"])


def test_a_data_officer_merges_a_pair_and_its_cases_follow_then_undoes_it(people, queued):
    officer = factories.data_officer()
    services.case_link(reference="K7QM-4XTD", name="Amara Okonkwo", postcode="SO16 3AB")
    moved = _resident(people["moved"])
    Link.objects.filter(object_id="K7QM-4XTD").update(resident=moved)
    survivor = _resident(people["same"])

    merge = services.pair_decide(user=officer, pair_id=queued.pk, same=True, keep="left")

    assert _resident(people["moved"]) == survivor
    assert Link.objects.get(object_id="K7QM-4XTD").resident == survivor
    assert Resident.objects.get(pk=moved.pk).status == Resident.MERGED
    assert set(survivor.records.values_list("source_id", flat=True)) >= {"CT1", "H9", "C4"}
    assert AuditEvent.objects.filter(action="resident.merged", actor=officer).exists()

    services.merge_undo(user=officer, merge_id=merge.pk)

    assert _resident(people["moved"]) == moved
    assert Link.objects.get(object_id="K7QM-4XTD").resident == moved
    assert Resident.objects.get(pk=moved.pk).status == Resident.ACTIVE
    assert MatchPair.objects.get(pk=queued.pk).status == MatchPair.DIFFERENT
    assert AuditEvent.objects.filter(action="resident.merge_undone").exists()
    with pytest.raises(services.MergeRefused):
        services.merge_undo(user=officer, merge_id=merge.pk)


def test_a_merge_into_itself_or_into_a_merged_record_is_refused(people):
    officer = factories.data_officer()
    one = _resident(people["same"])
    with pytest.raises(services.MergeRefused, match="into itself"):
        services.resident_merge(user=officer, survivor_id=one.pk, merged_id=one.pk)
    other = _resident(people["child"])
    services.resident_merge(user=officer, survivor_id=one.pk, merged_id=other.pk)
    third = _resident(people["moved"])
    with pytest.raises(services.MergeRefused, match="already merged"):
        services.resident_merge(user=officer, survivor_id=other.pk, merged_id=third.pk)
    assert Merge.objects.count() == 1


def test_only_data_officers_decide_pairs(people, queued):
    agent = factories.staff("agent")
    with pytest.raises(PermissionDenied):
        services.pair_decide(user=agent, pair_id=queued.pk, same=True)
    assert MatchPair.objects.get(pk=queued.pk).status == MatchPair.PENDING


def test_not_the_same_person_stays_apart_on_later_runs(people, queued):
    officer = factories.data_officer()
    services.pair_decide(user=officer, pair_id=queued.pk, same=False)
    SourceRecord.objects.update(linked_at=None)
    services.linkage_run(only_new=True)
    assert _resident(people["moved"]) != _resident(people["same"])
    assert MatchPair.objects.get(pk=queued.pk).status == MatchPair.DIFFERENT


def test_an_agent_sees_who_a_caller_may_be(people):
    services.linkage_run(only_new=True)
    agent = factories.staff("agent")
    found = services.possible_matches(
        user=agent,
        person={"first_name": "Amara", "surname": "Okonkwo", "dob": "1984-03-12"},
    )
    assert found and found[0][0] == _resident(people["same"])
    assert AuditEvent.objects.filter(action="resident.searched", actor=agent).exists()
