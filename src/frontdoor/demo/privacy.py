"""Demo privacy: a retention period for feedback comments and one open subject access
request, made through privacy's services by the demo data officer. Labelled demo data."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from frontdoor.privacy import services


def create() -> None:
    officer = get_user_model().objects.filter(username="dataofficer").first()
    if officer is None:
        return
    services.retention_rule_set(
        actor=officer,
        kind="feedback",
        months=12,
        note="Demo: comments on forms are kept for a year; the ratings stay.",
    )
    services.subject_request_open(
        actor=officer, kind="access", emails=["amara.okonkwo@example.com"]
    )
