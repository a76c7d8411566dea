"""Load the strategies, roadmap, recommendations and measures from the seed files."""

from pathlib import Path

from django.core.management.base import BaseCommand

from frontdoor.governance import seed, services


class Command(BaseCommand):
    help = (
        "Load the Southampton Digital Strategy 2024-30 priorities and roadmap, the 19 Future "
        "of Work recommendations and the 2018-22 success measures from the hand-written seed "
        "files. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder",
            type=Path,
            default=seed.FOLDER,
            help="folder holding the seed YAML files (default: the app's own)",
        )

    def handle(self, *args, folder: Path, **options):
        counts = services.seed_import(documents=seed.documents(folder), matrix=seed.matrix(folder))
        for name, count in counts.items():
            self.stdout.write(f"  {count:>4} {name}")
        self.stdout.write("Governance seed documents loaded.")
