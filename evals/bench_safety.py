"""Benchmark (not a test): safety assessment latency per message, next to one plain encode of that message.

Times `SafetyGate.assess` (warm) on every message of evals/safety_set.jsonl and, interleaved message by
message so a noisy neighbour hurts all alike, a raw `SentenceTransformer.encode` of the same message
(torch: the floor a semantic check paid before the ONNX encoder) and, when the embedder runs on ONNX
Runtime (COACH_EMBED_BACKEND, default onnx), a raw ONNX encode: the floor it pays now. Also times the
pattern stage alone. Goal (issue 4): <= 20 ms per message on
2 cores. `--threads` sets torch's intra-op threads (default: torch's own choice, one per core).
Usage: python evals/bench_safety.py [--rounds N] [--limit N] [--threads N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable

from coach.embeddings import load_embedder
from coach.safety import SafetyGate, cut_out, normalise, pattern_hits
from coach.settings import PROJECT_ROOT, load_settings
from evals.metrics import percentile

SAFETY_SET = PROJECT_ROOT / "evals" / "safety_set.jsonl"
GOAL_MS = 20.0


def messages(limit: int | None) -> list[str]:
    rows = [json.loads(line) for line in SAFETY_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row["text"] for row in rows][:limit]


def elapsed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def summary(times: list[float]) -> dict:
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "mean_ms": statistics.fmean(times),
        "max_ms": max(times),
    }


def bench(texts: list[str], rounds: int) -> dict:
    settings = load_settings()
    embedder = load_embedder(settings)
    gate = SafetyGate(settings, embedder=embedder)

    def raw(text: str) -> None:
        embedder.model.encode(
            [text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )

    def onnx(text: str) -> None:
        embedder.onnx.encode([text])

    def patterns_only(text: str) -> None:
        plain = cut_out(cut_out(normalise(text), gate.patterns.negations), gate.patterns.idioms)
        pattern_hits(plain, gate.patterns)
        gate.warning_signs(plain, ())

    for text in texts[:20]:  # warm-up: the example bank is embedded on the first assessment
        gate.assess(text)
        raw(text)
    times: dict[str, list[float]] = {"assess": [], "raw_encode": [], "patterns": []}
    if embedder.onnx is not None:
        times["onnx_encode"] = []
    for _ in range(rounds):
        for text in texts:
            times["raw_encode"].append(elapsed_ms(lambda t=text: raw(t)))
            if "onnx_encode" in times:
                times["onnx_encode"].append(elapsed_ms(lambda t=text: onnx(t)))
            times["assess"].append(elapsed_ms(lambda t=text: gate.assess(t)))
            times["patterns"].append(elapsed_ms(lambda t=text: patterns_only(t)))
    result = {name: summary(values) for name, values in times.items()}
    result["ratio_p50"] = result["assess"]["p50_ms"] / result["raw_encode"]["p50_ms"]
    result["ratio_mean"] = result["assess"]["mean_ms"] / result["raw_encode"]["mean_ms"]
    result["messages"], result["rounds"], result["backend"] = len(texts), rounds, embedder.backend
    return result


def machine() -> dict:
    import torch

    return {"cpus": os.cpu_count(), "torch_threads": torch.get_num_threads(), "load_avg": os.getloadavg()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="passes over the labelled set")
    parser.add_argument("--limit", type=int, default=None, help="only the first N messages")
    parser.add_argument("--threads", type=int, default=None, help="torch intra-op threads")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    before = machine()
    result = bench(messages(args.limit), args.rounds)
    result["machine"] = {**before, "load_avg_after": os.getloadavg()}
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{result['messages']} messages x {result['rounds']} rounds, warm, "
        f"embeddings on {result['backend']}; machine {result['machine']}"
    )
    for name in ("assess", "raw_encode", "onnx_encode", "patterns"):
        if name not in result:
            continue
        r = result[name]
        print(
            f"  {name:<11} p50 {r['p50_ms']:7.2f} ms   p95 {r['p95_ms']:7.2f} ms   "
            f"mean {r['mean_ms']:7.2f} ms   max {r['max_ms']:8.2f} ms"
        )
    print(
        f"  assess / raw torch encode: {result['ratio_p50']:.2f}x (p50), {result['ratio_mean']:.2f}x (mean)"
    )
    verdict = "met" if result["assess"]["p50_ms"] <= GOAL_MS else "missed"
    print(f"  goal <= {GOAL_MS:.0f} ms per message (p50): {verdict}")
    print("  note: a shared machine; the load average above says how noisy these figures are")


if __name__ == "__main__":
    main()
