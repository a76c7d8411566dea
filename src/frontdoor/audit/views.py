"""The data officer's search of the audit log."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from frontdoor.accounts import roles
from frontdoor.audit import queries
from frontdoor.audit.forms import AuditSearchForm
from frontdoor.core.access import staff_view

PAGE_SIZE = 50


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


@staff_view(roles.DATA_OFFICER, action="search the audit log")
def search(request):
    form = AuditSearchForm(request.GET or None, actions=queries.audit_actions())
    events = queries.audit_search()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        events = queries.audit_search(
            actor=data["actor"],
            action=data["action"],
            subject_id=data["subject_id"].strip(),
            since=_start_of(data["since"]) if data["since"] else None,
            until=_start_of(data["until"] + datetime.timedelta(days=1)) if data["until"] else None,
        )
    elif form.is_bound:
        events = events.none()
    page = Paginator(events.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/search.html", {"form": form, "page_obj": page})
