"""The form builder: every change a service manager makes to a form's draft, publishing
it as an immutable version, and YAML import.

Strategy: "Increase the number of services that are available online" — without a
developer for each one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from pydantic import ValidationError

from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.journeys.definition import (
    RESERVED_PAGE_KEYS,
    definition_parse,
    definition_problems,
)
from frontdoor.journeys.models import Form, FormVersion
from frontdoor.journeys.services import other_apps

MANAGERS = (roles.SERVICE_MANAGER,)


class DefinitionError(ValueError):
    """The change would leave the form inconsistent; `problems` say why, in words."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _checked(data: dict) -> dict:
    try:
        return definition_parse(data).model_dump(mode="json", exclude_defaults=True)
    except ValidationError as error:
        raise DefinitionError(definition_problems(error)) from None


def _edit(*, slug: str, by, action: str, change: Callable[[dict], None]) -> Form:
    accounts.role_check(user=by, roles=MANAGERS, action=action)
    form = Form.objects.select_for_update().get(slug=slug)
    data = copy.deepcopy(form.draft)
    change(data)
    form.draft = _checked(data)
    form.save(update_fields=["draft", "updated_at"])
    return form


def _unique_key(base: str, taken: set[str], *, sep: str) -> str:
    key, n = base, 2
    while key in taken:
        key, n = f"{base}{sep}{n}", n + 1
    return key


def _page_index(data: dict, page_key: str) -> int:
    for index, page in enumerate(data.get("pages", [])):
        if page["key"] == page_key:
            return index
    raise DefinitionError([f"There is no page {page_key!r}"])


@transaction.atomic
def form_create(*, by, title: str, case_type: str = "", summary: str = "", slug: str = "") -> Form:
    """Start a new form with an empty draft."""
    accounts.role_check(user=by, roles=MANAGERS, action="create a form")
    slug = slugify(slug or title)[:80]
    if not slug:
        raise DefinitionError(["Enter a title that has letters or numbers in it"])
    if Form.objects.filter(slug=slug).exists():
        raise DefinitionError([f"A form with the address {slug!r} already exists"])
    draft = _checked({"title": title, "case_type": case_type, "summary": summary, "pages": []})
    return Form.objects.create(slug=slug, draft=draft, owner=by)


@transaction.atomic
def form_details_update(
    *, slug: str, by, title: str, summary: str, case_type: str, what_happens_next: str
) -> Form:
    def change(data):
        data.update(
            title=title, summary=summary, case_type=case_type, what_happens_next=what_happens_next
        )

    return _edit(slug=slug, by=by, action="change a form", change=change)


def _question_key(data: dict, question: dict) -> str:
    taken = {q["key"] for page in data.get("pages", []) for q in page.get("questions", [])}
    base = question.get("key") or slugify(question.get("label", ""))[:40].replace("-", "_")
    if not base or not base[0].isalpha():
        base = f"q_{base}" if base else "question"
    return _unique_key(base, taken, sep="_")


@transaction.atomic
def page_add(
    *,
    slug: str,
    by,
    kind: str = "questions",
    title: str = "",
    body: str = "",
    question: dict | None = None,
) -> str:
    """Add a page at the end, with its first question if given; returns the page's key."""
    holder = {}

    def change(data):
        taken = {page["key"] for page in data.get("pages", [])} | RESERVED_PAGE_KEYS
        named = title or (question or {}).get("label", "")
        base = slugify(named)[:40].strip("-") or ("advice" if kind == "advice" else "page")
        holder["key"] = _unique_key(base, taken, sep="-")
        page = {"key": holder["key"], "kind": kind, "title": title, "body": body}
        if question:
            page["questions"] = [{**question, "key": _question_key(data, question)}]
        data.setdefault("pages", []).append(page)

    _edit(slug=slug, by=by, action="add a page", change=change)
    return holder["key"]


@transaction.atomic
def page_update(*, slug: str, by, page_key: str, title: str, body: str) -> Form:
    def change(data):
        page = data["pages"][_page_index(data, page_key)]
        page.update(title=title, body=body)

    return _edit(slug=slug, by=by, action="change a page", change=change)


@transaction.atomic
def page_remove(*, slug: str, by, page_key: str) -> Form:
    def change(data):
        del data["pages"][_page_index(data, page_key)]

    return _edit(slug=slug, by=by, action="remove a page", change=change)


@transaction.atomic
def page_move(*, slug: str, by, page_key: str, offset: int) -> Form:
    """Move a page up (-1) or down (+1). Routes must still point forward, or it is refused."""

    def change(data):
        pages = data["pages"]
        index = _page_index(data, page_key)
        target = min(max(index + offset, 0), len(pages) - 1)
        pages.insert(target, pages.pop(index))

    return _edit(slug=slug, by=by, action="reorder pages", change=change)


