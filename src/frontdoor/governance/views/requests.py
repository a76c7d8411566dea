"""Change requests and the prioritisation matrix: anyone on staff reads and asks, the
board scores, decides and publishes weights."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from frontdoor.core.access import staff_view
from frontdoor.governance import forms, queries, services
from frontdoor.governance.models import Decision, Timeframe
from frontdoor.governance.views.common import BOARD, attempt, form_page, is_board

_DECIDED = {
    Decision.Outcome.ACCEPTED: "accepted and added to the roadmap",
    Decision.Outcome.DEFERRED: "deferred",
    Decision.Outcome.REJECTED: "rejected",
}


@staff_view()
def change_requests(request):
    return render(
        request,
        "governance/change_requests.html",
        {
            "matrix": queries.matrix_current(),
            "ranking": queries.ranking(),
            "decided": queries.change_requests_decided(),
            "formula": queries.FORMULA,
        },
    )


@staff_view(action="submit a change request")
def change_request_new(request):
    form = forms.ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = attempt(
            form,
            lambda: services.change_request_submit(
                actor=request.user,
                title=data["title"],
                problem=data["problem"],
                users_affected=data["users_affected"],
                expected_benefits=data["expected_benefits"],
                cost_band=data["cost_band"],
                urgency=data["urgency"],
                dependencies=data["dependencies"],
                theme=data["theme"],
                idempotency_key=data["idempotency_key"],
            ),
        )
        if result:
            change_request, _ = result
            messages.success(
                request,
                f"Change request {change_request.reference} submitted. The digital board "
                "will score it against the published matrix.",
            )
            return redirect("governance:change-request", reference_id=change_request.pk)
    return form_page(request, "governance/change_request_new.html", {}, form)


@staff_view()
def change_request(request, reference_id):
    chosen = queries.change_request_get(reference_id=reference_id)
    matrix = queries.matrix_current()
    return render(
        request,
        "governance/change_request.html",
        {
            "change_request": chosen,
            "matrix": matrix,
            "ranked": queries.ranked_one(change_request=chosen, matrix=matrix),
            "scores": chosen.scores.select_related("criterion", "scorer"),
            "decisions": chosen.decisions.select_related("decided_by", "matrix_version"),
            "changes": queries.history(subject="change request", subject_id=chosen.pk),
            "is_board": is_board(request),
            "formula": queries.FORMULA,
        },
    )


@staff_view(BOARD, action="score change requests")
def change_request_score(request, reference_id):
    chosen = queries.change_request_get(reference_id=reference_id)
    matrix = queries.matrix_current()
    mine = {s.criterion.code: s.value for s in chosen.scores.filter(scorer=request.user)}
    form = forms.ScoreForm(request.POST or None, matrix=matrix, initial=mine)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.change_request_score(
                actor=request.user, change_request=chosen, scores=dict(form.cleaned_data)
            ),
        )
        if done:
            messages.success(request, f"Your scores for {chosen.reference} are saved")
            return redirect("governance:change-requests")
    return form_page(
        request,
        "governance/change_request_score.html",
        {"change_request": chosen, "matrix": matrix},
        form,
    )


@staff_view(BOARD, action="decide change requests")
def change_request_decide(request, reference_id):
    chosen = queries.change_request_get(reference_id=reference_id)
    form = forms.DecisionForm(
        request.POST or None, initial={"theme": chosen.theme_id, "timeframe": Timeframe.NEXT}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = attempt(
            form,
            lambda: services.change_request_decide(
                actor=request.user,
                change_request=chosen,
                outcome=data["outcome"],
                reason=data["reason"],
                theme=data["theme"],
                timeframe=data["timeframe"],
                level=data["level"],
                lead=data["lead"],
            ),
        )
        if decision:
            messages.success(request, f"{chosen.reference} {_DECIDED[decision.outcome]}")
            if decision.outcome == Decision.Outcome.ACCEPTED:
                return redirect(
                    "governance:roadmap-item", item_id=decision.change_request.roadmap_item_id
                )
            return redirect("governance:change-request", reference_id=chosen.pk)
    return form_page(
        request,
        "governance/change_request_decide.html",
        {"change_request": chosen, "ranked": queries.ranked_one(change_request=chosen)},
        form,
    )


@staff_view()
def matrix(request):
    return render(
        request,
        "governance/matrix.html",
        {
            "matrix": queries.matrix_current(),
            "versions": queries.matrix_versions(),
            "formula": queries.FORMULA,
            "is_board": is_board(request),
        },
    )


@staff_view(BOARD, action="publish the prioritisation matrix")
def matrix_edit(request):
    current = queries.matrix_current()
    form = forms.MatrixForm(request.POST or None, matrix=current)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        version = attempt(
            form,
            lambda: services.matrix_publish(actor=request.user, weights=data, note=note),
        )
        if version:
            messages.success(request, f"Matrix version {version.number} published")
            return redirect("governance:matrix")
    return form_page(request, "governance/matrix_edit.html", {"matrix": current}, form)
