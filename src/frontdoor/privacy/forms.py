"""The privacy pages' forms: they parse input; the services judge it."""

from __future__ import annotations

from django import forms

from frontdoor.core.forms import DateField
from frontdoor.privacy import declaration
from frontdoor.privacy.models import LegalHold, SubjectRequest

MONTHS, YEARS = "months", "years"


class RetentionRuleForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of record",
        error_messages={
            "required": "Choose a kind of record",
            "invalid_choice": "Choose a kind of record",
        },
    )
    case_type = forms.ChoiceField(
        label="Case type (cases only)",
        required=False,
        help_text="Every case type means those without a period of their own",
    )
    period = forms.CharField(
        label="Retention period",
        help_text="A whole number, for example 2",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"required": "Enter the retention period"},
    )
    unit = forms.ChoiceField(
        label="Counted in",
        choices=[(YEARS, "Years"), (MONTHS, "Months")],
        widget=forms.RadioSelect,
        initial=YEARS,
        error_messages={"required": "Choose years or months"},
    )
    note = forms.CharField(
        label="Why this period (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case_types: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Choose")] + [
            (r.step, r.name) for r in declaration.adjustable()
        ]
        self.fields["case_type"].choices = [("", "Every case type")] + case_types

    def clean_period(self):
        text = self.cleaned_data["period"].strip()
        try:
            return int(text)
        except ValueError:
            raise forms.ValidationError(
                "Enter the retention period as a whole number, for example 2"
            ) from None

    def months(self) -> int:
        period = self.cleaned_data["period"]
        return period * 12 if self.cleaned_data["unit"] == YEARS else period


class LegalHoldForm(forms.Form):
    target_type = forms.ChoiceField(
        label="What is on hold",
        choices=LegalHold.TARGETS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the hold is on a case or a resident"},
    )
    target = forms.CharField(
        label="Case reference or resident's email address",
        help_text="For example K7QM-4XTD, or name@example.com",
        error_messages={"required": "Enter a case reference or an email address"},
    )
    reason = forms.CharField(
        label="Why the data must be kept",
        help_text="For example, the claim or proceedings it is needed for",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the data must be kept"},
    )


class HoldReleaseForm(forms.Form):
    reason = forms.CharField(
        label="Why the hold can be released",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the hold can be released"},
    )


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the person asked for",
        choices=SubjectRequest.KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose subject access or erasure"},
    )
    emails = forms.CharField(
        label="Email addresses",
        required=False,
        help_text="One or more, separated by commas",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    phones = forms.CharField(
        label="Phone numbers (optional)",
        required=False,
        help_text="One or more, separated by commas",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    usernames = forms.CharField(
        label="Account usernames (optional)",
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    received_on = DateField(
        label="Date the request was received",
        subject="date received",
        required=False,
        help_text="For example, 27 3 2026. Today if empty",
    )

    @staticmethod
    def split(text: str) -> list[str]:
        return [part.strip() for part in (text or "").split(",") if part.strip()]


class EraseForm(forms.Form):
    reason = forms.CharField(
        label="Decision and reason",
        help_text="Which law allows the erasure, and anything kept and why",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for erasing, for the record"},
    )
