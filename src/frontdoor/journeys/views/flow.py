"""One page of a journey, shared by the live runner and the builder's preview: show the
questions, check the answers, and say where to go next."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import redirect, render

from frontdoor.journeys.definition import (
    CHECK_ANSWERS,
    FormDefinition,
    answers_on_path,
    journey_path,
    page_after,
    page_before,
)
from frontdoor.journeys.questions import PageForm, answer_display
from frontdoor.journeys.services import other_apps
from frontdoor.journeys.views.address import address_steps


@dataclass
class Journey:
    """A definition, the answers so far, and how to reach and keep them."""

    slug: str
    definition: FormDefinition
    answers: dict
    version_number: int
    url: Callable[[str], str]  # a page key (or CHECK_ANSWERS) to its address
    start_url: str
    preview: bool = False
    assisted: str = ""  # the channel, when an adviser fills it in for a resident


class Tampered(Exception):  # noqa: N818
    """A hidden field came back changed: the page was not sent as we made it."""


def posted_version(request) -> int:
    raw = request.POST.get("version", "")
    if not raw.isdigit():
        raise Tampered
    return int(raw)


def _back(journey: Journey, page_key: str, change: bool) -> str:
    if change:
        return journey.url(CHECK_ANSWERS)
    before = page_before(journey.definition, page_key, journey.answers)
    return journey.url(before) if before else journey.start_url


def page_show(
    request,
    journey: Journey,
    page_key: str,
    *,
    save: Callable[[dict, dict], dict],
    stale: Callable[[], object],
):
    """GET shows the page; a valid POST keeps its answers through `save` and moves on.

    `save(answers, files)` returns all the answers after saving; `stale()` is the
    response when the page was made from another version of the form."""
    definition = journey.definition
    page = definition.page(page_key)
    path, where = journey_path(definition, journey.answers)
    if page is None or (page_key not in path and page_key != where):
        # Pages are reached in order: an address typed ahead goes to the page that is due.
        return redirect(journey.url(where))
    change = request.GET.get("change") == "1"
    context = {
        "journey": journey,
        "page": page,
        "back_url": _back(journey, page_key, change),
        "body": page.body,
    }
    if page.kind == "advice":
        return render(request, "journeys/advice.html", context)
    if request.method == "POST" and posted_version(request) != journey.version_number:
        return stale()
    if len(page.questions) == 1 and page.questions[0].type == "address":
        steps = address_steps(
            request, journey, page, page.questions[0], save=save, context=dict(context)
        )
        if steps is not None:
            return steps
        if other_apps.address_lookup_available():
            context["lookup_url"] = request.path + ("?change=1" if change else "")
    if request.method == "POST":
        form = PageForm(page=page, answers=journey.answers, data=request.POST, files=request.FILES)
        if form.is_valid():
            answers = save(form.answers(), form.new_files())
            following = page_after(definition, page_key, answers)
            if change:
                _, due = journey_path(definition, answers)
                following = due
            return redirect(journey.url(following))
    else:
        form = PageForm(page=page, answers=journey.answers)
    context.update(
        form=form,
        multipart=any(q.type == "file" for q in page.questions),
        has_map=bool(settings.MAP_TILES_URL) and any(q.type == "location" for q in page.questions),
        map_tiles=settings.MAP_TILES_URL,
    )
    return render(request, "journeys/page.html", context)


def check_answers_rows(journey: Journey) -> list[dict]:
    """Each answer on the resident's route, with where to change it."""
    definition = journey.definition
    answers = answers_on_path(definition, journey.answers)
    rows = []
    path, _ = journey_path(definition, journey.answers)
    for key in path:
        for question in definition.page(key).questions:
            rows.append(
                {
                    "label": question.label,
                    "value": answer_display(question, answers.get(question.key)),
                    "change_url": journey.url(key) + "?change=1",
                }
            )
    return rows


def check_answers_due(journey: Journey) -> str | None:
    """Where to send a resident who reaches check answers too soon, else None."""
    _, where = journey_path(journey.definition, journey.answers)
    return None if where == CHECK_ANSWERS else journey.url(where)
