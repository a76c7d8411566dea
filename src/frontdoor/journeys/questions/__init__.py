"""Each question type as Django form fields, with the GOV.UK Design System's own error
messages, and how its answer is stored and shown on the check-answers page.

Answers are stored as JSON: strings, lists, and small dicts for addresses, files and
locations. A question's kind turns cleaned form data into that JSON and back again.
"""

from __future__ import annotations

from django import forms

from frontdoor.journeys.definition import FILE_KINDS, Page, Question
from frontdoor.journeys.questions.base import EMAIL_EXAMPLE, PHONE_EXAMPLE, Kind, or_list
from frontdoor.journeys.questions.compound import Address, File, Location, postcode_normalise
from frontdoor.journeys.questions.simple import (
    Date,
    Declaration,
    Email,
    LongText,
    Number,
    Phone,
    SelectMany,
    SelectOne,
    ShortText,
    YesNo,
)

__all__ = ["EMAIL_EXAMPLE", "KINDS", "PHONE_EXAMPLE", "PageForm", "answer_display",
           "postcode_normalise"]  # fmt: skip

KINDS: dict[str, Kind] = {
    "short_text": ShortText(),
    "long_text": LongText(),
    "number": Number(),
    "date": Date(),
    "email": Email(),
    "phone": Phone(),
    "address": Address(),
    "select_one": SelectOne(),
    "select_many": SelectMany(),
    "yes_no": YesNo(),
    "file": File(),
    "location": Location(),
    "declaration": Declaration(),
}


class PageForm(forms.Form):
    """The form for one page of a journey, built from its questions."""

    def __init__(self, *, page: Page, answers: dict, data=None, files=None):
        super().__init__(data=data, files=files)
        self.page = page
        self.previous = answers
        # One question alone on a page is the page's heading (its h1), unless the page has
        # a heading or text of its own.
        self.question_is_heading = len(page.questions) == 1 and not (page.title or page.body)
        self.heading_in_label = self.question_is_heading and page.questions[0].type not in {
            "address",
            "declaration",
        }
        self.groups: list[tuple[Question, list[str]]] = []
        for q in page.questions:
            kind = KINDS[q.type]
            made = kind.fields(q, answered=answers.get(q.key))
            for name, field in made.items():
                field.page_heading = False
                if name == q.key:
                    field.label = q.label
                    field.help_text = self._hint(q, answers.get(q.key))
                    field.page_heading = self.heading_in_label
                self.fields[name] = field
            self.initial.update(kind.initial(q, answers.get(q.key)))
            self.groups.append((q, list(made)))

    @staticmethod
    def _hint(q: Question, answered) -> str:
        if q.type == "file":
            kinds = or_list([FILE_KINDS[kind] for kind in q.file_kinds])
            limit = f"The file must be a {kinds} and smaller than {q.max_size_mb}MB."
            if answered:
                limit += f" You have added {answered['name']}: choose another file to replace it."
            return f"{q.hint} {limit}".strip()
        return q.hint

    def bound_groups(self):
        """Each question with its bound fields, in page order, for the template."""
        return [
            (q, [self[name] for name in names if not self.fields[name].widget.is_hidden],
             [self[name] for name in names if self.fields[name].widget.is_hidden])
            for q, names in self.groups
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        for q in self.page.questions:
            KINDS[q.type].clean(q, self)
        return cleaned

    def answers(self) -> dict:
        """The page's answers as JSON, once the form is valid."""
        return {
            q.key: KINDS[q.type].answer(q, self.cleaned_data, previous=self.previous.get(q.key))
            for q in self.page.questions
        }

    def new_files(self) -> dict:
        """Files chosen on this page, by question key, to keep with the draft."""
        return {
            q.key: self.cleaned_data[q.key]
            for q in self.page.questions
            if q.type == "file" and self.cleaned_data.get(q.key)
        }


def answer_display(q: Question, value) -> str:
    """An answer as the resident (or a case officer) reads it."""
    if value in (None, "", []):
        return "Not answered"
    return KINDS[q.type].display(q, value)
