"""Run the web server, the task worker and the outbox sweep together; Ctrl-C stops all."""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from frontdoor import environment

_GRACE_SECONDS = 15


class Command(BaseCommand):
    help = "Serve Frontdoor with gunicorn and run the background task worker."

    def handle(self, *args, **options):
        host, port = environment.value("HOST"), environment.value("PORT")
        workers = environment.integer("WEB_CONCURRENCY")
        web = [
            sys.executable,
            "-m",
            "gunicorn",
            "frontdoor.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "10",
        ]
        worker = [sys.executable, "manage.py", "db_worker", "--interval", "0.5"]
        # The outbox sweep: retries, recovery after a crash, delivery receipts (notify app).
        sweep = [sys.executable, "manage.py", "notify_worker", "--interval", "5"]
        # Open data published on its schedule (opendata app); checks once an hour.
        publish = [sys.executable, "manage.py", "opendata_publish", "--every", "3600"]
        # Directory review reminders to providers (directory app); checks once an hour.
        remind = [sys.executable, "manage.py", "directory_reminders", "--every", "3600"]
        children = [
            subprocess.Popen(command)  # noqa: S603
            for command in (web, worker, sweep, publish, remind)
        ]
        shown = "localhost" if host in {"127.0.0.1", "0.0.0.0"} else host  # noqa: S104
        self.stdout.write(
            f"\nFrontdoor is running at http://{shown}:{port}/  "
            f"(staff: http://{shown}:{port}/staff/)\nPress Ctrl-C to stop.\n"
        )
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + _GRACE_SECONDS
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        failed = [
            child.args[2] if len(child.args) > 2 else child.args[0]
            for child in children
            if child.returncode not in (0, -signal.SIGTERM)
        ]
        if failed and not stopping:
            self.stderr.write(f"Stopped because a process ended unexpectedly: {failed}")
            raise SystemExit(1)
        self.stdout.write("Frontdoor stopped.")
