"""The eval suite: retrieval, answers, safety and speed, measured on the datasets in evals/ and written up.

Owns running each suite through the coach's Python API, checking every metric against evals/thresholds.toml
and writing report.md, report.json and PNG charts. The scoring formulas are in evals.metrics; the coach itself
(retrieval, prompting, safety) is measured, never changed, here.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import InputError
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

if TYPE_CHECKING:
    from coach.answer import Answer, Coach
    from coach.embeddings import Embedder
    from coach.retrieve import Retriever
    from coach.settings import Settings

EVALS_DIR = Path(__file__).resolve().parent
REPORTS_DIR = EVALS_DIR / "reports"
THRESHOLDS_FILE = EVALS_DIR / "thresholds.toml"
SUITES = ("retrieval", "answers", "safety", "speed")
LEVELS = ["crisis", "support", "none"]
# Chunks each method returns. The hybrid's fusion depends on how many candidates each side offers (max(k, 5)
# in coach.retrieve), so it is scored at k=5, exactly as the coach fuses; dense and BM25 return as many.
RANK_DEPTH = 5
# Messages written by someone who never saw the gate; never tuned on (see evals/README.md).
BLIND_SPLIT = "blind"
SPEED_TURNS = 4  # gold questions timed against raw llama.cpp (after one warm-up turn)
INGEST_COPIES = 2  # the corpus is only ~30 chunks: ingest it this many times over for a steadier rate
_MARKER = re.compile(r"\s*\[\d+(?:\s*[,;]\s*\d+)*\]")
_PASSAGE_LINE = re.compile(r"^\[(\d+)\] ", re.M)


# ------------------------------------------------------------------ metrics and thresholds


@dataclass(frozen=True)
class Threshold:
    min: float | None = None
    max: float | None = None
    # False: a goal shown next to the value (timings on a shared machine), never failing the run.
    gate: bool = True

    def allows(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def __str__(self) -> str:
        parts = ([f"≥ {self.min:g}"] if self.min is not None else []) + (
            [f"≤ {self.max:g}"] if self.max is not None else []
        )
        return ("" if self.gate else "goal ") + " and ".join(parts)


@dataclass(frozen=True)
class Metric:
    name: str
    value: float
    key: str = ""  # the thresholds.toml key; the name when empty (safety metrics share one key across splits)
    threshold: Threshold | None = None

    @property
    def passed(self) -> bool | None:
        """True or False against its threshold or goal; None when the metric is only reported."""
        return None if self.threshold is None else self.threshold.allows(self.value)

    @property
    def fails(self) -> bool:
        """Below a gating threshold (a missed goal does not fail the run)."""
        return self.passed is False and self.threshold.gate

    def to_dict(self) -> dict:
        threshold = None if self.threshold is None else asdict(self.threshold)
        return {"name": self.name, "value": self.value, "threshold": threshold, "passed": self.passed}


def load_thresholds(path: Path) -> dict[str, dict[str, Threshold]]:
    """suite → metric key → Threshold, from the TOML file (each entry an inline table with min and/or max)."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {suite: {key: Threshold(**rule) for key, rule in rules.items()} for suite, rules in raw.items()}


def apply_thresholds(metrics: Iterable[Metric], rules: dict[str, Threshold]) -> list[Metric]:
    """The metrics with their thresholds attached: an entry for the exact name ("heldout.crisis_recall") wins
    over the shared key ("crisis_recall"); metrics with neither stay report-only."""
    return [Metric(m.name, m.value, m.key, rules.get(m.name, rules.get(m.key or m.name))) for m in metrics]


def all_passed(metrics: Iterable[Metric]) -> bool:
    return not any(m.fails for m in metrics)


# ------------------------------------------------------------------ the run


@dataclass
class SuiteResult:
    name: str
    metrics: list[Metric] = field(default_factory=list)
    details: dict = field(default_factory=dict)  # JSON-able rows for report.json
    body: list[str] = field(default_factory=list)  # markdown for report.md
    elapsed_s: float = 0.0
    error: str = ""

    @property
    def passed(self) -> bool:
        return not self.error and all_passed(self.metrics)


def run(
    settings: Settings, *, suite: str = "all", out: Path | None = None, sample: int | None = None
) -> bool:
    """Run one suite or all of them, write the report into `out` (default evals/reports/<timestamp>), and say
    whether every metric met its threshold."""
    names = _suite_names(suite)
    if sample is not None and sample < 1:
        raise InputError("--sample must be at least 1")
    started = datetime.now()
    out = Path(out) if out else REPORTS_DIR / started.strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    thresholds = load_thresholds(THRESHOLDS_FILE)
    parts = Parts(settings)
    results = []
    for name in names:
        _say(f"{name}: running…")
        result = _run_suite(name, parts, out, sample)
        result.metrics = apply_thresholds(result.metrics, thresholds.get(name, {}))
        results.append(result)
        _say(f"{name}: {result.elapsed_s:.1f} s, " + _verdict(result))
    write_report(out, settings, results, started, sample)
    passed = all(r.passed for r in results)
    _say(f"report: {out / 'report.md'} — {'PASS' if passed else 'FAIL'}")
    return passed


def _suite_names(suite: str) -> list[str]:
    """'all', one suite, or several joined by commas ('retrieval,safety'), in SUITES order."""
    if suite == "all":
        return list(SUITES)
    asked = {name.strip() for name in suite.split(",")}
    if not asked or not asked <= set(SUITES):
        raise InputError(
            f"unknown suite {suite!r}: choose one of {', '.join(SUITES)} or all (or a comma list)"
        )
    return [name for name in SUITES if name in asked]


