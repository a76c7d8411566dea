from django.core.management.base import BaseCommand

from frontdoor.journeys import tasks


class Command(BaseCommand):
    help = "Queue the deletion of drafts untouched for 28 days (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        result = tasks.drafts_expire.enqueue()
        self.stdout.write(f"Queued draft expiry as task {result.id}.")
