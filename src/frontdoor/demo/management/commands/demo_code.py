from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontdoor.demo import accounts as staff


class Command(BaseCommand):
    help = "Print the code the demo staff's authenticator app shows now (never in production)."

    def handle(self, *args, **options):
        if settings.IN_PRODUCTION:
            raise CommandError("There are no demo users in production mode.")
        self.stdout.write(staff.totp_code_now())
