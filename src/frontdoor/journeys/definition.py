"""The declarative form definition: pages, questions, validation settings and routes.

A definition is data (JSON in the database, YAML on disk) checked by these pydantic
models, so a council can keep its forms under version control and review a change as a
diff. The flow functions below say where a resident goes next from their answers; they
are pure, so the runner, the preview and the check-answers page all agree.

Strategy: "Provide online forms that are easy to use and enable completion of common tasks".
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

CHECK_ANSWERS = "check-answers"
# Addresses the runner uses beside a form's pages, so no page may take them as its key.
RESERVED_PAGE_KEYS = {CHECK_ANSWERS, "start", "confirmation", "save", "updated", "closed"}

QUESTION_TYPES: dict[str, str] = {
    "short_text": "Short answer (one line of text)",
    "long_text": "Long answer (a paragraph or more)",
    "number": "Number",
    "date": "Date",
    "email": "Email address",
    "phone": "UK telephone number",
    "address": "UK address (find by postcode, or enter by hand)",
    "select_one": "Select one option (radios)",
    "select_many": "Select one or more options (checkboxes)",
    "yes_no": "Yes or no",
    "file": "File upload (photo or PDF)",
    "location": "Location (postcode, address or a point on a map)",
    "declaration": "Declaration (a box to confirm)",
}
# Free-text answers a form may mark sensitive (encrypted at rest once sent).
SENSITIVE_TYPES = {"short_text", "long_text"}
# Questions that need a whole page: they have several parts or steps of their own.
WHOLE_PAGE_TYPES = {"address", "file", "location"}
CHOICE_TYPES = {"select_one", "select_many"}
ROUTABLE_TYPES = {"select_one", "yes_no", "select_many"}
FILE_KINDS = {"jpg": "JPG", "png": "PNG", "pdf": "PDF"}

PageKey = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]
QuestionKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Option(_Strict):
    value: Annotated[str, Field(min_length=1, max_length=100)]
    label: Annotated[str, Field(min_length=1, max_length=200)]


class Question(_Strict):
    key: QuestionKey
    type: Literal[tuple(QUESTION_TYPES)]  # type: ignore[valid-type]
    label: Annotated[str, Field(min_length=1, max_length=300)]
    hint: str = ""
    required: bool = True
    # How error messages name the answer: "Enter {subject}", "Select {subject}".
    error_subject: str = ""
    options: list[Option] = []
    max_length: Annotated[int | None, Field(ge=1, le=10_000)] = None
    minimum: float | None = None
    maximum: float | None = None
    whole_number: bool = False
    date_rule: Literal["any", "past", "future"] = "any"
    file_kinds: list[Literal["jpg", "png", "pdf"]] = ["jpg", "png", "pdf"]
    max_size_mb: Annotated[int, Field(ge=1, le=25)] = 10
    autocomplete: str = ""
    # A free-text answer encrypted at rest once sent, and shown to staff only on request,
    # audited (frontdoor.privacy). Strategy: "sensitive data is digitally protected".
    sensitive: bool = False

    @model_validator(mode="after")
    def _settings_fit_the_type(self):
        if self.type in CHOICE_TYPES and len(self.options) < 2:
            raise ValueError(f"question {self.key!r} needs at least two options")
        if self.type not in CHOICE_TYPES and self.options:
            raise ValueError(f"question {self.key!r} is not a choice, so it has no options")
        values = [option.value for option in self.options]
        if len(set(values)) != len(values):
            raise ValueError(f"question {self.key!r} has two options with the same value")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"question {self.key!r} has a minimum above its maximum")
        if self.sensitive and self.type not in SENSITIVE_TYPES:
            raise ValueError(f"question {self.key!r}: only free-text answers can be sensitive")
        if self.type == "declaration" and not self.required:
            raise ValueError(f"declaration {self.key!r} must be required")
        return self

    def answer_values(self) -> list[str]:
        """The answers a route may test for this question."""
        if self.type == "yes_no":
            return ["yes", "no"]
        return [option.value for option in self.options]


class Route(_Strict):
    """When `question` has the answer `answer`, go to `goto` instead of the next page."""

    question: QuestionKey
    answer: Annotated[str, Field(min_length=1)]
    goto: Annotated[str, Field(min_length=1)]


class Page(_Strict):
    key: PageKey
    # "questions" asks; "advice" ends the journey early with what to do instead.
    kind: Literal["questions", "advice"] = "questions"
    title: str = ""
    body: str = ""
    questions: list[Question] = []
    routes: list[Route] = []

    @model_validator(mode="after")
    def _shape_fits_the_kind(self):
        if self.kind == "advice":
            if self.questions or self.routes:
                raise ValueError(f"advice page {self.key!r} cannot ask questions")
            if not self.title:
                raise ValueError(f"advice page {self.key!r} needs a title")
        elif len(self.questions) > 1:
            whole = [q.key for q in self.questions if q.type in WHOLE_PAGE_TYPES]
            if whole:
                raise ValueError(f"question {whole[0]!r} needs a page of its own")
        return self

    @property
    def heading(self) -> str:
        if self.title:
            return self.title
        if len(self.questions) == 1 and self.questions[0].type == "declaration":
            return "Declaration"
        return self.questions[0].label if self.questions else self.key


class FormDefinition(_Strict):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    summary: str = ""
    case_type: str = ""
    what_happens_next: str = ""
    pages: list[Page] = []

    @model_validator(mode="after")
    def _keys_and_routes_hold_together(self):
        page_keys = [page.key for page in self.pages]
        if len(set(page_keys)) != len(page_keys):
            raise ValueError("two pages have the same key")
        reserved = RESERVED_PAGE_KEYS.intersection(page_keys)
        if reserved:
            raise ValueError(f"a page cannot have the key {sorted(reserved)[0]!r}")
        seen: dict[str, Question] = {}
        for index, page in enumerate(self.pages):
            for question in page.questions:
                if question.key in seen:
                    raise ValueError(f"two questions have the key {question.key!r}")
                seen[question.key] = question
            later = set(page_keys[index + 1 :]) | {CHECK_ANSWERS}
            for route in page.routes:
                asked = seen.get(route.question)
                if asked is None:
                    raise ValueError(
                        f"page {page.key!r} routes on {route.question!r}, "
                        "which is not asked on this page or before it"
                    )
                if asked.type not in ROUTABLE_TYPES:
                    raise ValueError(f"routes can only test choices, not {route.question!r}")
                if route.answer not in asked.answer_values():
                    raise ValueError(f"{route.answer!r} is not an answer to {route.question!r}")
                if route.goto not in later:
                    raise ValueError(
                        f"page {page.key!r} can only route forward, not to {route.goto!r}"
                    )
        return self

    # --- lookups --------------------------------------------------------------------------

    def page(self, key: str) -> Page | None:
        return next((page for page in self.pages if page.key == key), None)

    def questions(self) -> list[Question]:
        return [question for page in self.pages for question in page.questions]

    def publishable_problems(self) -> list[str]:
        """What stops this draft being published, in words a service manager can act on."""
        problems = []
        if not any(page.kind == "questions" and page.questions for page in self.pages):
            problems.append("Add at least one page with a question")
        for page in self.pages:
            if page.kind == "questions" and not page.questions:
                problems.append(f"Add a question to the page “{page.heading}” or remove it")
            if len(page.questions) > 1 and not page.title:
                problems.append(
                    f"Give the page “{page.heading}” a heading: it asks several questions"
                )
        if not self.case_type:
            problems.append("Choose the type of case a submission becomes")
        return problems


def definition_parse(data: dict) -> FormDefinition:
    return FormDefinition.model_validate(data)


def definition_problems(error: ValidationError) -> list[str]:
    """pydantic's errors as sentences for a page or a YAML import report."""
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        message = re.sub(r"^Value error, ", "", item["msg"])
        problems.append(f"{where}: {message}" if where else message)
    return problems


