"""The questions with several parts: a UK address, a file, and a location (words plus
an optional point on a map)."""

from __future__ import annotations

import filetype
from django import forms

from frontdoor.journeys.definition import FILE_KINDS
from frontdoor.journeys.questions.base import Kind, or_list
from frontdoor.places.queries import postcode_in, postcode_normalise

# A point on the map must be in the United Kingdom (with a margin for the coast).
UK_BOUNDS = {"lat": (49.8, 60.95), "lng": (-8.7, 1.8)}
MIME = {"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


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
            if not postcode:
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
                    "invalid": f"The selected file must be a {or_list(kinds)}",
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
            form.add_error(q.key, f"The selected file must be a {or_list(kinds)}")
            return
        upload.content_type = found.mime

    def answer(self, q, cleaned, *, previous):
        # The view stores a new file through services.upload_store; until then keep the old.
        return previous if previous else ""

    def display(self, q, value):
        return value.get("name", "") if value else ""


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
        postcode = postcode_in(description)
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
