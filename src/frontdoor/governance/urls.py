from django.urls import path

from frontdoor.governance import views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("strategies/<slug:code>/", views.strategy, name="strategy"),
    path("roadmap/", views.roadmap, name="roadmap"),
    path("roadmap/<int:item_id>/", views.roadmap_item, name="roadmap-item"),
    path("roadmap/<int:item_id>/update/", views.roadmap_item_update, name="roadmap-item-update"),
    path("recommendations/<int:recommendation_id>/", views.recommendation, name="recommendation"),
    path(
        "recommendations/<int:recommendation_id>/progress/",
        views.recommendation_progress,
        name="recommendation-progress",
    ),
    path(
        "roadmap/<int:parent_id>/next-steps/new/",
        views.next_step_add,
        {"kind": "roadmap"},
        name="roadmap-next-step-add",
    ),
    path(
        "recommendations/<int:parent_id>/next-steps/new/",
        views.next_step_add,
        {"kind": "recommendation"},
        name="recommendation-next-step-add",
    ),
    path("next-steps/<int:step_id>/done/", views.next_step_done, name="next-step-done"),
    path("change-requests/", views.change_requests, name="change-requests"),
    path("change-requests/new/", views.change_request_new, name="change-request-new"),
    path("change-requests/<int:reference_id>/", views.change_request, name="change-request"),
    path(
        "change-requests/<int:reference_id>/score/",
        views.change_request_score,
        name="change-request-score",
    ),
    path(
        "change-requests/<int:reference_id>/decide/",
        views.change_request_decide,
        name="change-request-decide",
    ),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/publish/", views.matrix_edit, name="matrix-edit"),
    path("reports/<slug:code>/", views.report, name="report"),
    path("reports/<slug:code>/pdf/", views.report_pdf, name="report-pdf"),
    path("reviews/", views.pack, name="pack"),
    path("reviews/pdf/", views.pack_pdf, name="pack-pdf"),
    path("reviews/record/", views.review_record, name="review-record"),
    path("reviews/<int:review_id>/", views.pack, name="review"),
    path("reviews/<int:review_id>/pdf/", views.pack_pdf, name="review-pdf"),
    path("measures/", views.measures, name="measures"),
    path("measures/<slug:code>/reading/", views.measure_reading, name="measure-reading"),
    path("history/", views.history, name="history"),
]
