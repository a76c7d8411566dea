"""A service manager builds a form: pages, questions, conditions, publishing, versions,
and YAML out and back in. Only service managers may."""

import pytest
import yaml
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from frontdoor.accounts import roles
from frontdoor.journeys import queries, services
from frontdoor.journeys.models import Form, FormVersion
from frontdoor.journeys.tests.factories import case_type, form_published, question, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return staff()


@pytest.fixture
def draft(manager):
    case_type("animal")
    form = services.form_create(by=manager, title="Report a dead animal", case_type="animal")
    services.page_add(
        slug=form.slug,
        by=manager,
        question=question("where", "short_text", label="Where is it?"),
    )
    services.page_add(
        slug=form.slug,
        by=manager,
        question={
            "type": "select_one",
            "label": "What kind of animal?",
            "options": [{"value": "fox", "label": "Fox"}, {"value": "dog", "label": "Dog"}],
        },
    )
    return form


def _pages(slug):
    return [page["key"] for page in Form.objects.get(slug=slug).draft["pages"]]


def test_only_service_managers_change_forms(draft):
    agent = staff(roles.AGENT)
    with pytest.raises(PermissionDenied):
        services.form_create(by=agent, title="Anything")
    with pytest.raises(PermissionDenied):
        services.form_publish(slug=draft.slug, by=agent)


def test_a_question_added_alone_gets_a_page_named_after_it(draft):
    assert _pages(draft.slug) == ["where-is-it", "what-kind-of-animal"]
    page = Form.objects.get(slug=draft.slug).draft["pages"][1]
    assert page["questions"][0]["key"] == "what_kind_of_animal"


def test_pages_and_questions_can_be_reordered(draft, manager):
    services.page_move(slug=draft.slug, by=manager, page_key="what-kind-of-animal", offset=-1)
    assert _pages(draft.slug) == ["what-kind-of-animal", "where-is-it"]
    services.question_add(
        slug=draft.slug, by=manager, page_key="where-is-it", question=question("street")
    )
    services.question_move(slug=draft.slug, by=manager, question_key="street", offset=-1)
    keys = [q["key"] for q in Form.objects.get(slug=draft.slug).draft["pages"][1]["questions"]]
    assert keys == ["street", "where"]


def test_a_condition_can_skip_ahead_or_end_with_advice_but_never_go_back(draft, manager):
    advice = services.page_add(slug=draft.slug, by=manager, kind="advice", title="Call the RSPCA")
    services.route_add(
        slug=draft.slug,
        by=manager,
        page_key="what-kind-of-animal",
        question="what_kind_of_animal",
        answer="dog",
        goto=advice,
    )
    with pytest.raises(services.DefinitionError, match="only route forward"):
        services.route_add(
            slug=draft.slug,
            by=manager,
            page_key="what-kind-of-animal",
            question="what_kind_of_animal",
            answer="fox",
            goto="where-is-it",
        )
    with pytest.raises(services.DefinitionError, match="only route forward"):
        services.page_move(slug=draft.slug, by=manager, page_key=advice, offset=-1)
    assert len(Form.objects.get(slug=draft.slug).draft["pages"][1]["routes"]) == 1


def test_a_condition_must_test_a_real_answer(draft, manager):
    with pytest.raises(services.DefinitionError, match="not an answer"):
        services.route_add(
            slug=draft.slug,
            by=manager,
            page_key="what-kind-of-animal",
            question="what_kind_of_animal",
            answer="cat",
            goto="check-answers",
        )


def test_publishing_makes_an_immutable_version_that_later_edits_do_not_touch(draft, manager):
    first = services.form_publish(slug=draft.slug, by=manager)
    services.question_update(
        slug=draft.slug,
        by=manager,
        question_key="where",
        question=question("where", label="Where exactly is it?"),
    )
    second = services.form_publish(slug=draft.slug, by=manager)
    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.definition["pages"][0]["questions"][0]["label"] == "Where is it?"
    assert Form.objects.get(slug=draft.slug).live_version == second


def test_a_draft_with_problems_cannot_be_published(manager):
    form = services.form_create(by=manager, title="Empty")
    with pytest.raises(services.DefinitionError) as refused:
        services.form_publish(slug=form.slug, by=manager)
    assert "Add at least one page with a question" in refused.value.problems
    assert "Choose the type of case a submission becomes" in refused.value.problems
    assert not FormVersion.objects.exists()


def test_a_form_exported_as_yaml_imports_back_the_same(draft, manager):
    services.form_publish(slug=draft.slug, by=manager)
    version = Form.objects.get(slug=draft.slug).live_version
    text = queries.form_yaml(slug="copied", definition=version.definition)
    copied = services.form_import(by=manager, yaml_text=text)
    assert copied.slug == "copied"
    assert copied.draft == version.definition
    assert yaml.safe_load(text)["form"]["pages"][1]["questions"][0]["options"][0] == {
        "value": "fox",
        "label": "Fox",
    }


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("slug: x\nform: [unclosed", "not valid YAML on line"),
        ("just words", "must have a 'slug' and a 'form'"),
        ("slug: x\nform:\n  title: T\n  pages:\n  - key: Bad Key\n", "pages.0.key"),
        (
            "slug: x\nform:\n  title: T\n  pages:\n  - key: a\n    questions:\n"
            "    - {key: q, type: telepathy, label: Q}\n",
            "pages.0.questions.0.type",
        ),
    ],
)
def test_an_import_with_mistakes_says_what_is_wrong_and_changes_nothing(manager, text, problem):
    with pytest.raises(services.DefinitionError) as refused:
        services.form_import(by=manager, yaml_text=text)
    assert problem in " ".join(refused.value.problems)
    assert not Form.objects.exists()


