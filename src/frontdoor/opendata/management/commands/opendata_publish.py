"""Publish the open datasets that are due (the schedule), or every one with --all.

`--every SECONDS` keeps running and checks again after each interval: `manage.py serve`
runs it so datasets are published on time with no cron.
"""

import time

from django.core.management.base import BaseCommand

from frontdoor.opendata import services


class Command(BaseCommand):
    help = "Publish the open datasets that are due (daily, weekly or monthly)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="publish every dataset now")
        parser.add_argument(
            "--every", type=float, default=0, help="keep running, checking every SECONDS"
        )

    def handle(self, *args, **options):
        try:
            self._run(options)
        except KeyboardInterrupt:
            return  # Ctrl-C on `manage.py serve` stops every process quietly

    def _run(self, options):
        while True:
            published = services.datasets_publish_due(every=options["all"])
            for publication in published:
                self.stdout.write(
                    f"Published {publication.dataset.slug} version {publication.version} "
                    f"({publication.rows} rows, {publication.suppressed} counts withheld)"
                )
            if not options["every"]:
                if not published:
                    self.stdout.write("Nothing was due.")
                return
            time.sleep(options["every"])
