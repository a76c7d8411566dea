"""Publishing a form, its versions and YAML downloads, and its ratings, for service
managers."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.journeys import queries, services
from frontdoor.journeys.definition import definition_parse
from frontdoor.journeys.views.builder import form_or_404, manager_view


@manager_view
@require_http_methods(["GET", "POST"])
def builder_publish(request, slug: str):
    form = form_or_404(slug)
    definition = definition_parse(form.draft)
    problems = definition.publishable_problems()
    if request.method == "POST":
        try:
            version = services.form_publish(slug=slug, by=request.user)
        except services.DefinitionError as error:
            problems = error.problems
        else:
            messages.success(request, f"Published version {version.number}: residents use it now")
            return redirect("journeys:builder-versions", slug=slug)
    return render(
        request,
        "journeys/builder/publish.html",
        {"form": form, "definition": definition, "problems": problems},
    )


@manager_view
@require_POST
def builder_unpublish(request, slug: str):
    services.form_unpublish(slug=slug, by=request.user)
    messages.success(request, "The form is offline. Residents can no longer start or send it")
    return redirect("journeys:builder-versions", slug=slug)


@manager_view
def builder_versions(request, slug: str):
    form = form_or_404(slug)
    return render(
        request,
        "journeys/builder/versions.html",
        {"form": form, "versions": queries.form_versions(form=form)},
    )


@manager_view
def builder_export(request, slug: str, number: int | None = None):
    """The draft, or one published version, as YAML to keep under version control."""
    form = form_or_404(slug)
    if number is None:
        definition, name = form.draft, f"{slug}-draft.yaml"
    else:
        try:
            definition = queries.version_get(form=form, number=number).definition
        except form.versions.model.DoesNotExist:
            raise Http404 from None
        name = f"{slug}-v{number}.yaml"
    response = HttpResponse(
        queries.form_yaml(slug=slug, definition=definition),
        content_type="application/yaml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@manager_view
def builder_feedback(request, slug: str):
    form = form_or_404(slug)
    return render(
        request,
        "journeys/builder/feedback.html",
        {
            "form": form,
            "overall": queries.feedback_overall(form=form),
            "by_version": queries.feedback_by_version(form=form),
            "by_week": queries.feedback_by_week(form=form),
            "comments": queries.feedback_recent_comments(form=form),
        },
    )
