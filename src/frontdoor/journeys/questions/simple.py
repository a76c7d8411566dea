"""The questions with one field each: text, number, date, email, telephone, choices,
yes or no, and declarations, with the GOV.UK Design System's error messages."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import phonenumbers
from django import forms
from django.utils.formats import date_format

from frontdoor.core.forms import DateField
from frontdoor.journeys.questions.base import (
    EMAIL_EXAMPLE,
    PHONE_EXAMPLE,
    Kind,
    Radios,
    sentence_case,
)

LONDON = ZoneInfo("Europe/London")


class ShortText(Kind):
    default_max = 200
    widget = forms.TextInput

    def fields(self, q, *, answered):
        limit = q.max_length or self.default_max
        noun = sentence_case(q.error_subject or "the answer")
        attrs = {"autocomplete": q.autocomplete} if q.autocomplete else {}
        return {
            q.key: forms.CharField(
                required=q.required,
                max_length=limit,
                widget=self.widget(attrs=attrs),
                error_messages={
                    "required": f"Enter {q.error_subject or 'an answer'}",
                    "max_length": f"{noun} must be {limit} characters or less",
                },
            )
        }


class LongText(ShortText):
    default_max = 5000

    def widget(self, attrs):
        return forms.Textarea(attrs={"rows": 5, **attrs})


class Number(Kind):
    def fields(self, q, *, answered):
        noun = sentence_case(q.error_subject or "the answer")
        attrs = {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        return {
            q.key: forms.CharField(
                required=q.required,
                max_length=30,
                widget=forms.TextInput(attrs=attrs),
                error_messages={
                    "required": f"Enter {q.error_subject or 'a number'}",
                    "max_length": f"{noun} must be a number",
                },
            )
        }

    def clean(self, q, form):
        raw = form.cleaned_data.get(q.key)
        if not raw:
            return
        noun = sentence_case(q.error_subject or "the answer")
        try:
            number = Decimal(raw.replace(",", "").replace(" ", ""))
        except InvalidOperation:
            form.add_error(q.key, f"{noun} must be a number")
            return
        if not number.is_finite():
            form.add_error(q.key, f"{noun} must be a number")
        elif q.whole_number and number != number.to_integral_value():
            form.add_error(q.key, f"{noun} must be a whole number")
        elif q.minimum is not None and number < Decimal(str(q.minimum)):
            form.add_error(q.key, f"{noun} must be {_plain(q.minimum)} or more")
        elif q.maximum is not None and number > Decimal(str(q.maximum)):
            form.add_error(q.key, f"{noun} must be {_plain(q.maximum)} or less")
        else:
            form.cleaned_data[q.key] = _plain(number)


def _plain(number) -> str:
    text = format(Decimal(str(number)).normalize(), "f")
    return text


class Date(Kind):
    def fields(self, q, *, answered):
        return {q.key: DateField(required=q.required, subject=q.error_subject or "date")}

    def initial(self, q, value):
        return {q.key: datetime.date.fromisoformat(value)} if value else {}

    def clean(self, q, form):
        value = form.cleaned_data.get(q.key)
        if not value:
            return
        today = datetime.datetime.now(datetime.UTC).astimezone(LONDON).date()
        subject = q.error_subject or "date"
        if q.date_rule == "past" and value >= today:
            form.add_error(q.key, f"The {subject} must be in the past")
        elif q.date_rule == "future" and value < today:
            form.add_error(q.key, f"The {subject} must be today or in the future")

    def answer(self, q, cleaned, *, previous):
        value = cleaned.get(q.key)
        return value.isoformat() if value else ""

    def display(self, q, value):
        return date_format(datetime.date.fromisoformat(value), "j F Y")


class Email(Kind):
    def fields(self, q, *, answered):
        return {
            q.key: forms.EmailField(
                required=q.required,
                max_length=254,
                widget=forms.EmailInput(
                    attrs={"autocomplete": q.autocomplete or "email", "spellcheck": "false"}
                ),
                error_messages={
                    "required": f"Enter {q.error_subject or 'an email address'}",
                    "invalid": EMAIL_EXAMPLE,
                    "max_length": EMAIL_EXAMPLE,
                },
            )
        }


class Phone(Kind):
    def fields(self, q, *, answered):
        return {
            q.key: forms.CharField(
                required=q.required,
                max_length=30,
                widget=forms.TextInput(
                    attrs={
                        "type": "tel",
                        "autocomplete": q.autocomplete or "tel",
                        "class": "govuk-input--width-20",
                    }
                ),
                error_messages={
                    "required": f"Enter {q.error_subject or 'a telephone number'}",
                    "max_length": PHONE_EXAMPLE,
                },
            )
        }

    def clean(self, q, form):
        raw = form.cleaned_data.get(q.key)
        if not raw:
            return
        try:
            number = phonenumbers.parse(raw, "GB")
        except phonenumbers.NumberParseException:
            number = None
        # Possible, not 'valid': Ofcom's drama numbers (like the examples) must be accepted.
        possible = phonenumbers.ValidationResult.IS_POSSIBLE
        if number is None or phonenumbers.is_possible_number_with_reason(number) != possible:
            form.add_error(q.key, PHONE_EXAMPLE)
            return
        form.cleaned_data[q.key] = phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.E164
        )

    def display(self, q, value):
        number = phonenumbers.parse(value, "GB")
        style = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if number.country_code == 44
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        return phonenumbers.format_number(number, style)

    def initial(self, q, value):
        return {q.key: self.display(q, value)} if value else {}


class SelectOne(Kind):
    def fields(self, q, *, answered):
        message = f"Select {q.error_subject or 'an option'}"
        return {
            q.key: forms.ChoiceField(
                required=q.required,
                choices=[(o.value, o.label) for o in q.options],
                widget=Radios(),
                error_messages={"required": message, "invalid_choice": message},
            )
        }

    def display(self, q, value):
        return {o.value: o.label for o in q.options}.get(value, value)


class SelectMany(Kind):
    def fields(self, q, *, answered):
        message = f"Select {q.error_subject or 'at least one option'}"
        return {
            q.key: forms.MultipleChoiceField(
                required=q.required,
                choices=[(o.value, o.label) for o in q.options],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": message, "invalid_choice": message},
            )
        }

    def answer(self, q, cleaned, *, previous):
        return list(cleaned.get(q.key) or [])

    def display(self, q, value):
        labels = {o.value: o.label for o in q.options}
        return "\n".join(labels.get(item, item) for item in value)


class YesNo(Kind):
    def fields(self, q, *, answered):
        message = f"Select yes if {q.error_subject}" if q.error_subject else "Select yes or no"
        return {
            q.key: forms.ChoiceField(
                required=q.required,
                choices=[("yes", "Yes"), ("no", "No")],
                widget=Radios(inline=True),
                error_messages={"required": message, "invalid_choice": message},
            )
        }

    def display(self, q, value):
        return {"yes": "Yes", "no": "No"}.get(value, value)


class Declaration(Kind):
    def fields(self, q, *, answered):
        return {
            q.key: forms.BooleanField(
                required=True,
                label=q.label,
                error_messages={
                    "required": sentence_case(
                        q.error_subject or "confirm the declaration to continue"
                    )
                },
            )
        }

    def initial(self, q, value):
        return {q.key: value == "confirmed"}

    def answer(self, q, cleaned, *, previous):
        return "confirmed" if cleaned.get(q.key) else ""

    def display(self, q, value):
        return "Confirmed" if value == "confirmed" else ""
