"""Passages + conversation + message → the messages the model reads, always within its context window.

Owns the prompt text (files in coach/prompts), the numbering of passages, and the token budget: the system
text comes first and never changes (so llama.cpp can reuse its cached prefix), then as much recent history as
fits, then the passages and the user's message. Passages are truncated and old turns dropped, never the crash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from coach.llm import Message
from coach.retrieve import Passage

# Chat templates wrap each message in a few tokens of their own.
TEMPLATE_TOKENS_PER_MESSAGE = 8
PASSAGE_TOKEN_CAP = 220
MIN_PASSAGE_TOKENS = 40


@cache
def prompt_text(name: str) -> str:
    """A prompt file shipped in the package (coach/prompts/NAME.md)."""
    return (resources.files("coach") / "prompts" / f"{name}.md").read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class Budget:
    context_window: int
    answer_tokens: int
    history_tokens: int

    @property
    def prompt_tokens(self) -> int:
        """What the prompt may use: the window less the answer's room and a safety margin."""
        return self.context_window - self.answer_tokens - 16


def truncate_to_tokens(text: str, limit: int, count: Callable[[str], int]) -> str:
    """The longest prefix of whole words within the token limit (with an ellipsis when cut)."""
    if count(text) <= limit:
        return text
    words = text.split()
    low, high = 0, len(words)
    while low < high:  # binary search: counting tokens is the costly part
        mid = (low + high + 1) // 2
        if count(" ".join(words[:mid]) + " …") <= limit:
            low = mid
        else:
            high = mid - 1
    return " ".join(words[:low]) + " …" if low else ""


def format_passages(passages: Sequence[Passage], texts: Sequence[str]) -> str:
    # texts may be fewer than passages: the lowest-ranked ones that did not fit were dropped.
    return "\n".join(
        f"[{i}] {p.title} — {p.section}: {t}"
        for i, (p, t) in enumerate(zip(passages, texts, strict=False), 1)
    )


def build_messages(
    message: str,
    passages: Sequence[Passage],
    history: Sequence[Message],
    budget: Budget,
    count: Callable[[str], int],
) -> tuple[list[Message], int]:
    """The model's messages and how many passages made it in, within budget.prompt_tokens."""
    system = Message("system", prompt_text("system"))
    room = budget.prompt_tokens - count(system.content) - 2 * TEMPLATE_TOKENS_PER_MESSAGE
    message = truncate_to_tokens(message, max(room // 3, 32), count)
    room -= count(prompt_text("turn").format(passages="", message=message))
    texts = _fit_passages(passages, room - min(budget.history_tokens, room // 4), count)
    turn = Message(
        "user", prompt_text("turn").format(passages=format_passages(passages, texts), message=message)
    )
    room -= count(format_passages(passages, texts))
    kept = _fit_history(history, min(room, budget.history_tokens), count)
    return [system, *kept, turn], len(texts)


def _fit_passages(passages: Sequence[Passage], room: int, count: Callable[[str], int]) -> list[str]:
    """Passage texts, each capped, dropping the lowest-ranked ones when the room runs out."""
    texts: list[str] = []
    for passage in passages:
        header = count(f"[{len(texts) + 1}] {passage.title} — {passage.section}: ") + 2
        left = room - header
        if left < MIN_PASSAGE_TOKENS:
            break
        text = truncate_to_tokens(passage.text, min(PASSAGE_TOKEN_CAP, left), count)
        texts.append(text)
        room -= header + count(text)
    return texts


def _fit_history(history: Sequence[Message], room: int, count: Callable[[str], int]) -> list[Message]:
    """The most recent turns that fit, oldest dropped first; never a lone assistant turn at the start."""
    kept: list[Message] = []
    for message in reversed(history):
        cost = count(message.content) + TEMPLATE_TOKENS_PER_MESSAGE
        if cost > room:
            break
        kept.insert(0, message)
        room -= cost
    while kept and kept[0].role != "user":
        kept.pop(0)
    return kept
