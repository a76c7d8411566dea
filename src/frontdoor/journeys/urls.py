from django.urls import path

from frontdoor.journeys.views import (
    assisted,
    builder,
    feedback,
    files,
    preview,
    publishing,
    runner,
)

app_name = "journeys"

resident = [
    path("forms/", runner.form_list, name="list"),
    path("forms/continue/<str:token>/", runner.resume, name="resume"),
    path("forms/feedback/case/<str:reference>/", feedback.feedback_case, name="feedback-case"),
    path("forms/feedback/<str:token>/", feedback.feedback, name="feedback"),
    path("forms/<slug:slug>/", runner.form_start, name="start"),
    path("forms/<slug:slug>/check-answers/", runner.check_answers, name="check-answers"),
    path("forms/<slug:slug>/confirmation/", runner.confirmation, name="confirmation"),
    path("forms/<slug:slug>/save/", runner.save_for_later, name="save"),
    path("forms/<slug:slug>/updated/", runner.form_updated, name="updated"),
    path("forms/<slug:slug>/<slug:page_key>/", runner.form_page, name="page"),
]

staff = [
    path("staff/forms/", builder.builder_list, name="builder-list"),
    path("staff/forms/new/", builder.builder_new, name="builder-new"),
    path("staff/forms/import/", builder.builder_import, name="builder-import"),
    path("staff/forms/assist/", assisted.assist_list, name="assist-list"),
    path("staff/forms/files/<uuid:key>/", files.sent_file, name="sent-file"),
    path("staff/forms/assist/<slug:slug>/", assisted.assist_start, name="assist-start"),
    path("staff/forms/<slug:slug>/", builder.builder_form, name="builder-form"),
    path("staff/forms/<slug:slug>/details/", builder.builder_details, name="builder-details"),
    path(
        "staff/forms/<slug:slug>/questions/new/",
        builder.builder_question_new,
        name="builder-question-new",
    ),
    path(
        "staff/forms/<slug:slug>/questions/<str:question_key>/",
        builder.builder_question,
        name="builder-question",
    ),
    path("staff/forms/<slug:slug>/advice/new/", builder.builder_advice_new, name="builder-advice"),
    path(
        "staff/forms/<slug:slug>/pages/<slug:page_key>/", builder.builder_page, name="builder-page"
    ),
    path(
        "staff/forms/<slug:slug>/pages/<slug:page_key>/conditions/new/",
        builder.builder_route_new,
        name="builder-route-new",
    ),
    path(
        "staff/forms/<slug:slug>/pages/<slug:page_key>/conditions/<int:index>/remove/",
        builder.builder_route_remove,
        name="builder-route-remove",
    ),
    path(
        "staff/forms/<slug:slug>/<str:thing>/<str:key>/move/",
        builder.builder_move,
        name="builder-move",
    ),
    path(
        "staff/forms/<slug:slug>/<str:thing>/<str:key>/remove/",
        builder.builder_remove,
        name="builder-remove",
    ),
    path("staff/forms/<slug:slug>/publish/", publishing.builder_publish, name="builder-publish"),
    path(
        "staff/forms/<slug:slug>/unpublish/", publishing.builder_unpublish, name="builder-unpublish"
    ),
    path("staff/forms/<slug:slug>/versions/", publishing.builder_versions, name="builder-versions"),
    path(
        "staff/forms/<slug:slug>/draft.yaml", publishing.builder_export, name="builder-export-draft"
    ),
    path(
        "staff/forms/<slug:slug>/versions/<int:number>.yaml",
        publishing.builder_export,
        name="builder-export",
    ),
    path("staff/forms/<slug:slug>/feedback/", publishing.builder_feedback, name="builder-feedback"),
    path("staff/forms/<slug:slug>/preview/", preview.preview_start, name="preview"),
    path(
        "staff/forms/<slug:slug>/preview/check-answers/",
        preview.preview_check,
        name="preview-check",
    ),
    path(
        "staff/forms/<slug:slug>/preview/<slug:page_key>/",
        preview.preview_page,
        name="preview-page",
    ),
]

urlpatterns = resident + staff
