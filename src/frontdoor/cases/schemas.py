"""The shapes of the cases API: one input and one output schema per endpoint."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema


class ContactIn(Schema):
    name: str = ""
    email: str = ""
    phone: str = ""
    postcode: str = ""
    preference: str = Field("", description="email, sms or none; empty chooses for you")


class LocationIn(Schema):
    uprn: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""
    postcode: str = ""
    ward: str = ""


class CaseIn(Schema):
    case_type: str = Field(..., description="The case type's code, e.g. missed-bin")
    channel: str = Field(..., description="web, phone, face_to_face, email, partner or sensor")
    description: str = ""
    answers: dict = Field(default_factory=dict)
    priority: str = ""
    contact: ContactIn = Field(default_factory=ContactIn)
    location: LocationIn | None = None


class EventOut(Schema):
    at: datetime.datetime
    kind: str
    label: str
    text: str
    public: bool


class CaseOut(Schema):
    reference: str
    case_type: str
    channel: str
    status: str
    status_label: str
    closed: bool
    priority: str
    version: int
    received_at: datetime.datetime
    sla_due_at: datetime.datetime
    team: str | None
    assignee: str | None
    chasing_contacts: int
    timeline: list[EventOut]


class TransitionIn(Schema):
    transition: str
    expected_version: int
    public_text: str = ""
    closure_reason: str = ""
    note: str = ""


class ContactLogIn(Schema):
    channel: str
    summary: str = ""


class TextIn(Schema):
    text: str


class ContactOut(Schema):
    reference: str
    channel: str
    kind: str
    chasing_contacts: int


class ErrorOut(Schema):
    code: str
    message: str
    field: str = ""
