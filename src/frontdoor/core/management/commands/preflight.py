from django.core.management.base import BaseCommand
from django.db import connection

from frontdoor import environment


class Command(BaseCommand):
    help = "Check settings and that the database answers, before anything starts."

    def handle(self, *args, **options):
        # Settings were read when Django started; reaching here means they are sound.
        # A database that cannot be reached raises OperationalError, which start-up
        # turns into one sentence.
        connection.ensure_connection()
        url = environment.redact(environment.value("DATABASE_URL"))
        self.stdout.write(f"Settings sound; {connection.vendor} database reachable ({url}).")