def test_importing_over_a_live_form_changes_only_its_draft(manager):
    form = form_published(manager=manager)
    live = Form.objects.get(slug=form.slug).live_version
    services.form_import(
        by=manager,
        yaml_text=queries.form_yaml(
            slug=form.slug,
            definition={"title": "Renamed", "case_type": "x", "pages": []},
        ),
    )
    form = Form.objects.get(slug=form.slug)
    assert form.draft["title"] == "Renamed"
    assert form.live_version == live


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_the_builder_pages_refuse_people_without_the_role(client, draft):
    _signed_in(client, staff(roles.CASE_OFFICER))
    assert client.get("/staff/forms/").status_code == 403
    assert client.get(f"/staff/forms/{draft.slug}/").status_code == 403


def test_every_builder_page_renders_for_a_service_manager(client, draft, manager):
    services.form_publish(slug=draft.slug, by=manager)
    _signed_in(client, manager)
    slug = draft.slug
    for path in [
        "/staff/forms/",
        "/staff/forms/new/",
        "/staff/forms/import/",
        f"/staff/forms/{slug}/",
        f"/staff/forms/{slug}/details/",
        f"/staff/forms/{slug}/questions/new/",
        f"/staff/forms/{slug}/questions/new/?type=select_one&page=where-is-it",
        f"/staff/forms/{slug}/questions/where/",
        f"/staff/forms/{slug}/advice/new/",
        f"/staff/forms/{slug}/pages/where-is-it/",
        f"/staff/forms/{slug}/pages/what-kind-of-animal/conditions/new/",
        f"/staff/forms/{slug}/publish/",
        f"/staff/forms/{slug}/versions/",
        f"/staff/forms/{slug}/feedback/",
        f"/staff/forms/{slug}/preview/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path


def test_a_question_made_in_the_builder_pages_is_saved_with_its_settings(client, draft, manager):
    _signed_in(client, manager)
    response = client.post(
        f"/staff/forms/{draft.slug}/questions/new/?type=number",
        {
            "label": "How many bags?",
            "required": "yes",
            "minimum": "1",
            "maximum": "6",
            "whole_number": "on",
        },
    )
    assert response.status_code == 302
    saved = Form.objects.get(slug=draft.slug).draft["pages"][-1]["questions"][0]
    assert saved == {
        "key": "how_many_bags",
        "type": "number",
        "label": "How many bags?",
        "minimum": 1.0,
        "maximum": 6.0,
        "whole_number": True,
    }


def test_the_builder_explains_a_question_form_left_empty(client, draft, manager):
    _signed_in(client, manager)
    response = client.post(f"/staff/forms/{draft.slug}/questions/new/?type=select_one", {})
    html = response.content.decode()
    assert "Enter the question text" in html and "Enter the options, one on each line" in html


def test_yaml_upload_in_the_builder_reports_problems_in_the_error_summary(client, manager):
    _signed_in(client, manager)
    upload = SimpleUploadedFile("form.yaml", b"slug: x\nform: [unclosed")
    response = client.post("/staff/forms/import/", {"file": upload})
    assert "The file is not valid YAML on line" in response.content.decode()


def test_the_draft_and_each_version_download_as_yaml(client, draft, manager):
    services.form_publish(slug=draft.slug, by=manager)
    _signed_in(client, manager)
    for path in (
        f"/staff/forms/{draft.slug}/draft.yaml",
        f"/staff/forms/{draft.slug}/versions/1.yaml",
    ):
        response = client.get(path)
        assert response["Content-Type"].startswith("application/yaml")
        assert yaml.safe_load(response.content)["slug"] == draft.slug
    assert client.get(f"/staff/forms/{draft.slug}/versions/9.yaml").status_code == 404


def test_a_preview_walks_the_draft_and_sends_nothing(client, draft, manager):
    _signed_in(client, manager)
    slug = draft.slug
    assert client.post(f"/staff/forms/{slug}/preview/").url.endswith("/preview/where-is-it/")
    client.post(f"/staff/forms/{slug}/preview/where-is-it/", {"version": "0", "where": "Road"})
    client.post(
        f"/staff/forms/{slug}/preview/what-kind-of-animal/",
        {"version": "0", "what_kind_of_animal": "fox"},
    )
    check = client.get(f"/staff/forms/{slug}/preview/check-answers/").content.decode()
    assert "Road" in check and "Fox" in check and "Nothing has been sent" in check


def test_the_api_lists_published_forms_and_gives_a_definition(client):
    form = form_published(slug="api-form")
    listed = client.get("/api/journeys/forms").json()
    assert listed == [
        {"slug": "api-form", "title": form.title, "version": 1, "url": "/forms/api-form/"}
    ]
    detail = client.get("/api/journeys/forms/api-form").json()
    assert detail["definition"]["pages"][0]["key"] == "name"
    missing = client.get("/api/journeys/forms/nothing")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "There is no published form called 'nothing'"}
