"""The pages a resident goes through: start, one thing per page, check answers, send,
confirmation; save and come back later; and the clear pages for a closed or changed form.

The session holds only which draft is this browser's; answers live in the draft, so a
crash or a lost session loses nothing that was saved.
"""

from __future__ import annotations

import uuid

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.accounts import queries as accounts_queries
from frontdoor.journeys import queries, services
from frontdoor.journeys.definition import CHECK_ANSWERS, first_page, page_before
from frontdoor.journeys.forms import SaveForLaterForm
from frontdoor.journeys.models import Channel
from frontdoor.journeys.views.flow import (
    Journey,
    Tampered,
    check_answers_due,
    check_answers_rows,
    page_show,
    posted_version,
)

DRAFTS = "journeys.drafts"  # form slug -> draft key
SENT = "journeys.sent"  # form slug -> submission reference


def page_url(slug: str, key: str) -> str:
    if key == CHECK_ANSWERS:
        return reverse("journeys:check-answers", args=[slug])
    return reverse("journeys:page", args=[slug, key])


def draft_remember(request, *, slug: str, key) -> None:
    drafts = request.session.get(DRAFTS, {})
    drafts[slug] = str(key)
    request.session[DRAFTS] = drafts


def _remember_sent(request, *, slug: str, reference: str) -> None:
    sent = request.session.get(SENT, {})
    sent[slug] = reference
    request.session[SENT] = sent
    drafts = request.session.get(DRAFTS, {})
    drafts.pop(slug, None)
    request.session[DRAFTS] = drafts


def _draft_key(request, slug: str) -> uuid.UUID | None:
    raw = request.session.get(DRAFTS, {}).get(slug)
    return uuid.UUID(raw) if raw else None


def _journey(request, slug: str):
    """This browser's journey through `slug`, or the response to show instead."""
    key = _draft_key(request, slug)
    draft = queries.draft_get(key=key) if key else None
    if draft is None and (key or request.session.get(SENT, {}).get(slug)):
        # Already sent: a double click, a retry or the back button lands on the
        # confirmation again rather than on an error.
        sent = queries.submission_for_draft(key=key) if key else None
        if sent is not None:
            _remember_sent(request, slug=slug, reference=sent.reference)
        if sent is not None or request.method == "POST":
            return None, redirect("journeys:confirmation", slug=slug)
    if draft is None or draft.version.form.slug != slug:
        form = queries.form_published(slug=slug)
        if form is None:
            raise Http404
        return None, render(
            request, "journeys/session_ended.html", {"form": form, "slug": slug}, status=410
        )
    form = draft.version.form
    if form.live_version_id is None:
        return None, _closed(request, slug, draft.version.definition["title"])
    if form.live_version_id != draft.version_id:
        return None, _changed(request, slug, draft.version.definition["title"])
    journey = Journey(
        slug=slug,
        definition=queries.version_definition(draft.version),
        answers=draft.answers,
        version_number=draft.version.number,
        url=lambda key: page_url(slug, key),
        start_url=reverse("journeys:start", args=[slug]),
        assisted=draft.get_channel_display() if draft.assisted_by_id else "",
    )
    return (journey, draft), None


def _closed(request, slug: str, title: str):
    return render(request, "journeys/closed.html", {"title": title, "slug": slug}, status=410)


def _changed(request, slug: str, title: str):
    return render(request, "journeys/changed.html", {"title": title, "slug": slug}, status=409)


def _tampered(request, slug: str):
    return render(request, "journeys/problem.html", {"slug": slug}, status=400)


def form_list(request):
    return render(request, "journeys/list.html", {"forms": queries.forms_published()})


@require_http_methods(["GET", "POST"])
def form_start(request, slug: str):
    form = queries.form_published(slug=slug)
    if form is None:
        raise Http404
    if form.live_version is None:
        return _closed(request, slug, form.title)
    definition = queries.version_definition(form.live_version)
    if request.method == "POST":
        try:
            draft = services.draft_start(slug=slug)
        except services.FormClosed:
            return _closed(request, slug, form.title)
        draft_remember(request, slug=slug, key=draft.key)
        return redirect(page_url(slug, first_page(definition)))
    return render(request, "journeys/start.html", {"form": form, "definition": definition})


