"""Benchmark (not a test): the coach's turn next to llama-index's CondensePlusContextChatEngine.

Why the coach orchestrates a turn itself instead of running it through the engine. Both use the same loaded
model (llama-index's LlamaCPP), the same hybrid retriever and the same token-limited ChatMemoryBuffer; the
engine gets the coach's system text first and the passages after it (the most cache-friendly layout it
allows). Printed per variant: the second turn's time to first token, the model calls per conversation
(counted from llama-index's instrumentation events) and the second turn's prompt size. The engine's own
condense step is one extra generation per follow-up; with `skip_condense` it searches with the follow-up as
typed.
Usage: python evals/bench_engine.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from llama_index.core.chat_engine import CondensePlusContextChatEngine
from llama_index.core.instrumentation import get_dispatcher
from llama_index.core.instrumentation.event_handlers import BaseEventHandler
from llama_index.core.instrumentation.events.llm import LLMCompletionStartEvent
from llama_index.core.memory import ChatMemoryBuffer

from coach.answer import Coach, drain
from coach.llm import LocalModel, bundled_model_path
from coach.prompt import prompt_text
from coach.service import open_retriever
from coach.settings import load_settings
from evals.bench_llm import FIRST_QUESTIONS, FOLLOW_UP, WARM_UP


class CompletionCounter(BaseEventHandler):
    """Counts the model's completions (a chat call ends in one) and the prompt tokens each one reads."""

    calls: list = []

    @classmethod
    def class_name(cls) -> str:
        return "CompletionCounter"

    def handle(self, event, **kwargs) -> None:
        if isinstance(event, LLMCompletionStartEvent):
            self.calls.append(event.prompt)


def engine_turn(engine: CondensePlusContextChatEngine, question: str) -> float:
    """Milliseconds to the first streamed piece of the engine's reply (the reply is drained)."""
    started, first = time.perf_counter(), None
    for _ in engine.stream_chat(question).response_gen:
        first = first or time.perf_counter()
    return ((first or time.perf_counter()) - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    settings = load_settings()
    model = LocalModel(settings.model_path or bundled_model_path(), settings)
    retriever = open_retriever(settings)
    coach = Coach(settings, retriever, model)
    counter = CompletionCounter()
    get_dispatcher().add_event_handler(counter)
    context_prompt = prompt_text("system") + "\n\nPassages from the articles:\n{context_str}\n"

    def engine(skip_condense: bool) -> CondensePlusContextChatEngine:
        memory = ChatMemoryBuffer.from_defaults(token_limit=settings.memory_tokens, llm=model._llm)
        return CondensePlusContextChatEngine(
            retriever=retriever.fusion,
            llm=model._llm,
            memory=memory,
            context_prompt=context_prompt,
            system_prompt="",
            skip_condense=skip_condense,
        )

    drain(coach.stream_reply(coach.new_conversation(), WARM_UP))
    rows: dict[str, list[tuple[float, list[str]]]] = {}
    for round_ in range(args.rounds):
        first = FIRST_QUESTIONS[round_ % len(FIRST_QUESTIONS)]
        counter.calls = []
        conversation = coach.new_conversation()
        drain(coach.stream_reply(conversation, first))
        ttft = drain(coach.stream_reply(conversation, FOLLOW_UP)).timings["ttft_ms"]
        rows.setdefault("coach", []).append((ttft, counter.calls))
        for name, skip in (("engine, skip_condense", True), ("engine, condensing", False)):
            counter.calls = []
            chat = engine(skip)
            engine_turn(chat, first)
            rows.setdefault(name, []).append((engine_turn(chat, FOLLOW_UP), counter.calls))

    def tokens(prompt: str) -> int:
        return len(model.llama.tokenize(prompt.encode(), add_bos=False, special=True))

    for name, results in rows.items():
        ttft = statistics.median(t for t, _ in results)
        calls = statistics.median(len(c) for _, c in results)
        last_prompt = statistics.median(tokens(c[-1]) for _, c in results)
        print(
            f"{name}: second-turn time to first token {ttft:.0f} ms; model calls per two-turn conversation "
            f"{calls:.0f}; second-turn prompt {last_prompt:.0f} tokens"
        )


if __name__ == "__main__":
    main()
