"""Change requests: any staff member asks, the board scores and decides, in the open."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from frontdoor.accounts import roles
from frontdoor.governance import queries, services
from frontdoor.governance.models import (
    Change,
    ChangeRequest,
    Decision,
    MatrixVersion,
    RoadmapItem,
    Score,
)
from frontdoor.governance.tests import factories


@pytest.fixture
def council(db):
    factories.council()


@pytest.fixture
def agent(council):
    return factories.staff(roles.AGENT, name="Ade Okafor")


@pytest.fixture
def board(council):
    return factories.board_member()


@pytest.fixture
def request_submitted(agent):
    return factories.change_request(by=agent)


def _submission(**overrides):
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "title": "Online booking for bulky waste",
        "problem": "Bookings are taken by phone.",
        "users_affected": "6,000 residents a year",
        "expected_benefits": "Fewer calls",
        "cost_band": "10k_50k",
        "urgency": "medium",
        "dependencies": "",
        "theme": "",
    }
    data.update(overrides)
    return data


def test_any_member_of_staff_submits_a_change_request_once_however_often_they_click(client, agent):
    client.force_login(agent)
    data = _submission()
    first = client.post(reverse("governance:change-request-new"), data)
    again = client.post(reverse("governance:change-request-new"), data)
    request = ChangeRequest.objects.get()
    assert first.status_code == again.status_code == 302
    assert (
        first["Location"] == again["Location"] == f"/staff/governance/change-requests/{request.pk}/"
    )
    assert request.submitted_by == agent
    assert Change.objects.filter(action="change_request.submitted", actor=agent).count() == 1


def test_a_change_request_without_its_problem_is_explained_and_not_saved(client, agent):
    client.force_login(agent)
    response = client.post(
        reverse("governance:change-request-new"), _submission(problem="", cost_band="")
    )
    assert response.status_code == 400
    assert b"Describe the problem the change would solve" in response.content
    assert b"Select a cost band" in response.content
    assert not ChangeRequest.objects.exists()


def test_only_board_members_score(client, agent, request_submitted):
    client.force_login(agent)
    response = client.post(
        reverse("governance:change-request-score", args=[request_submitted.pk]),
        factories.scores(),
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.change_request_score(
            actor=agent, change_request=request_submitted, scores=factories.scores()
        )
    assert not Score.objects.exists()


def test_scores_out_of_range_are_explained_and_change_nothing(client, board, request_submitted):
    services.change_request_score(
        actor=board, change_request=request_submitted, scores=factories.scores()
    )
    client.force_login(board)
    response = client.post(
        reverse("governance:change-request-score", args=[request_submitted.pk]),
        factories.scores(savings=9, ease=-1),
    )
    assert response.status_code == 400
    assert b"The score for Savings must be a whole number from 0 to 5" in response.content
    assert b"The score for Ease of delivery must be a whole number from 0 to 5" in response.content
    assert b"govuk-error-summary" in response.content
    assert set(Score.objects.values_list("value", flat=True)) == {3}


def test_the_ranking_updates_and_is_reproducible_from_the_published_matrix(client, board, agent):
    first = factories.change_request(by=agent, title="First")
    second = factories.change_request(by=agent, title="Second")
    other = factories.board_member(name="Sam Other")
    services.change_request_score(
        actor=board, change_request=first, scores=factories.scores(savings=1)
    )
    services.change_request_score(
        actor=board, change_request=second, scores=factories.scores(savings=5)
    )
    services.change_request_score(
        actor=other, change_request=second, scores=factories.scores(savings=4, ease=0)
    )
    client.force_login(agent)
    published = client.get("/api/governance/ranking").json()

    weights = {c["code"]: c["weight"] for c in published["matrix"]["criteria"]}
    low, high = published["matrix"]["scale_min"], published["matrix"]["scale_max"]
    assert sum(weights.values()) == published["matrix"]["weight_total"]
    for row in published["requests"]:
        means = {code: Decimal(value) for code, value in row["mean_scores"].items()}
        worked_out = (
            Decimal(100)
            * sum(weights[code] * (means[code] - low) / (high - low) for code in weights)
            / sum(weights.values())
        )
        assert Decimal(row["priority"]) == worked_out.quantize(Decimal("0.01"))
    assert [row["title"] for row in published["requests"]] == ["Second", "First"]
    assert [row["rank"] for row in published["requests"]] == [1, 2]
    assert published["requests"][0]["mean_scores"]["savings"] == "4.50"

    page = client.get(reverse("governance:change-requests"))
    assert b"Strategic alignment" in page.content and b"(weight 30)" in page.content
    assert published["requests"][0]["priority"].encode() in page.content


def test_weights_that_do_not_add_up_as_the_board_set_are_refused(client, board):
    client.force_login(board)
    weights = {c.code: c.weight for c in queries.matrix_current().criteria}
    weights["savings"] -= 5
    response = client.post(
        reverse("governance:matrix-edit"), {**weights, "note": "Less on savings"}
    )
    assert response.status_code == 400
    assert (
        b"The weights add up to 95. The board has set that they must add up to 100."
        in response.content
    )
    assert MatrixVersion.objects.count() == 1


def test_new_weights_rerank_and_are_kept_in_history(client, board, agent):
    cheap = factories.change_request(by=agent, title="Cheap")
    aligned = factories.change_request(by=agent, title="Aligned")
    services.change_request_score(
        actor=board, change_request=cheap, scores=factories.scores(ease=5, strategic_alignment=1)
    )
    services.change_request_score(
        actor=board, change_request=aligned, scores=factories.scores(ease=1, strategic_alignment=5)
    )
    assert [r.request.title for r in queries.ranking()] == ["Aligned", "Cheap"]
    client.force_login(board)
    response = client.post(
        reverse("governance:matrix-edit"),
        {
            "strategic-alignment": 5,
            "user-benefit": 5,
            "savings": 5,
            "risk-reduced": 5,
            "ease": 80,
            "note": "Quick wins first this quarter",
        },
    )
    assert response.status_code == 302
    assert [r.request.title for r in queries.ranking()] == ["Cheap", "Aligned"]
    change = Change.objects.get(action="matrix.published", actor=board)
    assert change.fields["ease"] == [10, 80]


def test_a_decision_without_a_reason_is_refused_and_changes_nothing(
    client, board, request_submitted
):
    client.force_login(board)
    response = client.post(
        reverse("governance:change-request-decide", args=[request_submitted.pk]),
        {"outcome": "rejected", "reason": "  "},
    )
    assert response.status_code == 400
    assert b"Enter the reason for the board&#x27;s decision" in response.content
    request_submitted.refresh_from_db()
    assert request_submitted.status == "submitted"
    assert not Decision.objects.exists()


def test_an_accepted_request_goes_on_the_roadmap_with_its_reason_recorded(
    client, board, request_submitted
):
    services.change_request_score(
        actor=board, change_request=request_submitted, scores=factories.scores()
    )
    client.force_login(board)
    response = client.post(
        reverse("governance:change-request-decide", args=[request_submitted.pk]),
        {
            "outcome": "accepted",
            "reason": "High user benefit for little cost",
            "theme": request_submitted.theme_id,
            "timeframe": "now",
            "level": "operational",
            "lead": "Head of Customer Services",
        },
    )
    request_submitted.refresh_from_db()
    item = RoadmapItem.objects.get(change_request=request_submitted)
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:roadmap-item", args=[item.pk])
    assert (item.timeframe, item.level, item.lead) == (
        "now",
        "operational",
        "Head of Customer Services",
    )
    assert request_submitted.status == "accepted"
    decision = Decision.objects.get()
    assert decision.priority_score == Decimal("60.00")
    assert decision.reason == "High user benefit for little cost"
    board_page = client.get(reverse("governance:roadmap"))
    assert request_submitted.title.encode() in board_page.content
    with pytest.raises(ValidationError, match="already accepted"):
        services.change_request_decide(
            actor=board, change_request=request_submitted, outcome="rejected", reason="No"
        )


def test_every_change_to_a_request_says_who_when_and_what(client, board, request_submitted):
    services.change_request_score(
        actor=board, change_request=request_submitted, scores=factories.scores()
    )
    services.change_request_score(
        actor=board, change_request=request_submitted, scores=factories.scores(savings=5)
    )
    services.change_request_decide(
        actor=board, change_request=request_submitted, outcome="deferred", reason="Next year"
    )
    changes = list(queries.history(subject="change request", subject_id=request_submitted.pk))
    assert [c.action for c in changes] == [
        "change_request.deferred",
        "change_request.scored",
        "change_request.scored",
        "change_request.submitted",
    ]
    assert changes[1].fields == {"savings": [3, 5]}
    assert changes[0].actor == board and changes[0].at is not None
    client.force_login(board)
    page = client.get(reverse("governance:change-request", args=[request_submitted.pk]))
    assert b"savings: 3 \xe2\x86\x92 5" in page.content
    assert b"Next year" in page.content


def test_the_published_ranking_is_for_signed_in_staff_only(client, council):
    response = client.get("/api/governance/ranking")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_accepting_without_a_roadmap_place_is_explained_and_changes_nothing(client, board, agent):
    request = factories.change_request(by=agent, theme=None)
    client.force_login(board)
    response = client.post(
        reverse("governance:change-request-decide", args=[request.pk]),
        {"outcome": "accepted", "reason": "Worth doing"},
    )
    assert response.status_code == 400
    for message in (
        b"Select the roadmap theme the accepted change belongs to",
        b"Select now, next or later for the roadmap",
        b"Select the level: governance, operational or strategic",
    ):
        assert message in response.content
    request.refresh_from_db()
    assert request.status == "submitted"
    assert (
        not RoadmapItem.objects.exists()
        or not RoadmapItem.objects.filter(source_file__startswith="Change request").exists()
    )
