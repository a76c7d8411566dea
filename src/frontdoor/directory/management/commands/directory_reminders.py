"""Ask providers whose entries are due for review to confirm or update them (run daily)."""

from django.core.management.base import BaseCommand

from frontdoor.directory import services


class Command(BaseCommand):
    help = "Queue review reminders to providers whose directory entries are due within two weeks."

    def handle(self, *args, **options):
        run = services.reminders_send()
        self.stdout.write(
            f"Queued {len(run.sent)} reminder(s); {len(run.skipped_no_email)} service(s) "
            "have no email address."
        )
