"""What every question type shares: the Kind interface and small wording helpers."""

from __future__ import annotations

from django import forms

from frontdoor.journeys.definition import Question

PHONE_EXAMPLE = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
EMAIL_EXAMPLE = "Enter an email address in the correct format, like name@example.com"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


class Radios(forms.RadioSelect):
    template_name = "journeys/widgets/radios.html"

    def __init__(self, *, inline: bool = False):
        super().__init__()
        self.inline = inline

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["inline"] = self.inline
        return context


class Kind:
    """One question type. Subclasses say which fields it needs and how answers look."""

    def fields(self, q: Question, *, answered: object) -> dict[str, forms.Field]:
        raise TypeError(f"{type(self).__name__} must define fields()")

    def initial(self, q: Question, value) -> dict:
        return {q.key: value} if value not in (None, "") else {}

    def answer(self, q: Question, cleaned: dict, *, previous):
        value = cleaned.get(q.key)
        return "" if value is None else value

    def display(self, q: Question, value) -> str:
        return str(value)

    def clean(self, q: Question, form: forms.Form) -> None:
        """Checks across this question's own fields, after each field is clean."""


def or_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