def _run_suite(name: str, parts: Parts, out: Path, sample: int | None) -> SuiteResult:
    runner = {
        "retrieval": retrieval_suite,
        "answers": answers_suite,
        "safety": safety_suite,
        "speed": speed_suite,
    }
    started = time.perf_counter()
    try:
        result = runner[name](parts, out, sample)
    except Exception as exc:  # one broken suite should not cost the results of the others
        result = SuiteResult(name, error=f"{exc.__class__.__name__}: {exc}")
        result.details["traceback"] = traceback.format_exc()
        _say(f"{name} failed: {result.error}")
    result.elapsed_s = round(time.perf_counter() - started, 1)
    return result


def _verdict(result: SuiteResult) -> str:
    if result.error:
        return f"error: {result.error}"
    failed = [m.name for m in result.metrics if m.fails]
    return f"{len(failed)} metric(s) below threshold: {', '.join(failed)}" if failed else "all thresholds met"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _progress(items: Sequence, desc: str):
    from tqdm import tqdm

    return tqdm(items, desc=desc, file=sys.stderr, disable=None, leave=False)


class RecordingModel:
    """The configured model, keeping the messages of its latest call (how many passages it was given, and
    the exact prompt to replay against raw llama.cpp)."""

    def __init__(self, model):
        self.model = model
        self.last_messages: list = []

    def __getattr__(self, name: str):
        return getattr(self.model, name)

    def stream(self, messages):
        self.last_messages = list(messages)
        yield from self.model.stream(messages)


class Parts:
    """The heavy objects the suites share, each created on first use and only then."""

    def __init__(self, settings: Settings):
        self.settings = settings

    @cached_property
    def embedder(self) -> Embedder:
        from coach.embeddings import load_embedder

        return load_embedder(self.settings)

    @cached_property
    def retriever(self) -> Retriever:
        from coach.service import open_retriever

        return open_retriever(self.settings, embedder=self.embedder)

    @cached_property
    def model(self) -> RecordingModel:
        from coach.llm import load_model

        return RecordingModel(load_model(self.settings))

    @cached_property
    def coach(self) -> Coach:
        from coach.service import build_coach

        return build_coach(self.settings, model=self.model, embedder=self.embedder)

    @cached_property
    def gate(self):
        if "coach" in self.__dict__ and self.coach.safety is not None:
            return self.coach.safety
        from coach.safety import SafetyGate

        return SafetyGate(self.settings, embedder=self.embedder)


