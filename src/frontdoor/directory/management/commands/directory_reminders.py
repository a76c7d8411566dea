"""Ask providers whose entries are due for review to confirm or update them.

Run once, or with `--every SECONDS` as `manage.py serve` does: each provider is asked at
most once a fortnight, so checking often sends nothing twice.
"""

import time

from django.core.management.base import BaseCommand

from frontdoor.directory import services


class Command(BaseCommand):
    help = "Queue review reminders to providers whose directory entries are due within two weeks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=0, help="repeat every this many seconds (0: once)"
        )

    def handle(self, *args, every: float = 0, **options):
        while True:
            run = services.reminders_send()
            self.stdout.write(
                f"Queued {len(run.sent)} reminder(s); {len(run.skipped_no_email)} service(s) "
                "have no email address."
            )
            if not every:
                return
            time.sleep(every)
