from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontdoor.demo import accounts as staff
from frontdoor.demo import services


class Command(BaseCommand):
    help = "Load the demo council (with --reset, wipe the database first)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-empty",
            action="store_true",
            help="only load when the database holds no people yet",
        )
        group.add_argument(
            "--reset", action="store_true", help="delete ALL data, then load the demo council"
        )

    def handle(self, *args, if_empty=False, reset=False, **options):
        if settings.IN_PRODUCTION:
            raise CommandError("Demo data is never loaded in production mode.")
        if reset:
            services.demo_reset()
            self.stdout.write("Demo council reset.")
        elif not if_empty or services.demo_is_needed():
            services.demo_load()
            self.stdout.write("Demo council loaded.")
        else:
            self.stdout.write(
                "Database already has data: demo not reloaded (run `make demo` to reset it)."
            )
        self.stdout.write(f"\nDemo staff sign-ins (password: {staff.DEMO_PASSWORD}):")
        for username, role in staff.sign_ins():
            self.stdout.write(f"  {username:<12} {role}")
        self.stdout.write(
            "Staff sign in with a code from an authenticator app too. Add this key to one "
            f"(any demo user):\n  {staff.totp_key_base32()}\n"
            "or run `.venv/bin/python manage.py demo_code` for the code it shows now."
        )