# --- the flow ------------------------------------------------------------------------------


def _matches(route: Route, answers: dict) -> bool:
    given = answers.get(route.question)
    if isinstance(given, list):
        return route.answer in given
    return given == route.answer


def page_complete(page: Page, answers: dict) -> bool:
    return all(question.key in answers for question in page.questions)


def page_after(definition: FormDefinition, key: str, answers: dict) -> str:
    """Where a resident goes after `key`: the first route that matches, else the next
    question page (advice pages are reached only through a route), else check answers."""
    page = definition.page(key)
    for route in page.routes:
        if _matches(route, answers):
            return route.goto
    keys = [p.key for p in definition.pages]
    for later in definition.pages[keys.index(key) + 1 :]:
        if later.kind == "questions":
            return later.key
    return CHECK_ANSWERS


def first_page(definition: FormDefinition) -> str:
    return next((page.key for page in definition.pages if page.kind == "questions"), CHECK_ANSWERS)


def journey_path(definition: FormDefinition, answers: dict) -> tuple[list[str], str]:
    """The pages this resident's answers lead through, and where they stand now: the first
    page still to answer, an advice page that ends the journey, or CHECK_ANSWERS."""
    path: list[str] = []
    key = first_page(definition)
    while key != CHECK_ANSWERS:
        page = definition.page(key)
        if page.kind == "advice" or not page_complete(page, answers):
            return path, key
        path.append(key)
        key = page_after(definition, key, answers)
    return path, CHECK_ANSWERS


def answers_on_path(definition: FormDefinition, answers: dict) -> dict:
    """Only the answers on the resident's route: a page skipped after a change is dropped."""
    path, _ = journey_path(definition, answers)
    keys = {q.key for key in path for q in definition.page(key).questions}
    return {key: value for key, value in answers.items() if key in keys}


def page_before(definition: FormDefinition, key: str, answers: dict) -> str | None:
    """The page the back link leads to: the one before `key` on this resident's path."""
    path, _ = journey_path(definition, answers)
    if key in path:
        index = path.index(key)
        return path[index - 1] if index else None
    return path[-1] if path else None
