"""Cases through the service boundary: opening, moving on, assigning, telling residents."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from frontdoor.audit import queries as audit_queries
from frontdoor.cases import queries, services
from frontdoor.cases.models import Case, CaseEvent
from frontdoor.cases.tests import factories
from frontdoor.demo import places as demo_places
from frontdoor.notify.models import Message
from frontdoor.places import queries as places


@pytest.fixture
def setup(db):
    factories.case_type()
    return {"officer": factories.officer(username="priya"), "agent": factories.agent("ade")}


def _messages(case):
    return list(Message.objects.filter(about_id=case.reference).order_by("id"))


def test_a_web_case_is_opened_with_its_acknowledgement_queued(setup):
    case = factories.case()
    assert case.status == "received" and case.team.code == "waste"
    assert case.contact_postcode == "SO14 7LY"
    [message] = _messages(case)
    assert message.to == "amara@example.com" and case.reference in message.subject
    assert "aim to finish by" in message.body
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [CaseEvent.CREATED, CaseEvent.MESSAGE]


def test_a_case_and_its_message_roll_back_together(setup):
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.case()
        raise RuntimeError("something after it failed")
    assert not Case.objects.exists() and not Message.objects.exists()


def test_a_phone_case_records_the_agent_who_took_it(setup):
    case = factories.case(channel="phone", by=setup["agent"])
    assert case.created_by == setup["agent"] and case.channel == "phone"
    with pytest.raises(services.CaseError, match="which member of staff"):
        factories.case(channel="phone")


def test_a_retried_request_with_the_same_idempotency_key_makes_one_case(setup):
    first = services.case_create(
        case_type="missed-bin", channel="web", contact=factories.contact(), idempotency_key="k1"
    )
    again = services.case_create(
        case_type="missed-bin", channel="web", contact=factories.contact(), idempotency_key="k1"
    )
    assert first.created and not again.created
    assert again.case.pk == first.case.pk
    assert Case.objects.count() == 1 and Message.objects.count() == 1


def test_a_resident_who_wants_no_updates_gets_no_messages(setup):
    case = factories.case(contact=factories.contact(preference="none"))
    assert _messages(case) == []


def test_a_text_message_preference_needs_a_mobile_number(setup):
    with pytest.raises(services.CaseError, match="UK mobile number"):
        factories.case(contact=factories.contact(email="", phone="023 8083 3000"))
    case = factories.case(contact=factories.contact(email="", phone="07700 900123"))
    assert _messages(case)[0].channel == "sms"


def test_an_anonymous_report_is_accepted(setup):
    case = factories.case(contact=services.Contact())
    assert case.contact_preference == "none" and case.contact_name == ""


def test_bad_contact_details_are_refused_with_the_field_named(setup):
    with pytest.raises(services.CaseError) as refused:
        factories.case(contact=factories.contact(postcode="not a postcode"))
    assert refused.value.field == "postcode" and not Case.objects.exists()


def test_a_public_step_tells_the_resident_and_everyone_following(setup):
    case = factories.case()
    services.case_subscriber_add(reference=case.reference, email="neighbour@example.com")
    services.case_transition(
        user=setup["officer"], reference=case.reference, transition="start", expected_version=1
    )
    later = _messages(case)[1:]
    assert sorted(m.to for m in later) == ["amara@example.com", "neighbour@example.com"]
    assert "We are working on it" in later[0].subject


def test_following_twice_follows_once(setup):
    case = factories.case()
    for _ in range(2):
        services.case_subscriber_add(reference=case.reference, email="Neighbour@example.com")
    assert case.subscribers.count() == 1


def test_a_step_not_allowed_from_the_current_state_is_refused_and_changes_nothing(setup):
    case = factories.case()
    with pytest.raises(services.IllegalTransition) as refused:
        services.case_transition(
            user=setup["officer"], reference=case.reference, transition="reopen", expected_version=1
        )
    assert "You cannot reopen a case that is received" in refused.value.message
    assert "start work" in refused.value.message
    case.refresh_from_db()
    assert case.status == "received" and case.version == 1 and len(_messages(case)) == 1


def test_an_edit_made_against_an_old_version_is_refused(setup):
    case = factories.case()
    other = factories.officer(username="lee")
    services.case_transition(
        user=other, reference=case.reference, transition="start", expected_version=1
    )
    with pytest.raises(services.StaleCase, match="changed by someone else"):
        services.case_transition(
            user=setup["officer"],
            reference=case.reference,
            transition="ask_resident",
            expected_version=1,
        )
    case.refresh_from_db()
    assert case.status == "in_progress" and case.version == 2


def test_closing_needs_one_of_the_workflows_closure_reasons(setup):
    case = factories.case()
    with pytest.raises(services.CaseError, match="why the case is being closed"):
        services.case_transition(
            user=setup["officer"], reference=case.reference, transition="close", expected_version=1
        )
    closed = services.case_transition(
        user=setup["officer"],
        reference=case.reference,
        transition="close",
        expected_version=1,
        closure_reason="resolved",
    )
    assert closed.closed and closed.closed_at and closed.closure_reason == "resolved"
    assert "finished" in _messages(case)[-1].subject


def test_a_case_officer_cannot_touch_another_teams_case(setup):
    case = factories.case()
    factories.team("highways", "Highways")
    outsider = factories.officer(teams=("highways",), username="hal")
    with pytest.raises(services.CaseNotFound):
        services.case_access(user=outsider, reference=case.reference)
    with pytest.raises(services.CaseNotFound):
        services.case_transition(
            user=outsider, reference=case.reference, transition="start", expected_version=1
        )
    assert list(queries.case_queue(user=outsider)) == []
    assert list(queries.case_queue(user=setup["agent"])) == [case]


def test_an_agent_may_log_contacts_but_not_work_cases(setup):
    case = factories.case()
    services.case_contact_log(
        user=setup["agent"], reference=case.reference, channel="phone", summary="Any news?"
    )
    case.refresh_from_db()
    assert case.chasing_contacts == 1
    with pytest.raises(PermissionDenied):
        services.case_transition(
            user=setup["agent"], reference=case.reference, transition="start", expected_version=1
        )


def test_chasing_contacts_are_counted_by_channel_for_the_measures(setup):
    from django.utils import timezone

    case = factories.case()
    for channel in ("phone", "phone", "face_to_face"):
        services.case_contact_log(user=setup["agent"], reference=case.reference, channel=channel)
    now = timezone.now()
    counts = queries.contacts_by_channel(
        since=now - timezone.timedelta(hours=1), until=now + timezone.timedelta(hours=1)
    )
    assert counts["phone"] == {"new": 0, "chasing": 2}
    assert counts["face_to_face"]["chasing"] == 1 and counts["web"]["new"] == 1


def test_assigning_to_someone_outside_the_team_is_refused(setup):
    case = factories.case()
    factories.team("highways", "Highways")
    factories.officer(teams=("highways",), username="hal")
    with pytest.raises(services.CaseError, match="is not in Waste"):
        services.case_assign(
            user=setup["officer"], reference=case.reference, expected_version=1, assignee="hal"
        )
    assigned = services.case_assign(
        user=setup["officer"], reference=case.reference, expected_version=1, assignee="priya"
    )
    assert assigned.assignee.username == "priya" and assigned.version == 2


def test_an_internal_note_never_reaches_the_resident(setup):
    case = factories.case()
    services.case_note_add(user=setup["officer"], reference=case.reference, text="Rude caller")
    public = queries.case_timeline(case=case, public_only=True)
    assert "Rude caller" not in [entry.text for entry in public]
    assert len(_messages(case)) == 1


def test_every_view_and_change_of_a_case_is_in_the_audit_log(setup):
    case = factories.case(channel="phone", by=setup["agent"])
    services.case_access(user=setup["officer"], reference=case.reference)
    services.case_transition(
        user=setup["officer"], reference=case.reference, transition="start", expected_version=1
    )
    trail = [
        (e.actor_label, e.action)
        for e in audit_queries.audit_for(subject_type="case", subject_id=case.reference)
    ]
    assert trail == [
        ("ade", "case.created"),
        ("priya", "case.viewed"),
        ("priya", "case.transitioned"),
    ]


def test_bulk_changes_report_each_case_they_could_not_make(setup):
    first, second = factories.case(), factories.case()
    result = services.case_bulk_transition(
        user=setup["officer"],
        items=[(first.reference, 1), (second.reference, 99)],
        transition="start",
    )
    assert result.done == [first.reference]
    assert result.refused[0][0] == second.reference


def test_a_workflow_without_an_initial_state_is_refused(db):
    with pytest.raises(services.WorkflowError, match="exactly one initial state"):
        services.workflow_define(
            code="broken",
            name="Broken",
            states=[services.State("open", "Open"), services.State("done", "Done", closed=True)],
            transitions=[],
        )


def test_other_apps_define_case_types_on_the_standard_workflow(db):
    made = services.case_type_define(
        code="form-123", name="Apply for a skip licence", source="journeys", sla_working_days=5
    )
    assert made.workflow.code == services.STANDARD
    assert made.sla_working_days == {"low": 5, "normal": 5, "high": 5, "urgent": 5}
    again = services.case_type_define(code="form-123", name="Skip licence", source="journeys")
    assert again.pk == made.pk and again.name == "Skip licence"


def test_a_case_type_may_word_a_message_its_own_way(setup):
    from frontdoor.notify import services as notify

    notify.template_define(
        code="case-received--missed-bin",
        channel="email",
        name="Missed bin",
        subject="Sorry we missed your bin, ((name))",
        body="A crew will come back by ((due_date)).",
    )
    [message] = _messages(factories.case())
    assert message.subject == "Sorry we missed your bin, Amara Okonkwo"


def test_other_apps_read_a_case_without_personal_data(setup):
    case = factories.case()
    services.case_update_public(user=setup["officer"], reference=case.reference, text="Soon.")
    public = queries.case_public(reference=case.reference)
    assert public.status_label == "We have your request"
    assert public.latest_public_update == "Soon."
    assert not hasattr(public, "contact_email")
    assert queries.case_public(reference="KKKK-KKKK") is None
    assert queries.workflow_get(code=services.STANDARD) is not None


def test_a_case_placed_by_postcode_or_uprn_gets_its_point_and_ward(setup):
    demo_places.create()
    by_postcode = factories.case(location=services.Location(postcode="so17 2fw"))
    centre = places.point_for_postcode("SO17 2FW")
    assert (float(by_postcode.latitude), float(by_postcode.longitude)) == pytest.approx(
        (centre.lat, centre.lng)
    )
    assert by_postcode.ward == "Portswood"
    home = places.addresses_for_postcode("SO19 9RR")[0]
    by_uprn = factories.case(location=services.Location(uprn=home.uprn))
    assert by_uprn.ward == "Woolston"
    # A point given by the resident is kept, not moved to the postcode's centre.
    exact = factories.case(
        location=services.Location(postcode="SO17 2FW", latitude=50.9, longitude=-1.4)
    )
    assert (float(exact.latitude), float(exact.longitude)) == (50.9, -1.4)
