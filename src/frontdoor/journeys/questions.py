"""Each question type as Django form fields, with the GOV.UK Design System's own error
messages, and how its answer is stored and shown on the check-answers page.

Answers are stored as JSON: strings, lists, and small dicts for addresses, files and
locations. A question's kind turns cleaned form data into that JSON and back again.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

import filetype
import phonenumbers
from django import forms
from django.utils.formats import date_format

from frontdoor.core.forms import DateField
from frontdoor.journeys.definition import FILE_KINDS, Page, Question

PHONE_EXAMPLE = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
EMAIL_EXAMPLE = "Enter an email address in the correct format, like name@example.com"
# The shape of a full UK postcode (outward and inward codes); places checks it is real.
POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")
# A point on the map must be in the United Kingdom (with a margin for the coast).
UK_BOUNDS = {"lat": (49.8, 60.95), "lng": (-8.7, 1.8)}
MIME = {"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


def postcode_normalise(raw: str) -> str | None:
    """'so147lp' -> 'SO14 7LP'; None when it is not the shape of a full UK postcode."""
    match = POSTCODE.fullmatch(re.sub(r"\s+", "", raw or "").upper())
    return f"{match.group(1)} {match.group(2)}" if match else None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Radios(forms.RadioSelect):
    template_name = "journeys/widgets/radios.html"

    def __init__(self, *, inline: bool = False):
        super().__init__()
        self.inline = inline

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["inline"] = self.inline
        return context


class Kind:
    """One question type. Subclasses say which fields it needs and how answers look."""

    def fields(self, q: Question, *, answered: object) -> dict[str, forms.Field]:
        raise TypeError(f"{type(self).__name__} must define fields()")

    def initial(self, q: Question, value) -> dict:
        return {q.key: value} if value not in (None, "") else {}

    def answer(self, q: Question, cleaned: dict, *, previous):
        value = cleaned.get(q.key)
        return "" if value is None else value

    def display(self, q: Question, value) -> str:
        return str(value)

    def clean(self, q: Question, form: forms.Form) -> None:
        """Checks across this question's own fields, after each field is clean."""


class ShortText(Kind):
    default_max = 200
    widget = forms.TextInput

    def fields(self, q, *, answered):
        limit = q.max_length or self.default_max
        noun = _sentence(q.error_subject or "the answer")
        attrs = {"autocomplete": q.autocomplete} if q.autocomplete else {}
        return {
            q.key: forms.CharField(
                required=q.required,
                max_length=limit,
                widget=self.widget(attrs=attrs),
                error_messages={
                    "required": f"Enter {q.error_subject or 'an answer'}",
                    "max_length": f"{noun} must be {limit} characters or less",
                },
            )
        }


class LongText(ShortText):
    default_max = 5000

    def widget(self, attrs):
        return forms.Textarea(attrs={"rows": 5, **attrs})


