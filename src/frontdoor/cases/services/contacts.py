"""Contacts about an existing case (chasing contacts), people following a case, and files.

Strategy: "a reduction in the number of contacts chasing progress on previous enquiries"
(Southampton Digital Strategy 2018-22): each chasing contact is counted, by channel.
"""

from __future__ import annotations

import datetime
import os

import filetype
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from frontdoor.audit import services as audit
from frontdoor.cases.models import (
    BY_EMAIL,
    BY_SMS,
    CHANNELS,
    NO_UPDATES,
    Case,
    CaseAttachment,
    CaseContact,
    CaseEvent,
    CaseSubscriber,
)
from frontdoor.cases.services.access import CONTACT_LOGGERS, WORKERS, case_for
from frontdoor.cases.services.errors import CaseError, CaseNotFound, FileRejected
from frontdoor.notify import services as notify

MAX_FILE_BYTES = 10 * 1024 * 1024
# What a file really is (read from its first bytes), not what its name or browser says.
ALLOWED_FILES = {
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "application/pdf": "PDF",
}


@transaction.atomic
def case_contact_log(
    *,
    user,
    reference: str,
    channel: str,
    summary: str = "",
    at: datetime.datetime | None = None,
) -> CaseContact:
    """Record that the resident contacted us again about this case: a chasing contact."""
    case = case_for(
        user=user,
        reference=reference,
        roles_needed=CONTACT_LOGGERS,
        action="log contacts",
        lock=True,
    )
    if channel not in dict(CHANNELS):
        raise CaseError(f"{channel!r} is not a channel.", field="channel")
    now = at or timezone.now()
    contact = CaseContact.objects.create(
        case=case,
        at=now,
        channel=channel,
        kind=CaseContact.CHASING,
        summary=summary.strip(),
        logged_by=user,
    )
    Case.objects.filter(pk=case.pk).update(chasing_contacts=F("chasing_contacts") + 1)
    CaseEvent.objects.create(
        case=case,
        at=now,
        kind=CaseEvent.CONTACT,
        actor=user,
        text=summary.strip(),
        data={"channel": channel, "chasing": True},
    )
    audit.audit_record(
        actor=user,
        action="case.contact_logged",
        subject_type="case",
        subject_id=case.reference,
        detail={"channel": channel},
        at=now,
    )
    return contact


@transaction.atomic
def case_subscriber_add(
    *,
    reference: str,
    name: str = "",
    email: str = "",
    phone: str = "",
    preference: str = "",
    source: str = "",
    added_by=None,
) -> CaseSubscriber:
    """Someone else follows the case and gets every public update from now on ("me too").

    Safe to call again for the same email or phone: they follow it once.
    """
    case = Case.objects.filter(reference=reference).first()
    if case is None:
        raise CaseNotFound(f"There is no case {reference}.")
    email = email.strip().lower()
    phone = notify.normalise_phone(phone)
    preference = preference or (BY_EMAIL if email else BY_SMS if phone else NO_UPDATES)
    if preference == BY_EMAIL and not notify.contact_is_valid(channel="email", to=email):
        raise CaseError(
            "Enter an email address in the correct format, like name@example.com", field="email"
        )
    if preference == BY_SMS and not notify.contact_is_valid(channel="sms", to=phone):
        raise CaseError("Enter a UK mobile number to get updates by text message", field="phone")
    if preference == NO_UPDATES:
        raise CaseError("Give an email address or mobile number to follow this case.")
    existing = CaseSubscriber.objects.filter(
        case=case, **({"email": email} if email else {"phone": phone})
    ).first()
    if existing is not None:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            subscriber = CaseSubscriber.objects.create(
                case=case,
                name=name.strip(),
                email=email,
                phone=phone,
                preference=preference,
                source=source,
                created_at=now,
            )
    except IntegrityError:
        return CaseSubscriber.objects.get(
            case=case, **({"email": email} if email else {"phone": phone})
        )
    CaseEvent.objects.create(
        case=case,
        at=now,
        kind=CaseEvent.SUBSCRIBER,
        actor=added_by,
        text=f"Someone else is following this case{f' ({source})' if source else ''}.",
        data={"source": source},
    )
    audit.audit_record(
        actor=added_by or audit.PUBLIC,
        action="case.follower_added",
        subject_type="case",
        subject_id=case.reference,
        detail={"source": source},
        at=now,
    )
    return subscriber


def file_check(upload) -> str:
    """The file's real type, or FileRejected with the GOV.UK message saying why."""
    if upload is None or not upload.size:
        raise FileRejected("The selected file is empty")
    if upload.size > MAX_FILE_BYTES:
        raise FileRejected(f"The selected file must be smaller than {MAX_FILE_BYTES // 2**20}MB")
    upload.seek(0)
    kind = filetype.guess(upload.read(261))
    upload.seek(0)
    if kind is None or kind.mime not in ALLOWED_FILES:
        raise FileRejected(
            "The selected file must be a "
            + ", ".join(ALLOWED_FILES.values()).replace(", PDF", " or PDF")
        )
    return kind.mime


@transaction.atomic
def case_attachment_add(*, user, reference: str, upload, public: bool = False) -> CaseAttachment:
    """Attach a file (JPG, PNG or PDF, at most 10MB) to a case.

    `user=None` is the resident themselves, through another app's form (an online form's
    upload question); staff must hold a working role and reach the case.
    """
    if user is None:
        case = Case.objects.filter(reference=reference).first()
        if case is None:
            raise CaseNotFound(f"There is no case {reference}.")
    else:
        case = case_for(
            user=user, reference=reference, roles_needed=WORKERS, action="add files", lock=False
        )
    mime = file_check(upload)
    name = os.path.basename(upload.name or "file")[:200]
    now = timezone.now()
    attachment = CaseAttachment(
        case=case,
        name=name,
        content_type=mime,
        size=upload.size,
        public=public,
        uploaded_at=now,
        uploaded_by=user,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    CaseEvent.objects.create(
        case=case,
        at=now,
        kind=CaseEvent.ATTACHMENT,
        actor=user,
        text=name,
        data={"attachment": attachment.pk, "size": upload.size},
    )
    audit.audit_record(
        actor=user or audit.PUBLIC,
        action="case.file_added",
        subject_type="case",
        subject_id=case.reference,
        detail={"name": name, "type": mime},
        at=now,
    )
    return attachment


@transaction.atomic
def case_attachment_open(*, user, reference: str, attachment_id: int) -> CaseAttachment:
    """A file on a case, for a member of staff who may see the case; the view is audited."""
    from frontdoor.cases.services.access import VIEWERS

    case = case_for(
        user=user, reference=reference, roles_needed=VIEWERS, action="see cases", lock=False
    )
    attachment = CaseAttachment.objects.filter(case=case, pk=attachment_id).first()
    if attachment is None:
        raise CaseNotFound("There is no such file on this case.")
    audit.audit_record(
        actor=user,
        action="case.file_viewed",
        subject_type="case",
        subject_id=case.reference,
        detail={"name": attachment.name},
    )
    return attachment
