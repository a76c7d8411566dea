"""Governance pages for staff: thin, each parses, calls one service or query, renders.

Any member of staff reads everything here (the matrix, scores and ranking are open to
all, so "not just for those 'for shout the loudest'"); board members change things.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from frontdoor.accounts import queries as accounts
from frontdoor.accounts import roles
from frontdoor.core.access import staff_view
from frontdoor.governance import forms, pdf, queries, services
from frontdoor.governance.models import Decision, Status, Timeframe

BOARD = roles.BOARD_MEMBER
_DECIDED = {
    Decision.Outcome.ACCEPTED: "accepted and added to the roadmap",
    Decision.Outcome.DEFERRED: "deferred",
    Decision.Outcome.REJECTED: "rejected",
}


def _is_board(request) -> bool:
    return accounts.has_role(user=request.user, roles=(BOARD,))


def _attempt(form, call):
    """Run a service; its ValidationError lands on the form as GOV.UK errors."""
    try:
        return call()
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _form_page(request, template, context, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@staff_view()
def index(request):
    return render(
        request,
        "governance/index.html",
        {
            "strategies": queries.strategies(),
            "ranking": queries.ranking()[:5],
            "last_review": queries.review_last(),
            "is_board": _is_board(request),
        },
    )


@staff_view()
def strategy(request, code):
    chosen = queries.strategy_get(code=code)
    return render(
        request,
        "governance/strategy.html",
        {"strategy": chosen, "themes": queries.strategy_themes(strategy=chosen)},
    )


@staff_view()
def roadmap(request):
    return render(
        request,
        "governance/roadmap.html",
        {"strategy": queries.roadmap_strategy(), "boards": queries.roadmap_board()},
    )


@staff_view()
def roadmap_item(request, item_id):
    item = queries.roadmap_item_get(item_id=item_id)
    return render(
        request,
        "governance/roadmap_item.html",
        {
            "item": item,
            "progress": queries.progress_of(item=item),
            "next_steps": queries.next_steps_of(item=item),
            "changes": queries.history(subject="roadmap item", subject_id=item.pk),
            "is_board": _is_board(request),
        },
    )


@staff_view(BOARD, action="update the roadmap")
def roadmap_item_update(request, item_id):
    item = queries.roadmap_item_get(item_id=item_id)
    form = forms.RoadmapUpdateForm(
        request.POST or None,
        initial={
            "status": item.status,
            "rag": item.rag,
            "timeframe": item.timeframe,
            "lead": item.lead,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.roadmap_item_update(
                actor=request.user,
                item=item,
                note=data["note"],
                status=data["status"],
                rag=data["rag"] or "",
                timeframe=data["timeframe"],
                lead=data["lead"],
            ),
        )
        if done:
            messages.success(request, "Progress recorded")
            return redirect("governance:roadmap-item", item_id=item.pk)
    return _form_page(request, "governance/roadmap_item_update.html", {"item": item}, form)


@staff_view()
def recommendation(request, recommendation_id):
    chosen = queries.recommendation_get(recommendation_id=recommendation_id)
    return render(
        request,
        "governance/recommendation.html",
        {
            "recommendation": chosen,
            "progress": queries.progress_of(recommendation=chosen),
            "next_steps": queries.next_steps_of(recommendation=chosen),
            "changes": queries.history(subject="recommendation", subject_id=chosen.pk),
            "is_board": _is_board(request),
        },
    )


@staff_view(BOARD, action="record progress")
def recommendation_progress(request, recommendation_id):
    chosen = queries.recommendation_get(recommendation_id=recommendation_id)
    form = forms.RecommendationProgressForm(request.POST or None, initial={"lead": chosen.lead})
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: services.recommendation_progress_add(
                actor=request.user,
                recommendation=chosen,
                note=form.cleaned_data["note"],
                lead=form.cleaned_data["lead"],
            ),
        )
        if done:
            messages.success(request, "Progress recorded")
            return redirect("governance:recommendation", recommendation_id=chosen.pk)
    return _form_page(
        request, "governance/recommendation_progress.html", {"recommendation": chosen}, form
    )


def _parent(kind: str, parent_id: int):
    if kind == "roadmap":
        item = queries.roadmap_item_get(item_id=parent_id)
        return item, "governance:roadmap-item", {"item_id": item.pk}
    chosen = queries.recommendation_get(recommendation_id=parent_id)
    return chosen, "governance:recommendation", {"recommendation_id": chosen.pk}


@staff_view(BOARD, action="add next steps")
def next_step_add(request, kind, parent_id):
    parent, back_name, back_kwargs = _parent(kind, parent_id)
    form = forms.NextStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: services.next_step_add(
                actor=request.user,
                parent=parent,
                text=form.cleaned_data["text"],
                due=form.cleaned_data["due"],
            ),
        )
        if done:
            messages.success(request, "Next step added")
            return redirect(back_name, **back_kwargs)
    return _form_page(
        request,
        "governance/next_step_add.html",
        {"parent": parent, "back_name": back_name, "back_id": parent.pk},
        form,
    )


@require_POST
@staff_view(BOARD, action="mark next steps done")
def next_step_done(request, step_id):
    step = queries.next_step_get(step_id=step_id)
    try:
        services.next_step_complete(actor=request.user, step=step)
        messages.success(request, f"Marked done: {step.text}")
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    if step.roadmap_item_id:
        return redirect("governance:roadmap-item", item_id=step.roadmap_item_id)
    return redirect("governance:recommendation", recommendation_id=step.recommendation_id)


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
        result = _attempt(
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
    return _form_page(request, "governance/change_request_new.html", {}, form)


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
            "is_board": _is_board(request),
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
        done = _attempt(
            form,
            lambda: services.change_request_score(
                actor=request.user, change_request=chosen, scores=dict(form.cleaned_data)
            ),
        )
        if done:
            messages.success(request, f"Your scores for {chosen.reference} are saved")
            return redirect("governance:change-requests")
    return _form_page(
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
        decision = _attempt(
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
    return _form_page(
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
            "is_board": _is_board(request),
        },
    )


@staff_view(BOARD, action="publish the prioritisation matrix")
def matrix_edit(request):
    current = queries.matrix_current()
    form = forms.MatrixForm(request.POST or None, matrix=current)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        version = _attempt(
            form,
            lambda: services.matrix_publish(actor=request.user, weights=data, note=note),
        )
        if version:
            messages.success(request, f"Matrix version {version.number} published")
            return redirect("governance:matrix")
    return _form_page(request, "governance/matrix_edit.html", {"matrix": current}, form)


def _report_context(code):
    chosen = queries.strategy_get(code=code)
    return {"strategy": chosen, "rows": queries.progress_report(strategy=chosen)}


@staff_view()
def report(request, code):
    return render(request, "governance/report.html", _report_context(code))


@staff_view()
def report_pdf(request, code):
    context = _report_context(code)
    html = render_to_string("governance/pdf/report.html", context, request=request)
    return _pdf_response(html, f"progress-report-{code}.pdf")


def _pack_context(review_id=None):
    review = queries.review_get(review_id=review_id) if review_id else None
    return {"pack": queries.review_pack(review=review), "statuses": dict(Status.choices)}


@staff_view()
def pack(request, review_id=None):
    context = _pack_context(review_id)
    return render(
        request,
        "governance/pack.html",
        {
            **context,
            "reviews": queries.reviews(),
            "is_board": _is_board(request),
            "form": forms.ReviewForm() if review_id is None else None,
        },
    )


@staff_view()
def pack_pdf(request, review_id=None):
    html = render_to_string("governance/pdf/pack.html", _pack_context(review_id), request=request)
    return _pdf_response(html, f"review-pack-{review_id or 'next'}.pdf")


def _pdf_response(html: str, filename: str) -> HttpResponse:
    response = HttpResponse(pdf.render(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@staff_view(BOARD, action="record a board review")
def review_record(request):
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = _attempt(
            form,
            lambda: services.review_record(
                actor=request.user,
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
            ),
        )
        if review:
            messages.success(request, f"Review {review.title} recorded")
            return redirect("governance:review", review_id=review.pk)
    return _form_page(request, "governance/review_record.html", {}, form)


@staff_view()
def measures(request):
    return render(
        request,
        "governance/measures.html",
        {"measures": queries.measures(), "is_board": _is_board(request)},
    )


@staff_view(BOARD, action="record benefit measures")
def measure_reading(request, code):
    measure = queries.measure_get(code=code)
    form = forms.MeasureReadingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reading = _attempt(
            form,
            lambda: services.measure_reading_record(
                actor=request.user,
                measure=measure,
                value=data["value"],
                measured_on=data["measured_on"],
                note=data["note"],
            ),
        )
        if reading:
            messages.success(request, f"Reading recorded for {measure.name}")
            return redirect("governance:measures")
    return _form_page(request, "governance/measure_reading.html", {"measure": measure}, form)


@staff_view()
def history(request):
    page = Paginator(queries.history(), 50).get_page(request.GET.get("page"))
    return render(request, "governance/history.html", {"page": page})
