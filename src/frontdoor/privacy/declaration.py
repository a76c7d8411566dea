"""The record of processing: every kind of personal data Frontdoor holds, declared once.

Strategy: "data is not kept for longer than it is needed" (Southampton Digital Strategy
2018-22); the cabinet report: "all projects ... that store or utilise personal information
will require thorough assessment". The privacy notice page, the retention defaults, the
disposal run's steps and the model-walk test all read this one declaration.

A model is keyed by its label (`cases.Case`). Every model Django knows is either in one
record below or in NO_PERSONAL_DATA with the reason; `tests/test_declaration.py` fails
otherwise, and fails if a model that looks personal (an email, a phone, a link to a
person's account, a file...) is waved through as holding none.
"""

from __future__ import annotations

from dataclasses import dataclass

# What happens at the end of the retention period.
DELETE = "delete"
ANONYMISE = "anonymise"
KEEP = "keep"
ENDS = {
    DELETE: "Deleted",
    ANONYMISE: "Anonymised: the personal details are removed, the counts are kept",
    KEEP: "Kept as a public record",
}

# UK GDPR Article 6 lawful bases a council relies on.
PUBLIC_TASK = "Public task (UK GDPR Article 6(1)(e))"
LEGAL_OBLIGATION = "Legal obligation (UK GDPR Article 6(1)(c))"
CONTRACT = "Contract (UK GDPR Article 6(1)(b))"
CONSENT = "Consent (UK GDPR Article 6(1)(a))"
LEGITIMATE_INTERESTS = "Legitimate interests (UK GDPR Article 6(1)(f)), for security"


def period_text(months: int) -> str:
    """24 → "2 years", 18 → "18 months"."""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"


@dataclass(frozen=True)
class Record:
    """One kind of personal data: what it is, why we hold it, for how long, and then what."""

    code: str
    name: str
    models: tuple[str, ...]
    personal_data: str
    purpose: str
    lawful_basis: str
    retention_months: int
    retention_from: str
    end: str
    # The disposal run's step for it, or None with `disposed_by` saying what removes it.
    step: str | None = None
    disposed_by: str = ""
    # A data officer may set a shorter or longer period (per case type, for cases).
    adjustable: bool = False
    # Subject access and erasure reach it (through the owning app's queries and services).
    in_subject_access: bool = True

    @property
    def retention(self) -> str:
        return f"{period_text(self.retention_months)} after {self.retention_from}"

    @property
    def end_text(self) -> str:
        return ENDS[self.end]


