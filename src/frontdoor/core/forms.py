"""Django forms rendered as GOV.UK Design System components.

Django's own template-based form rendering does the work: every form in Frontdoor is a
plain Django form, and this renderer gives its fields GOV.UK markup, hints, inline errors
and the classes the error styles need. Strategy: "online forms that are easy to use".
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

# The GOV.UK class for each widget, by Django's widget_type name.
_WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "password": "govuk-input",
    "number": "govuk-input",
    "url": "govuk-input",
    "tel": "govuk-input",
    "search": "govuk-input",
    "date": "govuk-input",
    "time": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
}


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = _WIDGET_CLASSES.get(self.widget_type)
        if css:
            classes = [css, widget.attrs.get("class", "")]
            if self.errors:
                classes.append(f"{css}--error")
            attrs["class"] = " ".join(c for c in classes if c)
        # GOV.UK radios and checkboxes rely on the fieldset hint/error, not `required`.
        if self.use_fieldset:
            attrs.pop("required", None)
        return attrs

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}_helptext"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error"

    @property
    def first_widget_id(self) -> str:
        """Where the error summary's link must land: the first input of the field."""
        widget = self.field.widget
        if isinstance(widget, forms.MultiWidget):
            return f"{self.auto_id}_0"
        if self.use_fieldset:
            return f"{self.auto_id}_0"
        return self.auto_id


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = GovukBoundField


class DateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    template_name = "core/forms/date_input.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        parts = [
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        ]
        super().__init__(parts, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for label, sub in zip(
            ("Day", "Month", "Year"), context["widget"]["subwidgets"], strict=True
        ):
            sub["label"] = label
            size = "govuk-input--width-4" if label == "Year" else "govuk-input--width-2"
            error = " govuk-input--error" if attrs and attrs.get("aria-invalid") else ""
            sub["attrs"]["class"] = f"govuk-input govuk-date-input__input {size}{error}"
            sub["attrs"].pop("aria-invalid", None)
        return context


class DateField(forms.MultiValueField):
    """A date from the GOV.UK date input, with the Design System's error messages."""

    widget = DateInput

    def __init__(self, *, subject: str = "date", **kwargs):
        self.subject = subject
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        day, month, year = (str(part or "").strip() for part in (data_list or ["", "", ""]))
        if not (day or month or year):
            if self.required:
                raise ValidationError(f"Enter the {self.subject}", code="required")
            return None
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise ValidationError(
                f"The {self.subject} must include a {' and '.join(missing)}", code="incomplete"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"The {self.subject} must be a real date", code="invalid")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(
                f"The {self.subject} must be a real date", code="invalid"
            ) from None

    def clean(self, value):
        # Validate the three parts together so the resident gets one message, not three.
        if not isinstance(value, list | tuple):
            value = self.widget.decompress(value)
        result = self.compress(value)
        self.validate(result)
        self.run_validators(result)
        return result

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(f"Enter the {self.subject}", code="required")
