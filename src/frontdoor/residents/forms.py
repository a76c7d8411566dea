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


class ImportForm(forms.Form):
    """A CSV file, the system it came from, and which of its columns holds each field."""

    file = forms.FileField(
        label="CSV file",
        help_text="Saved as CSV UTF-8, with a header row. Nothing is added unless every "
        "row is right.",
        error_messages={"required": "Choose a CSV file to import"},
    )
    source_system = forms.SlugField(
        label="System it comes from",
        max_length=50,
        help_text="For example, council_tax or housing. Letters, numbers, - and _ only.",
        error_messages={
            "required": "Say which system the file comes from",
            "invalid": "Use only letters, numbers, - and _ in the system's name",
        },
    )

    def __init__(self, *args, fields: tuple[tuple[str, str], ...], **kwargs):
        super().__init__(*args, **kwargs)
        for ours, label in fields:
            self.fields[f"column_{ours}"] = forms.CharField(
                label=f"Column for {label.lower()}",
                required=ours == "source_id",
                initial=ours,
                max_length=100,
                help_text="Leave empty if the file has none." if ours != "source_id" else "",
                error_messages={"required": f"Say which column holds the {label.lower()}"},
            )

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column_")
        }
