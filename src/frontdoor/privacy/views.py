"""The data officer's privacy pages and the public privacy notice.

Strategy: "data is not kept for longer than it is needed"; UK GDPR access and erasure.
Views parse and render; every rule and role check is in services.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.accounts import roles
from frontdoor.cases import services as cases_services
from frontdoor.core.access import staff_view
from frontdoor.privacy import declaration, forms, queries, services

OFFICER = roles.DATA_OFFICER


def _attempt(form, call):
    """Run a service; its ValidationError lands on the form as GOV.UK errors."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form.add_error(None, error.messages)
        return None


def _page(request, template, context, form=None):
    status = 400 if form is not None and form.errors else 200
    return render(request, template, {**context, "form": form}, status=status)


def notice(request):
    """The privacy notice, generated from the record of processing."""
    return render(
        request,
        "privacy/notice.html",
        {"records": declaration.RECORDS, "ends": declaration.ENDS},
    )


@staff_view(OFFICER, action="handle retention and subject access")
def index(request):
    return render(
        request,
        "privacy/index.html",
        {
            "records": declaration.RECORDS,
            "ends": declaration.ENDS,
            "holds": queries.holds(active=True)[:5],
            "runs": queries.runs()[:5],
            "requests": queries.requests()[:5],
        },
    )


@staff_view(OFFICER, action="set retention periods")
def retention(request):
    form = forms.RetentionRuleForm(request.POST or None, case_types=queries.case_type_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rule = _attempt(
            form,
            lambda: services.retention_rule_set(
                actor=request.user,
                kind=data["kind"],
                case_type=data["case_type"],
                months=form.months(),
                note=data["note"],
            ),
        )
        if rule:
            messages.success(request, "Retention period saved. The next disposal run uses it.")
            return redirect("privacy:retention")
    return _page(request, "privacy/retention.html", {"table": queries.retention_table()}, form)


@require_POST
@staff_view(OFFICER, action="set retention periods")
def retention_remove(request, rule_id):
    services.retention_rule_remove(actor=request.user, rule_id=rule_id)
    messages.success(request, "Rule removed: the legal default applies again.")
    return redirect("privacy:retention")


@staff_view(OFFICER, action="place legal holds")
def holds(request):
    return render(
        request,
        "privacy/holds.html",
        {"active": queries.holds(active=True), "released": queries.holds(active=False)[:50]},
    )


@staff_view(OFFICER, action="place legal holds")
def hold_new(request):
    form = forms.LegalHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hold = _attempt(
            form, lambda: services.legal_hold_place(actor=request.user, **form.cleaned_data)
        )
        if hold:
            messages.success(request, f"Legal hold placed on {hold.target_type} {hold.target}.")
            return redirect("privacy:holds")
    return _page(request, "privacy/hold_new.html", {}, form)


@staff_view(OFFICER, action="release legal holds")
def hold_release(request, hold_id):
    hold = queries.hold_get(hold_id=hold_id)
    if hold is None or hold.released_at:
        raise Http404("There is no such hold in force")
    form = forms.HoldReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: services.legal_hold_release(
                actor=request.user, hold_id=hold.pk, reason=form.cleaned_data["reason"]
            ),
        )
        if done:
            messages.success(request, f"Legal hold on {hold.target} released.")
            return redirect("privacy:holds")
    return _page(request, "privacy/hold_release.html", {"hold": hold}, form)


@staff_view(OFFICER, action="run disposal")
def disposal(request):
    if request.method == "POST":
        run = services.disposal_dry_run_start(actor=request.user)
        messages.success(request, "Dry run started. Nothing is changed by a dry run.")
        return redirect("privacy:run", run_id=run.pk)
    return render(request, "privacy/disposal.html", {"runs": queries.runs()[:50]})


@staff_view(OFFICER, action="run disposal")
def run(request, run_id):
    found = queries.run_get(run_id=run_id)
    if found is None:
        raise Http404("There is no such disposal run")
    error = ""
    if request.method == "POST":
        try:
            real = services.disposal_start(actor=request.user, dry_run_id=found.pk)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, "Disposal started. The log below fills in batch by batch.")
            return redirect("privacy:run", run_id=real.pk)
    return render(
        request,
        "privacy/run.html",
        {
            "run": found,
            "steps": queries.run_steps(run=found),
            "log": queries.run_log(run=found),
            "real_run": found.real_runs.first() if found.dry_run else None,
            "error": error,
        },
        status=400 if error else 200,
    )


@staff_view(action="see a sensitive answer")
def sensitive(request, reference, key):
    """A sensitive answer, for staff who may see its case; every opening is audited."""
    try:
        question, answer = services.sensitive_answer_open(
            user=request.user, reference=reference, key=key
        )
    except (LookupError, cases_services.CaseError):
        raise Http404("There is no such answer, or not on a case you can see") from None
    response = render(
        request, "privacy/sensitive.html", {"question": question, "answer": answer,
                                            "reference": reference}
    )  # fmt: skip
    response["Cache-Control"] = "no-store"
    return response


@staff_view(OFFICER, action="handle subject access requests")
def requests(request):
    form = forms.SubjectRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = _attempt(
            form,
            lambda: services.subject_request_open(
                actor=request.user,
                kind=data["kind"],
                emails=form.split(data["emails"]),
                phones=form.split(data["phones"]),
                usernames=form.split(data["usernames"]),
                received_on=data["received_on"],
            ),
        )
        if made:
            return redirect("privacy:request", reference=made.reference)
    return _page(request, "privacy/requests.html", {"requests": queries.requests()[:50]}, form)


def _request_or_404(request, reference):
    found = services.subject_request_get(actor=request.user, reference=reference)
    if found is None:
        raise Http404("There is no such request")
    return found


@staff_view(OFFICER, action="handle subject access requests")
def subject_request(request, reference):
    found = _request_or_404(request, reference)
    bundle = services.subject_access_bundle(actor=request.user, reference=found.reference)
    return _page(
        request,
        "privacy/request.html",
        {"request_": found, "bundle": bundle},
        forms.EraseForm() if found.kind == found.ERASURE else None,
    )


@staff_view(OFFICER, action="handle subject access requests")
def bundle_download(request, reference, fmt):
    found = _request_or_404(request, reference)
    bundle = services.subject_access_bundle(
        actor=request.user, reference=found.reference, purpose=f"exported_{fmt}"
    )
    if fmt == "pdf":
        response = HttpResponse(services.bundle_pdf(bundle), content_type="application/pdf")
    else:
        response = HttpResponse(
            json.dumps(bundle, indent=2, ensure_ascii=False), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{found.reference}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_view(OFFICER, action="erase a person's data")
def erase(request, reference):
    found = _request_or_404(request, reference)
    form = forms.EraseForm(request.POST)
    if form.is_valid():
        done = _attempt(
            form,
            lambda: services.person_erase(
                actor=request.user, reference=found.reference, reason=form.cleaned_data["reason"]
            ),
        )
        if done:
            messages.success(request, "Erased where the law allows. The decision is recorded.")
            return redirect("privacy:request", reference=found.reference)
    bundle = services.subject_access_bundle(actor=request.user, reference=found.reference)
    return _page(request, "privacy/request.html", {"request_": found, "bundle": bundle}, form)
