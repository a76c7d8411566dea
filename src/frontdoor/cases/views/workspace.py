"""The staff workspace: team queues, the case page and the changes made from it.

Thin: each view parses a form, calls one service or query, and renders.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.cases import queries, services
from frontdoor.cases.forms import (
    AssignForm,
    AttachmentForm,
    BulkForm,
    NoteForm,
    PublicUpdateForm,
    QueueFilterForm,
    TransitionForm,
)
from frontdoor.cases.services.access import VIEWERS, WORKERS
from frontdoor.core.access import staff_view

PAGE_SIZE = 25
_STALE = (
    "This case was changed by someone else while you had it open. "
    "Check the latest version below, then make your change again."
)


@staff_view(*VIEWERS, action="see cases")
def queue(request):
    user = request.user
    form = QueueFilterForm(
        request.GET or None,
        teams=queries.team_choices(user=user),
        statuses=queries.status_choices(),
        case_types=queries.case_types(active_only=False),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cases = queries.case_queue(
        user=user,
        team=filters.get("team") or "",
        status=filters.get("status") or "",
        case_type=filters.get("case_type") or "",
        sla_filter=filters.get("sla") or "",
        assigned_to_me=bool(filters.get("mine")),
        include_closed=bool(filters.get("closed")),
        search=filters.get("q") or "",
        sort=filters.get("sort") or "due",
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    bulk = BulkForm(
        teams=queries.team_choices(user=user, every_team=True),
        transitions=queries.transition_choices(cases=shown),
        closure_reasons=queries.closure_choices(cases=shown),
    )
    return render(
        request,
        "cases/queue.html",
        {
            "form": form,
            "bulk_form": bulk,
            "page_obj": page,
            "rows": [(case, queries.current_state(case=case).label) for case in shown],
            "now": timezone.now(),
            "may_work": bool(set(WORKERS) & _roles(user)),
        },
    )


def _roles(user) -> set[str]:
    from frontdoor.accounts import queries as accounts_queries

    return set(accounts_queries.staff_roles(user=user))


def _forms(case, user, *, data=None, files=None, bound: str = ""):
    """The case page's forms; the one named `bound` carries the data just posted."""
    state_version = {"version": case.version}
    definition = queries.definition_of(case)

    def pick(name):
        return (data, files) if name == bound else (None, None)

    return {
        "transition": TransitionForm(
            pick("transition")[0],
            prefix="transition",
            initial=state_version,
            transitions=queries.allowed_transitions(case=case),
            closure_reasons=definition.closure_reasons,
        ),
        "assign": AssignForm(
            pick("assign")[0],
            prefix="assign",
            initial={
                **state_version,
                "team": case.team.code if case.team else "",
                "assignee": case.assignee.username if case.assignee else "",
            },
            teams=queries.team_choices(user=user, every_team=True),
            people=queries.assignee_choices(case=case),
        ),
        "update": PublicUpdateForm(pick("update")[0], prefix="update"),
        "note": NoteForm(pick("note")[0], prefix="note"),
        "attachment": AttachmentForm(*pick("attachment"), prefix="attachment"),
    }


def _case_page(request, case, *, forms=None, failed: str = "", status: int = 200):
    user = request.user
    forms = forms or _forms(case, user)
    return render(
        request,
        "cases/case.html",
        {
            "case": case,
            "state": queries.current_state(case=case),
            "timeline": queries.case_timeline(case=case),
            "failed_messages": list(queries.case_failed_messages(case=case)),
            "attachments": list(case.attachments.all()),
            "subscribers": case.subscribers.count(),
            "forms": forms,
            # base.html titles a page "Error: ..." when `form` has errors.
            "form": forms[failed] if failed else None,
            "failed": failed,
            "breached": queries.sla_breached(case),
            "may_work": bool(set(WORKERS) & _roles(user)),
        },
        status=status,
    )


def _open(request, reference, purpose="viewed"):
    try:
        return services.case_access(user=request.user, reference=reference, purpose=purpose)
    except services.CaseNotFound:
        raise Http404("No such case") from None


@staff_view(*VIEWERS, action="see cases")
def case_detail(request, reference):
    return _case_page(request, _open(request, reference))


def _refused(request, reference, name, error: services.CaseError):
    """Show the case again with the refusal on the form that asked; nothing changed."""
    case = _open(request, reference, purpose="viewed")
    data = request.POST.copy()
    if f"{name}-version" in data:
        # Keep what they typed, against the latest version, so they can check and resend.
        data[f"{name}-version"] = str(case.version)
    forms = _forms(case, request.user, data=data, files=request.FILES, bound=name)
    form = forms[name]
    form.is_valid()
    target = error.field if error.field in form.fields else None
    if target:
        form.errors.pop(target, None)  # the refusal says more than "not a valid choice"
    form.add_error(target, error.message)
    status = 409 if isinstance(error, services.StaleCase) else 400
    return _case_page(request, case, forms=forms, failed=name, status=status)


def _invalid(request, case, name, forms):
    return _case_page(request, case, forms=forms, failed=name, status=400)


