"""Django forms for the pages around a journey: saving for later, feedback, assisted
digital, and the builder. The questions of a journey itself are made in questions.py."""

from __future__ import annotations

from django import forms

from frontdoor.journeys.definition import FILE_KINDS, QUESTION_TYPES
from frontdoor.journeys.models import Channel
from frontdoor.journeys.questions import EMAIL_EXAMPLE

RATINGS = [
    ("5", "Very satisfied"),
    ("4", "Satisfied"),
    ("3", "Neither satisfied nor dissatisfied"),
    ("2", "Dissatisfied"),
    ("1", "Very dissatisfied"),
]


class SaveForLaterForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will send you a link to come back to your answers. It works for 28 days.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": "Enter your email address", "invalid": EMAIL_EXAMPLE},
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Overall, how did you feel about the service you received today?",
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you feel about the service",
            "invalid_choice": "Select how you feel about the service",
        },
    )
    comment = forms.CharField(
        label="How could we improve this service? (optional)",
        help_text="Do not include personal or financial information, like your National "
        "Insurance number or credit card details.",
        required=False,
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your comments must be 1200 characters or less"},
    )


class AssistForm(forms.Form):
    channel = forms.ChoiceField(
        label="How is the resident contacting us?",
        choices=[(value, label) for value, label in Channel.choices if value != Channel.ONLINE],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the resident is contacting us"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].page_heading = True


# --- the builder -----------------------------------------------------------------------------


class FormDetailsForm(forms.Form):
    title = forms.CharField(
        label="Title",
        help_text="What the resident is doing, like “Report a missed bin collection”.",
        max_length=200,
        error_messages={"required": "Enter a title"},
    )
    summary = forms.CharField(
        label="What the form is for (optional)",
        help_text="Shown on the start page. Leave a blank line between paragraphs.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    case_type = forms.CharField(
        label="Case type",
        help_text="Each submission becomes a case of this type in its team's queue.",
        max_length=60,
        error_messages={"required": "Enter a case type"},
    )
    what_happens_next = forms.CharField(
        label="What happens next (optional)",
        help_text="Shown on the confirmation page, under the reference.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, case_types: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if case_types:
            self.fields["case_type"] = forms.ChoiceField(
                label="Case type",
                help_text=self.fields["case_type"].help_text,
                choices=[("", "Choose a case type"), *case_types],
                error_messages={"required": "Select a case type"},
            )


class NewFormForm(FormDetailsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["what_happens_next"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a YAML file",
        help_text="A file exported from a form's versions page. It replaces the draft of "
        "the form with the same slug, or makes a new form.",
        error_messages={"required": "Select a YAML file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError("The selected file must be smaller than 1MB")
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError("The selected file must be a YAML text file") from None


class QuestionTypeForm(forms.Form):
    type = forms.ChoiceField(
        label="What kind of question is it?",
        choices=list(QUESTION_TYPES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of question"},
    )


class QuestionForm(forms.Form):
    """A question's wording and settings; only the settings its type uses are shown."""

    label = forms.CharField(
        label="Question text",
        max_length=300,
        help_text="For a declaration, what the resident confirms.",
        error_messages={"required": "Enter the question text"},
    )
    hint = forms.CharField(label="Hint text (optional)", required=False, max_length=500)
    required = forms.TypedChoiceField(
        label="Is an answer needed to continue?",
        choices=[("yes", "Yes"), ("no", "No, it is optional")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": "Select yes if an answer is needed"},
    )
    error_subject = forms.CharField(
        label="How error messages name the answer (optional)",
        help_text="For example “your full name” makes “Enter your full name”.",
        required=False,
        max_length=100,
    )
    options = forms.CharField(
        label="Options",
        help_text="One option on each line.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the options, one on each line"},
    )
    max_length = forms.IntegerField(
        label="Longest answer in characters (optional)",
        required=False,
        min_value=1,
        max_value=10_000,
        error_messages={
            "invalid": "Longest answer must be a whole number",
            "min_value": "Longest answer must be 1 or more",
            "max_value": "Longest answer must be 10000 or less",
        },
    )
    minimum = forms.DecimalField(
        label="Smallest number allowed (optional)",
        required=False,
        error_messages={"invalid": "Smallest number must be a number"},
    )
    maximum = forms.DecimalField(
        label="Largest number allowed (optional)",
        required=False,
        error_messages={"invalid": "Largest number must be a number"},
    )
    whole_number = forms.BooleanField(label="Only whole numbers", required=False)
    date_rule = forms.ChoiceField(
        label="Which dates are allowed?",
        choices=[
            ("any", "Any date"),
            ("past", "Only dates in the past"),
            ("future", "Only today or later"),
        ],
        widget=forms.RadioSelect,
        initial="any",
    )
    file_kinds = forms.MultipleChoiceField(
        label="Which kinds of file are allowed?",
        choices=list(FILE_KINDS.items()),
        widget=forms.CheckboxSelectMultiple,
        initial=list(FILE_KINDS),
        error_messages={"required": "Select at least one kind of file"},
    )
    max_size_mb = forms.IntegerField(
        label="Largest file in MB",
        min_value=1,
        max_value=25,
        initial=10,
        error_messages={
            "required": "Enter the largest file size",
            "invalid": "Largest file must be a whole number",
            "min_value": "Largest file must be 1MB or more",
            "max_value": "Largest file must be 25MB or less",
        },
    )

    SETTINGS = {
        "short_text": ["max_length"],
        "long_text": ["max_length"],
        "number": ["minimum", "maximum", "whole_number"],
        "date": ["date_rule"],
        "select_one": ["options"],
        "select_many": ["options"],
        "file": ["file_kinds", "max_size_mb"],
    }
    ALL_SETTINGS = {"options", "max_length", "minimum", "maximum", "whole_number", "date_rule",
                    "file_kinds", "max_size_mb"}  # fmt: skip

    def __init__(self, *args, question_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_type = question_type
        for name in self.ALL_SETTINGS - set(self.SETTINGS.get(question_type, [])):
            del self.fields[name]
        if question_type == "declaration":
            del self.fields["required"]

    def definition(self) -> dict:
        """The question as definition data, leaving out what is left at its default."""
        data = {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}
        data["type"] = self.question_type
        if "options" in data:
            lines = [line.strip() for line in data["options"].splitlines() if line.strip()]
            data["options"] = [
                {"value": _option_value(line, index), "label": line}
                for index, line in enumerate(lines)
            ]
        for name in ("minimum", "maximum"):
            if name in data:
                data[name] = float(data[name])
        if self.question_type == "declaration":
            data["required"] = True
        return data


def _option_value(label: str, index: int) -> str:
    from django.utils.text import slugify

    return slugify(label)[:60] or f"option-{index + 1}"


def question_initial(question: dict) -> dict:
    initial = dict(question)
    if "options" in question:
        initial["options"] = "\n".join(option["label"] for option in question["options"])
    initial["required"] = "yes" if question.get("required", True) else "no"
    return initial


class PageDetailsForm(forms.Form):
    title = forms.CharField(
        label="Page heading",
        max_length=200,
        required=False,
        help_text="Needed when the page asks more than one question, or gives advice.",
    )
    body = forms.CharField(
        label="Text under the heading (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For an advice page: what the resident should do instead. Leave a blank "
        "line between paragraphs.",
    )


class RouteForm(forms.Form):
    when = forms.ChoiceField(
        label="When the answer is",
        error_messages={"required": "Select the answer that leads somewhere else"},
    )
    goto = forms.ChoiceField(
        label="Go to", error_messages={"required": "Select where the resident goes"}
    )

    def __init__(self, *args, answers, destinations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["when"].choices = [("", "Choose an answer"), *answers]
        self.fields["goto"].choices = [("", "Choose where to go"), *destinations]
