"""The forms of reporting a problem, "me too", the public list and the staff pages."""

from __future__ import annotations

from django import forms

from frontdoor.reports.models import DATETIME, MULTI, NUMBER, SINGLE, TEXT
from frontdoor.reports.services import MAX_DESCRIPTION, MAX_PHOTOS

STATUS_CHOICES = [("", "Any status"), ("open", "Open"), ("closed", "Closed")]


class WhereForm(forms.Form):
    """Step one: what kind of problem, and where. The map and "use my location" only fill
    in the point; without JavaScript a postcode or an address with its postcode works."""

    service = forms.ChoiceField(
        label="What is the problem?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the problem is"},
    )
    place = forms.CharField(
        label="Where is it?",
        required=False,
        max_length=200,
        help_text="A postcode, or a street address with its postcode. For example, SO14 7LY",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(c.service_code, c.name) for c in categories]

    def clean(self):
        data = super().clean()
        has_point = data.get("lat") is not None and data.get("lng") is not None
        if not has_point and not (data.get("place") or "").strip():
            self.add_error(
                "place", "Enter a postcode or street address, or choose a point on the map"
            )
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"


class PhotosField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(f"Select up to {MAX_PHOTOS} photos", code="too_many")
        return [super(PhotosField, self).clean(item, initial) for item in files]


class DetailsForm(forms.Form):
    """Step three: the problem in the resident's words, photos, and how to tell them."""

    description = forms.CharField(
        label="Describe the problem",
        max_length=MAX_DESCRIPTION,
        help_text="What and exactly where, for example 'a deep pothole by the bus stop'. "
        "Everyone can read this, so do not include your name or contact details.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Describe the problem",
            "max_length": f"The description must be {MAX_DESCRIPTION:,} characters or fewer",
        },
    )
    photos = PhotosField(
        label="Photos (optional)",
        required=False,
        help_text=f"Up to {MAX_PHOTOS} JPG or PNG files, each smaller than 10MB. "
        "They will be public.",
    )
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label="Email address (optional)",
        required=False,
        max_length=320,
        help_text="We will send your reference and every update here. We never publish it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Mobile number (optional)",
        required=False,
        max_length=40,
        help_text="For updates by text message if you give no email address.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = []
        for question in category.attributes.all():
            if not question.variable:
                continue
            name = f"attribute_{question.code}"
            self.fields[name] = _question_field(question)
            self.questions.append((name, question.code))
        # The category's questions come right after the description.
        order = ["description", *[name for name, _ in self.questions]]
        self.order_fields(order)

    def answers(self) -> dict:
        return {code: self.cleaned_data.get(name) for name, code in self.questions}


def _question_field(question) -> forms.Field:
    label = question.description
    required = question.required
    hint = question.datatype_description
    errors = {"required": f"Answer: {label}"}
    choices = [(v["key"], v["name"]) for v in question.values]
    if question.datatype == SINGLE:
        return forms.ChoiceField(
            label=label,
            required=required,
            help_text=hint,
            choices=choices,
            widget=forms.RadioSelect,
            error_messages=errors,
        )
    if question.datatype == MULTI:
        return forms.MultipleChoiceField(
            label=label,
            required=required,
            help_text=hint,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages=errors,
        )
    if question.datatype == NUMBER:
        return forms.DecimalField(
            label=label,
            required=required,
            help_text=hint,
            error_messages={**errors, "invalid": f"{label}: enter a number"},
        )
    widget = forms.Textarea(attrs={"rows": 3}) if question.datatype == TEXT else None
    if question.datatype == DATETIME:
        hint = hint or "For example, 2026-11-22T09:30:00Z"
    return forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        max_length=MAX_DESCRIPTION if question.datatype == TEXT else 300,
        widget=widget,
        error_messages=errors,
    )


class MeTooForm(forms.Form):
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=320,
        help_text="We will email you every update on this problem. We never publish it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Or a mobile number",
        required=False,
        max_length=40,
        help_text="For updates by text message instead.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("email") or "").strip() and not (data.get("phone") or "").strip():
            self.add_error("email", "Enter an email address or a mobile number to get updates")
        return data


class ListFilterForm(forms.Form):
    ward = forms.ChoiceField(label="Area", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)
    service = forms.ChoiceField(label="Problem", required=False)

    def __init__(self, *args, wards, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [("", "Every area")] + [(w, w) for w in wards]
        self.fields["service"].choices = [("", "Every problem")] + [
            (c.service_code, c.name) for c in categories
        ]


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label="Partner app",
        max_length=200,
        error_messages={"required": "Enter the name of the partner app"},
    )
