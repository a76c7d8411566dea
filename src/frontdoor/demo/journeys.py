"""The top journeys as published demo forms, made from the YAML in demo/forms/: the same
files a council would keep under version control and import through the builder. A few
residents have sent some of them and rated them, so the feedback pages have figures."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frontdoor.accounts import queries as accounts
from frontdoor.journeys import queries as journeys_queries
from frontdoor.journeys import services as journeys

FORMS_DIR = Path(__file__).resolve().parent / "forms"
# Form, and the ratings its residents gave over the past weeks (newest first).
DEMO_RATINGS = {
    "report-a-missed-bin-collection": [5, 4, 5, 3, 5, 4],
    "report-a-pothole": [4, 3, 4, 5],
    "request-a-housing-repair": [5, 2, 4],
}
_PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def form_files() -> list[Path]:
    return sorted(FORMS_DIR.glob("*.yaml"))


def forms_publish() -> None:
    """Import every demo form and publish it, as the demo service manager."""
    manager = accounts.staff_list().get(username="manager")
    for path in form_files():
        form = journeys.form_import(by=manager, yaml_text=path.read_text())
        journeys.form_publish(slug=form.slug, by=manager)


def create() -> None:
    forms_publish()
    now = timezone.now()
    for slug, ratings in DEMO_RATINGS.items():
        for index, rating in enumerate(ratings):
            submission = _send(slug)
            journeys.feedback_give(
                token=journeys.feedback_token(submission=submission, moment="submitted"),
                rating=rating,
                comment="Demo rating" if index % 2 else "",
                given_at=now - datetime.timedelta(days=3 + 9 * index),
            )


def _send(slug: str):
    """Answer every page on the way through a form, as a demo resident, and send it."""
    draft = journeys.draft_start(slug=slug)
    definition = journeys_queries.version_definition(draft.version)
    while True:
        _, where = journeys.draft_where(draft)
        page = definition.page(where) if where != "check-answers" else None
        if page is None:
            break
        answers, files = {}, {}
        for question in page.questions:
            if question.type == "file":
                if question.required:
                    files[question.key] = SimpleUploadedFile(
                        "demo.pdf", _PDF, content_type="application/pdf"
                    )
                answers[question.key] = ""
            else:
                answers[question.key] = _answer(page, question)
        draft = journeys.draft_page_save(
            draft_key=draft.key,
            version_number=draft.version.number,
            answers=answers,
            files=files,
        )
    return journeys.submission_make(draft_key=draft.key, version_number=draft.version.number)


def _answer(page, question):
    ends = {route.answer for route in page.routes if route.question == question.key}
    choices = [value for value in question.answer_values() if value not in ends]
    today = timezone.localdate()
    return {
        "short_text": "Demo answer",
        "long_text": "A demo answer, made by the demo council.",
        "number": str(int(question.minimum or 2)),
        "date": (today + datetime.timedelta(days=7 if question.date_rule == "future" else -7))
        .isoformat(),
        "email": "demo.resident@example.com",
        "phone": "+447700900982",
        "address": {"line1": "4 Bedford Place", "line2": "", "town": "Southampton",
                    "postcode": "SO15 2DB"},
        "location": {"description": "Outside 4 Bedford Place, SO15 2DB", "postcode": "SO15 2DB"},
        "select_one": choices[0] if choices else "",
        "yes_no": choices[0] if choices else "",
        "select_many": choices[:1],
        "declaration": "confirmed",
    }[question.type]  # fmt: skip
