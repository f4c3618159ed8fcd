"""The eval runner's pieces: section scoring, thresholds, groundedness, citation checks and the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coach.errors import InputError
from coach.llm import Message
from coach.settings import PROJECT_ROOT
from evals import runner
from evals.runner import (
    Metric,
    Threshold,
    all_passed,
    answer_sentences,
    apply_thresholds,
    choose_threshold,
    grounded_share,
    invalid_markers,
    load_thresholds,
    passages_given,
    rank_bm25,
    rank_dense,
    rank_hybrid,
    score_ranking,
    section_key,
    support_scores,
)

CONFLICT = section_key("002_51be6f8854e9c380.txt", "7. Address Unresolved Conflicts")


def test_chunks_of_one_section_count_once_when_scoring():
    first, other = section_key("a.txt", "Intro"), section_key("b.txt", "Listening")
    scores = score_ranking([first, first, first, other], {other})
    assert scores["hit_at_1"] == 0.0
    assert scores["mrr"] == 0.5  # second distinct section, not fourth chunk
    assert scores["hit_at_3"] == 1.0


def test_a_section_repeated_deep_in_the_chunks_still_scores_within_five_distinct():
    keys = [section_key("a.txt", s) for s in ("1", "1", "2", "2", "3", "3", "4", "5")]
    scores = score_ranking(keys, {section_key("a.txt", "5")})
    assert scores["hit_at_5"] == 1.0
    assert scores["mrr"] == pytest.approx(0.2)


@pytest.mark.parametrize("rank", [rank_dense, rank_bm25, rank_hybrid])
def test_every_method_ranks_chunks_as_article_and_section(retriever, rank):
    ranked = rank(retriever, "how do we handle unresolved conflict")
    assert ranked[0] == CONFLICT
    assert len(ranked) == runner.RANK_DEPTH


def test_threshold_check_fails_when_a_metric_is_below_its_minimum():
    rules = {"hybrid_hit_at_3": Threshold(min=0.9), "invalid_citations": Threshold(max=0)}
    below = apply_thresholds([Metric("hybrid_hit_at_3", 0.85), Metric("invalid_citations", 0.0)], rules)
    assert [m.passed for m in below] == [False, True]
    assert all_passed(below) is False


def test_threshold_check_passes_at_the_limit_and_ignores_report_only_metrics():
    rules = {"none_to_crisis": Threshold(max=0.02), "crisis_recall": Threshold(min=1.0)}
    metrics = [
        Metric("heldout.none_to_crisis", 0.02, key="none_to_crisis"),
        Metric("all.crisis_recall", 1.0, key="crisis_recall"),
        Metric("dense_mrr", 0.1),
    ]
    checked = apply_thresholds(metrics, rules)
    assert [m.passed for m in checked] == [True, True, None]
    assert all_passed(checked)


def test_thresholds_file_has_a_min_or_max_for_every_entry():
    thresholds = load_thresholds(runner.THRESHOLDS_FILE)
    assert set(thresholds) <= set(runner.SUITES)
    assert all(
        t.min is not None or t.max is not None for rules in thresholds.values() for t in rules.values()
    )


def test_grounded_sentence_scores_above_an_invented_one(embedder):
    passages = [
        "Morning coffee connection: Share 10 uninterrupted minutes together before starting your day\n"
        "Six-second kiss: Research shows this duration triggers genuine emotional bonding"
    ]
    sentences = answer_sentences(
        "Try sharing ten uninterrupted minutes over coffee each morning before your day starts [1]. "
        "Buy your partner an expensive sports car to prove your love [1].\n\nA counsellor could help too."
    )
    assert sentences == [
        "Try sharing ten uninterrupted minutes over coffee each morning before your day starts.",
        "Buy your partner an expensive sports car to prove your love.",
    ]
    supported, invented = support_scores(embedder, sentences, passages)
    assert supported > 0.7 > invented
    assert grounded_share([supported, invented], 0.7) == 0.5
    assert grounded_share([], 0.7) is None


def test_threshold_is_chosen_where_it_agrees_best_with_the_labels():
    assert choose_threshold([0.2, 0.4, 0.6, 0.8], [False, False, True, True]) == (0.5, 1.0)
    threshold, agreement = choose_threshold([0.3, 0.5, 0.7], [False, True, False])
    assert agreement == pytest.approx(2 / 3, abs=1e-4)


def test_citation_numbers_beyond_the_passages_given_are_invalid():
    prompt = [
        Message("system", "..."),
        Message("user", "Passages:\n[1] T — S: a\n[2] T — S: b\n\nMy message: hi"),
    ]
    assert passages_given(prompt) == 2
    assert passages_given([]) == 0
    assert invalid_markers("Talk openly [1]. Listen [2, 3]. Rest [0].", 2) == [3, 0]


def test_unknown_suite_is_refused(indexed_settings, tmp_path):
    with pytest.raises(InputError, match="unknown suite"):
        runner.run(indexed_settings, suite="vibes", out=tmp_path)


def test_retrieval_suite_writes_report_files_and_fails_below_threshold(
    indexed_settings, tmp_path, monkeypatch
):
    strict = tmp_path / "thresholds.toml"
    strict.write_text("[retrieval]\nhybrid_hit_at_1 = { min = 1.01 }\n", encoding="utf-8")
    monkeypatch.setattr(runner, "THRESHOLDS_FILE", strict)
    out = tmp_path / "report"
    assert runner.run(indexed_settings, suite="retrieval", out=out) is False
    assert {"report.md", "report.json", "retrieval.png"} <= {p.name for p in out.iterdir()}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    metrics = {m["name"]: m for m in report["suites"]["retrieval"]["metrics"]}
    assert {"dense_hit_at_3", "bm25_hit_at_3", "hybrid_hit_at_3", "hybrid_mrr", "hybrid_ndcg_at_5"} <= set(
        metrics
    )
    assert metrics["hybrid_hit_at_1"]["passed"] is False
    assert metrics["hybrid_hit_at_3"]["value"] >= 0.9
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "| retrieval | hybrid_hit_at_1 |" in markdown and "**FAIL**" in markdown
    assert "## Time per suite" in markdown


@pytest.mark.slow
def test_answers_suite_runs_end_to_end_through_the_cli(indexed_settings, tmp_path):
    env = {
        **os.environ,
        "COACH_INDEX_DIR": str(indexed_settings.index_dir),
        "COACH_CORPUS_DIR": str(indexed_settings.corpus_dir),
    }
    out = tmp_path / "report"
    done = subprocess.run(
        [sys.executable, "-m", "coach.cli", "eval", "--suite", "answers", "--sample", "3", "--out", str(out)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), (
        done.stderr
    )  # 1 = a metric below threshold on three questions, not a crash
    assert "Traceback" not in done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    suite = report["suites"]["answers"]
    assert suite["error"] == ""
    rows = suite["details"]["questions"]
    assert [r["id"] for r in rows] == ["g01", "g02", "g03"]
    assert all(r["answer"].strip() for r in rows)
    assert {m["name"] for m in suite["metrics"]} >= {"invalid_citations", "groundedness", "offtopic_declined"}
    assert next(m for m in suite["metrics"] if m["name"] == "invalid_citations")["value"] == 0
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "**g03**" in markdown and "answers.png" in markdown
