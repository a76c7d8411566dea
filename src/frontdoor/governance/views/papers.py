"""The board's papers: overview, strategies, progress reports, review packs, history."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from frontdoor.core.access import staff_view
from frontdoor.governance import forms, pdf, queries, services
from frontdoor.governance.views.common import BOARD, attempt, form_page, is_board


@staff_view()
def index(request):
    return render(
        request,
        "governance/index.html",
        {
            "strategies": queries.strategies(),
            "ranking": queries.ranking()[:5],
            "last_review": queries.review_last(),
            "is_board": is_board(request),
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
    return {"pack": queries.review_pack(review=review)}


@staff_view()
def pack(request, review_id=None):
    context = _pack_context(review_id)
    return render(
        request,
        "governance/pack.html",
        {
            **context,
            "reviews": queries.reviews(),
            "is_board": is_board(request),
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
        review = attempt(
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
    return form_page(request, "governance/review_record.html", {}, form)


@staff_view()
def history(request):
    page = Paginator(queries.history(), 50).get_page(request.GET.get("page"))
    return render(request, "governance/history.html", {"page": page})
