"""The directory editors' pages: the freshness queue, suggested changes, adding and
editing services with their history, import with a validation report, and export.

Strategy: "SID is not up to date" (Southampton Digital Strategy 2024-30).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.core.access import staff_view
from frontdoor.directory import forms, queries
from frontdoor.directory import services as directory

EDITORS = directory.EDITORS
ACTION = "edit the directory"


@staff_view(*EDITORS, action=ACTION)
def queue(request):
    """Services past or near their review date, and residents' suggested changes."""
    due = queries.services_due_review()
    page = Paginator(due, 50).get_page(request.GET.get("page"))
    return render(request, "directory/staff/queue.html", {
        "page_obj": page, "today": timezone.localdate(),
        "suggestions": queries.suggestions_pending()[:50],
        "imports": queries.imports_recent(5),
    })  # fmt: skip


@staff_view(*EDITORS, action=ACTION)
def service_list(request):
    text = request.GET.get("q", "").strip()[:100]
    page = Paginator(queries.services_for_editor(text=text), 50).get_page(request.GET.get("page"))
    return render(request, "directory/staff/services.html", {"page_obj": page, "q": text})


def _service_form(request, svc=None):
    initial = None
    if svc is not None:
        initial = {name: getattr(svc, name) for name in directory.editing.EDITABLE}
        initial["organization"] = str(svc.organization_id or "")
        initial["categories"] = [str(a.taxonomy_term_id) for a in svc.service_attributes]
    return forms.ServiceForm(
        request.POST or None,
        initial=initial,
        organizations=queries.organizations(),
        terms=queries.taxonomy_terms(),
    )


@staff_view(*EDITORS, action=ACTION)
def service_edit(request, service_id=None):
    """Add a service, or change one; the history keeps who changed what, and when."""
    svc = None
    if service_id is not None:
        svc = queries.service_get(service_id=service_id, listed_only=False)
        if svc is None:
            raise Http404("There is no such service.")
    form = _service_form(request, svc)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["organization_id"] = data.pop("organization")
        terms = data.pop("categories")
        try:
            saved = directory.service_save(
                user=request.user, service_id=service_id, data=data, term_ids=terms
            )
        except directory.DirectoryError as error:
            form.add_error(error.field or None, error.message)
        else:
            messages.success(request, f"{saved.name} saved.")
            return redirect("directory_staff:history", service_id=saved.pk)
    return render(request, "directory/staff/edit.html", {"form": form, "service": svc})


@staff_view(*EDITORS, action=ACTION)
def history(request, service_id):
    svc = queries.service_get(service_id=service_id, listed_only=False)
    if svc is None:
        raise Http404("There is no such service.")
    return render(request, "directory/staff/history.html", {
        "service": svc, "history": queries.service_history(service_id=svc.pk)[:200],
        "suggestions": svc.suggestions.all()[:20],
    })  # fmt: skip


@require_POST
@staff_view(*EDITORS, action=ACTION)
def confirm(request, service_id):
    try:
        svc = directory.service_confirm(service_id=service_id, user=request.user)
    except directory.DirectoryError as error:
        raise Http404(error.message) from None
    messages.success(request, f"{svc.name} marked as checked today.")
    return redirect(request.POST.get("next") or "directory_staff:queue")


@require_POST
@staff_view(*EDITORS, action=ACTION)
def suggestion_decide(request, suggestion_id):
    accept = request.POST.get("decision") == "accept"
    try:
        suggestion = directory.suggestion_decide(
            user=request.user, suggestion_id=suggestion_id, accept=accept
        )
    except directory.DirectoryError as error:
        messages.error(request, error.message)
        return redirect("directory_staff:queue")
    messages.success(
        request,
        f"Suggestion {suggestion.case_reference} "
        + ("taken: the entry is marked as checked today." if accept else "declined."),
    )
    return redirect("directory_staff:queue")


@require_POST
@staff_view(*EDITORS, action=ACTION)
def reminders(request):
    run = directory.reminders_send()
    messages.success(
        request,
        f"{len(run.sent)} reminder{'s' if len(run.sent) != 1 else ''} queued"
        + (f"; {len(run.skipped_no_email)} with no email address" if run.skipped_no_email else ""),
    )
    return redirect("directory_staff:queue")


@staff_view(*EDITORS, action=ACTION)
def import_file(request):
    """Upload an HSDS feed or data package: applied whole, or a report of every problem."""
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = directory.directory_import_file(
                name=upload.name, content=upload.read(), user=request.user
            )
        except directory.ImportRefused as refused:
            problems = refused.problems
            plural = "s" if len(problems) != 1 else ""
            form.add_error(
                "file", f"The file has {len(problems)} problem{plural}; nothing was imported"
            )
        else:
            total = sum(run.counts.values())
            messages.success(request, f"Imported {upload.name}: {total} records.")
            return redirect("directory_staff:queue")
    return render(request, "directory/staff/import.html", {"form": form, "problems": problems})


@staff_view(*EDITORS, action=ACTION)
def export(request):
    response = HttpResponse(directory.directory_export(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="directory-hsds.zip"'
    return response
