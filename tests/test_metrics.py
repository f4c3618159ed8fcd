"""Hand-computed checks of the eval metrics; log2 gains are written out so each value can be re-derived."""

import math

import pytest

from evals.metrics import (
    confusion_matrix,
    dedupe_ranked,
    false_positive_rate,
    hit_at_k,
    mean,
    ndcg_at_k,
    percentile,
    precision,
    recall,
    reciprocal_rank,
)

INV_LOG2_3 = 1 / math.log2(3)  # gain at rank 2 ≈ 0.6309
INV_LOG2_5 = 1 / math.log2(5)  # gain at rank 4 ≈ 0.4307


@pytest.mark.parametrize(
    ("ranked", "expected"),
    [
        ([], []),
        (["a", "b", "c"], ["a", "b", "c"]),
        (["a", "a", "b", "a", "c", "b"], ["a", "b", "c"]),
        (["b", "a", "b"], ["b", "a"]),
    ],
)
def test_dedupe_ranked_keeps_first_occurrence_in_order(ranked, expected):
    assert dedupe_ranked(ranked) == expected


@pytest.mark.parametrize(
    ("ranked", "relevant", "k", "expected"),
    [
        (["a", "b", "c"], {"a"}, 1, 1.0),
        (["a", "b", "c"], {"c"}, 2, 0.0),
        (["a", "b", "c"], {"c"}, 3, 1.0),
        (["x", "x", "a"], {"a"}, 2, 1.0),  # the duplicate x must not push a out of the top 2
        (["a", "b"], {"b"}, 10, 1.0),  # k larger than the list
        (["a", "b"], {"z"}, 10, 0.0),
        ([], {"a"}, 3, 0.0),
        ([], set(), 1, 0.0),
        (["a", "b"], set(), 3, 0.0),
        (["x", "x", "x"], {"a"}, 5, 0.0),  # duplicates and k larger than the list: still a miss
        (["x", "x", "x", "y", "a"], {"a"}, 3, 1.0),  # a is the 3rd distinct id though the 5th chunk
    ],
)
def test_hit_at_k(ranked, relevant, k, expected):
    assert hit_at_k(ranked, relevant, k) == expected


@pytest.mark.parametrize(
    ("ranked", "relevant", "expected"),
    [
        (["a", "b", "c"], {"a"}, 1.0),
        (["a", "b", "c"], {"b", "c"}, 0.5),
        (["x", "y", "z", "a"], {"a"}, 0.25),
        (["x", "x", "a"], {"a"}, 0.5),  # deduped rank 2, not 3
        (["x", "y"], {"a"}, 0.0),
        ([], {"a"}, 0.0),
        (["a", "b"], set(), 0.0),
        (["x", "x", "y", "y", "a", "a"], {"a"}, 1 / 3),  # duplicates: the 3rd distinct id
    ],
)
def test_reciprocal_rank(ranked, relevant, expected):
    assert reciprocal_rank(ranked, relevant) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("ranked", "relevant", "k", "expected"),
    [
        (["a", "b", "c"], {"a"}, 3, 1.0),
        (["a", "b", "c"], {"b"}, 3, INV_LOG2_3),  # ≈ 0.6309
        (["x", "a", "y", "b"], {"a", "b"}, 4, (INV_LOG2_3 + INV_LOG2_5) / (1 + INV_LOG2_3)),  # ≈ 0.6509
        (["a", "b"], {"a", "b"}, 2, 1.0),
        (["b", "a"], {"a", "b"}, 2, 1.0),
        # ideal DCG counts min(|relevant|, k) = 2 hits, not 3
        (["a", "x"], {"a", "b", "c"}, 2, 1 / (1 + INV_LOG2_3)),  # ≈ 0.6131
        # duplicates: [x, x, a] → [x, a], so a sits at rank 2 inside the top 2
        (["x", "x", "a"], {"a"}, 2, INV_LOG2_3),
        # duplicates: [a, a, x, b] → [a, x, b]; a repeated relevant id earns its gain once
        (["a", "a", "x", "b"], {"a", "b", "c"}, 3, (1 + 0.5) / (1 + INV_LOG2_3 + 0.5)),  # ≈ 0.7039
        # k larger than the list
        (["a"], {"a"}, 10, 1.0),
        (["x", "a"], {"a", "b"}, 10, INV_LOG2_3 / (1 + INV_LOG2_3)),  # ≈ 0.3869
        (["c", "d"], {"a"}, 2, 0.0),
        ([], {"a"}, 5, 0.0),
        (["a", "b"], set(), 2, 0.0),
        # only duplicates, k larger than the list: [a, a, a] → [a], a perfect ranking of one relevant id
        (["a", "a", "a"], {"a"}, 5, 1.0),
        # duplicates, k larger than the list, more relevant ids than distinct results: ideal has 2 hits
        (["x", "x", "b", "b"], {"a", "b"}, 10, INV_LOG2_3 / (1 + INV_LOG2_3)),  # ≈ 0.3869
    ],
)
def test_ndcg_at_k(ranked, relevant, k, expected):
    assert ndcg_at_k(ranked, relevant, k) == pytest.approx(expected)


