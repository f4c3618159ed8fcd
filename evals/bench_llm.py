"""Benchmark (not a test): the coach's time to first token and tokens/s next to a plain llama-cpp-python call.

The plain call is `Llama.create_chat_completion` on the coach's own loaded model, given exactly the messages
the coach sent on the same turn and the coach's own sampling settings (so both generate the same kind of
text). Before it, the model's state is saved and its cache cleared (`reset`), so the plain call reads the
whole prompt and reuses no prefix; afterwards the state is restored, so the coach's next turn finds its own
cache as it left it. (Until 2026-11-23 the plain call ran on a second model, loaded afresh for every call or
once; the ratio then swung from 0.90 to 1.24 with which copy of the same weights ran faster that minute.)
Both count tokens alike: the reply's text tokenized, minus the first token, over the time from the
first token to the last. Goals: coach tokens/s >= 0.95x raw; coach time to first token on a second turn
<= 0.8x raw, thanks to llama.cpp reusing the cached prefix (system text + the earlier turn).
Each round is a new conversation with its own first question, after one untimed warm-up turn.
Usage: python evals/bench_llm.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics

from coach.answer import Coach, drain
from coach.llm import LocalModel, bundled_model_path
from coach.service import open_retriever
from coach.settings import load_settings
from evals.runner import RecordingModel, raw_chat_timing

# A different first question each round, so a first turn never finds its whole prompt already cached.
FIRST_QUESTIONS = [
    "how do we handle unresolved conflict",
    "we feel distant lately, how do we reconnect",
    "how can I really listen to my partner",
    "how do we make time together count",
    "how do we rebuild trust after a hard year",
]
FOLLOW_UP = "how do we start that conversation?"
WARM_UP = "what small daily habits bring couples closer"


def plain_call_on_the_same_model(model: RecordingModel) -> dict:
    """The plain call's timings on the coach's own model, from an empty cache; the coach's cache is kept."""
    llama = model.llama
    state = llama.save_state()
    llama.reset()
    try:
        return raw_chat_timing(llama, model.last_messages, model.sampling)
    finally:
        llama.load_state(state)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    settings = load_settings()
    path = settings.model_path or bundled_model_path()
    model = RecordingModel(LocalModel(path, settings))
    coach = Coach(settings, open_retriever(settings), model)
    # The first generation in a process is slow (weights paged in, threads started): not what is measured.
    drain(coach.stream_reply(coach.new_conversation(), WARM_UP))
    rows = {0: [], 1: []}
    for round_ in range(args.rounds):
        conversation = coach.new_conversation()
        first = FIRST_QUESTIONS[round_ % len(FIRST_QUESTIONS)]
        for turn, question in enumerate((first, FOLLOW_UP)):
            answer = drain(coach.stream_reply(conversation, question))
            raw = plain_call_on_the_same_model(model)
            rows[turn].append((answer.timings, raw))
    for turn, label in ((0, "first turn"), (1, "second turn")):
        coach_ttft = statistics.median(t["ttft_ms"] for t, _ in rows[turn])
        raw_ttft = statistics.median(r["ttft_ms"] for _, r in rows[turn])
        coach_tps = statistics.median(t["tokens_per_s"] for t, _ in rows[turn])
        raw_tps = statistics.median(r["tokens_per_s"] for _, r in rows[turn])
        coach_n = statistics.median(t["tokens"] for t, _ in rows[turn])
        raw_n = statistics.median(r["tokens"] for _, r in rows[turn])
        print(
            f"{label}: time to first token coach {coach_ttft:.0f} ms vs raw {raw_ttft:.0f} ms "
            f"(ratio {coach_ttft / raw_ttft:.2f}); tokens/s coach {coach_tps:.1f} vs raw {raw_tps:.1f} "
            f"(ratio {coach_tps / raw_tps:.2f}); tokens generated coach {coach_n:.0f} vs raw {raw_n:.0f}"
        )
    print("goals: tokens/s ratio >= 0.95; second-turn time-to-first-token ratio <= 0.80")


if __name__ == "__main__":
    main()
