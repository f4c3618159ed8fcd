"""Scoring functions for the evals: ranking quality, summary statistics and classification counts.

Pure functions over plain lists, sets and label strings; building the rankings and loading the datasets is
left to the eval runner. Ranked lists are deduplicated first everywhere, so a section retrieved through two
chunks counts once.
"""

from __future__ import annotations

import math


def dedupe_ranked(ranked: list[str]) -> list[str]:
    """The ranked ids with repeats removed, keeping each id at its first (best) position."""
    return list(dict.fromkeys(ranked))


def _top_k(ranked: list[str], k: int) -> list[str]:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    return dedupe_ranked(ranked)[:k]


def hit_at_k(ranked: list[str], relevant: set[str], k: int) -> float:
    """1.0 if any of the top-k distinct ids is relevant, else 0.0."""
    return 1.0 if any(item in relevant for item in _top_k(ranked, k)) else 0.0


def reciprocal_rank(ranked: list[str], relevant: set[str]) -> float:
    """1 / rank of the first relevant distinct id, or 0.0 when none is relevant."""
    for rank, item in enumerate(dedupe_ranked(ranked), start=1):
        if item in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: list[str], relevant: set[str], k: int) -> float:
    """Binary-relevance nDCG of the top-k distinct ids; the ideal puts min(|relevant|, k) hits first."""
    gains = [1.0 / math.log2(rank + 1) for rank, item in enumerate(_top_k(ranked, k), 1) if item in relevant]
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return math.fsum(gains) / ideal if ideal else 0.0


def mean(values: list[float]) -> float:
    """Arithmetic mean, 0.0 for no values."""
    return math.fsum(values) / len(values) if values else 0.0


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0..100) with linear interpolation between closest ranks, as numpy's default."""
    if not values:
        raise ValueError("percentile of no values is undefined")
    if not 0 <= p <= 100:
        raise ValueError(f"p must be between 0 and 100, got {p}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def confusion_matrix(pairs: list[tuple[str, str]], labels: list[str]) -> dict[str, dict[str, int]]:
    """Counts of (gold, predicted) pairs as gold → predicted → count, zero-filled for every label pair."""
    matrix = {gold: dict.fromkeys(labels, 0) for gold in labels}
    for gold, predicted in pairs:
        if gold not in matrix or predicted not in matrix:
            raise ValueError(f"pair ({gold!r}, {predicted!r}) uses a label outside {labels}")
        matrix[gold][predicted] += 1
    return matrix


def recall(pairs: list[tuple[str, str]], label: str) -> float:
    """Share of items whose gold is `label` that were predicted as `label` (0.0 when there are none)."""
    predicted = [p for g, p in pairs if g == label]
    return _share(predicted, label)


def precision(pairs: list[tuple[str, str]], label: str) -> float:
    """Share of items predicted as `label` whose gold is `label` (0.0 when nothing was predicted as it)."""
    gold = [g for g, p in pairs if p == label]
    return _share(gold, label)


def false_positive_rate(pairs: list[tuple[str, str]], label: str) -> float:
    """Share of items whose gold is not `label` that were predicted as `label` (0.0 when there are none)."""
    predicted = [p for g, p in pairs if g != label]
    return _share(predicted, label)


def _share(labels: list[str], label: str) -> float:
    return sum(1 for item in labels if item == label) / len(labels) if labels else 0.0
