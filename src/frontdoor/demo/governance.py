"""Demo governance: the council's own documents, then a few demo requests and updates.

The seed documents are loaded as they are; everything after them is labelled demo data.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from frontdoor.governance import queries, services

_REQUESTS = (
    (
        "agent",
        "Demo: let residents book a bulky waste collection online",
        "Residents phone the contact centre to book bulky waste collections; each call takes "
        "about 8 minutes and the booking is typed in twice.",
        "Residents booking bulky waste, about 6,000 a year, and contact-centre agents",
        "Fewer calls, no double keying, residents can book at any time",
        "10k_50k",
        "medium",
        "The waste round scheduling system's API",
        "design-plan-and-implement",
        {"strategic-alignment": 4, "user-benefit": 4, "savings": 3, "risk-reduced": 1, "ease": 3},
    ),
    (
        "officer",
        "Demo: replace the spreadsheet used to track housing repairs",
        "Repairs are tracked in a shared spreadsheet that often breaks and has no history.",
        "Housing officers, about 40, and tenants waiting for repairs",
        "Fewer lost repairs, a record of who changed what",
        "50k_250k",
        "high",
        "",
        "technology-and-architecture",
        {"strategic-alignment": 3, "user-benefit": 3, "savings": 2, "risk-reduced": 4, "ease": 2},
    ),
    (
        "manager",
        "Demo: digital skills sessions for library staff",
        "Library staff are asked to help residents online but have had no training.",
        "About 60 library staff and the residents they help",
        "Residents get help to get online; staff feel confident",
        "under_10k",
        "low",
        "",
        "people-and-skills",
        None,
    ),
)


def create() -> None:
    services.seed_import_files()
    users = get_user_model().objects
    board = users.get(username="board")
    # A first review straight after the import, so the next pack shows the demo's changes.
    services.review_record(
        actor=board,
        title="Demo: baseline review of the imported strategy documents",
        notes="Demo data",
    )
    themes = {theme.code: theme for theme in queries.roadmap_themes()}
    for username, title, problem, who, benefits, cost, urgency, deps, theme, scores in _REQUESTS:
        request, _ = services.change_request_submit(
            actor=users.get(username=username),
            title=title,
            problem=problem,
            users_affected=who,
            expected_benefits=benefits,
            cost_band=cost,
            urgency=urgency,
            dependencies=deps,
            theme=themes[theme],
            idempotency_key=uuid.uuid5(uuid.NAMESPACE_URL, f"frontdoor-demo:{title}"),
        )
        if scores:
            services.change_request_score(actor=board, change_request=request, scores=scores)
    item = queries.roadmap_board(theme_code="technology-and-architecture")[0].columns[0]
    first = item.levels[0][1][0]
    services.roadmap_item_update(
        actor=board,
        item=first,
        note="Demo update: the contract review has started with both suppliers.",
        status="in_progress",
        rag="amber",
        timeframe=first.timeframe,
        lead="Demo: Head of IT",
    )
    services.next_step_add(
        actor=board,
        parent=first,
        text="Demo: report the contract review's findings to the board",
        due=timezone.localdate() + datetime.timedelta(days=60),
    )
    rating = queries.measure_get(code="form-rating")
    for months_ago, value in ((3, "3.80"), (0, "4.10")):
        services.measure_reading_record(
            actor=board,
            measure=rating,
            value=Decimal(value),
            measured_on=timezone.localdate() - datetime.timedelta(days=30 * months_ago),
            note="Demo figure",
        )
