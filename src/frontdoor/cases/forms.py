"""The forms of the staff workspace, contact logging and track-my-request."""

from __future__ import annotations

from django import forms

from frontdoor.cases import references
from frontdoor.cases.models import EMAIL as BY_EMAIL_CHANNEL
from frontdoor.cases.models import FACE_TO_FACE, PHONE, PREFERENCES, PRIORITIES

# A single GOV.UK checkbox: the renderer's field template draws the item around it.
_CHECKBOX = forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"})
SLA_CHOICES = [("", "Any"), ("breached", "Past its target"), ("due_today", "Due today")]
SORT_CHOICES = [
    ("due", "Due soonest"),
    ("priority", "Highest priority"),
    ("newest", "Newest"),
    ("oldest", "Oldest"),
]


def _reference_clean(value: str) -> str:
    reference = references.reference_normalise(value)
    if not references.reference_looks_valid(reference):
        raise forms.ValidationError(
            "Enter the reference as 8 letters and numbers, like K7QM-4XTD", code="invalid"
        )
    return reference


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label="Reference, name or postcode",
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    team = forms.ChoiceField(label="Team", required=False)
    status = forms.ChoiceField(label="Status", required=False)
    case_type = forms.ChoiceField(label="Type", required=False)
    sla = forms.ChoiceField(label="Target", required=False, choices=SLA_CHOICES)
    mine = forms.BooleanField(label="Only cases assigned to me", required=False, widget=_CHECKBOX)
    closed = forms.BooleanField(label="Include closed cases", required=False, widget=_CHECKBOX)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORT_CHOICES)

    def __init__(self, *args, teams, statuses, case_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "All my teams")] + list(teams)
        self.fields["status"].choices = [("", "Any open status")] + list(statuses)
        self.fields["case_type"].choices = [("", "Any")] + [(t.code, t.name) for t in case_types]
        self.fields["q"].widget.attrs["spellcheck"] = "false"


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TransitionForm(VersionedForm):
    transition = forms.ChoiceField(
        label="What happens next",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happens next"},
    )
    closure_reason = forms.ChoiceField(
        label="Why is it being closed?",
        required=False,
        help_text="Only needed when you close the case",
    )
    public_text = forms.CharField(
        label="Message to the resident (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent with public steps. Leave it empty to send the standard wording.",
    )
    note = forms.CharField(
        label="Internal note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Staff only. The resident never sees it.",
    )

    def __init__(self, *args, transitions, closure_reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transition"].choices = [
            (t.code, t.label + (" (tells the resident)" if t.public else "")) for t in transitions
        ]
        self.fields["closure_reason"].choices = [("", "Choose a reason")] + [
            (r.code, r.label) for r in closure_reasons
        ]
        if not closure_reasons:
            del self.fields["closure_reason"]


