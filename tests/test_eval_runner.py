"""The eval runner's pieces: section scoring, thresholds, groundedness, citation checks and the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from coach.cli import app
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
    load_jsonl,
    load_thresholds,
    passages_given,
    rank_bm25,
    rank_dense,
    rank_hybrid,
    safety_scopes,
    safety_suite,
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


def test_a_threshold_for_one_split_overrides_the_shared_one():
    rules = {"crisis_recall": Threshold(min=1.0), "heldout2.crisis_recall": Threshold(min=0.5)}
    metrics = [
        Metric("dev.crisis_recall", 0.9, key="crisis_recall"),
        Metric("heldout2.crisis_recall", 0.9, key="crisis_recall"),
    ]
    assert [m.passed for m in apply_thresholds(metrics, rules)] == [False, True]


def test_a_missed_goal_is_reported_but_does_not_fail_the_run():
    rules = {"safety_ms": Threshold(max=20, gate=False), "invalid_citations": Threshold(max=0)}
    checked = apply_thresholds([Metric("safety_ms", 35.0), Metric("invalid_citations", 0.0)], rules)
    assert checked[0].passed is False and not checked[0].fails
    assert all_passed(checked)
    assert str(checked[0].threshold) == "goal ≤ 20"
    assert runner._mark(checked[0]) == "goal missed (report only)"


def test_the_blind_split_is_a_goal_in_the_thresholds_file_never_a_gate():
    safety = load_thresholds(runner.THRESHOLDS_FILE)["safety"]
    missed = apply_thresholds([Metric("blind.crisis_recall", 0.7, key="crisis_recall")], safety)
    tuned = apply_thresholds([Metric("heldout.crisis_recall", 0.7, key="crisis_recall")], safety)
    assert missed[0].passed is False and not missed[0].fails
    assert tuned[0].fails


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


def test_thresholds_file_gates_what_the_issues_ask_for():
    thresholds = load_thresholds(runner.THRESHOLDS_FILE)
    assert thresholds["retrieval"]["hybrid_hit_at_3"].min >= 0.9
    safety = thresholds["safety"]
    assert (safety["crisis_recall"].min, safety["support_recall"].min) == (1.0, 0.9)
    assert (safety["none_to_crisis"].max, safety["none_to_any"].max) == (0.02, 0.05)
    answers = thresholds["answers"]
    assert answers["invalid_citations"].max == 0
    assert answers["offtopic_questions"].min >= 10
    assert {"offtopic_declined", "citation_shown", "expected_section_cited", "groundedness"} <= set(answers)
    # the blind split's figures are goals, and so is how often the model cites by itself (it depends on the
    # llama.cpp build: thresholds.toml says why); everything else is a gate
    goals = {name for name, rule in thresholds["answers"].items() if not rule.gate}
    assert goals == {"model_cited"}
    assert all(
        rule.gate
        for suite in ("retrieval", "safety", "answers")
        for name, rule in thresholds[suite].items()
        if not name.startswith(f"{runner.BLIND_SPLIT}.") and name not in goals
    )


@pytest.mark.parametrize("suite", ["vibes", "", "retrieval,vibes"])
def test_unknown_suite_is_refused(indexed_settings, tmp_path, suite):
    with pytest.raises(InputError, match="unknown suite"):
        runner.run(indexed_settings, suite=suite, out=tmp_path)


@pytest.mark.parametrize(
    ("suite", "names"),
    [
        ("all", list(runner.SUITES)),
        ("safety", ["safety"]),
        ("safety, retrieval,answers", ["retrieval", "answers", "safety"]),  # run in the usual order
    ],
)
def test_suites_are_one_all_or_a_comma_list(suite, names):
    assert runner._suite_names(suite) == names


SAFETY_ROWS = [  # id, gold level, the level a scripted gate gives, split
    ("c1", "crisis", "crisis", "dev"),
    ("c2", "crisis", "none", "heldout"),
    ("s1", "support", "support", "dev"),
    ("s2", "support", "support", "heldout2"),
    ("n1", "none", "none", "dev"),
    ("n2", "none", "crisis", "heldout2"),
    ("b1", "crisis", "none", "blind"),
]


def test_safety_suite_reports_every_split_found_and_all(tmp_path, monkeypatch):
    from coach.safety import Assessment

    rows = [
        {"id": i, "text": i, "level": gold, "category": gold, "trap": False, "split": split}
        for i, gold, _, split in SAFETY_ROWS
    ]
    predicted = {i: level for i, _, level, _ in SAFETY_ROWS}
    gate = SimpleNamespace(assess=lambda text: Assessment(predicted[text]))
    monkeypatch.setattr(runner, "load_jsonl", lambda name: rows)
    result = safety_suite(SimpleNamespace(gate=gate), tmp_path)

    assert list(safety_scopes(rows)) == ["dev", "heldout", "heldout2", "blind", "all"]
    # the blind split is reported on its own and kept out of "all"
    assert result.details["splits"] == {"dev": 3, "heldout": 1, "heldout2": 2, "blind": 1, "all": 6}
    values = {m.name: m.value for m in result.metrics}
    assert [values[f"{split}.crisis_recall"] for split in ("dev", "heldout", "all")] == [1.0, 0.0, 0.5]
    assert values["blind.crisis_recall"] == 0.0
    assert "heldout2.crisis_recall" not in values  # no crisis message there: nothing to gate
    assert (values["heldout2.none_to_crisis"], values["all.none_to_any"]) == (1.0, 0.5)
    assert {m.key for m in result.metrics if m.name.endswith("crisis_recall")} == {"crisis_recall"}
    assert result.details["confusion"]["heldout2"]["none"]["crisis"] == 1
    assert [r["id"] for r in result.details["misclassified"]] == ["c2", "n2", "b1"]
    body = "\n".join(result.body)
    assert "Confusion matrix, heldout2" in body and "heldout2 recall" in body
    assert (tmp_path / "safety.png").stat().st_size > 0


def env_for(settings) -> dict[str, str]:
    return {"COACH_INDEX_DIR": str(settings.index_dir), "COACH_CORPUS_DIR": str(settings.corpus_dir)}


def test_eval_exits_non_zero_and_reports_the_failing_metric_when_a_gate_is_missed(
    indexed_settings, tmp_path, monkeypatch
):
    strict = tmp_path / "thresholds.toml"
    strict.write_text("[retrieval]\nhybrid_hit_at_1 = { min = 1.01 }\n", encoding="utf-8")
    monkeypatch.setattr(runner, "THRESHOLDS_FILE", strict)
    out = tmp_path / "report"
    done = CliRunner().invoke(
        app, ["eval", "--suite", "retrieval", "--out", str(out)], env=env_for(indexed_settings)
    )
    assert done.exit_code == 1, done.output
    assert "hybrid_hit_at_1" in done.stderr and "FAIL" in done.stderr
    assert {"report.md", "report.json", "retrieval.png"} <= {p.name for p in out.iterdir()}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["passed"] is False
    metrics = {m["name"]: m for m in report["suites"]["retrieval"]["metrics"]}
    assert {f"{m}_{k}" for m in ("dense", "bm25", "hybrid") for k in SCORES} <= set(metrics)
    assert metrics["hybrid_hit_at_1"]["passed"] is False
    assert metrics["hybrid_hit_at_3"]["value"] >= 0.9
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "| retrieval | hybrid_hit_at_1 |" in markdown and "**FAIL**" in markdown
    assert "## Time per suite" in markdown and "Misses" in markdown


SCORES = ("hit_at_1", "hit_at_3", "hit_at_5", "mrr", "ndcg_at_5")
CI_SUITES = ("retrieval", "answers", "safety")


@pytest.fixture(scope="module")
def ci_run(indexed_settings, tmp_path_factory):
    """The gate CI relies on: the deterministic suites and three gold questions through the real model, run
    once through the real command line with the real thresholds."""
    out = tmp_path_factory.mktemp("ci-eval") / "report"
    command = ["eval", "--suite", ",".join(CI_SUITES), "--sample", "3", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "coach.cli", *command],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env_for(indexed_settings)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return done, report, out


def _failing(report: dict) -> list[str]:
    return [
        f"{name}: {m['name']} = {m['value']} (threshold {m['threshold']})"
        for name, suite in report["suites"].items()
        for m in suite["metrics"]
        if m["passed"] is False and m["threshold"]["gate"]
    ] + [f"{name}: {suite['error']}" for name, suite in report["suites"].items() if suite["error"]]


@pytest.mark.slow
def test_ci_eval_passes_every_gate(ci_run):
    done, report, _ = ci_run
    assert "Traceback" not in done.stderr, done.stderr
    assert _failing(report) == [], done.stderr
    assert done.returncode == 0, done.stderr
    assert report["passed"] is True


@pytest.mark.slow
@pytest.mark.parametrize("suite", CI_SUITES)
def test_ci_eval_checks_every_threshold_of_the_suite(ci_run, suite):
    _, report, _ = ci_run
    metrics = {m["name"]: m for m in report["suites"][suite]["metrics"]}
    names = set(load_thresholds(runner.THRESHOLDS_FILE)[suite])
    if suite == "safety":  # a shared entry gates every split in the data, and all of them together
        splits = {row["split"] for row in load_jsonl("safety_set.jsonl")} | {"all"}
        shared = {name for name in names if "." not in name}
        names = {f"{split}.{name}" for split in splits for name in shared} | (names - shared)
    assert names <= set(metrics)
    assert all(metrics[name]["threshold"] is not None for name in names)


@pytest.mark.slow
def test_ci_eval_writes_readable_answers_and_charts(ci_run):
    _, report, out = ci_run
    suite = report["suites"]["answers"]
    rows = suite["details"]["questions"]
    assert [r["id"] for r in rows] == ["g01", "g02", "g03"]
    assert all(r["answer"].strip() for r in rows)
    assert len(suite["details"]["offtopic"]) >= 10
    assert 0 < suite["details"]["grounding"]["agreement"] <= 1
    assert {"retrieval.png", "answers.png", "safety.png", "report.md"} <= {p.name for p in out.iterdir()}
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "**g03**" in markdown and "### Off-topic questions" in markdown
