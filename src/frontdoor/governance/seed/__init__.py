"""The structured seed files, written by hand from ../shared/seeds/ (see each file's header).

Reading them changes nothing; `services.seed_import` loads what they hold.
"""

from __future__ import annotations

from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent
DOCUMENTS = ("strategy_2024_30.yaml", "future_of_work.yaml", "strategy_2018_22.yaml")
MATRIX = "matrix.yaml"


def read(path: Path) -> dict:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def documents(folder: Path = FOLDER) -> list[dict]:
    return [read(folder / name) for name in DOCUMENTS]


def matrix(folder: Path = FOLDER) -> dict:
    return read(folder / MATRIX)