class AssignForm(VersionedForm):
    team = forms.ChoiceField(label="Team")
    assignee = forms.ChoiceField(label="Officer", required=False)

    def __init__(self, *args, teams, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = list(teams)
        self.fields["assignee"].choices = [("", "Nobody in particular")] + list(people)


class PublicUpdateForm(forms.Form):
    text = forms.CharField(
        label="Update for the resident",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The resident and anyone following the case get this as you write it.",
        error_messages={"required": "Enter the update for the resident"},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Internal note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Staff only. The resident never sees it.",
        error_messages={"required": "Enter the note"},
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="JPG, PNG or PDF, smaller than 10MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    public = forms.BooleanField(
        label="The resident may see this file", required=False, widget=_CHECKBOX
    )


NEW, EXISTING = "new", "existing"


class LogContactForm(forms.Form):
    """A phone or face-to-face contact, logged in under a minute: a new request, or a
    chasing contact about an existing one."""

    channel = forms.ChoiceField(
        label="How did they contact us?",
        widget=forms.RadioSelect,
        choices=[(PHONE, "Phone"), (FACE_TO_FACE, "Face to face"), (BY_EMAIL_CHANNEL, "Email")],
        error_messages={"required": "Select how they contacted us"},
    )
    about = forms.ChoiceField(
        label="What is it about?",
        widget=forms.RadioSelect,
        choices=[(NEW, "A new request"), (EXISTING, "A request they already made")],
        error_messages={"required": "Select whether this is a new request"},
    )
    reference = forms.CharField(
        label="Reference of their earlier request",
        required=False,
        help_text="Only for a request they already made. For example, K7QM-4XTD",
    )
    summary = forms.CharField(
        label="What did they say?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    case_type = forms.ChoiceField(label="Type of request", required=False)
    priority = forms.ChoiceField(label="Priority", required=False, choices=PRIORITIES)
    name = forms.CharField(label="Their name", required=False)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number", required=False)
    postcode = forms.CharField(label="Their postcode", required=False)
    preference = forms.ChoiceField(
        label="How do they want updates?",
        widget=forms.RadioSelect,
        choices=PREFERENCES,
        required=False,
    )
    address = forms.CharField(label="Where is the problem? (address)", required=False)
    location_postcode = forms.CharField(label="Postcode of the problem", required=False)

    def __init__(self, *args, case_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_type"].choices = [("", "Choose a type")] + [
            (t.code, t.name) for t in case_types
        ]
        self.fields["priority"].initial = "normal"
        self.fields["reference"].widget.attrs.update(
            {"spellcheck": "false", "class": "govuk-input--width-10"}
        )
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"type": "tel", "class": "govuk-input--width-20"})
        self.fields["postcode"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["location_postcode"].widget.attrs["class"] = "govuk-input--width-10"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("about") == EXISTING:
            try:
                cleaned["reference"] = _reference_clean(cleaned.get("reference", ""))
            except forms.ValidationError as error:
                self.add_error("reference", error)
        elif cleaned.get("about") == NEW:
            if not cleaned.get("case_type"):
                self.add_error("case_type", "Select the type of request")
            if not (cleaned.get("summary") or "").strip():
                self.add_error("summary", "Enter what they told us")
        return cleaned


class TrackForm(forms.Form):
    reference = forms.CharField(
        label="Your reference",
        help_text="It is in the message we sent you, for example K7QM-4XTD",
        error_messages={"required": "Enter your reference"},
    )
    email_or_postcode = forms.CharField(
        label="Email address or postcode",
        help_text="The email address or postcode you gave us when you made the request",
        error_messages={"required": "Enter the email address or postcode you gave us"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].widget.attrs.update(
            {"spellcheck": "false", "autocomplete": "off", "class": "govuk-input--width-10"}
        )
        self.fields["email_or_postcode"].widget.attrs["spellcheck"] = "false"

    def clean_reference(self):
        return _reference_clean(self.cleaned_data["reference"])


class BulkForm(forms.Form):
    cases = forms.MultipleChoiceField(
        label="Cases", error_messages={"required": "Select at least one case"}
    )
    action = forms.ChoiceField(
        label="Do this to the selected cases",
        choices=[("assign", "Assign"), ("transition", "Move on")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what to do to the selected cases"},
    )
    team = forms.ChoiceField(label="Team", required=False)
    assignee = forms.CharField(label="Officer's username", required=False)
    transition = forms.ChoiceField(label="Step", required=False)
    closure_reason = forms.ChoiceField(label="Why (when closing)", required=False)

    def __init__(self, *args, teams, transitions, closure_reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closure_reason"].choices = [("", "Choose a reason")] + list(closure_reasons)
        self.fields["team"].choices = [("", "Keep each case's team")] + list(teams)
        self.fields["transition"].choices = [("", "Choose a step")] + list(transitions)
        self.fields["cases"].choices = (
            [(v, v) for v in self.data.getlist("cases")] if self.is_bound else []
        )

    def items(self) -> list[tuple[str, int]]:
        pairs = []
        for value in self.cleaned_data["cases"]:
            reference, _, version = value.partition(":")
            if version.isdigit():
                pairs.append((reference, int(version)))
        return pairs

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "transition" and not cleaned.get("transition"):
            self.add_error("transition", "Choose the step to move the cases on to")
        if cleaned.get("action") == "assign" and not (
            cleaned.get("team") or cleaned.get("assignee")
        ):
            self.add_error("team", "Choose a team or an officer")
        return cleaned
