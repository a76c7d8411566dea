"""`manage.py link_records --input people.csv --output clusters.csv`: the linkage pipeline
on any file, so a council can measure a legacy extract before importing it."""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.residents import checks, linkage

# Measured on 1,000,000 synthetic council records (docs/residents.md): clustering at 0.9
# gives the best cluster F1 (0.981; 0.973 at 0.5, where chains through household members
# join different people, and 0.968 at 0.99, where one person's moves are left apart).
DEFAULT_THRESHOLD = 0.9


class Progress:
    """A one-line progress bar on stderr: the pipeline's stages, with elapsed time."""

    STAGES = ("reading", "training the model", "scoring pairs", "clustering", "writing")

    def __init__(self, stream, enabled: bool):
        self.stream, self.enabled, self.started = stream, enabled, time.perf_counter()

    def __call__(self, stage: str) -> None:
        if not self.enabled:
            return
        done = self.STAGES.index(stage) if stage in self.STAGES else 0
        width = 20
        filled = width * done // len(self.STAGES)
        bar = "#" * filled + "-" * (width - filled)
        elapsed = time.perf_counter() - self.started
        self.stream.write(f"\r[{bar}] {done}/{len(self.STAGES)} {stage:<20} {elapsed:6.1f}s")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            elapsed = time.perf_counter() - self.started
            bar = "#" * 20
            self.stream.write(f"\r[{bar}] done{' ' * 20} {elapsed:6.1f}s\n")


class Command(BaseCommand):
    help = (
        "Deduplicate the people in a CSV file (header: "
        + ",".join(linkage.COLUMNS)
        + "; dob as YYYY-MM-DD) and write unique_id,cluster_id."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="the CSV file of people")
        parser.add_argument("--output", required=True, help="where to write unique_id,cluster_id")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help="match probability at which two records are the same person "
            f"(default {DEFAULT_THRESHOLD}: the best cluster F1 on council-like data)",
        )
        parser.add_argument(
            "--threads", type=int, default=os.cpu_count() or 2, help="DuckDB threads"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        source, target = Path(options["input"]), Path(options["output"])
        if not 0 < options["threshold"] < 1:
            raise CommandError("--threshold must be between 0 and 1.")
        problems = checks.csv_problems(source)
        if problems:
            raise CommandError(
                f"{source} was not linked; nothing was written:\n- " + "\n- ".join(problems)
            )
        show = not options["no_progress"] and sys.stderr.isatty()
        progress = Progress(sys.stderr, show or options["verbosity"] > 1)
        progress("reading")
        pipeline = linkage.Pipeline(threads=options["threads"])
        count = pipeline.load_csv(source)
        if count == 0:
            raise CommandError(f"{source} has a header but no people; nothing was written.")
        stages = {
            "training the model": "training the model",
            "scoring pairs": "scoring pairs",
            "clustering": "clustering",
        }
        result = pipeline.run(
            threshold=options["threshold"], progress=lambda s: progress(stages.get(s, s))
        )
        progress("writing")
        partial = target.with_name(target.name + ".partial")
        with partial.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["unique_id", "cluster_id"])
            writer.writerows(sorted(result.clusters.items()))
        partial.replace(target)
        progress.finish()
        people = len(result.clusters)
        clusters = len(set(result.clusters.values()))
        self.stdout.write(
            f"{people} records in {clusters} clusters "
            f"({people - clusters} duplicates) written to {target}."
        )