class Number(Kind):
    def fields(self, q, *, answered):
        attrs = {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        return {
            q.key: forms.CharField(
                required=q.required,
                max_length=30,
                widget=forms.TextInput(attrs=attrs),
                error_messages={
                    "required": f"Enter {q.error_subject or 'a number'}",
                    "max_length": f"{_sentence(q.error_subject or 'the answer')} must be a number",
                },
            )
        }

    def clean(self, q, form):
        raw = form.cleaned_data.get(q.key)
        if not raw:
            return
        noun = _sentence(q.error_subject or "the answer")
        try:
            number = Decimal(raw.replace(",", "").replace(" ", ""))
        except InvalidOperation:
            form.add_error(q.key, f"{noun} must be a number")
            return
        if not number.is_finite():
            form.add_error(q.key, f"{noun} must be a number")
        elif q.whole_number and number != number.to_integral_value():
            form.add_error(q.key, f"{noun} must be a whole number")
        elif q.minimum is not None and number < Decimal(str(q.minimum)):
            form.add_error(q.key, f"{noun} must be {_plain(q.minimum)} or more")
        elif q.maximum is not None and number > Decimal(str(q.maximum)):
            form.add_error(q.key, f"{noun} must be {_plain(q.maximum)} or less")
        else:
            form.cleaned_data[q.key] = _plain(number)


def _plain(number) -> str:
    text = format(Decimal(str(number)).normalize(), "f")
    return text


class Date(Kind):
    def fields(self, q, *, answered):
        return {q.key: DateField(required=q.required, subject=q.error_subject or "date")}

    def initial(self, q, value):
        return {q.key: datetime.date.fromisoformat(value)} if value else {}

    def clean(self, q, form):
        value = form.cleaned_data.get(q.key)
        if not value:
            return
        today = datetime.datetime.now(datetime.UTC).astimezone(_london()).date()
        subject = q.error_subject or "date"
        if q.date_rule == "past" and value >= today:
            form.add_error(q.key, f"The {subject} must be in the past")
        elif q.date_rule == "future" and value < today:
            form.add_error(q.key, f"The {subject} must be today or in the future")

    def answer(self, q, cleaned, *, previous):
        value = cleaned.get(q.key)
        return value.isoformat() if value else ""

    def display(self, q, value):
        return date_format(datetime.date.fromisoformat(value), "j F Y")


def _london():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/London")


class Email(Kind):
    def fields(self, q, *, answered):
        return {
            q.key: forms.EmailField(
                required=q.required,
                max_length=254,
                widget=forms.EmailInput(
                    attrs={"autocomplete": q.autocomplete or "email", "spellcheck": "false"}
                ),
                error_messages={
                    "required": f"Enter {q.error_subject or 'an email address'}",
                    "invalid": EMAIL_EXAMPLE,
                    "max_length": EMAIL_EXAMPLE,
                },
            )
        }


class Phone(Kind):
    def fields(self, q, *, answered):
        return {
            q.key: forms.CharField(
                required=q.required,
                max_length=30,
                widget=forms.TextInput(
                    attrs={
                        "type": "tel",
                        "autocomplete": q.autocomplete or "tel",
                        "class": "govuk-input--width-20",
                    }
                ),
                error_messages={
                    "required": f"Enter {q.error_subject or 'a telephone number'}",
                    "max_length": PHONE_EXAMPLE,
                },
            )
        }

    def clean(self, q, form):
        raw = form.cleaned_data.get(q.key)
        if not raw:
            return
        try:
            number = phonenumbers.parse(raw, "GB")
        except phonenumbers.NumberParseException:
            number = None
        # Possible, not 'valid': Ofcom's drama numbers (like the examples) must be accepted.
        possible = phonenumbers.ValidationResult.IS_POSSIBLE
        if number is None or phonenumbers.is_possible_number_with_reason(number) != possible:
            form.add_error(q.key, PHONE_EXAMPLE)
            return
        form.cleaned_data[q.key] = phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.E164
        )

    def display(self, q, value):
        number = phonenumbers.parse(value, "GB")
        style = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if number.country_code == 44
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        return phonenumbers.format_number(number, style)

    def initial(self, q, value):
        return {q.key: self.display(q, value)} if value else {}


ADDRESS_PARTS = ("line1", "line2", "town", "postcode")


class Address(Kind):
    """The GOV.UK address pattern: two lines, town, postcode; or one chosen by postcode."""

    def fields(self, q, *, answered):
        def part(label, required_message, autocomplete, width="", required=True, limit=100):
            return forms.CharField(
                label=label,
                required=required and q.required,
                max_length=limit,
                widget=forms.TextInput(
                    attrs={"autocomplete": autocomplete, **({"class": width} if width else {})}
                ),
                error_messages={
                    "required": required_message,
                    "max_length": f"{label} must be {limit} characters or less",
                },
            )

        return {
            f"{q.key}__line1": part(
                "Address line 1",
                "Enter address line 1, typically the building and street",
                "address-line1",
            ),
            f"{q.key}__line2": part(
                "Address line 2 (optional)", "", "address-line2", required=False
            ),
            f"{q.key}__town": part(
                "Town or city", "Enter town or city", "address-level2", "govuk-!-width-two-thirds"
            ),
            f"{q.key}__postcode": part(
                "Postcode", "Enter postcode", "postal-code", "govuk-input--width-10", limit=10
            ),
        }

    def initial(self, q, value):
        if not value:
            return {}
        return {f"{q.key}__{part}": value.get(part, "") for part in ADDRESS_PARTS}

    def clean(self, q, form):
        name = f"{q.key}__postcode"
        raw = form.cleaned_data.get(name)
        if raw:
            postcode = postcode_normalise(raw)
            if postcode is None:
                form.add_error(name, "Enter a full UK postcode")
            else:
                form.cleaned_data[name] = postcode

    def answer(self, q, cleaned, *, previous):
        if not cleaned.get(f"{q.key}__line1"):
            return ""
        value = {part: cleaned.get(f"{q.key}__{part}", "") for part in ADDRESS_PARTS}
        # A UPRN chosen from the gazetteer stays only while the address is unchanged.
        if isinstance(previous, dict) and previous.get("uprn"):
            if all(previous.get(part, "") == value[part] for part in ADDRESS_PARTS):
                value["uprn"] = previous["uprn"]
        return value

    def display(self, q, value):
        return "\n".join(value.get(part, "") for part in ADDRESS_PARTS if value.get(part))


