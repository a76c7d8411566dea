"""The seeded roadmap and recommendations match the council's own documents."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from frontdoor.governance import seed
from frontdoor.governance.models import (
    Change,
    Deliverable,
    Measure,
    NextStep,
    Priority,
    ProgressEntry,
    Recommendation,
    RoadmapItem,
    Strategy,
)
from frontdoor.governance.tests import factories

PROJECT_DIR = Path(__file__).resolve().parents[4]
SEEDS_DIR = Path(os.environ.get("FRONTDOOR_SEEDS_DIR", PROJECT_DIR.parent / "shared" / "seeds"))
STRATEGY_2024 = "001_fff2016c01b3fd99.txt"
FOW_REPORT = "003_8b16887758eecea0.txt"
STRATEGY_2018 = "000_d2289a8849ee91c7.txt"

needs_seeds = pytest.mark.skipif(
    not (SEEDS_DIR / STRATEGY_2024).exists(),
    reason=f"the council's seed documents are not at {SEEDS_DIR} (set FRONTDOOR_SEEDS_DIR)",
)


def _source(name: str) -> str:
    return (SEEDS_DIR / name).read_text(encoding="utf-8")


def _normalised(text: str) -> str:
    """The document's words only: table tags, bullets and line breaks taken out."""
    text = re.sub(r"</?p>", " ", text)
    text = text.replace("•", " ")
    return " ".join(text.split())


def _quoted_in(quote: str, document: str, *, most_skipped: int = 30) -> bool:
    """True when the quote is in the document, word for word.

    A table row that runs over a page break is split in two in the source, with the other
    column's words between the halves: then both halves (three words or more each) must be
    there, in order, with at most `most_skipped` words between them.
    """
    quote = " ".join(quote.split())
    if quote in document:
        return True
    wanted = quote.split()
    for cut in range(3, len(wanted) - 2):
        first, second = " ".join(wanted[:cut]), " ".join(wanted[cut:])
        at = document.find(first + " ")
        while at != -1:
            after = document[at + len(first) :].split()
            if second in " ".join(after[: most_skipped + len(wanted) - cut]):
                gap = " ".join(after).find(second)
                if len(" ".join(after)[:gap].split()) <= most_skipped:
                    return True
            at = document.find(first + " ", at + 1)
    return False


def _every_quote(document: dict):
    """(field, text, source file) for every text the seed file quotes."""
    yield "vision", document["vision"], document["source"]
    for theme in document.get("themes", []):
        yield "theme", theme["name"], theme["source"]
        if theme["description"]:
            yield "theme description", theme["description"], theme["source"]
        for priority in theme.get("priorities", []):
            yield "priority", priority["title"], priority["source"]
            for deliverable in priority["deliverables"]:
                yield "we will", deliverable["we_will"], priority["source"]
                yield "so that", deliverable["so_that"], priority["source"]
    for item in document.get("roadmap", []):
        yield "roadmap item", item["title"], item["source"]
    for rec in document.get("recommendations", []):
        yield "recommendation", rec["title"], rec["source"]
        yield "lead", rec["lead"], rec["source"]
        for line in rec["deliverables"]:
            yield "agreed deliverable", line, rec["source"]
        for line in rec["progress"]:
            yield "progress", line, rec["source"]
        for step in rec["next_steps"]:
            yield "next step", step["text"], rec["source"]
    for measure in document.get("measures", []):
        yield "measure", measure["name"], measure["source"]


@needs_seeds
@pytest.mark.parametrize("name", seed.DOCUMENTS)
def test_every_text_in_the_seed_file_is_quoted_from_the_source_it_names(name):
    document = seed.read(seed.FOLDER / name)
    sources = {}
    missing = []
    for field, text, source in _every_quote(document):
        if source not in sources:
            sources[source] = _normalised(_source(source))
        if not _quoted_in(" ".join(str(text).split()), sources[source]):
            missing.append(f"{field} not in {source}: {text}")
    assert not missing, "\n".join(missing)


