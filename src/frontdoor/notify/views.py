"""The outbox staff read: every message to a resident, with what became of it."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from frontdoor.accounts import roles
from frontdoor.core.access import staff_view
from frontdoor.notify import queries

READERS = (roles.AGENT, roles.CASE_OFFICER, roles.SERVICE_MANAGER, roles.ADMINISTRATOR)


@staff_view(*READERS, action="read messages to residents")
def outbox(request):
    status = request.GET.get("status", "")
    if status not in dict(queries.statuses()):
        status = ""
    search = request.GET.get("q", "").strip()
    page = Paginator(queries.outbox(status=status, search=search), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notify/outbox.html",
        {"page_obj": page, "statuses": queries.statuses(), "status": status, "q": search},
    )


@staff_view(*READERS, action="read messages to residents")
def message(request, reference):
    found = queries.message_get(reference=reference)
    if found is None:
        raise Http404("No such message")
    return render(request, "notify/message.html", {"message": found})
