"""Files residents sent with a form, opened by the staff who handle their case."""

from __future__ import annotations

from django.db import transaction

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.journeys.models import Upload
from frontdoor.journeys.services import other_apps

FILE_READERS = (roles.CASE_OFFICER, roles.AGENT, roles.SERVICE_MANAGER)


@transaction.atomic
def sent_file_open(*, user, key) -> Upload | None:
    """A sent file for a member of staff whose role needs it, recorded in the audit log.

    Strategy: "sensitive data is digitally protected".
    """
    accounts.role_check(user=user, roles=FILE_READERS, action="open a file a resident sent")
    upload = (
        Upload.objects.select_related("submission")
        .filter(key=key, submission__isnull=False)
        .first()
    )
    if upload is not None:
        other_apps.file_opened(user=user, upload=upload)
    return upload
