"""The dashboard's filters: a period, and optionally one case type and one ward."""

from __future__ import annotations

from django import forms

from frontdoor.insights.periods import DEFAULT_PERIOD, PERIODS


class DashboardFilterForm(forms.Form):
    period = forms.ChoiceField(
        label="Period",
        required=False,
        choices=[(p.code, p.label) for p in PERIODS.values()],
        error_messages={"invalid_choice": "Choose a period from the list"},
    )
    case_type = forms.ChoiceField(
        label="Case type",
        required=False,
        error_messages={"invalid_choice": "Choose a case type from the list"},
    )
    ward = forms.ChoiceField(
        label="Ward",
        required=False,
        error_messages={"invalid_choice": "Choose a ward from the list"},
    )

    def __init__(self, *args, case_types: list[tuple[str, str]], wards: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_type"].choices = [("", "All case types"), *case_types]
        self.fields["ward"].choices = [("", "All wards"), *((w, w) for w in wards)]

    def chosen(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "period": data.get("period") or DEFAULT_PERIOD,
            "case_type": data.get("case_type") or "",
            "ward": data.get("ward") or "",
        }