@require_POST
@staff_view(*WORKERS, action="work cases")
def transition(request, reference):
    case = _open(request, reference, purpose="viewed")
    forms = _forms(case, request.user, data=request.POST, bound="transition")
    form = forms["transition"]
    if not form.is_valid():
        posted = request.POST.get("transition-transition", "")
        if "transition" in form.errors and posted:
            # A step not allowed from here (the page was out of date): say why, precisely.
            if str(case.version) != request.POST.get("transition-version"):
                return _refused(request, reference, "transition", services.StaleCase(_STALE))
            refusal = queries.definition_of(case).refusal(case.status, posted)
            return _refused(request, reference, "transition", services.IllegalTransition(refusal))
        return _invalid(request, case, "transition", forms)
    data = form.cleaned_data
    try:
        services.case_transition(
            user=request.user,
            reference=case.reference,
            transition=data["transition"],
            expected_version=data["version"],
            public_text=data["public_text"],
            closure_reason=data.get("closure_reason", ""),
            note=data["note"],
        )
    except services.CaseError as error:
        return _refused(request, reference, "transition", error)
    messages.success(request, f"{case.reference} moved on.")
    return redirect("cases:case", reference=case.reference)


@require_POST
@staff_view(*WORKERS, action="assign cases")
def assign(request, reference):
    case = _open(request, reference, purpose="viewed")
    forms = _forms(case, request.user, data=request.POST, bound="assign")
    form = forms["assign"]
    if not form.is_valid():
        return _invalid(request, case, "assign", forms)
    try:
        services.case_assign(
            user=request.user,
            reference=case.reference,
            expected_version=form.cleaned_data["version"],
            team=form.cleaned_data["team"],
            assignee=form.cleaned_data["assignee"],
        )
    except services.CaseError as error:
        return _refused(request, reference, "assign", error)
    messages.success(request, f"{case.reference} assigned.")
    return redirect("cases:case", reference=case.reference)


@require_POST
@staff_view(*WORKERS, action="update residents")
def public_update(request, reference):
    case = _open(request, reference, purpose="viewed")
    forms = _forms(case, request.user, data=request.POST, bound="update")
    if not forms["update"].is_valid():
        return _invalid(request, case, "update", forms)
    try:
        services.case_update_public(
            user=request.user, reference=case.reference, text=forms["update"].cleaned_data["text"]
        )
    except services.CaseError as error:
        return _refused(request, reference, "update", error)
    messages.success(request, "Update sent to the resident.")
    return redirect("cases:case", reference=case.reference)


@require_POST
@staff_view(*WORKERS, action="add notes")
def note(request, reference):
    case = _open(request, reference, purpose="viewed")
    forms = _forms(case, request.user, data=request.POST, bound="note")
    if not forms["note"].is_valid():
        return _invalid(request, case, "note", forms)
    try:
        services.case_note_add(
            user=request.user, reference=case.reference, text=forms["note"].cleaned_data["text"]
        )
    except services.CaseError as error:
        return _refused(request, reference, "note", error)
    messages.success(request, "Note added.")
    return redirect("cases:case", reference=case.reference)


@require_POST
@staff_view(*WORKERS, action="add files")
def attachment_add(request, reference):
    case = _open(request, reference, purpose="viewed")
    forms = _forms(case, request.user, data=request.POST, files=request.FILES, bound="attachment")
    form = forms["attachment"]
    if not form.is_valid():
        return _invalid(request, case, "attachment", forms)
    try:
        services.case_attachment_add(
            user=request.user,
            reference=case.reference,
            upload=form.cleaned_data["file"],
            public=form.cleaned_data["public"],
        )
    except services.CaseError as error:
        return _refused(request, reference, "attachment", error)
    messages.success(request, "File added.")
    return redirect("cases:case", reference=case.reference)


@staff_view(*VIEWERS, action="see cases")
def attachment_download(request, reference, attachment_id):
    try:
        attachment = services.case_attachment_open(
            user=request.user, reference=reference, attachment_id=attachment_id
        )
    except services.CaseNotFound:
        raise Http404("No such file") from None
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@staff_view(*WORKERS, action="work cases")
def bulk(request):
    user = request.user
    selected = request.POST.getlist("cases")
    shown = [c for c in (queries.case_get(reference=v.partition(":")[0]) for v in selected) if c]
    form = BulkForm(
        request.POST,
        teams=queries.team_choices(user=user, every_team=True),
        transitions=queries.transition_choices(cases=shown),
        closure_reasons=queries.closure_choices(cases=shown),
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{errors[0]}" if field != "__all__" else errors[0])
        return redirect(request.POST.get("next") or "cases:queue")
    data = form.cleaned_data
    if data["action"] == "assign":
        result = services.case_bulk_assign(
            user=user,
            items=form.items(),
            team=data["team"] or None,
            assignee=data["assignee"] or None,
        )
    else:
        result = services.case_bulk_transition(
            user=user,
            items=form.items(),
            transition=data["transition"],
            closure_reason=data["closure_reason"],
        )
    if result.done:
        messages.success(request, f"Done for {len(result.done)}: {', '.join(result.done)}.")
    for reference, why in result.refused:
        messages.error(request, f"{reference} not changed: {why}")
    return redirect(_safe_next(request))


def _safe_next(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/staff/cases/"
