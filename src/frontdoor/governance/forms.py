"""The forms of the governance pages; they parse input, the services judge it."""

from __future__ import annotations

import uuid

from django import forms

from frontdoor.core.forms import DateField
from frontdoor.governance import queries
from frontdoor.governance.models import CostBand, Decision, Level, Rag, Status, Timeframe, Urgency


def _text(label: str, *, required: bool = True, help_text: str = "", rows: int = 0, message=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=widget,
        error_messages={"required": message or f"Enter {label.lower()}"},
    )


def _radios(label: str, choices, message: str, *, required: bool = True):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": message, "invalid_choice": message},
    )


def _whole_number(label: str, help_text: str = ""):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": f"Enter a number for {label}",
            "invalid": f"{label} must be a whole number",
        },
    )


class ThemeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ChangeRequestForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    title = _text("Title", message="Enter a short title for the change")
    problem = _text(
        "What problem would the change solve?",
        rows=4,
        message="Describe the problem the change would solve",
    )
    users_affected = _text(
        "Who is affected, and roughly how many?",
        rows=3,
        help_text="For example residents applying for parking permits, about 9,000 a year",
        message="Say who is affected and roughly how many",
    )
    expected_benefits = _text(
        "What benefits do you expect?",
        rows=3,
        help_text="Time or money saved, fewer contacts, risks removed",
        message="Describe the benefits you expect",
    )
    cost_band = _radios("Roughly what will it cost?", CostBand.choices, "Select a cost band")
    urgency = _radios("How urgent is it?", Urgency.choices, "Select how urgent the change is")
    dependencies = _text(
        "Dependencies (optional)",
        required=False,
        rows=2,
        help_text="Other systems, contracts or changes it relies on",
    )
    theme = ThemeChoice(
        label="Which strategy theme does it support? (optional)",
        queryset=None,
        required=False,
        empty_label="Not sure",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = queries.roadmap_themes()
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())


class ScoreForm(forms.Form):
    """One whole-number score per criterion of the matrix in force."""

    def __init__(self, *args, matrix: queries.Matrix, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in matrix.criteria:
            self.fields[criterion.code] = _whole_number(
                criterion.name,
                f"{criterion.question} Weight {criterion.weight}.",
            )


class DecisionForm(forms.Form):
    outcome = _radios("Decision", Decision.Outcome.choices, "Select accept, defer or reject")
    reason = _text(
        "Reason for the decision",
        rows=4,
        help_text="Everyone can read this, including the person who asked",
        message="Enter the reason for the board's decision",
    )
    theme = ThemeChoice(
        label="Roadmap theme (if accepted)", queryset=None, required=False, empty_label="Choose"
    )
    timeframe = _radios(
        "Roadmap timeframe (if accepted)",
        Timeframe.choices,
        "Select now, next or later for the roadmap",
        required=False,
    )
    level = _radios(
        "Level (if accepted)",
        Level.choices,
        "Select the level: governance, operational or strategic",
        required=False,
    )
    lead = _text("Lead (if accepted, optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = queries.roadmap_themes()


class MatrixForm(forms.Form):
    def __init__(self, *args, matrix: queries.Matrix, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in matrix.criteria:
            self.fields[criterion.code] = _whole_number(criterion.name, criterion.question)
            self.initial.setdefault(criterion.code, criterion.weight)
        self.fields["note"] = _text(
            "Why is the board changing the weights?",
            rows=3,
            message="Enter why the board is changing the weights",
        )


class RoadmapUpdateForm(forms.Form):
    note = _text(
        "Progress since the last update",
        rows=4,
        message="Describe the progress since the last update",
    )
    status = _radios("Status", Status.choices, "Select a status")
    rag = _radios("RAG rating", Rag.choices, "Select a RAG rating", required=False)
    timeframe = _radios("Timeframe", Timeframe.choices, "Select now, next or later")
    lead = _text("Lead", required=False)


class RecommendationProgressForm(forms.Form):
    note = _text(
        "Progress since the last update",
        rows=4,
        message="Describe the progress since the last update",
    )
    lead = _text("Lead", required=False)


class NextStepForm(forms.Form):
    text = _text("Next step", rows=2, message="Describe the next step")
    due = DateField(
        subject="date it is due",
        label="Due by (optional)",
        help_text="For example, 31 3 2026",
        required=False,
    )


class MeasureReadingForm(forms.Form):
    value = forms.DecimalField(
        label="Value measured",
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "required": "Enter the value measured",
            "invalid": "The value measured must be a number, like 42 or 3.75",
            "max_decimal_places": "The value measured can have at most 2 decimal places",
            "max_digits": "The value measured is too large",
            "max_whole_digits": "The value measured is too large",
        },
    )
    measured_on = DateField(subject="date measured", label="Date measured")
    note = _text("How it was measured (optional)", required=False, rows=2)


class ReviewForm(forms.Form):
    title = _text(
        "Name of the review",
        help_text="For example, 2026 quarter 1",
        message="Enter a name for the review, like 2026 quarter 1",
    )
    notes = _text("Notes (optional)", required=False, rows=3)