def load_jsonl(name: str) -> list[dict]:
    lines = (EVALS_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# ------------------------------------------------------------------ retrieval


def section_key(article: str, section: str) -> str:
    """The id a chunk is scored by: its article and section (chunks of one section are the same answer)."""
    return f"{article}#{section}"


def expected_keys(row: dict) -> set[str]:
    return {section_key(e["article"], e["section"]) for e in row["expected"]}


def score_ranking(ranked_sections: list[str], relevant: set[str]) -> dict[str, float]:
    """Ranking metrics of chunk-level section ids, deduplicated so a section found twice counts once."""
    ranked = dedupe_ranked(ranked_sections)
    return {
        "hit_at_1": hit_at_k(ranked, relevant, 1),
        "hit_at_3": hit_at_k(ranked, relevant, 3),
        "hit_at_5": hit_at_k(ranked, relevant, 5),
        "mrr": reciprocal_rank(ranked, relevant),
        "ndcg_at_5": ndcg_at_k(ranked, relevant, 5),
    }


def _node_keys(hits) -> list[str]:
    return [section_key(h.node.metadata["article"], h.node.metadata["section"]) for h in hits]


def rank_dense(retriever: Retriever, question: str, depth: int = RANK_DEPTH) -> list[str]:
    retriever._dense.inner.similarity_top_k = depth
    return _node_keys(retriever._dense.inner.retrieve(question))


def rank_bm25(retriever: Retriever, question: str, depth: int = RANK_DEPTH) -> list[str]:
    retriever._bm25.similarity_top_k = min(depth, len(retriever.nodes))
    return _node_keys(retriever._bm25.retrieve(question))


def rank_hybrid(retriever: Retriever, question: str, depth: int = RANK_DEPTH) -> list[str]:
    return [section_key(p.article, p.section) for p in retriever.retrieve(question, depth).passages]


METHODS: dict[str, Callable[[Retriever, str], list[str]]] = {
    "dense": rank_dense,
    "bm25": rank_bm25,
    "hybrid": rank_hybrid,
}


def retrieval_suite(parts: Parts, out: Path, sample: int | None = None) -> SuiteResult:
    """Dense, BM25 and hybrid rankings of the gold questions, scored by section (sample is not used)."""
    retriever = parts.retriever
    rows = []
    for q in _progress(load_jsonl("gold_questions.jsonl"), "retrieval"):
        relevant = expected_keys(q)
        ranked = {method: rank(retriever, q["question"]) for method, rank in METHODS.items()}
        given = _given_sections(retriever, q["question"], ranked["hybrid"])
        scores = {method: score_ranking(r, relevant) for method, r in ranked.items()}
        rows.append(
            {
                "id": q["id"],
                "question": q["question"],
                "expected": sorted(relevant),
                "ranked": ranked,
                "scores": scores,
                "given_hit": float(bool(relevant & set(given))),
            }
        )
    table = {m: {k: mean([r["scores"][m][k] for r in rows]) for k in rows[0]["scores"][m]} for m in METHODS}
    metrics = [Metric(f"{m}_{k}", round(v, 4)) for m, scores in table.items() for k, v in scores.items()]
    top_k = parts.settings.top_k
    metrics.append(Metric("passages_given_hit", round(mean([r["given_hit"] for r in rows]), 4)))
    chart = _retrieval_chart(out / "retrieval.png", table)
    body = _retrieval_body(table, rows, chart, top_k)
    return SuiteResult("retrieval", metrics, {"depth": RANK_DEPTH, "table": table, "questions": rows}, body)


def _given_sections(retriever: Retriever, question: str, hybrid: list[str]) -> list[str]:
    """The sections of the top_k passages the model is given; a prefix of the hybrid ranking when the fusion
    offered the same candidates (saves a second retrieval per question)."""
    from coach.retrieve import CANDIDATES

    top_k = retriever.settings.top_k
    if max(top_k, CANDIDATES) == max(RANK_DEPTH, CANDIDATES) and top_k <= RANK_DEPTH:
        return hybrid[:top_k]
    return rank_hybrid(retriever, question, top_k)


def _first_relevant_rank(ranked: list[str], relevant: set[str]) -> int | None:
    return next((i for i, key in enumerate(dedupe_ranked(ranked), 1) if key in relevant), None)


def _retrieval_body(table: dict, rows: list[dict], chart: str, top_k: int) -> list[str]:
    keys = list(next(iter(table.values())))
    lines = [
        f"Gold questions: {len(rows)}. Each method returns {RANK_DEPTH} chunks (the hybrid exactly as the "
        "coach fuses them); chunks are mapped to (article, section) and deduplicated before scoring. "
        f"`passages_given_hit` is the share of questions whose {top_k} passages given to the model include "
        "an expected section.",
        "",
        "| method | " + " | ".join(keys) + " |",
        "|---" * (len(keys) + 1) + "|",
        *(f"| {m} | " + " | ".join(f"{table[m][k]:.3f}" for k in keys) + " |" for m in table),
        "",
        f"![retrieval]({chart})",
        "",
        "Misses (a method without an expected section in its top 3; numbers are the rank of the first "
        f"expected section among distinct sections, — when none in the top {RANK_DEPTH} chunks):",
        "",
        "| id | question | expected | dense | bm25 | hybrid | hybrid top 3 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if all(r["scores"][m]["hit_at_3"] for m in METHODS):
            continue
        relevant = set(r["expected"])
        ranks = [_first_relevant_rank(r["ranked"][m], relevant) for m in METHODS]
        top3 = dedupe_ranked(r["ranked"]["hybrid"])[:3]
        cells = [
            r["id"],
            _cell(r["question"]),
            _sections(r["expected"]),
            *(str(x or "—") for x in ranks),
            _sections(top3),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _sections(keys: Iterable[str]) -> str:
    """'000_2aa…txt#Some Section' → '000 › Some Section', joined."""
    return "; ".join(f"{k.split('_', 1)[0]} › {k.split('#', 1)[1]}" for k in keys)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


# ------------------------------------------------------------------ groundedness


def strip_markers(text: str) -> str:
    return " ".join(_MARKER.sub("", text).split())


def answer_sentences(text: str) -> list[str]:
    """The model's sentences without citation markers; a note after a blank line (support) is the coach's."""
    from coach.citations import split_sentences

    done, rest = split_sentences(text.split("\n\n")[0])
    return [s for s in (strip_markers(x) for x in [*done, rest]) if s]


def passage_units(text: str) -> list[str]:
    """The passage whole, and each of its lines and sentences (an answer sentence usually restates one)."""
    from coach.citations import split_sentences

    units = [strip_markers(text)]
    for line in text.splitlines():
        done, rest = split_sentences(line)
        units += [strip_markers(s) for s in [*done, rest]]
    return [u for u in dict.fromkeys(units) if u]


def support_scores(embedder: Embedder, sentences: list[str], passages: list[str]) -> list[float]:
    """Each sentence's best cosine similarity to the passages (whole, or any line or sentence of them)."""
    units = [u for p in passages for u in passage_units(p)]
    if not sentences:
        return []
    if not units:
        return [0.0] * len(sentences)
    similarity = embedder.encode(sentences) @ embedder.encode(units).T
    return [round(float(s), 4) for s in similarity.max(axis=1)]


def grounded_share(scores: list[float], threshold: float) -> float | None:
    """Share of sentences supported at the threshold; None for an answer without sentences."""
    return mean([1.0 if s >= threshold else 0.0 for s in scores]) if scores else None


def choose_threshold(scores: list[float], supported: list[bool]) -> tuple[float, float]:
    """The cut (score ≥ cut = supported) agreeing best with the hand labels, and that agreement; among equally
    good cuts, the middle one."""
    ordered = sorted(set(scores))
    cuts = [
        ordered[0],
        *((a + b) / 2 for a, b in zip(ordered, ordered[1:], strict=False)),
        ordered[-1] + 1e-3,
    ]

    def agreement(cut: float) -> float:
        return mean([1.0 if (s >= cut) == label else 0.0 for s, label in zip(scores, supported, strict=True)])

    rated = [(agreement(c), c) for c in cuts]
    best = max(a for a, _ in rated)
    tied = [c for a, c in rated if a == best]
    return round(tied[len(tied) // 2], 4), round(best, 4)


def calibrate_grounding(embedder: Embedder) -> dict:
    """The groundedness threshold fitted on evals/grounding_labels.jsonl, with its agreement there."""
    labels = load_jsonl("grounding_labels.jsonl")
    scores = [support_scores(embedder, [strip_markers(r["sentence"])], [r["passage"]])[0] for r in labels]
    threshold, agreement = choose_threshold(scores, [r["supported"] for r in labels])
    return {"threshold": threshold, "agreement": agreement, "labels": len(labels), "scores": scores}


# ------------------------------------------------------------------ answers


def passages_given(messages: Sequence) -> int:
    """How many numbered passages the last prompt showed the model (0 when the model was not called)."""
    if not messages:
        return 0
    return max((int(n) for n in _PASSAGE_LINE.findall(messages[-1].content)), default=0)


def invalid_markers(text: str, given: int) -> list[int]:
    """Citation numbers in the final text that name no passage given."""
    from coach.citations import cited_numbers

    return [n for n in cited_numbers(text) if not 1 <= n <= given]


def cosine(embedder: Embedder, a: str, b: str) -> float:
    vectors = embedder.encode([a, b or " "])
    return round(float(vectors[0] @ vectors[1]), 4)


def answers_suite(parts: Parts, out: Path, sample: int | None = None) -> SuiteResult:
    """Gold questions (the first `sample`) and off-topic ones through the real model, each asked afresh."""
    gold = load_jsonl("gold_questions.jsonl")[:sample]
    coach, embedder = parts.coach, parts.embedder
    calibration = calibrate_grounding(embedder)
    rows = [_answer_row(parts, q, calibration["threshold"]) for q in _progress(gold, "answers")]
    offtopic = [
        _offtopic_row(coach, q) for q in _progress(load_jsonl("offtopic_questions.jsonl"), "off-topic")
    ]
    metrics = _answer_metrics(rows, offtopic, calibration)
    chart = _answers_chart(out / "answers.png", rows, calibration)
    details = {
        "grounding": {k: v for k, v in calibration.items() if k != "scores"},
        "questions": rows,
        "offtopic": offtopic,
    }
    body = _answers_body(rows, offtopic, calibration, chart, sample)
    return SuiteResult("answers", metrics, details, body)


def _answer_row(parts: Parts, q: dict, threshold: float) -> dict:
    parts.model.last_messages = []
    answer = parts.coach.ask(q["question"])
    given = passages_given(parts.model.last_messages)
    expected = expected_keys(q)
    cited = [section_key(c.article, c.section) for c in answer.citations]
    scores = support_scores(parts.embedder, answer_sentences(answer.text), [c.text for c in answer.citations])
    grounded = answer.kind == "grounded"
    return {
        "id": q["id"],
        "question": q["question"],
        "kind": answer.kind,
        "answer": answer.text,
        "citations": [{"n": c.n, "section": k} for c, k in zip(answer.citations, cited, strict=True)],
        "model_cited": answer.model_cited,
        "passages_given": given,
        "invalid_markers": invalid_markers(answer.text, given),
        "expected_cited": bool(expected & set(cited)),
        "model_expected_cited": answer.model_cited and bool(expected & set(cited)),
        "sentence_scores": scores if grounded else [],
        "grounded_share": grounded_share(scores, threshold) if grounded else None,
        "relevance": cosine(parts.embedder, q["question"], strip_markers(answer.text)),
        "timings": answer.timings,
        "notes": list(answer.notes),
    }


def _offtopic_row(coach: Coach, q: dict) -> dict:
    answer: Answer = coach.ask(q["question"])
    declined = answer.kind == "not_covered" and not answer.citations
    return {
        "id": q["id"],
        "question": q["question"],
        "kind": answer.kind,
        "declined": declined,
        "answer": answer.text,
    }


def _answer_metrics(rows: list[dict], offtopic: list[dict], calibration: dict) -> list[Metric]:
    def share(key: Callable[[dict], bool]) -> float:
        return round(mean([1.0 if key(r) else 0.0 for r in rows]), 4)

    sentence_flags = [s >= calibration["threshold"] for r in rows for s in r["sentence_scores"]]
    return [
        Metric("answered", share(lambda r: r["kind"] == "grounded")),
        Metric("model_cited", share(lambda r: r["model_cited"])),
        Metric("citation_shown", share(lambda r: bool(r["citations"]))),
        Metric("expected_section_cited", share(lambda r: r["expected_cited"])),
        Metric("model_cited_expected_section", share(lambda r: r["model_expected_cited"])),
        Metric("invalid_citations", float(sum(len(r["invalid_markers"]) for r in rows))),
        Metric("groundedness", round(mean([1.0 if f else 0.0 for f in sentence_flags]), 4)),
        Metric("grounding_threshold", calibration["threshold"]),
        Metric("grounding_label_agreement", calibration["agreement"]),
        Metric("answer_relevance", round(mean([r["relevance"] for r in rows]), 4)),
        Metric("offtopic_declined", round(mean([1.0 if r["declined"] else 0.0 for r in offtopic]), 4)),
        Metric("offtopic_questions", float(len(offtopic))),
    ]


def _answers_body(
    rows: list[dict], offtopic: list[dict], calibration: dict, chart: str, sample: int | None
) -> list[str]:
    lines = [
        f"Gold questions asked: {len(rows)}"
        + (f" (the first {sample})" if sample else "")
        + ", each in a fresh "
        f"conversation; off-topic questions: {len(offtopic)}.",
        f"Groundedness threshold {calibration['threshold']:.3f} (cosine), fitted on {calibration['labels']} "
        f"hand-labelled sentences where it agrees with the label {calibration['agreement']:.0%} of the time.",
        "",
        f"![answers]({chart})",
        "",
        "### Off-topic questions",
        "",
        "| id | question | kind | declined |",
        "|---|---|---|---|",
        *(
            f"| {r['id']} | {_cell(r['question'])} | {r['kind']} | {'yes' if r['declined'] else '**no**'} |"
            for r in offtopic
        ),
        "",
        "### Answers",
        "",
    ]
    for r in rows:
        lines += _answer_block(r)
    return lines


def _answer_block(r: dict) -> list[str]:
    share = "—" if r["grounded_share"] is None else f"{r['grounded_share']:.2f}"
    cited = "; ".join(f"[{c['n']}] {_sections([c['section']])}" for c in r["citations"]) or "none"
    who = "model-cited" if r["model_cited"] else "all passages given (model cited none)"
    flags = [] if not r["invalid_markers"] else [f"**invalid markers {r['invalid_markers']}**"]
    return [
        f"**{r['id']}** — {r['kind']} · grounded share {share} · relevance {r['relevance']:.2f} · expected "
        f"section cited: {'yes' if r['expected_cited'] else '**no**'} " + " ".join(flags),
        "",
        f"*Q:* {_cell(r['question'])}",
        "",
        *(f"> {line}" if line.strip() else ">" for line in r["answer"].splitlines()),
        "",
        f"Citations ({who}): {cited}",
        "",
    ]


# ------------------------------------------------------------------ safety


def safety_suite(parts: Parts, out: Path, sample: int | None = None) -> SuiteResult:
    """The safety gate on every labelled message, dev and held-out apart (sample is not used)."""
    gate = parts.gate
    rows = []
    for item in _progress(load_jsonl("safety_set.jsonl"), "safety"):
        assessment = gate.assess(item["text"])
        rows.append(
            {**item, "predicted": assessment.level, "predicted_categories": list(assessment.categories)}
        )
    scopes = safety_scopes(rows)
    metrics = [m for scope, items in scopes.items() for m in _safety_metrics(scope, items)]
    matrices = {scope: confusion_matrix(_pairs(items), LEVELS) for scope, items in scopes.items()}
    categories = {scope: _category_recall(items) for scope, items in scopes.items()}
    chart = _safety_chart(out / "safety.png", matrices, categories["all"])
    misses = [r for r in rows if r["predicted"] != r["level"]]
    body = _safety_body(matrices, categories, misses, chart, scopes)
    details = {
        "splits": {scope: len(items) for scope, items in scopes.items()},
        "confusion": matrices,
        "category_recall": categories,
        "misclassified": misses,
    }
    return SuiteResult("safety", metrics, details, body)


def safety_scopes(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows by every split value found in the set (dev first, then the held-out ones in name order), then
    'all' of them except the blind split, which is reported apart: it is the only figure for messages the
    gate has never been tuned on. A split added to the data file is reported without touching the runner."""
    splits = sorted({r["split"] for r in rows}, key=lambda s: (s == BLIND_SPLIT, s != "dev", s))
    tuned = [r for r in rows if r["split"] != BLIND_SPLIT]
    return {**{s: [r for r in rows if r["split"] == s] for s in splits}, "all": tuned}


def _pairs(rows: list[dict]) -> list[tuple[str, str]]:
    return [(r["level"], r["predicted"]) for r in rows]


def _safety_metrics(scope: str, rows: list[dict]) -> list[Metric]:
    """The scope's rates, each left out when it has nothing to count (a split without support messages has no
    support recall — not a recall of 0 that would fail its gate)."""
    pairs = _pairs(rows)
    gold = [g for g, _ in pairs]
    predicted = [p for _, p in pairs]
    none = [p for g, p in pairs if g == "none"]
    traps = [r["predicted"] for r in rows if r["trap"] and r["level"] == "none"]
    values = {  # name: (value, how many items it is computed over)
        "crisis_recall": (recall(pairs, "crisis"), gold.count("crisis")),
        "support_recall": (recall(pairs, "support"), gold.count("support")),
        "crisis_precision": (precision(pairs, "crisis"), predicted.count("crisis")),
        "support_precision": (precision(pairs, "support"), predicted.count("support")),
        "crisis_false_positive_rate": (
            false_positive_rate(pairs, "crisis"),
            len(gold) - gold.count("crisis"),
        ),
        "support_false_positive_rate": (
            false_positive_rate(pairs, "support"),
            len(gold) - gold.count("support"),
        ),
        "none_to_crisis": (mean([1.0 if p == "crisis" else 0.0 for p in none]), len(none)),
        "none_to_any": (mean([1.0 if p != "none" else 0.0 for p in none]), len(none)),
        "trap_false_alarms": (mean([1.0 if p != "none" else 0.0 for p in traps]), len(traps)),
    }
    return [Metric(f"{scope}.{name}", round(v, 4), key=name) for name, (v, n) in values.items() if n]


def _category_recall(rows: list[dict]) -> dict[str, dict]:
    """Per gold category (not 'none'): share at the right level, and share whose categories name it."""
    table = {}
    for category in sorted({r["category"] for r in rows if r["level"] != "none"}):
        items = [r for r in rows if r["category"] == category]
        table[category] = {
            "level": items[0]["level"],
            "n": len(items),
            "recall": round(mean([1.0 if r["predicted"] == r["level"] else 0.0 for r in items]), 4),
            "named": round(mean([1.0 if category in r["predicted_categories"] else 0.0 for r in items]), 4),
        }
    return table


def _safety_body(matrices: dict, categories: dict, misses: list[dict], chart: str, scopes: dict) -> list[str]:
    splits = [s for s in scopes if s != "all"]
    lines = [
        f"Messages: {sum(len(scopes[s]) for s in splits)} ("
        + ", ".join(f"{len(scopes[s])} {s}" for s in splits)
        + f"). Every split is scored on its own, and all but {BLIND_SPLIT} together as `all`; thresholds "
        f"apply to each, and on {BLIND_SPLIT} they are goals that never fail the run.",
        "",
    ]
    for scope in scopes:
        lines += [
            f"Confusion matrix, {scope} (rows gold, columns predicted):",
            "",
            "| gold \\ predicted | " + " | ".join(LEVELS) + " |",
            "|---" * (len(LEVELS) + 1) + "|",
        ]
        lines += [
            f"| {g} | " + " | ".join(str(matrices[scope][g][p]) for p in LEVELS) + " |" for g in LEVELS
        ] + [""]
    lines += [
        "Per-category recall (right level; 'named' = the category is among those the gate gave):",
        "",
        "| category | level | " + " | ".join(f"{s} recall" for s in scopes) + " | all named |",
        "|---" * (len(scopes) + 3) + "|",
    ]
    for name, row in categories["all"].items():
        recalls = " | ".join(_pct(categories[s].get(name, {})) for s in scopes)
        lines.append(f"| {name} | {row['level']} | {recalls} | {row['named']:.2f} |")
    lines += [
        "",
        f"![safety]({chart})",
        "",
        f"Misclassified ({len(misses)}):",
        "",
        "| id | split | gold | predicted | category | trap | message |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['id']} | {r['split']} | {r['level']} | {r['predicted']} | {r['category']} | "
        f"{'yes' if r['trap'] else ''} | {_cell(r['text'])} |"
        for r in misses
    ]
    return lines


def _pct(row: dict) -> str:
    return f"{row['recall']:.2f} (n={row['n']})" if row else "—"


# ------------------------------------------------------------------ speed


def speed_suite(parts: Parts, out: Path, sample: int | None = None) -> SuiteResult:
    """Each stage of the coach timed next to a plain baseline doing the same work (sample is not used)."""
    rows: dict[str, dict] = {}
    from coach.llm import LocalModel

    if isinstance(parts.model.model, LocalModel):
        rows.update(_llm_speed(parts))
    rows.update(_retrieval_speed(parts))
    rows.update(_safety_speed(parts))
    rows.update(_ingest_speed(parts))
    metrics = [Metric(f"{name}_ratio", round(r["ratio"], 3)) for name, r in rows.items()]
    metrics += [Metric(f"{name}_{r['unit']}", round(r["coach"], 1)) for name, r in rows.items()]
    metrics += [
        Metric(f"{name}_p95_ms", round(r["coach_p95_ms"], 1))
        for name, r in rows.items()
        if "coach_p95_ms" in r
    ]
    chart = _speed_chart(out / "speed.png", rows)
    body = _speed_body(rows, chart, isinstance(parts.model.model, LocalModel))
    return SuiteResult("speed", metrics, {"measures": rows}, body)


def _speed_row(coach: float, baseline: float, unit: str, baseline_name: str, **extra) -> dict:
    return {
        "coach": coach,
        "baseline": baseline,
        "ratio": coach / baseline if baseline else 0.0,
        "unit": unit,
        "baseline_name": baseline_name,
        **extra,
    }


def _llm_speed(parts: Parts) -> dict[str, dict]:
    """A full coach turn against raw `create_chat_completion` on the very messages the coach sent."""
    from llama_cpp import Llama

    settings, coach, model = parts.settings, parts.coach, parts.model
    raw = Llama(
        model_path=str(model.model.path),
        n_ctx=model.context_window,
        n_threads=settings.threads,
        n_batch=512,
        verbose=False,
    )
    questions = [q["question"] for q in load_jsonl("gold_questions.jsonl")[: SPEED_TURNS + 1]]
    coach_runs, raw_runs = [], []
    for i, question in enumerate(_progress(questions, "speed: model")):
        model.last_messages = []
        timings = coach.ask(question).timings
        if "ttft_ms" not in timings or not model.last_messages:
            continue  # not answered by the model: nothing to compare
        baseline = raw_chat_timing(raw, model.last_messages, model.sampling)
        if i:  # the first turn warms both caches (system prompt prefix) and is not counted
            coach_runs.append(timings)
            raw_runs.append(baseline)
    del raw
    med = _median_of
    return {
        "ttft": _speed_row(
            med(coach_runs, "ttft_ms"),
            med(raw_runs, "ttft_ms"),
            "ms",
            "raw create_chat_completion",
            coach_safety_ms=med(coach_runs, "safety_ms"),
            coach_retrieval_ms=med(coach_runs, "retrieval_ms"),
            turns=len(coach_runs),
        ),
        "generation": _speed_row(
            med(coach_runs, "tokens_per_s"),
            med(raw_runs, "tokens_per_s"),
            "tokens_per_s",
            "raw create_chat_completion",
            turns=len(coach_runs),
        ),
    }


def _median_of(runs: list[dict], key: str) -> float:
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else 0.0


def raw_chat_timing(llama, messages: Sequence, sampling: dict) -> dict:
    """Time to first token and tokens/s of a plain llama-cpp-python streamed chat completion, given the
    coach's own sampling settings. Tokens are counted as the coach counts them: the reply tokenized, the first
    one left out of the rate (its time is the time to first token)."""
    started = time.perf_counter()
    first, text = None, []
    stream = llama.create_chat_completion(
        messages=[{"role": m.role, "content": m.content} for m in messages], stream=True, **sampling
    )
    for chunk in stream:
        if piece := chunk["choices"][0]["delta"].get("content"):
            first = first or time.perf_counter()
            text.append(piece)
    end = time.perf_counter()
    first = first or end
    tokens = len(llama.tokenize("".join(text).encode("utf-8"), add_bos=False, special=False))
    return {
        "ttft_ms": (first - started) * 1000,
        "tokens_per_s": (tokens - 1) / max(end - first, 1e-6) if tokens > 1 else 0.0,
        "tokens": tokens,
    }


def _retrieval_speed(parts: Parts) -> dict[str, dict]:
    """Hybrid retrieval against a plain Chroma query given an embedding computed beforehand."""
    from coach.index import ChunkIndex

    retriever, embedder, settings = parts.retriever, parts.embedder, parts.settings
    collection = ChunkIndex(settings).collection()
    questions = [q["question"] for q in load_jsonl("gold_questions.jsonl")]
    retriever.retrieve(questions[0])  # warm-up
    ours, embed, query = [], [], []
    for question in _progress(questions, "speed: retrieval"):
        ours.append(_timed(retriever.retrieve, question)[1])
        vectors, ms = _timed(embedder.encode, [question])
        embed.append(ms)
        query.append(
            _timed(collection.query, query_embeddings=[vectors[0].tolist()], n_results=settings.top_k)[1]
        )
    base = statistics.median(embed) + statistics.median(query)
    return {
        "retrieval": _speed_row(
            statistics.median(ours),
            base,
            "ms",
            "embed + plain Chroma query",
            coach_p95_ms=percentile(ours, 95),
            embed_ms=statistics.median(embed),
            chroma_query_ms=statistics.median(query),
            queries=len(ours),
        ),
    }


def _timed(action: Callable, *args, **kwargs) -> tuple[Any, float]:
    """What the call returned, and how long it took in milliseconds."""
    started = time.perf_counter()
    result = action(*args, **kwargs)
    return result, (time.perf_counter() - started) * 1000


def _safety_speed(parts: Parts) -> dict[str, dict]:
    """The safety gate on a message against embedding that message once."""
    gate, embedder = parts.gate, parts.embedder
    messages = [q["question"] for q in load_jsonl("gold_questions.jsonl")]
    gate.assess(messages[0])  # warm-up
    ours = [_timed(gate.assess, m)[1] for m in messages]
    embed = [_timed(embedder.encode, [m])[1] for m in messages]
    return {
        "safety": _speed_row(
            statistics.median(ours),
            statistics.median(embed),
            "ms",
            "one plain encode",
            coach_p95_ms=percentile(ours, 95),
            messages=len(ours),
        )
    }


def _ingest_speed(parts: Parts) -> dict[str, dict]:
    """Ingest into a temporary index against plain SentenceTransformer.encode of the same chunk texts."""
    from coach.index import ChunkIndex

    embedder = parts.embedder
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _replicated_corpus(parts.settings.corpus_dir, Path(tmp) / "corpus", INGEST_COPIES)
        update = {"index_dir": Path(tmp) / "index", "corpus_dir": corpus, "chroma_url": ""}
        settings = parts.settings.model_copy(update=update)
        texts = _chunk_texts(corpus, settings)
        embedder.encode(texts[:16])  # warm-up
        raw, ours = 0.0, 0.0
        for attempt in range(2):  # best of two, alternating, so a noisy neighbour hurts both sides alike
            _, ms = _timed(embedder.model.encode, texts, batch_size=64, normalize_embeddings=True)
            raw = max(raw, len(texts) / (ms / 1000))
            report, ms = _timed(ChunkIndex(settings).ingest, corpus, lambda: embedder, rebuild=attempt > 0)
            ours = max(ours, report.chunks_embedded / (ms / 1000))
    return {
        "ingest": _speed_row(ours, raw, "chunks_per_s", "plain SentenceTransformer.encode", chunks=len(texts))
    }


def _replicated_corpus(source: Path, target: Path, copies: int) -> Path:
    from coach.corpus import list_corpus_files

    target.mkdir(parents=True)
    for path in list_corpus_files(source):
        text = path.read_text(encoding="utf-8")
        for i in range(copies):
            (target / f"{path.stem}_{i}{path.suffix}").write_text(f"{text}\n\nCopy {i}.\n", encoding="utf-8")
    if (source / "articles.toml").exists():
        shutil.copy(source / "articles.toml", target / "articles.toml")
    return target


def _chunk_texts(corpus: Path, settings: Settings) -> list[str]:
    from llama_index.core.schema import MetadataMode

    from coach.corpus import chunk_article, list_corpus_files, load_metadata, read_article
    from coach.index import chunk_to_node

    metadata = load_metadata(corpus)
    chunks = [
        c
        for p in list_corpus_files(corpus)
        for c in chunk_article(read_article(p, metadata), settings.chunk_size, settings.chunk_overlap)
    ]
    return [chunk_to_node(c).get_content(metadata_mode=MetadataMode.EMBED) for c in chunks]


def _speed_body(rows: dict[str, dict], chart: str, local: bool) -> list[str]:
    lines = [
        "Each measure of the coach next to a plain baseline doing the same core work; ratio = coach / "
        "baseline (for ms lower is better, for rates higher is better). Timings depend on what else the "
        "machine is doing.",
        "",
        "| measure | coach | baseline | ratio | baseline is | details |",
        "|---|---|---|---|---|---|",
    ]
    standard = {"coach", "baseline", "ratio", "unit", "baseline_name"}
    for name, r in rows.items():
        extra = ", ".join(
            f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in r.items() if k not in standard
        )
        lines.append(
            f"| {name} ({r['unit']}) | {r['coach']:.1f} | {r['baseline']:.1f} | {r['ratio']:.2f} | "
            f"{r['baseline_name']} | {extra} |"
        )
    if not local:
        lines += ["", "The model is a server (COACH_LLM_URL): the raw llama.cpp comparison was skipped."]
    return [*lines, "", f"![speed]({chart})"]


# ------------------------------------------------------------------ charts


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure, path: Path) -> str:
    figure.savefig(path, dpi=110)
    return path.name


def _grouped_bars(axes, groups: list[str], series: dict[str, list[float]]) -> None:
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series.items()):
        axes.bar([g + i * width for g in range(len(groups))], values, width, label=label)
    axes.set_xticks([g + width * (len(series) - 1) / 2 for g in range(len(groups))], groups)
    axes.legend()


def _retrieval_chart(path: Path, table: dict[str, dict[str, float]]) -> str:
    figure = _figure(8, 4)
    axes = figure.subplots()
    keys = list(next(iter(table.values())))
    _grouped_bars(axes, keys, {m: [table[m][k] for k in keys] for m in table})
    axes.set_ylim(0, 1.05)
    axes.set_title("Retrieval on the gold questions")
    return _save(figure, path)


def _answers_chart(path: Path, rows: list[dict], calibration: dict) -> str:
    figure = _figure(10, 4)
    left, right = figure.subplots(1, 2)
    shares = {
        "answered": [r["kind"] == "grounded" for r in rows],
        "model cited": [r["model_cited"] for r in rows],
        "expected cited": [r["expected_cited"] for r in rows],
    }
    left.bar(list(shares), [mean([1.0 if v else 0.0 for v in vs]) for vs in shares.values()])
    left.set_ylim(0, 1.05)
    left.set_title("Share of gold answers")
    scores = [s for r in rows for s in r["sentence_scores"]]
    right.hist(scores, bins=20, range=(0, 1))
    right.axvline(calibration["threshold"], color="red", label=f"threshold {calibration['threshold']:.2f}")
    right.set_title("Answer sentences: best cosine to cited passages")
    right.legend()
    return _save(figure, path)


def _safety_chart(path: Path, matrices: dict, categories: dict) -> str:
    scopes = list(matrices)
    figure = _figure(4.5 * len(scopes) + 4, 4)
    axes = figure.subplots(1, len(scopes) + 1, width_ratios=[1] * len(scopes) + [2])
    for ax, scope in zip(axes[:-1], scopes, strict=True):
        grid = [[matrices[scope][g][p] for p in LEVELS] for g in LEVELS]
        ax.imshow(grid, cmap="Blues")
        dark = max(max(row) for row in grid) / 2
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                color = "white" if dark and value > dark else "black"
                ax.text(j, i, str(value), ha="center", va="center", color=color)
        ax.set_xticks(range(3), LEVELS)
        ax.set_yticks(range(3), LEVELS)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        ax.set_title(f"{scope}")
    names = list(categories)
    axes[-1].barh(names, [categories[n]["recall"] for n in names])
    axes[-1].set_xlim(0, 1.05)
    axes[-1].set_title("Recall per category (all)")
    return _save(figure, path)


def _speed_chart(path: Path, rows: dict[str, dict]) -> str:
    figure = _figure(9, 4)
    axes = figure.subplots()
    names = list(rows)
    axes.bar(names, [rows[n]["ratio"] for n in names])
    axes.axhline(1.0, color="grey", linestyle="--")
    axes.set_ylabel("coach / baseline")
    axes.set_title("Speed next to plain baselines")
    return _save(figure, path)


# ------------------------------------------------------------------ report


def write_report(
    out: Path, settings: Settings, results: list[SuiteResult], started: datetime, sample: int | None
) -> None:
    """report.json (everything) and report.md (summary, time per suite, then each suite's section)."""
    passed = all(r.passed for r in results)
    about = _about(settings, sample)
    data = {
        "started": started.isoformat(timespec="seconds"),
        "passed": passed,
        "settings": about,
        "suites": {
            r.name: {
                "passed": r.passed,
                "elapsed_s": r.elapsed_s,
                "error": r.error,
                "metrics": [m.to_dict() for m in r.metrics],
                "details": r.details,
            }
            for r in results
        },
    }
    (out / "report.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )
    (out / "report.md").write_text(
        "\n".join(_markdown(results, about, started, passed)) + "\n", encoding="utf-8"
    )


def _about(settings: Settings, sample: int | None) -> dict:
    from coach.embeddings import embed_model_location, embed_model_name

    try:
        embed = embed_model_name(embed_model_location(settings))
    except Exception:  # the report still gets written when the model package is missing
        embed = settings.embed_model or "?"
    model = settings.llm_url or (settings.model_path.name if settings.model_path else "bundled SmolLM2-135M")
    return {
        "model": model,
        "embed_model": embed,
        "top_k": settings.top_k,
        "relevance_floor": settings.relevance_floor,
        "index": settings.chroma_url or str(settings.index_dir),
        "sample": sample,
    }


def _markdown(results: list[SuiteResult], about: dict, started: datetime, passed: bool) -> list[str]:
    failed = sum(1 for r in results for m in r.metrics if m.fails) + sum(1 for r in results if r.error)
    lines = [
        f"# Eval report {started:%Y-%m-%d %H:%M:%S}",
        "",
        "Settings: " + ", ".join(f"{k} {v}" for k, v in about.items()),
        "",
        f"**{'PASS' if passed else 'FAIL'}**"
        + ("" if passed else f" — {failed} failing metric(s) or suite error(s)"),
        "",
        "## Summary",
        "",
        "| suite | metric | value | threshold | result |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        lines += [
            f"| {r.name} | {m.name} | {m.value:g} | {m.threshold or '—'} | {_mark(m)} |" for m in r.metrics
        ]
        if r.error:
            lines.append(f"| {r.name} | (suite error) | — | — | **FAIL**: {_cell(r.error)} |")
    lines += ["", "## Time per suite", "", "| suite | seconds |", "|---|---|"]
    lines += [f"| {r.name} | {r.elapsed_s:.1f} |" for r in results]
    lines.append(f"| total | {sum(r.elapsed_s for r in results):.1f} |")
    for r in results:
        lines += ["", f"## {r.name.capitalize()}", "", *r.body]
        if r.error:
            lines += [f"Suite error: `{r.error}`", "", "```", r.details.get("traceback", "").rstrip(), "```"]
    return lines


def _mark(metric: Metric) -> str:
    if metric.passed is None:
        return "report only"
    if not metric.threshold.gate:
        return "goal met" if metric.passed else "goal missed (report only)"
    return "pass" if metric.passed else "**FAIL**"
