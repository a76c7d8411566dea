"""Background work for privacy: disposal runs, dry and real.

Strategy: "data is not kept for longer than it is needed".
"""

from django_tasks import task

from frontdoor.privacy import services


@task()
def disposal_run(*, run_id: int) -> int:
    """Do one disposal run (or resume it where it stopped); returns its batches done."""
    return services.disposal_execute(run_id=run_id).batches_done
