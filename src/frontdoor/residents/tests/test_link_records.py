"""`manage.py link_records`: the pipeline on any CSV, and its refusals that change nothing."""

import csv

import pytest
from django.core.management import CommandError, call_command

from frontdoor.residents import accuracy, synthetic
from frontdoor.residents.tests import factories


def _clusters(path):
    with path.open(newline="") as handle:
        return {row["unique_id"]: row["cluster_id"] for row in csv.DictReader(handle)}


def test_a_csv_of_people_is_written_back_as_clusters_that_find_the_duplicates(tmp_path):
    rows = synthetic.people(600, seed=11)
    source = factories.csv_file(tmp_path / "people.csv", rows)
    target = tmp_path / "clusters.csv"
    call_command("link_records", "--input", str(source), "--output", str(target))
    assert target.read_text().splitlines()[0] == "unique_id,cluster_id"
    clusters = _clusters(target)
    assert set(clusters) == {row["unique_id"] for row in rows}
    found = accuracy.pairs_of_clusters(clusters)
    scores = accuracy.scores(found, synthetic.true_pairs(rows))
    assert scores.recall > 0.85 and scores.precision > 0.8, scores


@pytest.fixture
def target(tmp_path):
    return tmp_path / "clusters.csv"


def _refused(source, target) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("link_records", "--input", str(source), "--output", str(target))
    assert not target.exists()
    return str(refused.value)


def test_a_file_without_the_required_columns_is_refused_naming_them(tmp_path, target):
    source = factories.csv_file(
        tmp_path / "people.csv",
        [{"unique_id": "1", "first_name": "Ann"}],
        header=["unique_id", "first_name", "surname"],
    )
    message = _refused(source, target)
    assert "lacks the columns source_system, dob, address_line" in message


def test_bad_dates_are_reported_by_line_and_nothing_is_written(tmp_path, target):
    rows = [
        factories.person(unique_id="1", dob="1984-03-12"),
        factories.person(unique_id="2", dob="12/03/1984"),
        factories.person(unique_id="3", dob="1984-02-30"),
    ]
    message = _refused(factories.csv_file(tmp_path / "people.csv", rows), target)
    assert "line 3: dob '12/03/1984' is not a date as YYYY-MM-DD" in message
    assert "line 4: dob '1984-02-30'" in message


def test_an_empty_file_is_refused(tmp_path, target):
    source = tmp_path / "people.csv"
    source.write_bytes(b"")
    assert "is empty (0 bytes)" in _refused(source, target)


def test_repeated_ids_are_refused(tmp_path, target):
    rows = [factories.person(unique_id="7"), factories.person(unique_id="7")]
    message = _refused(factories.csv_file(tmp_path / "people.csv", rows), target)
    assert "unique_id '7' appears twice" in message