class SelectOne(Kind):
    def fields(self, q, *, answered):
        message = f"Select {q.error_subject or 'an option'}"
        return {
            q.key: forms.ChoiceField(
                required=q.required,
                choices=[(o.value, o.label) for o in q.options],
                widget=_Radios(),
                error_messages={"required": message, "invalid_choice": message},
            )
        }

    def display(self, q, value):
        return {o.value: o.label for o in q.options}.get(value, value)


class SelectMany(Kind):
    def fields(self, q, *, answered):
        message = f"Select {q.error_subject or 'at least one option'}"
        return {
            q.key: forms.MultipleChoiceField(
                required=q.required,
                choices=[(o.value, o.label) for o in q.options],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": message, "invalid_choice": message},
            )
        }

    def answer(self, q, cleaned, *, previous):
        return list(cleaned.get(q.key) or [])

    def display(self, q, value):
        labels = {o.value: o.label for o in q.options}
        return "\n".join(labels.get(item, item) for item in value)


class YesNo(Kind):
    def fields(self, q, *, answered):
        message = f"Select yes if {q.error_subject}" if q.error_subject else "Select yes or no"
        return {
            q.key: forms.ChoiceField(
                required=q.required,
                choices=[("yes", "Yes"), ("no", "No")],
                widget=_Radios(inline=True),
                error_messages={"required": message, "invalid_choice": message},
            )
        }

    def display(self, q, value):
        return {"yes": "Yes", "no": "No"}.get(value, value)


class File(Kind):
    """One photo or PDF, checked by its content (not its name), kept with the draft."""

    def fields(self, q, *, answered):
        kinds = [FILE_KINDS[kind] for kind in q.file_kinds]
        return {
            q.key: forms.FileField(
                required=q.required and not answered,
                widget=forms.ClearableFileInput(attrs={"accept": ",".join(
                    sorted({MIME[kind] for kind in q.file_kinds}))}),
                error_messages={
                    "required": f"Select {q.error_subject or 'a file'}",
                    "empty": "The selected file is empty",
                    "invalid": f"The selected file must be a {_or(kinds)}",
                },
            )
        }  # fmt: skip

    def initial(self, q, value):
        return {}

    def clean(self, q, form):
        upload = form.cleaned_data.get(q.key)
        if not upload:
            return
        kinds = [FILE_KINDS[kind] for kind in q.file_kinds]
        if upload.size > q.max_size_mb * 1024 * 1024:
            form.add_error(q.key, f"The selected file must be smaller than {q.max_size_mb}MB")
            return
        head = upload.read(262)
        upload.seek(0)
        found = filetype.guess(head)
        allowed = {MIME[kind] for kind in q.file_kinds}
        if found is None or found.mime not in allowed:
            form.add_error(q.key, f"The selected file must be a {_or(kinds)}")
            return
        upload.content_type = found.mime

    def answer(self, q, cleaned, *, previous):
        # The view stores a new file through services.upload_store; until then keep the old.
        return previous if previous else ""

    def display(self, q, value):
        return value.get("name", "") if value else ""


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


class Location(Kind):
    """Where something is: words (a postcode, a street, a landmark), and a point on the map
    where JavaScript can show one. The map only adds to the words, never replaces the
    way to answer without it."""

    def fields(self, q, *, answered):
        coordinate = {"required": False, "widget": forms.HiddenInput}
        return {
            q.key: forms.CharField(
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": "Where it is must be 500 characters or less"},
            ),
            f"{q.key}__lat": forms.CharField(**coordinate),
            f"{q.key}__lng": forms.CharField(**coordinate),
        }

    def initial(self, q, value):
        if not value:
            return {}
        return {
            q.key: value.get("description", ""),
            f"{q.key}__lat": value.get("lat", ""),
            f"{q.key}__lng": value.get("lng", ""),
        }

    def clean(self, q, form):
        data = form.cleaned_data
        lat, lng = data.get(f"{q.key}__lat") or "", data.get(f"{q.key}__lng") or ""
        point = None
        if lat or lng:
            try:
                point = (float(lat), float(lng))
            except ValueError:
                point = None
            inside = point and all(
                low <= value <= high
                for value, (low, high) in zip(
                    point, (UK_BOUNDS["lat"], UK_BOUNDS["lng"]), strict=True
                )
            )
            if not inside:
                form.add_error(q.key, "The point on the map must be in the UK: choose it again")
                return
        if q.required and not data.get(q.key) and point is None:
            form.add_error(q.key, f"Enter {q.error_subject or 'where it is'}")
            return
        data[f"{q.key}__point"] = point

    def answer(self, q, cleaned, *, previous):
        description = cleaned.get(q.key) or ""
        point = cleaned.get(f"{q.key}__point")
        if not description and not point:
            return ""
        value = {"description": description}
        postcode = _postcode_in(description)
        if postcode:
            value["postcode"] = postcode
        if point:
            value["lat"], value["lng"] = round(point[0], 6), round(point[1], 6)
        return value

    def display(self, q, value):
        lines = [value.get("description", "")]
        if "lat" in value:
            lines.append(f"Map point: {value['lat']:.5f}, {value['lng']:.5f}")
        return "\n".join(line for line in lines if line)