@transaction.atomic
def question_add(*, slug: str, by, page_key: str, question: dict) -> str:
    """Add a question to a page; returns its key (made from the label when not given)."""
    holder = {}

    def change(data):
        holder["key"] = _question_key(data, question)
        page = data["pages"][_page_index(data, page_key)]
        page.setdefault("questions", []).append({**question, "key": holder["key"]})

    _edit(slug=slug, by=by, action="add a question", change=change)
    return holder["key"]


def _question_place(data: dict, question_key: str) -> tuple[dict, int]:
    for page in data["pages"]:
        for index, question in enumerate(page.get("questions", [])):
            if question["key"] == question_key:
                return page, index
    raise DefinitionError([f"There is no question {question_key!r}"])


@transaction.atomic
def question_update(*, slug: str, by, question_key: str, question: dict) -> Form:
    def change(data):
        page, index = _question_place(data, question_key)
        page["questions"][index] = {**question, "key": question_key}

    return _edit(slug=slug, by=by, action="change a question", change=change)


@transaction.atomic
def question_remove(*, slug: str, by, question_key: str) -> Form:
    def change(data):
        page, index = _question_place(data, question_key)
        del page["questions"][index]

    return _edit(slug=slug, by=by, action="remove a question", change=change)


@transaction.atomic
def question_move(*, slug: str, by, question_key: str, offset: int) -> Form:
    def change(data):
        page, index = _question_place(data, question_key)
        questions = page["questions"]
        target = min(max(index + offset, 0), len(questions) - 1)
        questions.insert(target, questions.pop(index))

    return _edit(slug=slug, by=by, action="reorder questions", change=change)


@transaction.atomic
def route_add(*, slug: str, by, page_key: str, question: str, answer: str, goto: str) -> Form:
    """A condition: when `question` is answered `answer`, go to `goto` (a later page, an
    advice page that ends the journey, or check-answers)."""

    def change(data):
        page = data["pages"][_page_index(data, page_key)]
        page.setdefault("routes", []).append({"question": question, "answer": answer, "goto": goto})

    return _edit(slug=slug, by=by, action="set a condition", change=change)


@transaction.atomic
def route_remove(*, slug: str, by, page_key: str, index: int) -> Form:
    def change(data):
        routes = data["pages"][_page_index(data, page_key)].get("routes", [])
        if not 0 <= index < len(routes):
            raise DefinitionError(["That condition has already been removed"])
        del routes[index]

    return _edit(slug=slug, by=by, action="remove a condition", change=change)


@transaction.atomic
def form_publish(*, slug: str, by) -> FormVersion:
    """Freeze the draft as the next version and make it the one residents use.

    Residents part-way through an older version are offered the new one before they send.
    """
    accounts.role_check(user=by, roles=MANAGERS, action="publish a form")
    form = Form.objects.select_for_update().get(slug=slug)
    definition = definition_parse(form.draft)
    problems = definition.publishable_problems()
    known = dict(other_apps.case_types())
    if definition.case_type and definition.case_type not in known:
        problems.append(
            f"Choose a case type that exists: there is none called “{definition.case_type}”"
        )
    if problems:
        raise DefinitionError(problems)
    latest = form.versions.order_by("-number").first()
    version = FormVersion.objects.create(
        form=form,
        number=(latest.number + 1) if latest else 1,
        definition=form.draft,
        published_at=timezone.now(),
        published_by=by,
    )
    form.live_version = version
    form.save(update_fields=["live_version", "updated_at"])
    other_apps.closing_message_links(case_type=definition.case_type)
    return version


@transaction.atomic
def form_unpublish(*, slug: str, by) -> Form:
    """Take a form offline. Residents part-way through are told it has closed; nothing
    they send afterwards becomes a case."""
    accounts.role_check(user=by, roles=MANAGERS, action="unpublish a form")
    form = Form.objects.select_for_update().get(slug=slug)
    form.live_version = None
    form.save(update_fields=["live_version", "updated_at"])
    return form


def _yaml_data(text: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 1}" if mark else ""
        raise DefinitionError([f"The file is not valid YAML{where}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("form"), dict):
        raise DefinitionError(["The file must have a 'slug' and a 'form' section"])
    return data


@transaction.atomic
def form_import(*, by, yaml_text: str) -> Form:
    """Create a form, or replace an existing form's draft, from exported YAML.

    The live version is untouched: an import is a draft until someone publishes it.
    """
    accounts.role_check(user=by, roles=MANAGERS, action="import a form")
    data = _yaml_data(yaml_text)
    slug = slugify(str(data.get("slug") or ""))[:80]
    if not slug:
        raise DefinitionError(["The file must have a 'slug' and a 'form' section"])
    draft = _checked(data["form"])
    form = Form.objects.select_for_update().filter(slug=slug).first()
    if form is None:
        return Form.objects.create(slug=slug, draft=draft, owner=by)
    form.draft = draft
    form.save(update_fields=["draft", "updated_at"])
    return form
