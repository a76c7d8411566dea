"""The roadmap board, roadmap items, recommendations, next steps and measures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.core.access import staff_view
from frontdoor.governance import forms, queries, services
from frontdoor.governance.views.common import BOARD, attempt, form_page, is_board


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
            "is_board": is_board(request),
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
        done = attempt(
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
    return form_page(request, "governance/roadmap_item_update.html", {"item": item}, form)


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
            "is_board": is_board(request),
        },
    )


@staff_view(BOARD, action="record progress")
def recommendation_progress(request, recommendation_id):
    chosen = queries.recommendation_get(recommendation_id=recommendation_id)
    form = forms.RecommendationProgressForm(request.POST or None, initial={"lead": chosen.lead})
    if request.method == "POST" and form.is_valid():
        done = attempt(
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
    return form_page(
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
        done = attempt(
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
    return form_page(
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
def measures(request):
    return render(
        request,
        "governance/measures.html",
        {"measures": queries.measures(), "is_board": is_board(request)},
    )


@staff_view(BOARD, action="record benefit measures")
def measure_reading(request, code):
    measure = queries.measure_get(code=code)
    form = forms.MeasureReadingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reading = attempt(
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
    return form_page(request, "governance/measure_reading.html", {"measure": measure}, form)
