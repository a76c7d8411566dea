from django.urls import path

from frontdoor.cases.views import contacts, workspace

app_name = "cases"

urlpatterns = [
    path("", workspace.queue, name="queue"),
    path("bulk/", workspace.bulk, name="bulk"),
    path("log-contact/", contacts.log_contact, name="log-contact"),
    path("<str:reference>/", workspace.case_detail, name="case"),
    path("<str:reference>/transition/", workspace.transition, name="transition"),
    path("<str:reference>/assign/", workspace.assign, name="assign"),
    path("<str:reference>/update/", workspace.public_update, name="update"),
    path("<str:reference>/note/", workspace.note, name="note"),
    path("<str:reference>/files/", workspace.attachment_add, name="attachment-add"),
    path(
        "<str:reference>/files/<int:attachment_id>/",
        workspace.attachment_download,
        name="attachment",
    ),
]
