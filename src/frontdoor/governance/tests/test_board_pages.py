"""The board's pages: the roadmap, progress, the quarterly pack and the FoW-style report."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from frontdoor.accounts import roles
from frontdoor.demo import services as demo
from frontdoor.governance import queries, services
from frontdoor.governance.models import MeasureReading, NextStep, RoadmapItem
from frontdoor.governance.tests import factories


@pytest.fixture
def board(db):
    factories.council()
    return factories.board_member()


@pytest.fixture
def officer(board):
    return factories.staff(roles.CASE_OFFICER)


@pytest.fixture
def item(board):
    return RoadmapItem.objects.get(
        title="Create an Integration Strategy, with associated capabilities"
    )


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("governance:roadmap"))
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/")


def test_every_member_of_staff_reads_every_governance_page(client, officer, item):
    client.force_login(officer)
    recommendation = (
        item.strategy.recommendations.first()
        or queries.strategy_get(code="future-of-work").recommendations.first()
    )
    for url in (
        reverse("governance:index"),
        reverse("governance:strategy", args=["digital-2024-30"]),
        reverse("governance:roadmap"),
        reverse("governance:roadmap-item", args=[item.pk]),
        reverse("governance:recommendation", args=[recommendation.pk]),
        reverse("governance:change-requests"),
        reverse("governance:matrix"),
        reverse("governance:report", args=["future-of-work"]),
        reverse("governance:pack"),
        reverse("governance:measures"),
        reverse("governance:history"),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("governance:roadmap-item-update", args=[item.pk])).status_code == 403


def test_the_roadmap_is_a_now_next_later_board_per_theme(client, officer):
    client.force_login(officer)
    page = client.get(reverse("governance:roadmap")).content.decode()
    for theme in ("People and skills", "Technology and architecture", "Design, plan and implement"):
        assert theme in page
    design = page.split('id="theme-design-plan-and-implement"')[1]
    now, rest = design.split(">Next <", 1)
    assert "Create a Service Design Toolkit" in now
    assert "Build in monitoring and reporting of benefits" in rest.split(">Later <")[1]


def test_the_ranking_page_reads_in_few_queries(client, officer, django_assert_max_num_queries):
    for number in range(8):
        factories.change_request(by=officer, title=f"Request {number}")
    client.force_login(officer)
    client.get(reverse("governance:change-requests"))  # notes the session's activity once
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:change-requests")).status_code == 200


def test_progress_with_a_rag_change_is_kept_and_shown_in_the_next_pack(client, board, item):
    client.force_login(board)
    response = client.post(
        reverse("governance:roadmap-item-update", args=[item.pk]),
        {
            "note": "Integration patterns agreed with the architects",
            "status": "in_progress",
            "rag": "amber",
            "timeframe": "now",
            "lead": "Head of IT",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.rag, item.lead) == ("in_progress", "amber", "Head of IT")
    pack = queries.review_pack()
    assert [(e.rag_before, e.rag_after) for e in pack.rag_changes] == [("", "amber")]
    history = queries.history(subject="roadmap item", subject_id=item.pk).first()
    assert history.actor == board
    assert history.fields["rag"] == ["", "amber"]


def test_a_roadmap_update_without_a_note_changes_nothing(client, board, item):
    client.force_login(board)
    response = client.post(
        reverse("governance:roadmap-item-update", args=[item.pk]),
        {"note": "", "status": "done", "rag": "green", "timeframe": "now", "lead": ""},
    )
    assert response.status_code == 400
    assert b"Describe the progress since the last update" in response.content
    item.refresh_from_db()
    assert item.status == "not_started"


def test_the_quarterly_pack_shows_what_changed_since_the_last_review(client, board, item):
    services.review_record(actor=board, title="2026 quarter 1")
    services.roadmap_item_update(
        actor=board,
        item=item,
        note="Draft integration strategy written",
        status="in_progress",
        rag="green",
        timeframe="now",
        lead="",
    )
    services.next_step_add(
        actor=board,
        parent=item,
        text="Publish the integration strategy",
        due=timezone.localdate() - datetime.timedelta(days=1),
    )
    services.measure_reading_record(
        actor=board,
        measure=queries.measure_get(code="form-rating"),
        value=Decimal("4.20"),
        measured_on=timezone.localdate(),
    )
    client.force_login(board)
    page = client.get(reverse("governance:pack")).content.decode()
    assert "Draft integration strategy written" in page
    # Progress seeded from the February 2020 report came before the last review.
    assert "Office 365 rolled out" not in page.split("2. RAG changes")[0]
    assert "Publish the integration strategy" in page
    assert "Clear RSA for exemption as an SCC supplier – March 2020" in page
    assert "Achieve an average rating of 4 for web forms" in page
    text = _pdf_text(client.get(reverse("governance:pack-pdf")))
    assert "Overdue next steps" in text
    assert "Draft integration strategy written" in text
    assert "4.20" in text


def test_a_held_review_keeps_its_pack_and_the_next_starts_after_it(client, board, item):
    services.roadmap_item_update(
        actor=board,
        item=item,
        note="Before",
        status="in_progress",
        rag="",
        timeframe="now",
        lead="",
    )
    client.force_login(board)
    response = client.post(reverse("governance:review-record"), {"title": "2026 quarter 2"})
    review = queries.review_last()
    assert response["Location"] == reverse("governance:review", args=[review.pk])
    held = client.get(reverse("governance:review", args=[review.pk])).content.decode()
    assert "Before" in held
    assert queries.review_pack().progress == []


def test_the_progress_report_has_the_future_of_work_layout_and_a_pdf(client, officer):
    client.force_login(officer)
    page = client.get(reverse("governance:report", args=["future-of-work"])).content.decode()
    for heading in (
        "FoW report recommendation / agreed deliverable",
        "Lead",
        "Progress to date against agreed actions",
        "Next steps",
    ):
        assert heading in page
    assert "19. Develop a clear offer to grow the Tech sector" in page
    text = _pdf_text(client.get(reverse("governance:report-pdf", args=["future-of-work"])))
    assert "Future of Work in Southampton programme" in text
    assert "Southampton City Council to Lead by Example" in text
    assert "HoP& ED" in text
    roadmap = _pdf_text(client.get(reverse("governance:report-pdf", args=["digital-2024-30"])))
    assert "Roadmap action" in roadmap


def test_next_steps_are_added_with_a_date_and_marked_done_once(client, board, item):
    client.force_login(board)
    bad = client.post(
        reverse("governance:roadmap-next-step-add", args=[item.pk]),
        {"text": "Agree the API catalogue", "due_0": "31", "due_1": "2", "due_2": "2026"},
    )
    assert bad.status_code == 400
    assert b"The date it is due must be a real date" in bad.content
    client.post(
        reverse("governance:roadmap-next-step-add", args=[item.pk]),
        {"text": "Agree the API catalogue", "due_0": "28", "due_1": "2", "due_2": "2026"},
    )
    step = NextStep.objects.get(roadmap_item=item)
    assert step.due == datetime.date(2026, 2, 28)
    client.post(reverse("governance:next-step-done", args=[step.pk]))
    client.post(reverse("governance:next-step-done", args=[step.pk]))
    step.refresh_from_db()
    assert step.done_on == timezone.localdate()
    assert (
        queries.history(subject="roadmap item", subject_id=item.pk)
        .filter(action="next_step.done")
        .count()
        == 1
    )


def test_a_measure_reading_must_be_a_number_on_a_past_date(client, board):
    client.force_login(board)
    url = reverse("governance:measure-reading", args=["form-rating"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url,
        {
            "value": "4.1",
            "measured_on_0": tomorrow.day,
            "measured_on_1": tomorrow.month,
            "measured_on_2": tomorrow.year,
        },
    )
    assert b"The date measured must be today or in the past" in response.content
    response = client.post(
        url, {"value": "four", "measured_on_0": "1", "measured_on_1": "1", "measured_on_2": "2026"}
    )
    assert b"The value measured must be a number, like 42 or 3.75" in response.content
    assert not MeasureReading.objects.exists()


def test_recommendation_progress_is_recorded_by_the_board(client, board):
    recommendation = queries.strategy_get(code="future-of-work").recommendations.get(number=18)
    client.force_login(board)
    client.post(
        reverse("governance:recommendation-progress", args=[recommendation.pk]),
        {"note": "Regional study commissioned", "lead": "SSM"},
    )
    recommendation.refresh_from_db()
    assert recommendation.lead == "SSM"
    assert [e.text for e in queries.progress_of(recommendation=recommendation)] == [
        "Regional study commissioned"
    ]
    change = queries.history(subject="recommendation", subject_id=recommendation.pk).first()
    assert change.fields == {"lead": ["EDT/ SSM", "SSM"]}


def test_the_demo_council_loads_the_seed_documents_and_a_pack_of_demo_changes(db):
    demo.demo_load()
    assert RoadmapItem.objects.count() == 23
    assert queries.strategy_get(code="future-of-work").recommendations.count() == 19
    pack = queries.review_pack()
    assert [entry.text for entry in pack.progress] == [
        "Demo update: the contract review has started with both suppliers."
    ]
    assert [benefit.measure.code for benefit in pack.benefits] == ["form-rating"]
    assert [r.request.title for r in queries.ranking()][0].startswith("Demo: ")