RECORDS: tuple[Record, ...] = (
    Record(
        code="case",
        name="Cases",
        models=(
            "cases.Case",
            "cases.CaseEvent",
            "cases.CaseContact",
            "cases.CaseSubscriber",
            "cases.CaseAttachment",
        ),
        personal_data="Name, email, phone, postcode and address of the person who asked; "
        "what they told us; the case's timeline, notes and files; people following it",
        purpose="Doing what the resident asked and keeping them informed of progress",
        lawful_basis=PUBLIC_TASK,
        retention_months=72,
        retention_from="the case was closed",
        end=ANONYMISE,
        step="case",
        adjustable=True,
    ),
    Record(
        code="submission",
        name="Online form answers and files",
        models=("journeys.Submission", "journeys.Upload"),
        personal_data="Every answer a resident gave on a form, their email and files",
        purpose="The resident's request exactly as they sent it, for the case it opened",
        lawful_basis=PUBLIC_TASK,
        retention_months=72,
        retention_from="it was sent (removed with its case when the case is anonymised)",
        end=ANONYMISE,
        step="submission",
        adjustable=True,
    ),
    Record(
        code="draft",
        name="Unfinished forms",
        models=("journeys.Draft",),
        personal_data="Answers so far and an email to resume with",
        purpose="Letting a resident come back to a form they have not finished",
        lawful_basis=PUBLIC_TASK,
        retention_months=1,
        retention_from="it was last changed (28 days)",
        end=DELETE,
        disposed_by="journeys' daily drafts_expire task",
        in_subject_access=False,
    ),
    Record(
        code="message",
        name="Messages to residents",
        models=("notify.Message", "notify.OutboxDelivery"),
        personal_data="Email address or phone number, and what we told them",
        purpose="Telling residents about their requests, and proving what we sent",
        lawful_basis=PUBLIC_TASK,
        retention_months=24,
        retention_from="it was queued",
        end=ANONYMISE,
        step="message",
        adjustable=True,
    ),
    Record(
        code="feedback",
        name="Feedback on forms",
        models=("journeys.Feedback",),
        personal_data="A free-text comment, which may say who the resident is",
        purpose="Measuring and improving forms (average rating of 4)",
        lawful_basis=PUBLIC_TASK,
        retention_months=24,
        retention_from="it was given (the rating itself is kept)",
        end=ANONYMISE,
        step="feedback",
        adjustable=True,
    ),
    Record(
        code="account",
        name="Accounts",
        models=(
            "accounts.User",
            "accounts.ResidentAccount",
            "accounts.ResidentIdentity",
            "accounts.ContactPreference",
        ),
        personal_data="Name, email, username, sign-in times; for residents, their address, "
        "confirmed mobile, contact preferences and single sign-on identities",
        purpose="Signing in: staff to do their work, residents to see their requests",
        lawful_basis=PUBLIC_TASK,
        retention_months=24,
        retention_from="a resident's last sign-in (staff accounts are closed by HR)",
        end=ANONYMISE,
        step="account",
        adjustable=True,
    ),
    Record(
        code="sign-in-codes",
        name="Sign-in and confirmation codes",
        models=("accounts.OneTimeCode",),
        personal_data="The email address or mobile a one-time code was sent to (the code "
        "and link are kept only as hashes)",
        purpose="Signing residents in without passwords; confirming an address is theirs",
        lawful_basis=LEGITIMATE_INTERESTS,
        retention_months=1,
        retention_from="the code was sent (each works for 15 minutes)",
        end=DELETE,
        disposed_by="accounts deletes codes a day after they expire, when the next is sent",
        in_subject_access=False,
    ),
    Record(
        code="staff-two-factor",
        name="Staff authenticator apps",
        models=("otp_totp.TOTPDevice",),
        personal_data="The secret shared with a member of staff's authenticator app, and "
        "when it was last used",
        purpose="Two-factor sign-in, so personal data is reached only by the staff it is for",
        lawful_basis=LEGITIMATE_INTERESTS,
        retention_months=1,
        retention_from="an administrator resets it or the staff account is closed",
        end=DELETE,
        disposed_by="deleted when an administrator resets two-factor sign-in",
        in_subject_access=False,
    ),
    Record(
        code="audit",
        name="Audit log",
        models=("audit.AuditEvent",),
        personal_data="Which member of staff saw or changed which record, and when",
        purpose="Proving that personal data is seen only by those who need it",
        lawful_basis=LEGAL_OBLIGATION,
        retention_months=72,
        retention_from="the entry was written",
        end=DELETE,
        step="audit",
        adjustable=True,
        in_subject_access=False,
    ),
    Record(
        code="staff-work",
        name="Staff work records",
        models=(
            "accounts.Team",
            "journeys.Form",
            "journeys.FormVersion",
            "governance.Change",
            "governance.ProgressEntry",
            "governance.NextStep",
            "governance.MeasureReading",
            "governance.MatrixVersion",
            "governance.ChangeRequest",
            "governance.Score",
            "governance.Decision",
            "governance.Review",
            "privacy.RetentionRule",
            "privacy.DisposalRun",
            "reports.ApiClient",
            "reports.DuplicateFlag",
            "directory.Metadata",
            "directory.ImportRun",
        ),
        personal_data="The name of the member of staff who made, scored or decided something",
        purpose="Accountability for the council's decisions and published forms",
        lawful_basis=PUBLIC_TASK,
        retention_months=120,
        retention_from="the decision (kept as the council's record)",
        end=KEEP,
        disposed_by="kept as the council's record; reviewed by the digital board",
        in_subject_access=False,
    ),
    Record(
        code="directory-contact",
        name="Contacts in the service directory",
        models=(
            "directory.Organization",
            "directory.Service",
            "directory.Contact",
            "directory.Phone",
        ),
        personal_data="Names, job titles, work emails and phone numbers of the people a "
        "service lists as its contacts, and who confirmed its details",
        purpose="Publishing an up-to-date directory of services, as the strategy asks",
        lawful_basis=PUBLIC_TASK,
        retention_months=12,
        retention_from="the service or contact is removed from the directory",
        end=DELETE,
        disposed_by="directory editors remove a contact or service; its people go with it",
        in_subject_access=False,
    ),
    Record(
        code="directory-suggestion",
        name="Suggested changes to the directory",
        models=("directory.ChangeSuggestion",),
        personal_data="The name, email and words of someone suggesting a change",
        purpose="Keeping the directory right, and telling the person what was done",
        lawful_basis=PUBLIC_TASK,
        retention_months=24,
        retention_from="the suggestion was decided",
        end=DELETE,
        disposed_by="directory editors (an automatic disposal step is still to come)",
        in_subject_access=False,
    ),
    Record(
        code="privacy-request",
        name="Legal holds and data protection requests",
        models=("privacy.LegalHold", "privacy.SubjectRequest"),
        personal_data="Who asked, the email, phone or username they gave, the decision",
        purpose="Proving how each request and legal hold was handled",
        lawful_basis=LEGAL_OBLIGATION,
        retention_months=72,
        retention_from="the request was decided or the hold released",
        end=DELETE,
        step="privacy-request",
        adjustable=True,
        in_subject_access=True,
    ),
    Record(
        code="session",
        name="Sign-in sessions",
        models=("sessions.Session",),
        personal_data="Which account a browser is signed in as",
        purpose="Keeping a person signed in",
        lawful_basis=PUBLIC_TASK,
        retention_months=1,
        retention_from="the session expired",
        end=DELETE,
        step="session",
        in_subject_access=False,
    ),
    Record(
        code="sign-in-attempt",
        name="Sign-in attempts",
        models=(
            "axes.AccessAttempt",
            "axes.AccessAttemptExpiration",
            "axes.AccessLog",
            "axes.AccessFailureLog",
        ),
        personal_data="Username tried, IP address and browser",
        purpose="Stopping people guessing passwords",
        lawful_basis=LEGITIMATE_INTERESTS,
        retention_months=3,
        retention_from="the attempt",
        end=DELETE,
        step="sign-in-attempt",
        in_subject_access=False,
    ),
    Record(
        code="background-task",
        name="Background task results",
        models=("django_tasks_database.DBTaskResult",),
        personal_data="A task's arguments, such as a case reference",
        purpose="Running work after a page has answered, and retrying it if it fails",
        lawful_basis=PUBLIC_TASK,
        retention_months=1,
        retention_from="the task finished",
        end=DELETE,
        step="background-task",
        in_subject_access=False,
    ),
    Record(
        code="resident-record",
        name="Single resident records",
        models=(
            "residents.Resident",
            "residents.SourceRecord",
            "residents.Link",
            "residents.MatchPair",
            "residents.Merge",
        ),
        personal_data="Name, date of birth, addresses, emails and phones as each council "
        "system holds them, which cases and accounts are the same person's, and pairs "
        "of records that may be one person",
        purpose="One record per resident so staff see every contact together and "
        "duplicates are merged (a single customer record)",
        lawful_basis=PUBLIC_TASK,
        retention_months=72,
        retention_from="the resident's last case or account was disposed of",
        end=DELETE,
        disposed_by="the data officer, by merging, correcting or removing source records; "
        "subject access reads them",
    ),
    Record(
        code="street-report",
        name="Street reports on the public map",
        models=("reports.Report", "reports.Photo", "reports.PartnerUpdate"),
        personal_data="Where a problem is, and the description and photos the reporter "
        "gave, published on the map (their name and contact details stay on the case); "
        "comments a partner app passes on for staff",
        purpose="Showing residents what is already reported so they need not report it "
        "again, and the Open311 record partner apps read",
        lawful_basis=PUBLIC_TASK,
        retention_months=72,
        retention_from="the report's case was closed",
        end=KEEP,
        disposed_by="kept as the public record of street problems; the reporter's details "
        "are only on the case, which is anonymised on its own schedule",
        in_subject_access=False,
    ),
)