def _postcode_in(text: str) -> str | None:
    found = re.search(r"\b[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}\b", text)
    return postcode_normalise(found.group(0)) if found else None


class Declaration(Kind):
    def fields(self, q, *, answered):
        return {
            q.key: forms.BooleanField(
                required=True,
                label=q.label,
                error_messages={
                    "required": _sentence(q.error_subject or "confirm the declaration to continue")
                },
            )
        }

    def initial(self, q, value):
        return {q.key: value == "confirmed"}

    def answer(self, q, cleaned, *, previous):
        return "confirmed" if cleaned.get(q.key) else ""

    def display(self, q, value):
        return "Confirmed" if value == "confirmed" else ""


KINDS: dict[str, Kind] = {
    "short_text": ShortText(),
    "long_text": LongText(),
    "number": Number(),
    "date": Date(),
    "email": Email(),
    "phone": Phone(),
    "address": Address(),
    "select_one": SelectOne(),
    "select_many": SelectMany(),
    "yes_no": YesNo(),
    "file": File(),
    "location": Location(),
    "declaration": Declaration(),
}


class PageForm(forms.Form):
    """The form for one page of a journey, built from its questions."""

    def __init__(self, *, page: Page, answers: dict, data=None, files=None):
        super().__init__(data=data, files=files)
        self.page = page
        self.previous = answers
        # One question alone on a page is the page's heading (its h1), unless the page has
        # a heading or text of its own.
        self.question_is_heading = len(page.questions) == 1 and not (page.title or page.body)
        self.heading_in_label = self.question_is_heading and page.questions[0].type not in {
            "address",
            "declaration",
        }
        self.groups: list[tuple[Question, list[str]]] = []
        for q in page.questions:
            kind = KINDS[q.type]
            made = kind.fields(q, answered=answers.get(q.key))
            for name, field in made.items():
                field.page_heading = False
                if name == q.key:
                    field.label = q.label
                    field.help_text = self._hint(q, answers.get(q.key))
                    field.page_heading = self.heading_in_label
                self.fields[name] = field
            self.initial.update(kind.initial(q, answers.get(q.key)))
            self.groups.append((q, list(made)))

    @staticmethod
    def _hint(q: Question, answered) -> str:
        if q.type == "file":
            kinds = _or([FILE_KINDS[kind] for kind in q.file_kinds])
            limit = f"The file must be a {kinds} and smaller than {q.max_size_mb}MB."
            if answered:
                limit += f" You have added {answered['name']}: choose another file to replace it."
            return f"{q.hint} {limit}".strip()
        return q.hint

    def bound_groups(self):
        """Each question with its bound fields, in page order, for the template."""
        return [
            (q, [self[name] for name in names if not self.fields[name].widget.is_hidden],
             [self[name] for name in names if self.fields[name].widget.is_hidden])
            for q, names in self.groups
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        for q in self.page.questions:
            KINDS[q.type].clean(q, self)
        return cleaned

    def answers(self) -> dict:
        """The page's answers as JSON, once the form is valid."""
        return {
            q.key: KINDS[q.type].answer(q, self.cleaned_data, previous=self.previous.get(q.key))
            for q in self.page.questions
        }

    def new_files(self) -> dict:
        """Files chosen on this page, by question key, to keep with the draft."""
        return {
            q.key: self.cleaned_data[q.key]
            for q in self.page.questions
            if q.type == "file" and self.cleaned_data.get(q.key)
        }


def answer_display(q: Question, value) -> str:
    """An answer as the resident (or a case officer) reads it."""
    if value in (None, "", []):
        return "Not answered"
    return KINDS[q.type].display(q, value)
