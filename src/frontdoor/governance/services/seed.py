"""Loading the council's own documents: strategies, roadmap, recommendations, measures.

"A digital transformation roadmap (appendix 2) has been developed to provide detailed
actions to deliver the priorities within this strategy" (Digital Strategy 2024-30); the
Future of Work report's nineteen recommendations, "lead", "progress to date" and "next
steps" (February 2020). Loading twice changes nothing: rows are matched on their codes.
"""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

from django.db import transaction

from frontdoor.governance import seed
from frontdoor.governance.models import (
    Criterion,
    Deliverable,
    MatrixVersion,
    Measure,
    NextStep,
    Priority,
    ProgressEntry,
    Recommendation,
    RoadmapItem,
    Strategy,
    Theme,
    Weight,
)
from frontdoor.governance.services.history import change_record
from frontdoor.governance.services.requests import criterion_define
from frontdoor.governance.services.roadmap import roadmap_item_create


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _strategy(data: dict, actor, counts: Counter) -> Strategy:
    strategy, created = Strategy.objects.update_or_create(
        code=data["code"],
        defaults={
            "kind": data["kind"],
            "title": _text(data["title"]),
            "period": _text(data.get("period")),
            "vision": _text(data.get("vision")),
            "source_file": data["source"],
        },
    )
    if created:
        change_record(
            actor=actor,
            action="strategy.imported",
            subject="strategy",
            subject_id=strategy.pk,
            summary=f"Imported {strategy.title} from {strategy.source_file}",
        )
    counts["strategies"] += 1
    for position, theme_data in enumerate(data.get("themes", []), start=1):
        theme, _ = Theme.objects.update_or_create(
            strategy=strategy,
            code=theme_data["code"],
            defaults={
                "name": _text(theme_data["name"]),
                "description": _text(theme_data.get("description")),
                "position": position,
                "source_file": theme_data.get("source", data["source"]),
            },
        )
        counts["themes"] += 1
        for priority_data in theme_data.get("priorities", []):
            priority, _ = Priority.objects.update_or_create(
                theme=theme,
                number=priority_data["number"],
                defaults={
                    "title": _text(priority_data["title"]),
                    "source_file": priority_data.get("source", data["source"]),
                },
            )
            counts["priorities"] += 1
            for index, deliverable in enumerate(priority_data.get("deliverables", []), start=1):
                Deliverable.objects.update_or_create(
                    priority=priority,
                    position=index,
                    defaults={
                        "we_will": _text(deliverable["we_will"]),
                        "so_that": _text(deliverable["so_that"]),
                        "source_file": priority_data.get("source", data["source"]),
                    },
                )
                counts["deliverables"] += 1
    return strategy


def _roadmap(strategy: Strategy, data: dict, actor, counts: Counter) -> None:
    themes = {theme.code: theme for theme in strategy.themes.all()}
    for position, item in enumerate(data.get("roadmap", []), start=1):
        key = f"{strategy.code}:roadmap:{position}"
        counts["roadmap items"] += 1
        existing = RoadmapItem.objects.filter(seed_key=key).first()
        if existing is not None:
            continue
        roadmap_item_create(
            actor=actor,
            strategy=strategy,
            theme=themes[item["theme"]],
            title=_text(item["title"]),
            timeframe=item["timeframe"],
            level=item["level"],
            source_file=item.get("source", data["source"]),
            seed_key=key,
            position=position,
        )


