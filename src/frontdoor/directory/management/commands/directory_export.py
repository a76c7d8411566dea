"""Write the whole directory as an HSDS 3.0 tabular data package (a zip)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from frontdoor.directory import services


class Command(BaseCommand):
    help = "Write the directory as an HSDS data package: datapackage.json and one CSV per table."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .zip to write")

    def handle(self, *args, file: Path, **options):
        file.write_bytes(services.directory_export())
        self.stdout.write(f"Wrote {file}.")
