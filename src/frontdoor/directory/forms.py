"""The directory's forms: the public search, "suggest a change", the editors' service form
and the import upload. Plain Django forms drawn by core's GOV.UK renderer."""

from __future__ import annotations

from django import forms

from frontdoor.directory.models import STATUSES
from frontdoor.places import queries as places

_CHECKBOX = forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"})
DISTANCES = [("", "Any distance"), ("1", "Within 1 mile"), ("3", "Within 3 miles"),
             ("5", "Within 5 miles"), ("10", "Within 10 miles")]  # fmt: skip
AGE_CHOICES = [
    ("", "Any age"),
    ("children", "Children and young people (under 18)"),
    ("adults", "Adults (18 to 64)"),
    ("older", "Older people (65 and over)"),
]
METRES_PER_MILE = 1609.344


class SearchForm(forms.Form):
    q = forms.CharField(
        label="What are you looking for?",
        required=False,
        max_length=200,
        help_text="For example, food bank, money advice or youth club",
        error_messages={"max_length": "Search for 200 characters or fewer"},
        widget=forms.TextInput(attrs={"type": "search", "class": "govuk-!-width-full"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=16,
        help_text="To see the nearest first, for example SO14 7LY",
        error_messages={"max_length": "Enter a real postcode, like SO14 7LY"},
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
    )
    distance = forms.ChoiceField(label="Distance", required=False, choices=DISTANCES)
    category = forms.ChoiceField(label="Category", required=False)
    age = forms.ChoiceField(label="Age group", required=False, choices=AGE_CHOICES)
    free = forms.BooleanField(label="Free of charge", required=False, widget=_CHECKBOX)
    open_now = forms.BooleanField(label="Open now", required=False, widget=_CHECKBOX)
    weekends = forms.BooleanField(label="Open at weekends", required=False, widget=_CHECKBOX)
    online = forms.BooleanField(label="Online or by phone", required=False, widget=_CHECKBOX)
    in_person = forms.BooleanField(label="In person", required=False, widget=_CHECKBOX)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "All categories")]
        for term in categories:
            choices.append((str(term.pk), term.name))
            choices.extend((str(c.pk), f"– {c.name}") for c in term.children_listed)
        self.fields["category"].choices = choices

    def clean_postcode(self):
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return ""
        postcode = places.postcode_normalise(text)
        if not postcode:
            raise forms.ValidationError("Enter a real postcode, like SO14 7LY", code="invalid")
        point = places.point_for_postcode(postcode)
        if point is None:
            raise forms.ValidationError(
                f"We cannot find {postcode}. Check it, or leave the postcode empty",
                code="unknown",
            )
        self.point = point
        return postcode

    def clean(self):
        data = super().clean()
        if data.get("distance") and not data.get("postcode") and not self.errors.get("postcode"):
            self.add_error("postcode", "Enter a postcode to search within a distance")
        return data

    @property
    def filters_in_use(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(
            data.get(name)
            for name in ("category", "age", "free", "open_now", "weekends", "online", "in_person",
                         "distance")
        )  # fmt: skip


class SuggestionForm(forms.Form):
    text = forms.CharField(
        label="What needs to change?",
        max_length=2000,
        help_text="Tell us what is wrong or missing, for example new opening times. "
        "Do not include personal details about anyone else.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what needs to change"},
    )
    name = forms.CharField(label="Your name (optional)", required=False, max_length=200)
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        help_text="We will only use it to tell you what we did",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like "
                        "name@example.com"},
    )  # fmt: skip


class ServiceForm(forms.Form):
    name = forms.CharField(label="Name", max_length=255,
                           error_messages={"required": "Enter the service's name"})  # fmt: skip
    organization = forms.ChoiceField(label="Run by")
    status = forms.ChoiceField(label="Status", choices=STATUSES)
    description = forms.CharField(
        label="What it is", widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what the service is"},
    )  # fmt: skip
    eligibility_description = forms.CharField(
        label="Who it is for", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    minimum_age = forms.IntegerField(label="Youngest age (optional)", required=False,
                                     min_value=0, max_value=120)  # fmt: skip
    maximum_age = forms.IntegerField(label="Oldest age (optional)", required=False,
                                     min_value=0, max_value=120)  # fmt: skip
    fees_description = forms.CharField(
        label="Cost", required=False, help_text="Leave empty if it is free of charge",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    url = forms.URLField(label="Website (optional)", required=False, assume_scheme="https")
    email = forms.EmailField(
        label="Email address", required=False,
        help_text="Review reminders go here: the provider confirms or updates the entry",
    )  # fmt: skip
    alert = forms.CharField(
        label="Alert (optional)",
        required=False,
        help_text="A short-term notice, such as a temporary closure",
    )
    categories = forms.MultipleChoiceField(
        label="Categories", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organizations=(), terms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(str(o.pk), o.name) for o in organizations]
        self.fields["categories"].choices = [(str(t.pk), t.name) for t in terms]

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "maximum_age", "The oldest age must be the same as or above the youngest"
            )
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="HSDS file",
        help_text="An HSDS JSON feed (.json), a tabular data package (.zip) or one HSDS CSV table",
        error_messages={"required": "Choose a file to import"},
    )
