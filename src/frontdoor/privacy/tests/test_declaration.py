"""The record of processing covers every model: a new table of personal data cannot slip in
without a declared purpose and retention."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models

from frontdoor.privacy import declaration
from frontdoor.privacy.steps import STEPS

# Field names that, on any model, mean "this is about a person".
PERSONAL_NAMES = {
    "email",
    "phone",
    "postcode",
    "address",
    "uprn",
    "first_name",
    "last_name",
    "username",
    "ip_address",
    "user_agent",
    "session_data",
    "to",
    "answers",
    "personalisation",
    "comment",
    "resume_email",
    "actor_label",
    "args_kwargs",
}


def _looks_personal(model) -> list[str]:
    found = []
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # a reverse relation: the other model holds the link
        name = field.name
        if field.is_relation:
            if field.related_model is not None and (
                field.related_model._meta.label == settings.AUTH_USER_MODEL
            ):
                found.append(name)
            continue
        if name in PERSONAL_NAMES or any(part in name for part in ("email", "phone", "postcode")):
            found.append(name)
        elif isinstance(field, models.FileField):
            found.append(name)
    return found


def test_every_model_is_declared_as_personal_data_or_as_holding_none():
    undeclared = [
        model._meta.label
        for model in apps.get_models()
        if declaration.record_for(model._meta.label) is None
        and model._meta.label not in declaration.NO_PERSONAL_DATA
        and model._meta.label not in declaration.PLACE_DATA
    ]
    assert not undeclared, (
        "Declare these in privacy/declaration.py (a Record with purpose and retention, or "
        f"NO_PERSONAL_DATA with the reason): {undeclared}"
    )


def test_no_model_that_holds_personal_data_is_waved_through_as_holding_none():
    wrong = {
        label: _looks_personal(apps.get_model(label))
        for label in declaration.NO_PERSONAL_DATA
        if _looks_personal(apps.get_model(label))
    }
    assert not wrong, f"these hold personal data, so need a Record: {wrong}"


def test_place_data_holds_places_only_never_a_link_to_a_person():
    place_fields = {"postcode", "address", "uprn"}
    wrong = {
        label: set(_looks_personal(apps.get_model(label))) - place_fields
        for label in declaration.PLACE_DATA
    }
    assert not any(wrong.values()), f"these name people, so need a Record: {wrong}"


def test_every_declared_model_exists_and_appears_once():
    labels = [label for record in declaration.RECORDS for label in record.models]
    labels += list(declaration.NO_PERSONAL_DATA) + list(declaration.PLACE_DATA)
    assert len(labels) == len(set(labels))
    for label in labels:
        apps.get_model(label)  # raises LookupError for a model that is gone


def test_every_record_has_purpose_basis_retention_and_an_end_that_something_carries_out():
    for record in declaration.RECORDS:
        assert record.purpose and record.lawful_basis and record.personal_data, record.code
        assert record.retention_months >= 1 and record.retention_from, record.code
        assert record.end in declaration.ENDS, record.code
        assert (record.step in STEPS) if record.step else record.disposed_by, record.code
