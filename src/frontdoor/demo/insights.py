"""Demo history for the performance dashboard: a year of anonymous demo requests, made
through the cases app's own services, so every measure has weeks and months to show.

The web share rises and chasing contacts fall over the year, as the strategy hopes; every
request says it is demo data. Strategy: "build in end to end monitoring and measurements
from the start" (Digital Strategy 2024-30).
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from frontdoor.cases import queries as case_queries
from frontdoor.cases import services as cases
from frontdoor.places import queries as places

MONTHS = 12
PER_MONTH = 16


def _step_to_close(case_type) -> list[str]:
    """The transitions from the initial state to a closed one (shortest path)."""
    definition = case_queries.definition_of_type(case_type=case_type)
    start = definition.initial.code
    paths = {start: []}
    queue = [start]
    while queue:
        here = queue.pop(0)
        if definition.state(here).closed:
            return paths[here]
        for step in definition.transitions:
            if here in step.sources and step.target not in paths:
                paths[step.target] = [*paths[here], step.code]
                queue.append(step.target)
    return []


def create() -> None:
    rng = random.Random(9)  # noqa: S311 - demo data, not security
    staff = get_user_model()
    officer, agent = staff.objects.get(username="officer"), staff.objects.get(username="agent")
    types = [t for t in case_queries.case_types() if not t.source][:8]  # the cases demo's own
    wards = [w.name for w in places.wards()] or ["Bargate", "Portswood", "Coxford"]
    now = timezone.now()
    for month in range(MONTHS, 0, -1):
        progress = (MONTHS - month) / MONTHS  # 0 a year ago, nearly 1 now
        for number in range(PER_MONTH):
            received = now - datetime.timedelta(days=month * 30 - rng.randint(0, 29), hours=3)
            online = rng.random() < 0.45 + 0.3 * progress
            channel = "web" if online else rng.choice(["phone", "phone", "email", "face_to_face"])
            kind = rng.choice(types)
            case, created = cases.case_create(
                case_type=kind.code,
                channel=channel,
                contact=cases.Contact(),
                description="Demo history: an anonymous request for the performance dashboard.",
                location=cases.Location(ward=rng.choice(wards)),
                created_by=agent if channel in ("phone", "face_to_face") else None,
                idempotency_key=f"demo-history:{month}:{number}",
                received_at=received,
            )
            if not created:
                continue
            if rng.random() < 0.15 - 0.1 * progress:
                cases.case_contact_log(
                    user=agent,
                    reference=case.reference,
                    channel=rng.choice(["phone", "email"]),
                    summary="Demo: the resident asked how it was going.",
                    at=received + datetime.timedelta(days=2),
                )
            if month > 1 or rng.random() < 0.5:
                took = datetime.timedelta(days=rng.choice([0.5, 1, 2, 3, 5, 8, 13]))
                at = min(received + took, now - datetime.timedelta(minutes=5))
                for step in _step_to_close(kind):
                    definition = case_queries.definition_of_type(case_type=kind)
                    closing = definition.state(
                        next(t.target for t in definition.transitions if t.code == step)
                    ).closed
                    case = cases.case_transition(
                        user=officer,
                        reference=case.reference,
                        transition=step,
                        expected_version=case.version,
                        closure_reason=definition.closure_reasons[0].code
                        if closing and definition.closure_reasons
                        else "",
                        at=at,
                    )
