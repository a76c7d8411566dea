from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from frontdoor import environment


class Command(BaseCommand):
    help = "Write docs/settings.md from the settings declared in frontdoor/environment.py."

    def handle(self, *args, **options):
        target = Path(settings.PROJECT_DIR) / "docs" / "settings.md"
        target.write_text(environment.documentation())
        self.stdout.write(f"Wrote {target}")