@require_http_methods(["GET", "POST"])
def form_page(request, slug: str, page_key: str):
    found, response = _journey(request, slug)
    if response:
        return response
    journey, draft = found

    def save(answers, files):
        saved = services.draft_page_save(
            draft_key=draft.key,
            version_number=journey.version_number,
            answers=answers,
            files=files,
        )
        return saved.answers

    try:
        return page_show(
            request,
            journey,
            page_key,
            save=save,
            stale=lambda: _changed(request, slug, journey.definition.title),
        )
    except Tampered:
        return _tampered(request, slug)
    except services.FormChanged:
        return _changed(request, slug, journey.definition.title)
    except services.FormClosed:
        return _closed(request, slug, journey.definition.title)


@require_http_methods(["GET", "POST"])
def check_answers(request, slug: str):
    found, response = _journey(request, slug)
    if response:
        return response
    journey, draft = found
    due = check_answers_due(journey)
    if due:
        return redirect(due)
    if request.method == "POST":
        try:
            version = posted_version(request)
            if request.POST.get("submission_key") != str(draft.key):
                raise Tampered
            # A resident signed in to their account finds the case there, whatever email
            # they typed; an adviser filling the form in is staff, so has no account here.
            account = accounts_queries.resident_account_of(user=request.user)
            submission = services.submission_make(
                draft_key=draft.key,
                version_number=version,
                resident=account.user if account else None,
            )
        except Tampered:
            return _tampered(request, slug)
        except services.FormChanged:
            return _changed(request, slug, journey.definition.title)
        except services.FormClosed:
            return _closed(request, slug, journey.definition.title)
        except services.AnswersIncomplete as incomplete:
            return redirect(page_url(slug, incomplete.page_key))
        except services.CaseRefused as refused:
            return render(
                request,
                "journeys/not_sent.html",
                {"slug": slug, "reason": refused.args[0], "journey": journey},
                status=422,
            )
        _remember_sent(request, slug=slug, reference=submission.reference)
        return redirect("journeys:confirmation", slug=slug)
    return render(
        request,
        "journeys/check_answers.html",
        {
            "journey": journey,
            "rows": check_answers_rows(journey),
            "back_url": journey.url(
                page_before(journey.definition, CHECK_ANSWERS, journey.answers)
                or first_page(journey.definition)
            ),
            "submission_key": draft.key,
        },
    )


def confirmation(request, slug: str):
    reference = request.session.get(SENT, {}).get(slug)
    submission = queries.submission_get(reference=reference) if reference else None
    if submission is None:
        form = queries.form_published(slug=slug)
        if form is None:
            raise Http404
        return redirect("journeys:start", slug=slug)
    definition = queries.version_definition(submission.version)
    return render(
        request,
        "journeys/confirmation.html",
        {
            "submission": submission,
            "definition": definition,
            "assisted": submission.channel != Channel.ONLINE,
            "feedback_token": services.feedback_token(submission=submission, moment="submitted"),
        },
    )


@require_POST
def form_updated(request, slug: str):
    """Move this browser's draft onto the new version of the form, keeping what fits."""
    key = _draft_key(request, slug)
    try:
        draft = services.draft_upgrade(draft_key=key) if key else None
    except services.DraftGone:
        draft = None
    except services.FormClosed:
        form = queries.form_published(slug=slug)
        return _closed(request, slug, form.title if form else slug)
    if draft is None:
        return redirect("journeys:start", slug=slug)
    _, where = services.draft_where(draft)
    return redirect(page_url(slug, where))


@require_http_methods(["GET", "POST"])
def save_for_later(request, slug: str):
    found, response = _journey(request, slug)
    if response:
        return response
    journey, draft = found
    form = SaveForLaterForm(
        request.POST if request.method == "POST" else None, initial={"email": draft.resume_email}
    )
    if request.method == "POST" and form.is_valid():
        url = request.build_absolute_uri(
            reverse("journeys:resume", args=[services.resume_token(draft)])
        )
        services.draft_save_for_later(
            draft_key=draft.key, email=form.cleaned_data["email"], resume_url=url
        )
        return render(
            request,
            "journeys/saved.html",
            {"journey": journey, "email": form.cleaned_data["email"]},
        )
    _, where = services.draft_where(draft)
    return render(
        request,
        "journeys/save.html",
        {"journey": journey, "form": form, "back_url": page_url(slug, where)},
    )


def resume(request, token: str):
    """A save-and-return link: this browser takes up the draft where it was left."""
    try:
        draft = services.draft_from_resume_token(token=token)
    except services.DraftGone:
        return render(request, "journeys/resume_expired.html", status=410)
    slug = draft.version.form.slug
    draft_remember(request, slug=slug, key=draft.key)
    _, where = services.draft_where(draft)
    return redirect(page_url(slug, where))