# Models that hold no personal data, and why: a new model must be added here or above.
NO_PERSONAL_DATA: dict[str, str] = {
    "auth.Permission": "Django's permission names",
    "auth.Group": "role names",
    "contenttypes.ContentType": "names of tables",
    "notify.Template": "message wording with placeholders",
    "cases.Workflow": "states and transitions",
    "cases.CaseType": "kinds of request",
    "governance.Strategy": "the council's published strategies",
    "governance.Theme": "the strategies' themes",
    "governance.Priority": "the strategies' priorities",
    "governance.Deliverable": "the strategies' deliverables",
    "governance.RoadmapItem": "roadmap items; `lead` is a job title from the strategy",
    "governance.Recommendation": "the inquiry's recommendations; `lead` is a job title",
    "governance.Measure": "success measures",
    "governance.Criterion": "the prioritisation matrix's questions",
    "governance.Weight": "the matrix's weights",
    "directory.OrganizationIdentifier": "registered identifiers of organisations",
    "directory.Taxonomy": "classification schemes",
    "directory.TaxonomyTerm": "classification terms",
    "directory.Location": "where services are delivered",
    "directory.ServiceAtLocation": "which service is where",
    "directory.Accessibility": "access details of premises",
    "directory.Schedule": "opening times",
    "directory.ServiceArea": "areas served",
    "directory.CostOption": "prices",
    "directory.Language": "languages spoken",
    "directory.Attribute": "taxonomy links",
    "directory.SearchWord": "the search vocabulary, built from service names",
    "opendata.Dataset": "published datasets",
    "opendata.Publication": "when each was published",
    "opendata.PublishedFile": "aggregated open data; small counts are withheld",
    "residents.LinkageModel": "Splink's trained match parameters: probabilities, no records",
    "privacy.DisposalBatch": "what kind, how many, which rule and id ranges: never the data",
    "privacy.Disposed": "the ids of records already anonymised, so no run does one twice",
    "reports.Category": "kinds of street problem and the team each goes to",
    "reports.Attribute": "the questions a kind of street problem asks",
    "reports.MeToo": "a count of followers; who they are is on the case (cases.CaseSubscriber)",
}

# Places, not people: published gazetteer data (addresses, postcodes) that names nobody.
# The model-walk test lets them hold place fields, but never a link to a person.
PLACE_DATA: dict[str, str] = {
    "places.Ward": "ward names and boundaries (ONS)",
    "places.Postcode": "postcode centres (ONS Postcode Directory)",
    "places.Address": "the gazetteer: UPRN, address and position of each property",
    "directory.Address": "addresses of the premises where services are delivered",
}

BY_CODE = {record.code: record for record in RECORDS}
BY_MODEL = {label: record for record in RECORDS for label in record.models}


def record_for(label: str) -> Record | None:
    """The record a model's data belongs to, by model label."""
    return BY_MODEL.get(label)


def adjustable() -> list[Record]:
    return [record for record in RECORDS if record.adjustable and record.step]
