"""Demo cases: the top journeys' case types with their workflows, and cases in every state
of every workflow, with timelines, made through the cases app's own services.

Strategy: "automatic updates for the top 25 journeys" (Southampton Digital Strategy 2018-22).
"""

from __future__ import annotations

import datetime
import random
from collections import deque

from django.contrib.auth import get_user_model
from django.utils import timezone

from frontdoor.accounts import services as accounts
from frontdoor.cases import queries as case_queries
from frontdoor.cases import services as cases
from frontdoor.cases.services import ClosureReason, State, Transition
from frontdoor.notify import services as notify

TEAMS = [
    ("waste", "Waste and recycling"),
    ("highways", "Highways and street lighting"),
    ("environmental-health", "Environmental health"),
    ("housing-repairs", "Housing repairs"),
    ("parking", "Parking services"),
    ("council-tax", "Council tax"),
    ("blue-badge", "Blue badges"),
]


def _workflows() -> None:
    cases.workflow_standard_ensure()
    cases.workflow_define(
        code="collection",
        name="Waste collection",
        states=[
            State("reported", "Reported", "We have your request", initial=True),
            State("scheduled", "Collection scheduled", "A crew is booked to collect"),
            State("collected", "Collected", "Collected", closed=True),
            State("not_collected", "Closed without collection", "Closed", closed=True),
        ],
        transitions=[
            Transition(
                "schedule",
                "Book a crew",
                ("reported",),
                "scheduled",
                public=True,
                public_text="A crew is booked to collect within two working days.",
            ),
            Transition(
                "collect",
                "Mark collected",
                ("reported", "scheduled"),
                "collected",
                public=True,
                public_text="Our crew has collected it. Thank you for telling us.",
            ),
            Transition(
                "close_without",
                "Close without collecting",
                ("reported", "scheduled"),
                "not_collected",
                public=True,
            ),
            Transition("reopen", "Reopen", ("collected", "not_collected"), "scheduled", True),
        ],
        closure_reasons=[
            ClosureReason("collected", "Collected"),
            ClosureReason("not_out", "Bin or items were not out"),
            ClosureReason("contaminated", "Contaminated recycling"),
            ClosureReason("duplicate", "Duplicate request"),
        ],
    )
    cases.workflow_define(
        code="street-report",
        name="Street report",
        states=[
            State("reported", "Reported", "We have your report", initial=True),
            State("inspecting", "Being inspected", "We are inspecting it"),
            State("scheduled", "Repair scheduled", "A repair is scheduled"),
            State("fixed", "Fixed", "Fixed", closed=True),
            State("closed", "Closed", "Closed", closed=True),
        ],
        transitions=[
            Transition("inspect", "Send an inspector", ("reported",), "inspecting", public=True),
            Transition(
                "schedule",
                "Schedule the repair",
                ("reported", "inspecting"),
                "scheduled",
                public=True,
                public_text="We have scheduled the work.",
            ),
            Transition(
                "fix",
                "Mark fixed",
                ("inspecting", "scheduled"),
                "fixed",
                public=True,
                public_text="This has been fixed. Thank you for reporting it.",
            ),
            Transition(
                "close", "Close without a repair", ("reported", "inspecting"), "closed", True
            ),
            Transition("reopen", "Reopen", ("fixed", "closed"), "inspecting", public=True),
        ],
        closure_reasons=[
            ClosureReason("fixed", "Fixed"),
            ClosureReason("no_fault", "No fault found"),
            ClosureReason("not_council", "Not the council's responsibility"),
            ClosureReason("duplicate", "Duplicate of another report"),
        ],
    )
    cases.workflow_define(
        code="investigation",
        name="Nuisance investigation",
        states=[
            State("received", "Received", "We have your complaint", initial=True),
            State("diary", "Diary sheets sent", "We have sent you diary sheets to fill in"),
            State("investigating", "Investigating", "An officer is investigating"),
            State("closed", "Closed", "Investigation finished", closed=True),
        ],
        transitions=[
            Transition("send_diary", "Send diary sheets", ("received",), "diary", public=True),
            Transition(
                "investigate",
                "Start investigating",
                ("received", "diary"),
                "investigating",
                public=True,
            ),
            Transition(
                "close",
                "Close the investigation",
                ("received", "diary", "investigating"),
                "closed",
                public=True,
            ),
        ],
        closure_reasons=[
            ClosureReason("nuisance", "Statutory nuisance found: notice served"),
            ClosureReason("no_nuisance", "No statutory nuisance found"),
            ClosureReason("withdrawn", "Complaint withdrawn"),
        ],
    )
    cases.workflow_define(
        code="repair",
        name="Housing repair",
        states=[
            State("reported", "Reported", "We have your repair request", initial=True),
            State("booked", "Appointment booked", "An appointment is booked"),
            State("in_progress", "Work in progress", "The work has started"),
            State("completed", "Completed", "Repair completed", closed=True),
            State("cancelled", "Cancelled", "Cancelled", closed=True),
        ],
        transitions=[
            Transition("book", "Book an appointment", ("reported",), "booked", public=True),
            Transition("start", "Start the work", ("booked",), "in_progress", public=True),
            Transition("complete", "Complete", ("booked", "in_progress"), "completed", public=True),
            Transition("cancel", "Cancel", ("reported", "booked"), "cancelled", public=True),
        ],
        closure_reasons=[
            ClosureReason("repaired", "Repaired"),
            ClosureReason("tenant_responsibility", "Tenant's responsibility"),
            ClosureReason("no_access", "No access after three attempts"),
            ClosureReason("withdrawn", "Withdrawn by the tenant"),
        ],
    )
    cases.workflow_define(
        code="application",
        name="Application",
        states=[
            State("received", "Received", "We have your application", initial=True),
            State("evidence", "Waiting for evidence", "We need evidence from you"),
            State("assessing", "Being assessed", "We are assessing your application"),
            State("approved", "Approved", "Approved", closed=True),
            State("refused", "Refused", "Not approved", closed=True),
        ],
        transitions=[
            Transition(
                "ask_evidence",
                "Ask for evidence",
                ("received", "assessing"),
                "evidence",
                public=True,
            ),
            Transition("assess", "Assess", ("received", "evidence"), "assessing", public=True),
            Transition("approve", "Approve", ("assessing",), "approved", public=True),
            Transition("refuse", "Refuse", ("assessing", "evidence"), "refused", public=True),
        ],
        closure_reasons=[
            ClosureReason("eligible", "Eligible: issued"),
            ClosureReason("not_eligible", "Not eligible"),
            ClosureReason("no_evidence", "No evidence received"),
        ],
    )


