"""Every change journeys makes: the builder, residents' drafts, submissions and feedback.

Other apps use these through `from frontdoor.journeys import services`.
"""

from frontdoor.journeys.services.builder import (
    DefinitionError,
    form_create,
    form_details_update,
    form_import,
    form_publish,
    form_unpublish,
    page_add,
    page_move,
    page_remove,
    page_update,
    question_add,
    question_move,
    question_remove,
    question_update,
    route_add,
    route_remove,
)
from frontdoor.journeys.services.feedback import (
    FeedbackRefused,
    feedback_for_closed_case,
    feedback_give,
    feedback_target,
    feedback_token,
)
from frontdoor.journeys.services.files import sent_file_open
from frontdoor.journeys.services.privacy import (
    feedback_comments_anonymise,
    submissions_anonymise,
)
from frontdoor.journeys.services.runner import (
    DraftGone,
    FormChanged,
    FormClosed,
    draft_from_resume_token,
    draft_page_save,
    draft_save_for_later,
    draft_start,
    draft_upgrade,
    draft_where,
    drafts_expire,
    resume_token,
)
from frontdoor.journeys.services.submissions import (
    AnswersIncomplete,
    CaseRefused,
    submission_make,
)

__all__ = [
    "AnswersIncomplete",
    "CaseRefused",
    "DefinitionError",
    "DraftGone",
    "FeedbackRefused",
    "FormChanged",
    "FormClosed",
    "draft_from_resume_token",
    "draft_page_save",
    "draft_save_for_later",
    "draft_start",
    "draft_upgrade",
    "draft_where",
    "drafts_expire",
    "feedback_for_closed_case",
    "feedback_give",
    "feedback_target",
    "feedback_token",
    "form_create",
    "form_details_update",
    "form_import",
    "form_publish",
    "form_unpublish",
    "page_add",
    "page_move",
    "page_remove",
    "page_update",
    "question_add",
    "question_move",
    "question_remove",
    "question_update",
    "resume_token",
    "route_add",
    "route_remove",
    "sent_file_open",
    "submission_make",
    "feedback_comments_anonymise",
    "submissions_anonymise",
]
