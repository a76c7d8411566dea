"""The GOV.UK "find an address" steps for an address question: postcode, then choose the
address from the gazetteer (kept with its UPRN), or enter it by hand at any point."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render

from frontdoor.journeys.definition import journey_path, page_after
from frontdoor.journeys.questions import postcode_normalise
from frontdoor.journeys.services import other_apps


class FindForm(forms.Form):
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
        error_messages={"required": "Enter a postcode", "max_length": "Enter a full UK postcode"},
    )

    def clean_postcode(self):
        postcode = postcode_normalise(self.cleaned_data["postcode"])
        if not postcode:
            raise forms.ValidationError("Enter a full UK postcode")
        return postcode


class ChooseForm(forms.Form):
    postcode = forms.CharField(widget=forms.HiddenInput)
    uprn = forms.ChoiceField(label="Select an address", error_messages={
        "required": "Select an address", "invalid_choice": "Select an address"})  # fmt: skip

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        found = len(choices)
        self.fields["uprn"].choices = [
            ("", f"{found} address{'es' if found != 1 else ''} found"),
            *((str(choice["uprn"]), choice["label"]) for choice in choices),
        ]


def address_steps(request, journey, page, question, *, save, context):
    """The response for the postcode steps, or None when the manual form should show."""
    if request.GET.get("manual") == "1" or not other_apps.address_lookup_available():
        return None
    manual_url = request.path + "?manual=1" + ("&change=1" if request.GET.get("change") else "")
    context.update(question=question, manual_url=manual_url)
    action = request.POST.get("action") if request.method == "POST" else ""
    if action == "choose":
        postcode = postcode_normalise(request.POST.get("postcode", "")) or ""
        choices = other_apps.addresses_find(postcode=postcode) or []
        form = ChooseForm(request.POST, choices=choices)
        if form.is_valid():
            chosen = next(c for c in choices if str(c["uprn"]) == form.cleaned_data["uprn"])
            answers = save({question.key: chosen["address"]}, {})
            following = page_after(journey.definition, page.key, answers)
            if request.GET.get("change") == "1":
                _, following = journey_path(journey.definition, answers)
            return redirect(journey.url(following))
        return _choose(request, context, form, postcode)
    find = FindForm(request.POST if action == "find" else None)
    if action == "find" and find.is_valid():
        postcode = find.cleaned_data["postcode"]
        choices = other_apps.addresses_find(postcode=postcode) or []
        if choices:
            form = ChooseForm(initial={"postcode": postcode}, choices=choices)
            return _choose(request, context, form, postcode)
        find.add_error(
            "postcode", f"We could not find an address for {postcode}: check the postcode, "
            "or enter the address manually"
        )  # fmt: skip
    find.fields["postcode"].page_heading = False
    return render(request, "journeys/address_find.html", {**context, "form": find})


def _choose(request, context, form, postcode: str):
    form.fields["uprn"].page_heading = False
    return render(
        request, "journeys/address_choose.html", {**context, "form": form, "postcode": postcode}
    )