CASE_TYPES = [
    # code, name, workflow, team, working days by priority
    ("missed-bin", "Missed bin collection", "collection", "waste", {"normal": 2, "urgent": 1}),
    ("bulky-waste", "Bulky waste collection", "collection", "waste", 10),
    ("fly-tipping", "Fly-tipping", "street-report", "highways", {"normal": 5, "urgent": 1}),
    ("pothole", "Pothole", "street-report", "highways", {"normal": 10, "urgent": 1}),
    ("street-light", "Street light not working", "street-report", "highways", 7),
    ("noise", "Noise nuisance", "investigation", "environmental-health", 20),
    ("housing-repair", "Council housing repair", "repair", "housing-repairs", {"normal": 20}),
    ("parking-permit", "Resident parking permit", "application", "parking", 10),
    ("moving-home", "Moving home: council tax", "standard", "council-tax", 15),
    ("blue-badge", "Blue badge application", "application", "blue-badge", 30),
]

RESIDENTS = [
    ("Amara Okonkwo", "amara.okonkwo@example.com", "", "SO14 7LY", "email"),
    ("Jack Turner", "", "07700 900123", "SO15 2JZ", "sms"),
    ("Mei Chen", "mei.chen@example.com", "07700 900456", "SO16 3QA", "email"),
    ("Tomasz Nowak", "tomasz.nowak@example.com", "", "SO17 1BJ", "email"),
    ("Fatima Hussain", "", "07700 900789", "SO18 2NU", "sms"),
    ("George Williams", "", "", "SO19 9RR", "none"),
    ("", "", "", "", "none"),  # anonymous
    ("Olivia Brown", "olivia.brown@example.com", "", "SO14 0AA", "email"),
]

PLACES = [
    ("Outside 12 Portswood Road", "SO17 2FW", "Portswood"),
    ("Bargate Street, by the car park", "SO14 2DT", "Bargate"),
    ("Lordshill Way", "SO16 8HY", "Coxford"),
    ("Shirley High Street", "SO15 3UE", "Shirley"),
    ("Woolston Road", "SO19 9AL", "Woolston"),
]

DESCRIPTIONS = {
    "missed-bin": "Our black bin was out by 7am but the crew missed our road.",
    "bulky-waste": "A sofa and a fridge to collect from the front garden.",
    "fly-tipping": "Black bags and a mattress dumped by the recycling bank.",
    "pothole": "Deep pothole in the cycle lane, about a foot across.",
    "street-light": "The street light outside number 40 has been off for a week.",
    "noise": "Loud music from the flat upstairs after midnight most weekends.",
    "housing-repair": "The kitchen tap is leaking into the cupboard below.",
    "parking-permit": "First permit for our household; we have one car.",
    "moving-home": "Moving out on the 30th; the new address is in Eastleigh.",
    "blue-badge": "Applying for my mother, who cannot walk more than 50 metres.",
}


