"""How well the safety gate's semantic check (nearest examples and classifier, no patterns) generalises.

Leave one split out: each held-out split in turn is removed from the bank's copied messages, and the semantic
check alone assesses its messages; the gold and off-topic questions and the everyday messages are assessed by
the last fold's gate. The `blind` split is never read. `[semantic]` settings can be tried without editing it:

    python -m evals.semantic_cv classifier_crisis_min=0.8 classifier_similarity_min=0.45
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from types import MappingProxyType

import numpy as np

from coach.embeddings import load_embedder
from coach.safety import CATEGORIES, ExampleBank, SafetyGate, load_examples, load_patterns
from coach.settings import load_settings
from evals.runner import BLIND_SPLIT, load_jsonl


class RememberingEmbedder:
    """The embedding model, encoding each text once for all folds."""

    def __init__(self, model):
        self.model, self.vectors = model, {}

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.model.encode(missing), strict=True))
        return np.stack([self.vectors[t] for t in texts])


def bank_without(split: str, rows: list[dict]) -> ExampleBank:
    """The written examples plus the copies of every labelled message outside `split` and the blind split."""
    written = load_examples(("safety_examples.jsonl",))
    copies = [r for r in rows if r["split"] not in (split, BLIND_SPLIT)]
    return ExampleBank(
        texts=written.texts + tuple(r["text"] for r in copies),
        levels=written.levels + tuple(r["level"] for r in copies),
        categories=written.categories + tuple(r["category"] for r in copies),
        copied=(False,) * len(written.texts) + (True,) * len(copies),
    )


def semantic_level(gate: SafetyGate, message: str) -> str:
    """The level the semantic check alone gives `message`, embedded as the gate embeds it."""
    _, embedded = gate.readings(message)
    hits = gate.semantic_hits(embedded, [])
    levels = {CATEGORIES[h.category] for h in hits}
    return "crisis" if "crisis" in levels else "support" if levels else "none"


def main(argv: list[str]) -> None:
    overrides = dict(arg.split("=", 1) for arg in argv)
    patterns = load_patterns()
    semantic = {k: type(v)(overrides.pop(k, v)) for k, v in patterns.semantic.items()}
    if overrides:
        sys.exit(f"unknown [semantic] settings: {', '.join(overrides)}")
    patterns = replace(patterns, semantic=MappingProxyType(semantic))
    settings = load_settings()
    embedder = RememberingEmbedder(load_embedder(settings))
    rows = load_jsonl("safety_set.jsonl")
    splits = sorted({r["split"] for r in rows} - {"dev", BLIND_SPLIT})
    total = Counter()
    for split in splits:
        gate = SafetyGate(settings, embedder=embedder, bank=bank_without(split, rows))
        gate.patterns = patterns
        fold = Counter()
        for row in (r for r in rows if r["split"] == split):
            fold[row["level"], semantic_level(gate, row["text"])] += 1
        total.update(fold)
        print(f"{split:>9}: {summary(fold)}", flush=True)
    questions = [
        q["question"]
        for name in ("gold_questions.jsonl", "offtopic_questions.jsonl")
        for q in load_jsonl(name)
    ]
    flagged = Counter(semantic_level(gate, q) for q in questions)
    print(f"{'all':>9}: {summary(total)}")
    print(f"questions: {flagged['crisis']} of {len(questions)} to crisis, {flagged['support']} to support")
    everyday = Counter(semantic_level(gate, row["text"]) for row in load_jsonl("everyday_messages.jsonl"))
    print(f"everyday: {everyday['crisis']} of {everyday.total()} to crisis, {everyday['support']} to support")


def summary(counts: Counter) -> str:
    def of(gold: str) -> int:
        return sum(n for (g, _), n in counts.items() if g == gold)

    return (
        f"crisis caught {counts['crisis', 'crisis']}/{of('crisis')}, "
        f"support flagged {counts['support', 'support'] + counts['support', 'crisis']}/{of('support')} "
        f"({counts['support', 'crisis']} as crisis), "
        f"none to crisis {counts['none', 'crisis']}/{of('none')}, to support {counts['none', 'support']}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
