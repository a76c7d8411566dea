"""What journeys asks of other capabilities, one function each: case types, a case for a
submission and whether it is closed (cases); emails and message templates (notify);
addresses for a postcode (places). Nothing else in journeys reaches outside it, so each
seam can be read, tested and changed in one place."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from frontdoor.audit import services as audit
from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases
from frontdoor.notify import queries as notify_queries
from frontdoor.notify import services as notify
from frontdoor.places import queries as places

# Our channels in the cases app's words.
CASE_CHANNELS = {
    "online": "web",
    "phone": "phone",
    "face_to_face": "face_to_face",
    "email": "email",
}
RESUME_TEMPLATE = "journeys-resume"
_RESUME_WORDING = (
    "Continue your form: ((form))",
    "You saved your answers to “((form))”.\n\nContinue where you left off: ((link))\n\n"
    "The link works until ((expires)). After that your answers are deleted. Anyone with the "
    "link can see your answers, so do not share it.",
)


class CaseRefused(ValueError):
    """The cases app would not open the case; `message` says why, fit to show."""


def case_types() -> list[tuple[str, str]]:
    """The case types a form may become, as (code, name)."""
    return [(kind.code, kind.name) for kind in cases_queries.case_types()]


def _first(definition, answers: dict, kind: str):
    return next(
        (answers[q.key] for q in definition.questions() if q.type == kind and answers.get(q.key)),
        None,
    )


def _where(definition, answers: dict):
    address, location = (
        _first(definition, answers, "address"),
        _first(definition, answers, "location"),
    )
    uprn, text, postcode, lat, lng = "", "", "", None, None
    if address:
        uprn = str(address.get("uprn", ""))
        text = ", ".join(address[p] for p in ("line1", "line2", "town") if address.get(p))
        postcode = address.get("postcode", "")
    if location:
        text = location.get("description") or text
        postcode = location.get("postcode") or postcode
        lat, lng = location.get("lat"), location.get("lng")
    return cases.Location(uprn=uprn, latitude=lat, longitude=lng, address=text, postcode=postcode)


def _contact(definition, answers: dict, postcode: str):
    email = _first(definition, answers, "email") or ""
    phone = _first(definition, answers, "phone") or ""
    name = next(
        (answers[q.key] for q in definition.questions()
         if q.autocomplete == "name" and answers.get(q.key)),
        "",
    )  # fmt: skip
    if email:
        preference = "email"
    elif phone and notify.contact_is_valid(channel="sms", to=phone):
        preference = "sms"
    else:
        preference = "none"
    return cases.Contact(
        name=name, email=email, phone=phone, postcode=postcode, preference=preference
    )


def case_open(
    *, submission, definition, answers_shown: list[tuple[str, str]], resident=None
) -> str:
    """Open the case a submission becomes, with its first acknowledgement, in the caller's
    transaction; returns its reference. The draft's key makes a retry find the same case."""
    where = _where(definition, submission.answers)
    try:
        created = cases.case_create(
            case_type=definition.case_type,
            channel=CASE_CHANNELS[submission.channel],
            contact=_contact(definition, submission.answers, where.postcode),
            description=f"{definition.title}: sent online, form reference {submission.reference}",
            answers=dict(answers_shown),
            location=where,
            created_by=submission.assisted_by,
            resident=resident,
            idempotency_key=f"journeys:{submission.draft_key}",
            received_at=submission.submitted_at,
        )
    except cases.CaseError as error:
        raise CaseRefused(error.message) from None
    return created.case.reference


def case_is_closed(*, reference: str) -> bool:
    case = cases_queries.case_get(reference=reference)
    return bool(case and case.closed)


def file_url(*, key) -> str:
    """Where staff open a file a resident sent, for the answers on the case."""
    return settings.PUBLIC_URL + reverse("journeys:sent-file", args=[key])


def file_opened(*, user, upload) -> None:
    """Record in the audit log that a member of staff opened a resident's file."""
    audit.audit_record(
        actor=user,
        action="submission_file.viewed",
        subject_type="case",
        subject_id=upload.submission.case_reference or upload.submission.reference,
        detail={"file": str(upload.key)},
    )


def email_send(*, to: str, form: str, link: str, expires: str, draft_key) -> None:
    """Queue the save-and-return email in the caller's transaction (notify's outbox)."""
    if notify_queries.template_get(code=RESUME_TEMPLATE, channel="email") is None:
        subject, body = _RESUME_WORDING
        notify.template_define(
            code=RESUME_TEMPLATE,
            channel="email",
            name="Continue a saved form",
            subject=subject,
            body=body,
        )
    notify.message_queue(
        template=RESUME_TEMPLATE,
        personalisation={"form": form, "link": link, "expires": expires},
        to_email=to,
        about_type="journeys-draft",
        about_id=str(draft_key),
    )


def closing_message_links(*, case_type: str) -> None:
    """Put a feedback link in the message residents get when a case of this type closes:
    the case type's own closing templates (`case-closed--<type>`, which the cases app uses
    in place of its general one), made from the general wording unless a council has
    already worded them itself."""
    link = settings.PUBLIC_URL + reverse("journeys:feedback-case", args=["REF"]).replace(
        "REF", "((reference))"
    )
    for channel, ask in (
        ("email", f"\n\nHow did we do? Tell us in 30 seconds: {link}"),
        ("sms", f" Rate us: {link}"),
    ):
        code = f"case-closed--{case_type}"
        general = notify_queries.template_get(code="case-closed", channel=channel)
        if general is None or notify_queries.template_get(code=code, channel=channel):
            continue
        notify.template_define(
            code=code,
            channel=channel,
            name=f"{general.name} (with a feedback link)",
            subject=general.subject,
            body=general.body + ask,
        )


def address_lookup_available() -> bool:
    """True when a gazetteer of addresses is there to search by postcode."""
    return places.gazetteer_has_addresses()


def addresses_find(*, postcode: str) -> list[dict]:
    """Addresses at a postcode from the gazetteer, each as {"uprn", "label", "address"},
    where "address" is the answer kept: line1, line2, town, postcode and uprn."""
    return [
        {
            "uprn": found.uprn,
            "label": found.label,
            "address": {
                "line1": found.line1,
                "line2": found.line2,
                "town": found.town,
                "postcode": found.postcode,
                "uprn": found.uprn,
            },  # fmt: skip
        }
        for found in places.addresses_for_postcode(postcode)
    ]
