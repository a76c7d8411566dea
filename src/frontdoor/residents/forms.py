"""The data officers' and agents' forms: a decision on a pair, finding a resident, import."""

from __future__ import annotations

from django import forms

from frontdoor.core.forms import DateField

DECISIONS = [
    ("left", "The same person: keep the record on the left"),
    ("right", "The same person: keep the record on the right"),
    ("different", "Not the same person"),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Are these the same person?",
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether these are the same person"},
    )


class FindForm(forms.Form):
    first_name = forms.CharField(label="First name", required=False, max_length=100)
    surname = forms.CharField(label="Last name", required=False, max_length=100)
    dob = DateField(
        label="Date of birth",
        required=False,
        subject="date of birth",
        help_text="For example, 27 3 1984",
    )
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    email = forms.EmailField(label="Email address", required=False, max_length=320)
    phone = forms.CharField(label="Phone number", required=False, max_length=40)

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("first_name", "surname", "email", "phone")):
            raise forms.ValidationError("Enter a name, an email address or a phone number")
        return data


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name, postcode or email",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
