"""Files residents sent with a form, for the staff who handle their case."""

from __future__ import annotations

from django.http import FileResponse, Http404

from frontdoor.core.access import staff_view
from frontdoor.journeys import services


@staff_view()
def sent_file(request, key):
    upload = services.sent_file_open(user=request.user, key=key)
    if upload is None:
        raise Http404
    response = FileResponse(upload.file.open("rb"), content_type=upload.content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response