def _path_to(definition, target: str) -> list:
    """The shortest list of transitions from the initial state to `target`."""
    start = definition.initial.code
    queue = deque([(start, [])])
    seen = {start}
    while queue:
        state, path = queue.popleft()
        if state == target:
            return path
        for step in definition.allowed_from(state):
            if step.target not in seen:
                seen.add(step.target)
                queue.append((step.target, [*path, step]))
    return []


def create() -> None:
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    staff = get_user_model()
    officer = staff.objects.get(username="officer")
    agent = staff.objects.get(username="agent")
    for code, name in TEAMS:
        accounts.team_define(code=code, name=name)
        accounts.team_member_add(team_code=code, user=officer)
    _workflows()
    for code, name, workflow, team, days in CASE_TYPES:
        cases.case_type_define(
            code=code,
            name=name,
            workflow=workflow,
            team=team,
            sla_working_days=days,
            description=DESCRIPTIONS[code],
        )
    # A case type's own wording for a message, used instead of the workflow's.
    notify.template_define(
        code="case-received--missed-bin",
        channel="email",
        name="Missed bin reported",
        subject="We will collect your bin: reference ((reference))",
        body="Dear ((name))\n\nSorry we missed your bin. A crew will come back by "
        "((due_date)). Please leave it out until then.\n\nYour reference is ((reference)); "
        "follow it at ((track_url))",
    )
    notify.template_define(
        code="case-received--missed-bin",
        channel="sms",
        name="Missed bin reported",
        body="((council)): sorry we missed your bin. A crew will come back by ((due_date)). "
        "Leave it out until then. Ref ((reference))",
    )
    now = timezone.now()
    channels = ["web", "web", "phone", "web", "face_to_face", "email", "partner", "web"]
    made = 0
    for code, *_ in CASE_TYPES:
        case_type = case_queries.case_type_get(code=code)
        definition = case_queries.definition_of_type(case_type=case_type)
        for state in definition.states:
            path = _path_to(definition, state.code)
            name, email, phone, postcode, preference = RESIDENTS[made % len(RESIDENTS)]
            address, place_postcode, ward = PLACES[made % len(PLACES)]
            channel = channels[made % len(channels)]
            # Open cases from long ago show breached targets; closed ones their history.
            age = rng.choice([1, 3, 6, 12, 25, 40]) if not state.closed else rng.randint(5, 60)
            received = now - datetime.timedelta(days=age, hours=rng.randint(1, 8))
            case, _ = cases.case_create(
                case_type=code,
                channel=channel,
                description=DESCRIPTIONS[code],
                contact=cases.Contact(
                    name=name, email=email, phone=phone, postcode=postcode, preference=preference
                ),
                location=cases.Location(
                    address=address,
                    postcode=place_postcode,
                    ward=ward,
                    latitude=round(50.90 + rng.random() * 0.05, 6),
                    longitude=round(-1.43 + rng.random() * 0.05, 6),
                ),
                created_by=agent if channel in ("phone", "face_to_face") else None,
                idempotency_key=f"demo:{code}:{state.code}",
                received_at=received,
            )
            made += 1
            step_gap = (now - received) / (len(path) + 2)
            at = received
            for step in path:
                at += step_gap
                target = definition.state(step.target)
                case = cases.case_transition(
                    user=officer,
                    reference=case.reference,
                    transition=step.code,
                    expected_version=case.version,
                    closure_reason=definition.closure_reasons[0].code if target.closed else "",
                    at=at,
                )
            if made % 3 == 0:
                cases.case_note_add(
                    user=officer,
                    reference=case.reference,
                    text="Checked the history: no earlier requests at this address.",
                    at=received + step_gap / 2,
                )
            if made % 4 == 0 and not case.closed:
                cases.case_contact_log(
                    user=agent,
                    reference=case.reference,
                    channel="phone",
                    summary="Resident rang to ask how it is going; read them the latest update.",
                    at=received + step_gap,
                )
            if made % 5 == 0 and not case.closed:
                cases.case_update_public(
                    user=officer,
                    reference=case.reference,
                    text="Thank you for your patience: we are busy and will be with you soon.",
                    at=now - datetime.timedelta(hours=2),
                )
            if code in ("pothole", "fly-tipping") and made % 2 == 0:
                cases.case_subscriber_add(
                    reference=case.reference,
                    name="A neighbour",
                    email=f"neighbour{made}@example.com",
                    source="me too",
                )
