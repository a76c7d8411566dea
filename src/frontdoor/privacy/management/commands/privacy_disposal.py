"""The scheduled disposal run (cron or a systemd timer, nightly): resume, then run.

Strategy: "data is not kept for longer than it is needed".
"""

from django.core.management.base import BaseCommand

from frontdoor.privacy import services


class Command(BaseCommand):
    help = (
        "Finish any disposal run that was interrupted, then dispose of everything past its "
        "retention period (run nightly, e.g. from cron). --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")
        parser.add_argument("--batch-size", type=int, default=services.BATCH_SIZE)

    def handle(self, *args, dry_run=False, batch_size=services.BATCH_SIZE, **options):
        def progress(batch):
            self.stdout.write(f"  batch {batch.sequence}: {batch.records} {batch.kind}")

        for run_id in services.disposal_unfinished():
            self.stdout.write(f"Resuming disposal run {run_id}")
            services.disposal_execute(run_id=run_id, batch_size=batch_size, on_batch=progress)
        run = services.disposal_scheduled(dry_run=dry_run, batch_size=batch_size, on_batch=progress)
        key = "count" if run.dry_run else "records"
        total = sum(result.get(key, 0) for result in run.results.values())
        verb = "would go" if run.dry_run else "disposed of"
        self.stdout.write(f"Disposal run {run.pk} finished: {total} records {verb}.")