def test_ndcg_spot_values_match_written_out_numbers():
    assert ndcg_at_k(["a", "b", "c"], {"b"}, 3) == pytest.approx(0.63093, abs=1e-5)
    assert ndcg_at_k(["a", "a", "x", "b"], {"a", "b", "c"}, 3) == pytest.approx(0.70392, abs=1e-5)


@pytest.mark.parametrize("metric", [hit_at_k, ndcg_at_k])
@pytest.mark.parametrize("k", [0, -1])
def test_ranking_metrics_reject_k_below_one(metric, k):
    with pytest.raises(ValueError):
        metric(["a"], {"a"}, k)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], 0.0), ([4.0], 4.0), ([1.0, 2.0, 3.0, 4.0], 2.5), ([0.1] * 10, 0.1), ([1, 0, 0], 1 / 3)],
)
def test_mean(values, expected):
    assert mean(values) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([1, 2, 3, 4], 0, 1.0),
        ([1, 2, 3, 4], 25, 1.75),  # position 0.75 between 1 and 2
        ([1, 2, 3, 4], 50, 2.5),
        ([1, 2, 3, 4], 90, 3.7),  # position 2.7 between 3 and 4
        ([1, 2, 3, 4], 100, 4.0),
        ([4, 1, 3, 2], 50, 2.5),  # input order does not matter
        ([10, 20, 30, 40, 50], 95, 48.0),  # position 3.8
        ([7], 0, 7.0),
        ([7], 99, 7.0),
    ],
)
def test_percentile_interpolates_linearly(values, p, expected):
    assert percentile(values, p) == pytest.approx(expected)


@pytest.mark.parametrize(("values", "p"), [([], 50), ([1, 2], -1), ([1, 2], 100.5)])
def test_percentile_rejects_empty_values_and_p_out_of_range(values, p):
    with pytest.raises(ValueError):
        percentile(values, p)


LABELS = ["answer", "refuse", "crisis"]
PAIRS = [  # (gold, predicted)
    ("answer", "answer"),
    ("answer", "refuse"),
    ("refuse", "refuse"),
    ("refuse", "answer"),
    ("refuse", "refuse"),
    ("crisis", "crisis"),
    ("crisis", "refuse"),
]


def test_confusion_matrix_counts_gold_to_predicted_with_zeros_filled():
    assert confusion_matrix(PAIRS, LABELS) == {
        "answer": {"answer": 1, "refuse": 1, "crisis": 0},
        "refuse": {"answer": 1, "refuse": 2, "crisis": 0},
        "crisis": {"answer": 0, "refuse": 1, "crisis": 1},
    }


def test_confusion_matrix_of_no_pairs_is_all_zeros():
    assert confusion_matrix([], ["a", "b"]) == {"a": {"a": 0, "b": 0}, "b": {"a": 0, "b": 0}}


def test_confusion_matrix_rejects_unknown_label():
    with pytest.raises(ValueError):
        confusion_matrix([("answer", "maybe")], LABELS)


@pytest.mark.parametrize(
    ("label", "expected_recall", "expected_precision", "expected_fpr"),
    [
        ("answer", 1 / 2, 1 / 2, 1 / 5),  # 1 of 5 non-answer golds predicted answer
        ("refuse", 2 / 3, 2 / 4, 2 / 4),  # 2 of 4 non-refuse golds predicted refuse
        ("crisis", 1 / 2, 1 / 1, 0 / 5),
    ],
)
def test_recall_precision_false_positive_rate(label, expected_recall, expected_precision, expected_fpr):
    assert recall(PAIRS, label) == pytest.approx(expected_recall)
    assert precision(PAIRS, label) == pytest.approx(expected_precision)
    assert false_positive_rate(PAIRS, label) == pytest.approx(expected_fpr)


@pytest.mark.parametrize("metric", [recall, precision, false_positive_rate])
def test_classification_metrics_are_zero_without_items(metric):
    assert metric([], "refuse") == 0.0


def test_label_never_seen_gives_zero_recall_precision_and_fpr():
    pairs = [("answer", "answer"), ("refuse", "refuse")]
    assert recall(pairs, "crisis") == 0.0
    assert precision(pairs, "crisis") == 0.0
    assert false_positive_rate(pairs, "crisis") == 0.0
