"""Every question type's validation, each rule with the GOV.UK Design System's message,
and how a good answer is kept. Each case is a one-page form answered over HTTP."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from frontdoor.journeys.models import Draft
from frontdoor.journeys.questions import EMAIL_EXAMPLE, PHONE_EXAMPLE
from frontdoor.journeys.tests.factories import errors, form_published, question

pytestmark = pytest.mark.django_db

TOMORROW = datetime.date.today() + datetime.timedelta(days=2)  # noqa: DTZ011
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
OPTIONS = [{"value": "a", "label": "Apple"}, {"value": "b", "label": "Banana"}]


def _date(prefix, day, month, year):
    return {f"{prefix}_0": day, f"{prefix}_1": month, f"{prefix}_2": year}


RULES = [
    ("short_text", {}, {}, ["Enter an answer"]),
    ("short_text", {"error_subject": "your full name"}, {}, ["Enter your full name"]),
    ("short_text", {"max_length": 5}, {"q": "toolong"},
     ["The answer must be 5 characters or less"]),
    ("long_text", {}, {"q": ""}, ["Enter an answer"]),
    ("long_text", {"max_length": 3, "error_subject": "your story"}, {"q": "abcd"},
     ["Your story must be 3 characters or less"]),
    ("number", {}, {}, ["Enter a number"]),
    ("number", {}, {"q": "twelve"}, ["The answer must be a number"]),
    ("number", {"whole_number": True}, {"q": "1.5"}, ["The answer must be a whole number"]),
    ("number", {"minimum": 1}, {"q": "0"}, ["The answer must be 1 or more"]),
    ("number", {"maximum": 10, "error_subject": "the number of bags"}, {"q": "11"},
     ["The number of bags must be 10 or less"]),
    ("date", {}, {}, ["Enter the date"]),
    ("date", {}, _date("q", "1", "", "2024"), ["The date must include a month"]),
    ("date", {}, _date("q", "31", "2", "2024"), ["The date must be a real date"]),
    ("date", {}, _date("q", "1", "2", "24"), ["Year must include 4 numbers"]),
    ("date", {"date_rule": "past", "error_subject": "date you moved"},
     _date("q", str(TOMORROW.day), str(TOMORROW.month), str(TOMORROW.year)),
     ["The date you moved must be in the past"]),
    ("date", {"date_rule": "future"}, _date("q", "1", "1", "2020"),
     ["The date must be today or in the future"]),
    ("email", {}, {}, ["Enter an email address"]),
    ("email", {}, {"q": "name.example.com"}, [EMAIL_EXAMPLE]),
    ("phone", {}, {}, ["Enter a telephone number"]),
    ("phone", {}, {"q": "12345"}, [PHONE_EXAMPLE]),
    ("address", {}, {}, ["Enter address line 1, typically the building and street",
                         "Enter town or city", "Enter postcode"]),
    ("address", {}, {"q__line1": "1 High Street", "q__town": "Southampton", "q__postcode": "SO1"},
     ["Enter a full UK postcode"]),
    ("select_one", {"options": OPTIONS}, {}, ["Select an option"]),
    ("select_one", {"options": OPTIONS, "error_subject": "a fruit"}, {"q": "cherry"},
     ["Select a fruit"]),
    ("select_many", {"options": OPTIONS}, {}, ["Select at least one option"]),
    ("yes_no", {}, {}, ["Select yes or no"]),
    ("yes_no", {"error_subject": "you have a bin"}, {"q": "maybe"},
     ["Select yes if you have a bin"]),
    ("file", {}, {}, ["Select a file"]),
    ("file", {}, {"q": SimpleUploadedFile("photo.jpg", b"not really a photo")},
     ["The selected file must be a JPG, PNG or PDF"]),
    ("file", {"file_kinds": ["pdf"]}, {"q": SimpleUploadedFile("photo.png", PNG)},
     ["The selected file must be a PDF"]),
    ("file", {"max_size_mb": 1}, {"q": SimpleUploadedFile("big.png", PNG + b"\0" * 1024 * 1024)},
     ["The selected file must be smaller than 1MB"]),
    ("file", {}, {"q": SimpleUploadedFile("empty.png", b"")}, ["The selected file is empty"]),
    ("location", {}, {}, ["Enter where it is"]),
    ("location", {}, {"q": "By the park", "q__lat": "99", "q__lng": "0"},
     ["The point on the map must be in the UK: choose it again"]),
    ("declaration", {"label": "I confirm this is true"}, {},
     ["Confirm the declaration to continue"]),
]  # fmt: skip


def _post(client, type, settings, data):
    form = form_published({"key": "only", "questions": [question("q", type, **settings)]})
    client.post(f"/forms/{form.slug}/")
    return client.post(f"/forms/{form.slug}/only/", {"version": "1", **data})


@pytest.mark.parametrize(
    ("type", "settings", "data", "messages"),
    RULES,
    ids=[f"{rule[0]}-{rule[3][0][:40]}" for rule in RULES],
)
def test_each_validation_rule_gives_the_design_system_message(
    client, type, settings, data, messages
):
    response = _post(client, type, settings, data)
    assert response.status_code == 200
    assert errors(response) == messages
    assert Draft.objects.get().answers == {}


GOOD = [
    ("short_text", {}, {"q": "  Ada  "}, "Ada"),
    ("number", {}, {"q": "1,000"}, "1000"),
    ("number", {"whole_number": True}, {"q": "3.0"}, "3"),
    ("date", {}, _date("q", "5", "1", "2026"), "2026-01-05"),
    ("email", {}, {"q": "ada@example.com"}, "ada@example.com"),
    ("phone", {}, {"q": "07700 900 982"}, "+447700900982"),
    ("phone", {}, {"q": "+44 808 157 0192"}, "+448081570192"),
    ("address", {}, {"q__line1": "1 High St", "q__town": "Southampton", "q__postcode": "so147lp"},
     {"line1": "1 High St", "line2": "", "town": "Southampton", "postcode": "SO14 7LP"}),
    ("select_many", {"options": OPTIONS}, {"q": ["a", "b"]}, ["a", "b"]),
    ("yes_no", {"required": False}, {}, ""),
    ("location", {}, {"q": "Outside 4 Park Road, SO15 2AB", "q__lat": "50.91", "q__lng": "-1.4"},
     {"description": "Outside 4 Park Road, SO15 2AB", "postcode": "SO15 2AB", "lat": 50.91,
      "lng": -1.4}),
    ("declaration", {"label": "I confirm"}, {"q": "on"}, "confirmed"),
]  # fmt: skip


@pytest.mark.parametrize(("type", "settings", "data", "kept"), GOOD, ids=[g[0] for g in GOOD])
def test_a_good_answer_is_kept_in_a_standard_form(client, type, settings, data, kept):
    response = _post(client, type, settings, data)
    assert response.status_code == 302, errors(response)
    assert Draft.objects.get().answers == {"q": kept}


@pytest.mark.parametrize("content", [PNG, PDF], ids=["png", "pdf"])
def test_an_uploaded_photo_or_pdf_is_kept_with_the_draft(client, content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = _post(client, "file", {}, {"q": SimpleUploadedFile("evidence.bin", content)})
    assert response.status_code == 302
    draft = Draft.objects.get()
    upload = draft.uploads.get()
    assert draft.answers["q"]["name"] == "evidence.bin"
    assert upload.content_type in {"image/png", "application/pdf"}
    assert upload.file.read() == content


def test_a_sent_file_opens_only_for_staff_who_handle_cases(client, settings, tmp_path):
    from frontdoor.accounts import roles
    from frontdoor.journeys.models import Upload
    from frontdoor.journeys.tests.factories import hidden, staff

    settings.MEDIA_ROOT = tmp_path
    form = form_published({"key": "only", "questions": [question("q", "file")]})
    client.post(f"/forms/{form.slug}/")
    client.post(
        f"/forms/{form.slug}/only/",
        {"version": "1", "q": SimpleUploadedFile("pothole.png", PNG)},
    )
    check = client.get(f"/forms/{form.slug}/check-answers/")
    assert "pothole.png" in check.content.decode()
    client.post(
        f"/forms/{form.slug}/check-answers/",
        {"version": "1", "submission_key": hidden(check, "submission_key")},
    )
    upload = Upload.objects.get(submission__isnull=False)
    url = f"/staff/forms/files/{upload.key}/"
    assert client.get(url).status_code == 302  # a resident is sent to sign in
    client.force_login(staff(roles.DIRECTORY_EDITOR))
    assert client.get(url).status_code == 403
    client.force_login(staff(roles.CASE_OFFICER))
    response = client.get(url)
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    from frontdoor.audit import queries as audit_queries

    case_reference = upload.submission.case_reference
    logged = audit_queries.audit_for(subject_type="case", subject_id=case_reference)
    assert "submission_file.viewed" in [entry.action for entry in logged]
    from frontdoor.cases import queries as case_queries

    answers = case_queries.case_get(reference=case_reference).answers
    assert answers["What is q?"] == f"pothole.png (http://localhost:8000{url})"