@needs_seeds
def test_seeded_strategy_has_the_priorities_deliverables_and_roadmap_of_the_document(db):
    factories.council()
    text = _source(STRATEGY_2024)
    rows = [line.split("\t") for line in text.splitlines() if line.count("\t") == 2]
    # A "we will" row starts with a capital; a lower-case one continues over a page break.
    deliverable_rows = [
        row
        for row in rows
        if row[1][:1].isupper() and not row[1].startswith("We will") and row[0] != "--"
    ]
    roadmap_cells = [
        cell
        for line in text.split("Appendix 2 – the transformation roadmap")[-1].splitlines()
        if line.endswith(("\tGovernance", "\tOperational", "\tStrategic"))
        for cell in line.split("\t")[:3]
    ]
    roadmap_actions = [
        part for cell in roadmap_cells for part in re.split(r"</?p>", cell) if part.strip()
    ]
    strategy = Strategy.objects.get(code="digital-2024-30")

    assert Priority.objects.filter(theme__strategy=strategy).count() == len(
        re.findall(r"^Priority \d+:", text, flags=re.MULTILINE)
    )
    assert Deliverable.objects.filter(priority__theme__strategy=strategy).count() == len(
        deliverable_rows
    )
    assert RoadmapItem.objects.filter(strategy=strategy).count() == len(roadmap_actions) == 23
    assert strategy.themes.count() == 4
    assert set(strategy.themes.values_list("name", flat=True)) == {
        "People and skills",
        "Organisation and process",
        "Design, plan and implement",
        "Technology and architecture",
    }
    sample = Deliverable.objects.get(priority__number=4, position=3)
    assert sample.we_will in text
    assert sample.so_that in text
    assert RoadmapItem.objects.filter(
        title="Build in monitoring and reporting of benefits as part of service design process",
        timeframe="later",
        level="strategic",
        theme__code="design-plan-and-implement",
        source_file=STRATEGY_2024,
    ).exists()


@needs_seeds
def test_seeded_recommendations_have_the_leads_progress_and_next_steps_of_the_report(db):
    factories.council()
    text = _source(FOW_REPORT)
    leads = [
        line.split("\t")[1]
        for line in text.splitlines()
        if line.count("\t") == 3 and line.split("\t")[1] not in {"", "Lead"}
    ]
    recommendations = Recommendation.objects.filter(strategy__code="future-of-work")

    assert "nineteen recommendations" in text
    assert recommendations.count() == len(leads) == 19
    assert list(recommendations.values_list("lead", flat=True)) == leads
    assert set(recommendations.values_list("source_file", flat=True)) == {FOW_REPORT}
    tenth = recommendations.get(number=10)
    assert tenth.title == "Southampton City Council to Lead by Example"
    assert "Office 365 rolled out – July 2020" in [p.text for p in tenth.progressentry_set.all()]
    second = recommendations.get(number=2)
    steps = list(second.nextstep_set.values_list("text", "due"))
    assert len(steps) == 7
    assert steps[0][0] == "Clear RSA for exemption as an SCC supplier – March 2020"
    assert str(steps[0][1]) == "2020-03-31"
    normalised = _normalised(text)
    for entry in ProgressEntry.objects.filter(recommendation__in=recommendations):
        assert entry.text in normalised
    assert not recommendations.get(number=18).progressentry_set.exists()


@needs_seeds
def test_seeded_measures_are_every_success_measure_of_the_2018_strategy(db):
    factories.council()
    text = _normalised(_source(STRATEGY_2018))
    measures_section = text.split("How will we measure success?")[-1]
    assert Measure.objects.count() == 27
    for measure in Measure.objects.all():
        assert measure.name in measures_section


def test_importing_twice_makes_nothing_twice(db, capsys):
    call_command("governance_import")
    counts = (
        RoadmapItem.objects.count(),
        Recommendation.objects.count(),
        ProgressEntry.objects.count(),
        NextStep.objects.count(),
        Change.objects.count(),
    )
    call_command("governance_import")
    assert "59 progress entries" in capsys.readouterr().out
    assert counts == (
        RoadmapItem.objects.count(),
        Recommendation.objects.count(),
        ProgressEntry.objects.count(),
        NextStep.objects.count(),
        Change.objects.count(),
    )
    assert counts[:2] == (23, 19)


def test_every_seeded_row_names_its_source_file(db):
    factories.council()
    for model in (RoadmapItem, Recommendation, ProgressEntry, NextStep, Measure, Deliverable):
        assert not model.objects.filter(source_file="").exists(), model.__name__
