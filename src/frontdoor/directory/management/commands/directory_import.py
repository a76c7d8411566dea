"""Import an HSDS JSON feed, tabular data package (.zip) or CSV table: all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.directory import services


class Command(BaseCommand):
    help = "Import an HSDS 3.0 JSON feed (.json) or tabular data package (.zip or .csv)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"There is no file {file}.")
        try:
            run = services.directory_import_file(name=file.name, content=file.read_bytes())
        except services.ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file.name}: {len(refused.problems)} problem(s); nothing was imported."
            ) from None
        counts = ", ".join(f"{n} {table}" for table, n in sorted(run.counts.items()))
        self.stdout.write(f"Imported {file.name}: {counts}.")
