"""The outbox sweep: retries, recovery after a crash, and delivery receipts.

`manage.py serve` runs it beside the task worker. Each queued message also wakes the task
worker at once; this loop is what makes delivery certain when that wake-up is lost, a
provider was down, or a worker died mid-send.
"""

import signal
import time

from django.core.management.base import BaseCommand

from frontdoor.notify import services


class Command(BaseCommand):
    help = "Deliver due messages in a loop (or once), recover stalled ones, fetch statuses."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one sweep, then stop")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between sweeps")
        parser.add_argument(
            "--lease-seconds",
            type=int,
            default=services.LEASE_SECONDS,
            help="how long a claimed message stays this worker's before another may recover it",
        )

    def handle(self, *args, once=False, interval=5.0, lease_seconds=services.LEASE_SECONDS, **_):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if not once:
            self.stdout.write("Starting outbox sweep")
            self.stdout.flush()
        while True:
            run = services.outbox_deliver(lease_seconds=lease_seconds)
            refreshed = services.outbox_refresh_statuses()
            if run.sent or run.recovered or run.retrying or run.failed or refreshed:
                self.stdout.write(
                    f"outbox: sent {len(run.sent)}, recovered {len(run.recovered)}, "
                    f"retrying {len(run.retrying)}, failed {len(run.failed)}, "
                    f"statuses updated {refreshed}"
                )
                self.stdout.flush()
            if once or stopping:
                return
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.1)
            if stopping:
                return
