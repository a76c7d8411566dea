import datetime

import pytest
from django import forms

from frontdoor.core.forms import DateField


class MovingForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        help_text="As on your council tax bill",
        error_messages={"required": "Enter your full name"},
    )
    moved_on = DateField(label="When did you move?", subject="date you moved")
    reason = forms.ChoiceField(
        label="Why",
        choices=[("job", "New job"), ("family", "Family")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you moved"},
    )


def _date(day, month, year):
    return {"moved_on_0": day, "moved_on_1": month, "moved_on_2": year}


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the date you moved"),
        (("", "3", "2026"), "The date you moved must include a day"),
        (("12", "", ""), "The date you moved must include a month and year"),
        (("31", "2", "2026"), "The date you moved must be a real date"),
        (("a", "2", "2026"), "The date you moved must be a real date"),
        (("1", "2", "26"), "Year must include 4 numbers"),
    ],
)
def test_date_input_gives_the_design_system_message_for_each_mistake(parts, message):
    form = MovingForm(data={"name": "A", "reason": "job", **_date(*parts)})
    assert not form.is_valid()
    assert form.errors["moved_on"] == [message]


def test_date_input_accepts_a_real_date():
    form = MovingForm(data={"name": "A", "reason": "job", **_date("7", "11", "2026")})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["moved_on"] == datetime.date(2026, 11, 7)


def test_fields_render_as_govuk_components_with_hint_and_error_linked():
    form = MovingForm(data={"reason": "job", **_date("7", "11", "2026")})
    html = form.as_div()
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert '<label class="govuk-label govuk-label--s" for="id_name">Full name</label>' in html
    assert '<div id="id_name_helptext" class="govuk-hint">As on your council tax bill</div>' in html
    assert 'id="id_name_error" class="govuk-error-message"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'class="govuk-radios"' in html and 'class="govuk-radios__input"' in html
    assert 'class="govuk-date-input"' in html


def test_error_summary_links_each_message_to_the_first_input_of_its_field():
    from django.template import Context, Template

    form = MovingForm(data={})
    form.is_valid()
    html = Template("{% error_summary form %}").render(Context({"form": form}))
    assert '<a href="#id_name">Enter your full name</a>' in html
    assert '<a href="#id_moved_on_0">Enter the date you moved</a>' in html
    assert '<a href="#id_reason_0">Select why you moved</a>' in html
