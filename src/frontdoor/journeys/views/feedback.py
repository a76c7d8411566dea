"""Residents rate a form from 1 to 5, after sending it or after their case closes."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from frontdoor.journeys import queries, services
from frontdoor.journeys.forms import FeedbackForm


@require_http_methods(["GET", "POST"])
def feedback_case(request, reference: str):
    """The link in a closed case's last message: the case reference leads to its form."""
    try:
        submission = services.feedback_for_closed_case(case_reference=reference)
    except services.FeedbackRefused as refused:
        if refused.not_online:
            return render(request, "journeys/feedback_not_online.html")
        return render(request, "journeys/feedback_unknown.html", status=404)
    return feedback(request, services.feedback_token(submission=submission, moment="case_closed"))


@require_http_methods(["GET", "POST"])
def feedback(request, token: str):
    try:
        submission, moment = services.feedback_target(token=token)
    except services.FeedbackRefused:
        return render(request, "journeys/feedback_unknown.html", status=404)
    definition = queries.version_definition(submission.version)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.feedback_give(
            token=token, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
        )
        return render(request, "journeys/feedback_thanks.html", {"definition": definition})
    return render(
        request,
        "journeys/feedback.html",
        {"form": form, "definition": definition, "moment": moment, "token": token},
    )
