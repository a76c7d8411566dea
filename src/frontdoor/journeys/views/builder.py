"""The form builder for service managers: forms, pages, questions, conditions, publishing,
versions, YAML export and import, and each form's ratings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.accounts import roles
from frontdoor.core.access import staff_view
from frontdoor.journeys import queries, services
from frontdoor.journeys.definition import (
    CHECK_ANSWERS,
    QUESTION_TYPES,
    ROUTABLE_TYPES,
    definition_parse,
)
from frontdoor.journeys.forms import (
    FormDetailsForm,
    ImportForm,
    NewFormForm,
    PageDetailsForm,
    QuestionForm,
    QuestionTypeForm,
    RouteForm,
    question_initial,
)
from frontdoor.journeys.models import Form
from frontdoor.journeys.services import other_apps

manager_view = staff_view(roles.SERVICE_MANAGER, action="build online forms")


def form_or_404(slug: str) -> Form:
    try:
        return queries.form_get(slug=slug)
    except Form.DoesNotExist:
        raise Http404 from None


def _overview(slug: str, anchor: str = "") -> str:
    return reverse("journeys:builder-form", args=[slug]) + (f"#{anchor}" if anchor else "")


def _refused(form, error: services.DefinitionError) -> None:
    for problem in error.problems:
        form.add_error(None, problem)


@manager_view
def builder_list(request):
    averages = queries.ratings_average_for_forms()
    rows = [(form, averages.get(form.pk)) for form in queries.forms_all()]
    return render(request, "journeys/builder/list.html", {"rows": rows})


@manager_view
@require_http_methods(["GET", "POST"])
def builder_new(request):
    form = NewFormForm(
        request.POST if request.method == "POST" else None, case_types=other_apps.case_types()
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.form_create(by=request.user, **form.cleaned_data)
        except services.DefinitionError as error:
            _refused(form, error)
        else:
            return redirect(_overview(made.slug))
    return render(request, "journeys/builder/new.html", {"form": form})


@manager_view
@require_http_methods(["GET", "POST"])
def builder_import(request):
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.form_import(by=request.user, yaml_text=form.cleaned_data["file"])
        except services.DefinitionError as error:
            for problem in error.problems:
                form.add_error("file", problem)
        else:
            messages.success(request, f"Imported “{made.title}” as a draft")
            return redirect(_overview(made.slug))
    return render(request, "journeys/builder/import.html", {"form": form})


@manager_view
def builder_form(request, slug: str):
    form = form_or_404(slug)
    definition = definition_parse(form.draft)
    pages = []
    for page in definition.pages:
        labels = {q.key: q for p in definition.pages for q in p.questions}
        routes = [
            {
                "index": index,
                "question": labels[route.question].label,
                "answer": _answer_label(labels[route.question], route.answer),
                "goto": _destination_label(definition, route.goto),
            }
            for index, route in enumerate(page.routes)
        ]
        pages.append({"page": page, "routes": routes})
    return render(
        request,
        "journeys/builder/form.html",
        {
            "form": form,
            "definition": definition,
            "pages": pages,
            "types": QUESTION_TYPES,
            "problems": definition.publishable_problems(),
            "versions": queries.form_versions(form=form)[:3],
        },
    )


def _answer_label(question, value: str) -> str:
    if question.type == "yes_no":
        return value.capitalize()
    return {o.value: o.label for o in question.options}.get(value, value)


def _destination_label(definition, key: str) -> str:
    if key == CHECK_ANSWERS:
        return "Check your answers"
    page = definition.page(key)
    return f"{page.heading} (advice: ends the form)" if page.kind == "advice" else page.heading


@manager_view
@require_http_methods(["GET", "POST"])
def builder_details(request, slug: str):
    form = form_or_404(slug)
    details = FormDetailsForm(
        request.POST if request.method == "POST" else None,
        initial=form.draft,
        case_types=other_apps.case_types(),
    )
    if request.method == "POST" and details.is_valid():
        try:
            services.form_details_update(slug=slug, by=request.user, **details.cleaned_data)
        except services.DefinitionError as error:
            _refused(details, error)
        else:
            return redirect(_overview(slug))
    return render(request, "journeys/builder/details.html", {"form": details, "slug": slug})


@manager_view
@require_http_methods(["GET", "POST"])
def builder_advice_new(request, slug: str):
    form_or_404(slug)
    form = PageDetailsForm(request.POST if request.method == "POST" else None)
    form.fields["title"].required = True
    form.fields["title"].error_messages["required"] = "Enter a heading for the advice page"
    if request.method == "POST" and form.is_valid():
        key = services.page_add(slug=slug, by=request.user, kind="advice", **form.cleaned_data)
        return redirect(_overview(slug, f"page-{key}"))
    return render(
        request, "journeys/builder/page_details.html", {"form": form, "slug": slug, "new": True}
    )


@manager_view
@require_http_methods(["GET", "POST"])
def builder_page(request, slug: str, page_key: str):
    form = form_or_404(slug)
    page = definition_parse(form.draft).page(page_key)
    if page is None:
        raise Http404
    details = PageDetailsForm(
        request.POST if request.method == "POST" else None,
        initial={"title": page.title, "body": page.body},
    )
    if request.method == "POST" and details.is_valid():
        try:
            services.page_update(
                slug=slug, by=request.user, page_key=page_key, **details.cleaned_data
            )
        except services.DefinitionError as error:
            _refused(details, error)
        else:
            return redirect(_overview(slug, f"page-{page_key}"))
    return render(
        request,
        "journeys/builder/page_details.html",
        {"form": details, "slug": slug, "page": page, "new": False},
    )


@manager_view
@require_POST
def builder_move(request, slug: str, thing: str, key: str):
    """Move a page or a question up or down: a button for each, so no dragging is needed."""
    offset = -1 if request.POST.get("direction") == "up" else 1
    move = services.page_move if thing == "page" else services.question_move
    name = "page_key" if thing == "page" else "question_key"
    try:
        move(slug=slug, by=request.user, offset=offset, **{name: key})
    except services.DefinitionError as error:
        messages.error(request, f"That move was not made: {error.problems[0]}")
    return redirect(_overview(slug, f"{thing}-{key}"))


@manager_view
@require_POST
def builder_remove(request, slug: str, thing: str, key: str):
    remove = services.page_remove if thing == "page" else services.question_remove
    name = "page_key" if thing == "page" else "question_key"
    try:
        remove(slug=slug, by=request.user, **{name: key})
    except services.DefinitionError as error:
        messages.error(request, f"That was not removed: {error.problems[0]}")
    else:
        messages.success(request, f"The {thing} was removed")
    return redirect(_overview(slug))


@manager_view
@require_http_methods(["GET", "POST"])
def builder_question_new(request, slug: str):
    """Choose a kind of question, then word it. With `?page=` it joins that page;
    otherwise it gets a page of its own (one thing per page)."""
    form_or_404(slug)
    page_key = request.GET.get("page", "")
    kind = request.GET.get("type", "")
    if kind not in QUESTION_TYPES:
        chooser = QuestionTypeForm(request.GET if "type" in request.GET else None)
        return render(
            request,
            "journeys/builder/question_type.html",
            {"form": chooser, "slug": slug, "page_key": page_key},
        )
    form = QuestionForm(request.POST if request.method == "POST" else None, question_type=kind)
    if request.method == "POST" and form.is_valid():
        try:
            if page_key:
                services.question_add(
                    slug=slug, by=request.user, page_key=page_key, question=form.definition()
                )
                anchor = f"page-{page_key}"
            else:
                anchor = "page-" + services.page_add(
                    slug=slug, by=request.user, question=form.definition()
                )
        except services.DefinitionError as error:
            _refused(form, error)
        else:
            return redirect(_overview(slug, anchor))
    return render(
        request,
        "journeys/builder/question.html",
        {"form": form, "slug": slug, "type_name": QUESTION_TYPES[kind], "new": True},
    )


@manager_view
@require_http_methods(["GET", "POST"])
def builder_question(request, slug: str, question_key: str):
    form = form_or_404(slug)
    question = next(
        (q for q in definition_parse(form.draft).questions() if q.key == question_key), None
    )
    if question is None:
        raise Http404
    stored = question.model_dump(mode="json", exclude_defaults=True)
    edit = QuestionForm(
        request.POST if request.method == "POST" else None,
        question_type=question.type,
        initial=question_initial(stored),
    )
    if request.method == "POST" and edit.is_valid():
        try:
            services.question_update(
                slug=slug, by=request.user, question_key=question_key, question=edit.definition()
            )
        except services.DefinitionError as error:
            _refused(edit, error)
        else:
            return redirect(_overview(slug, f"question-{question_key}"))
    return render(
        request,
        "journeys/builder/question.html",
        {"form": edit, "slug": slug, "type_name": QUESTION_TYPES[question.type], "new": False},
    )


@manager_view
@require_http_methods(["GET", "POST"])
def builder_route_new(request, slug: str, page_key: str):
    """A condition: which answer on this page (or before) leads where."""
    definition = definition_parse(form_or_404(slug).draft)
    page = definition.page(page_key)
    if page is None:
        raise Http404
    keys = [p.key for p in definition.pages]
    asked = [q for p in definition.pages[: keys.index(page_key) + 1] for q in p.questions]
    answers = [
        (f"{q.key}|{value}", f"{q.label} — {_answer_label(q, value)}")
        for q in asked
        if q.type in ROUTABLE_TYPES
        for value in q.answer_values()
    ]
    destinations = [
        (p.key, _destination_label(definition, p.key))
        for p in definition.pages[keys.index(page_key) + 1 :]
    ] + [(CHECK_ANSWERS, "Check your answers (skip the rest)")]
    form = RouteForm(
        request.POST if request.method == "POST" else None,
        answers=answers,
        destinations=destinations,
    )
    if request.method == "POST" and form.is_valid():
        question, answer = form.cleaned_data["when"].split("|", 1)
        try:
            services.route_add(
                slug=slug,
                by=request.user,
                page_key=page_key,
                question=question,
                answer=answer,
                goto=form.cleaned_data["goto"],
            )
        except services.DefinitionError as error:
            _refused(form, error)
        else:
            return redirect(_overview(slug, f"page-{page_key}"))
    return render(
        request,
        "journeys/builder/route.html",
        {"form": form, "slug": slug, "page": page, "can_route": bool(answers)},
    )


@manager_view
@require_POST
def builder_route_remove(request, slug: str, page_key: str, index: int):
    try:
        services.route_remove(slug=slug, by=request.user, page_key=page_key, index=index)
    except services.DefinitionError as error:
        messages.error(request, error.problems[0])
    return redirect(_overview(slug, f"page-{page_key}"))
