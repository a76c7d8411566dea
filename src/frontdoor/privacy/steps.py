"""The disposal run's steps: for each kind of record, which rows are due and how they go.

Each app's own queries find its rows and its own services anonymise or delete them; this
module only joins them up. A step with `batched=True` goes through its rows in id order,
a batch at a time; the others are a single delete of everything past its date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef

from frontdoor.accounts import queries as accounts_queries
from frontdoor.accounts import services as accounts_services
from frontdoor.audit import queries as audit_queries
from frontdoor.audit import services as audit_services
from frontdoor.cases import queries as cases_queries
from frontdoor.cases import services as cases_services
from frontdoor.journeys import queries as journeys_queries
from frontdoor.journeys import services as journeys_services
from frontdoor.notify import queries as notify_queries
from frontdoor.notify import services as notify_services
from frontdoor.privacy.models import Disposed, LegalHold, SubjectRequest


@dataclass(frozen=True)
class Holds:
    """What legal holds protect, read afresh for every batch."""

    references: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    user_ids: tuple[int, ...] = ()

    @classmethod
    def current(cls) -> Holds:
        active = LegalHold.objects.filter(released_at__isnull=True)
        references = tuple(
            active.filter(target_type=LegalHold.CASE).values_list("target", flat=True)
        )
        emails = tuple(
            active.filter(target_type=LegalHold.RESIDENT).values_list("target", flat=True)
        )
        user_ids = tuple(accounts_queries.account_ids_of_person(emails=emails)) if emails else ()
        return cls(references, emails, user_ids)


@dataclass(frozen=True)
class Example:
    label: str
    date: datetime.datetime | None
    detail: str = ""


@dataclass
class Outcome:
    records: int
    related: dict[str, int] = field(default_factory=dict)
    # Other records this changed, by kind, so their own step does not count them again.
    also_done: dict[str, list[int]] = field(default_factory=dict)


def _done(kind: str):
    return Disposed.objects.filter(kind=kind, object_id=OuterRef("pk"))


class Step:
    kind: str
    batched = True

    def candidates(self, plan: dict, holds: Holds):
        raise NotImplementedError

    def example(self, row) -> Example:
        raise NotImplementedError

    def dispose(self, ids: list[int], holds: Holds) -> Outcome:
        raise NotImplementedError


def cutoff(plan: dict) -> datetime.datetime:
    return datetime.datetime.fromisoformat(plan["cutoff"])


class CaseStep(Step):
    kind = "case"

    def candidates(self, plan, holds):
        return cases_queries.cases_for_disposal(
            before=cutoff(plan),
            case_type=plan.get("case_type", ""),
            except_case_types=plan.get("except", ()),
            held_references=holds.references,
            held_emails=holds.emails,
            held_user_ids=holds.user_ids,
            already_done=_done(self.kind),
        ).select_related("case_type")

    def example(self, case):
        return Example(case.reference, case.closed_at, case.case_type.name)

    def dispose(self, ids, holds):
        references = cases_queries.case_references_for(ids=ids)
        submission_ids = journeys_queries.submission_ids_of_person(case_references=references)
        changed = cases_services.cases_anonymise(case_ids=ids)
        forms = journeys_services.submissions_anonymise(case_references=references)
        messages = notify_services.messages_anonymise(about_type="case", about_ids=references)
        return Outcome(
            changed.pop("cases"),
            {
                **changed,
                "forms": forms["submissions"],
                "form files": forms["files"],
                "messages": messages,
            },
            also_done={"submission": submission_ids},
        )


class SubmissionStep(Step):
    kind = "submission"

    def candidates(self, plan, holds):
        found = journeys_queries.submissions_for_disposal(
            before=cutoff(plan), already_done=_done(self.kind)
        )
        if holds.references:
            found = found.exclude(case_reference__in=holds.references)
        if holds.emails:
            found = found.exclude(contact_email__in=holds.emails)
        return found

    def example(self, submission):
        return Example(submission.reference, submission.submitted_at, "Form")

    def dispose(self, ids, holds):
        forms = journeys_services.submissions_anonymise(ids=ids)
        return Outcome(forms["submissions"], {"form files": forms["files"]})


class MessageStep(Step):
    kind = "message"

    def candidates(self, plan, holds):
        found = notify_queries.messages_for_disposal(before=cutoff(plan))
        if holds.references:
            found = found.exclude(about_type="case", about_id__in=holds.references)
        if holds.emails:
            found = found.exclude(to__in=holds.emails)
        return found

    def example(self, message):
        return Example(message.reference, message.created_at, message.get_channel_display())

    def dispose(self, ids, holds):
        return Outcome(notify_services.messages_anonymise(ids=ids))


class FeedbackStep(Step):
    kind = "feedback"

    def candidates(self, plan, holds):
        return journeys_queries.feedback_for_disposal(before=cutoff(plan))

    def example(self, feedback):
        return Example(f"Rating {feedback.rating} of 5", feedback.given_at, "Comment")

    def dispose(self, ids, holds):
        return Outcome(journeys_services.feedback_comments_anonymise(ids=ids))


class AccountStep(Step):
    kind = "account"

    def candidates(self, plan, holds):
        found = accounts_queries.accounts_for_disposal(before=cutoff(plan))
        return found.exclude(id__in=holds.user_ids) if holds.user_ids else found

    def example(self, user):
        return Example(f"Account {user.pk}", user.last_login or user.date_joined, "Resident")

    def dispose(self, ids, holds):
        return Outcome(accounts_services.accounts_anonymise(ids=ids))


class AuditStep(Step):
    kind = "audit"

    def candidates(self, plan, holds):
        return audit_queries.audit_for_disposal(before=cutoff(plan))

    def example(self, event):
        return Example(event.action, event.at, event.subject_type)

    def dispose(self, ids, holds):
        return Outcome(audit_services.audit_delete(ids=ids))


class PrivacyRequestStep(Step):
    """Decided requests and released holds past their period (this app's own records)."""

    kind = "privacy-request"
    batched = False

    def _querysets(self, plan):
        before = cutoff(plan)
        return (
            SubjectRequest.objects.filter(decided_at__lt=before),
            LegalHold.objects.filter(released_at__lt=before),
        )

    def count(self, plan, holds) -> int:
        return sum(q.count() for q in self._querysets(plan))

    def delete(self, plan, holds) -> Outcome:
        requests, released = self._querysets(plan)
        return Outcome(requests.delete()[0], {"legal holds": released.delete()[0]})


class SessionStep(Step):
    kind = "session"
    batched = False

    def _queryset(self, plan):
        from django.contrib.sessions.models import Session

        return Session.objects.filter(expire_date__lt=cutoff(plan))

    def count(self, plan, holds):
        return self._queryset(plan).count()

    def delete(self, plan, holds):
        return Outcome(self._queryset(plan).delete()[0])


class SignInAttemptStep(Step):
    kind = "sign-in-attempt"
    batched = False

    def _querysets(self, plan):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        before = cutoff(plan)
        return [
            model.objects.filter(attempt_time__lt=before)
            for model in (AccessAttempt, AccessLog, AccessFailureLog)
        ]

    def count(self, plan, holds):
        return sum(q.count() for q in self._querysets(plan))

    def delete(self, plan, holds):
        return Outcome(sum(q.delete()[0] for q in self._querysets(plan)))


class BackgroundTaskStep(Step):
    kind = "background-task"
    batched = False

    def _queryset(self, plan):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(finished_at__lt=cutoff(plan))

    def count(self, plan, holds):
        return self._queryset(plan).count()

    def delete(self, plan, holds):
        return Outcome(self._queryset(plan).delete()[0])


STEPS: dict[str, Step] = {
    step.kind: step
    for step in (
        CaseStep(),
        SubmissionStep(),
        MessageStep(),
        FeedbackStep(),
        AccountStep(),
        AuditStep(),
        PrivacyRequestStep(),
        SessionStep(),
        SignInAttemptStep(),
        BackgroundTaskStep(),
    )
}