def _recommendations(strategy: Strategy, data: dict, actor, counts: Counter) -> None:
    reported_on = data.get("reported_on")
    if isinstance(reported_on, str):
        reported_on = datetime.date.fromisoformat(reported_on)
    for rec in data.get("recommendations", []):
        source = rec.get("source", data["source"])
        recommendation, created = Recommendation.objects.update_or_create(
            strategy=strategy,
            number=rec["number"],
            defaults={"title": _text(rec["title"]), "source_file": source},
        )
        if created:
            # The lead is the board's to change later, so only the first import sets it.
            recommendation.deliverables = [_text(d) for d in rec.get("deliverables", [])]
            recommendation.lead = _text(rec.get("lead"))
            recommendation.save(update_fields=["deliverables", "lead"])
            change_record(
                actor=actor,
                action="recommendation.imported",
                subject="recommendation",
                subject_id=recommendation.pk,
                summary=f"Imported recommendation {rec['number']} from {source}",
                fields={"lead": (None, recommendation.lead)},
            )
        counts["recommendations"] += 1
        for index, text in enumerate(rec.get("progress", []), start=1):
            ProgressEntry.objects.get_or_create(
                seed_key=f"{strategy.code}:{rec['number']}:progress:{index}",
                defaults={
                    "recommendation": recommendation,
                    "text": _text(text),
                    "position": index,
                    "recorded_on": reported_on,
                    "source_file": source,
                },
            )
            counts["progress entries"] += 1
        for index, step in enumerate(rec.get("next_steps", []), start=1):
            due = step.get("due")
            NextStep.objects.get_or_create(
                seed_key=f"{strategy.code}:{rec['number']}:next:{index}",
                defaults={
                    "recommendation": recommendation,
                    "text": _text(step["text"]),
                    "due": datetime.date.fromisoformat(due) if isinstance(due, str) else due,
                    "position": index,
                    "source_file": source,
                },
            )
            counts["next steps"] += 1


def _measures(strategy: Strategy, data: dict, counts: Counter) -> None:
    themes = {theme.code: theme for theme in strategy.themes.all()}
    for measure in data.get("measures", []):
        Measure.objects.update_or_create(
            code=measure["code"],
            defaults={
                "theme": themes[measure["theme"]],
                "name": _text(measure["name"]),
                "target": _text(measure.get("target")),
                "source_file": measure.get("source", data["source"]),
            },
        )
        counts["measures"] += 1


@transaction.atomic
def seed_import(*, documents: list[dict], matrix: dict | None = None, actor=None) -> Counter:
    """Load the hand-written seed documents; returns how many of each thing they hold."""
    counts: Counter = Counter()
    for data in documents:
        strategy = _strategy(data, actor, counts)
        _roadmap(strategy, data, actor, counts)
        _recommendations(strategy, data, actor, counts)
        _measures(strategy, data, counts)
    if matrix and not Criterion.objects.exists():
        for position, criterion in enumerate(matrix["criteria"], start=1):
            criterion_define(
                actor=actor,
                code=criterion["code"],
                name=_text(criterion["name"]),
                question=_text(criterion["question"]),
                position=position,
            )
        _matrix_first(matrix=matrix, actor=actor)
        counts["criteria"] = len(matrix["criteria"])
    return counts


def seed_import_files(*, folder: Path | None = None, actor=None) -> Counter:
    """Load the seed files the app ships (or those in another folder of the same shape)."""
    folder = folder or seed.FOLDER
    return seed_import(documents=seed.documents(folder), matrix=seed.matrix(folder), actor=actor)


def _matrix_first(*, matrix: dict, actor) -> None:
    """The first matrix is published by the import itself, as the board's starting point."""
    version = MatrixVersion.objects.create(
        number=1,
        weight_total=matrix["weight_total"],
        scale_min=matrix["scale_min"],
        scale_max=matrix["scale_max"],
        note=_text(matrix["note"]),
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    criteria = {c.code: c for c in Criterion.objects.all()}
    Weight.objects.bulk_create(
        Weight(version=version, criterion=criteria[c["code"]], weight=c["weight"])
        for c in matrix["criteria"]
    )
    change_record(
        actor=actor,
        action="matrix.published",
        subject="matrix",
        subject_id=1,
        summary="Published matrix version 1: "
        + ", ".join(f"{c['code']} {c['weight']}" for c in matrix["criteria"]),
        fields={c["code"]: (None, c["weight"]) for c in matrix["criteria"]},
    )
