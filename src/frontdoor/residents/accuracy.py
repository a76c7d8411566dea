"""Measuring linkage against known truth: pairwise and cluster precision, recall and F1.

Used by the FEBRL accuracy test and by bench/linkage.py, so both report the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def row(self) -> list[str]:
        return [f"{self.precision:.4f}", f"{self.recall:.4f}", f"{self.f1:.4f}"]


def scores(found: set, truth: set) -> Scores:
    hit = len(found & truth)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def pairs_of_clusters(clusters: dict[str, str]) -> set[tuple[str, str]]:
    """Every pair of records put in one cluster (ids sorted within a pair)."""
    members: dict[str, list[str]] = {}
    for uid, cluster in clusters.items():
        members.setdefault(cluster, []).append(uid)
    pairs = set()
    for ids in members.values():
        pairs.update(combinations(sorted(ids), 2))
    return pairs


def cluster_scores(clusters: dict[str, str], truth_of: dict[str, object]) -> Scores:
    """Exact-cluster precision and recall: a found cluster counts only if it is exactly a
    true entity's set of records."""
    found: dict[str, frozenset] = {}
    for uid, cluster in clusters.items():
        found.setdefault(cluster, set()).add(uid)
    true: dict[object, set] = {}
    for uid, entity in truth_of.items():
        true.setdefault(entity, set()).add(uid)
    found_sets = {frozenset(s) for s in found.values()}
    true_sets = {frozenset(s) for s in true.values()}
    return scores(found_sets, true_sets)
