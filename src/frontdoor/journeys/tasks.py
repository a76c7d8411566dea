"""Background work for journeys: deleting drafts nobody came back to.

Strategy: "data is not kept for longer than it is needed".
"""

from django_tasks import task

from frontdoor.journeys import services


@task()
def drafts_expire() -> int:
    """Delete drafts (and their files) untouched for 28 days; run daily by the scheduler."""
    return services.drafts_expire()
