"""A message in a conversation → a streamed, cited coaching reply.

Owns the order of things for one turn: clean the message, run the safety gate (before any model), rewrite a
follow-up into a standalone search, retrieve, decide whether the articles cover it, prompt the model within
its window, and turn its stream into clean sentences with valid citations. Memory is per conversation.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from llama_index.core.llms import ChatMessage

from coach.citations import (
    cited_numbers,
    clean_user_text,
    cut_run_on,
    is_repeat,
    keep_valid_citations,
    sentences_of,
    split_sentences,
    strip_echoed_headers,
)
from coach.errors import CoachError
from coach.llm import LanguageModel, Message
from coach.prompt import Budget, build_messages, prompt_text
from coach.retrieve import Passage, Retrieval, Retriever

if TYPE_CHECKING:
    from coach.safety import Assessment, Resource, SafetyGate
    from coach.settings import Settings

_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
}
_FOLLOW_UP = re.compile(
    r"\b(it|that|this|those|these|them|one|ones|more|again|start|begin|else|also|same|then|how so|why)\b",
    re.I,
)
_CONTINUES = re.compile(r"^\s*(and|but|so|also|what about|how about|ok(ay)?|then)\b", re.I)
# Plain requests for code, sums or facts: no article could answer them, whatever the similarity says.
_OFF_TOPIC = re.compile(
    r"\b(python|javascript|java|sql|code|function|program|script|compile|regex|algorithm|recipe|capital of|"
    r"weather|stock price|translate|calculate|solve|equation|integral|derivative|\d+\s*[-+*/^]\s*\d+)\b",
    re.I,
)


@dataclass(frozen=True)
class Citation:
    n: int
    article: str
    title: str
    section: str
    text: str
    score: float


@dataclass(frozen=True)
class Answer:
    text: str
    kind: str  # "grounded" | "not_covered" | "crisis" | "empty"
    citations: tuple[Citation, ...]
    model_cited: bool  # False when the model cited nothing and the sources shown are all passages given
    safety: dict | None
    timings: dict
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {**asdict(self), "answer": self.text, "citations": [asdict(c) for c in self.citations]}


@dataclass
class Conversation:
    """One person's conversation: their turns, the model's memory of them, and the safety level reached."""

    memory: object
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    user_turns: list[str] = field(default_factory=list)
    last_citations: tuple[Citation, ...] = ()
    safety_level: str = "none"


class Coach:
    """The coach: one retriever, one model and one safety gate shared by many conversations."""

    def __init__(
        self, settings: Settings, retriever: Retriever, model: LanguageModel, safety: SafetyGate | None = None
    ):
        self.settings = settings
        self.retriever = retriever
        self.model = model
        self.safety = safety
        window = min(model.context_window, settings.context_window)
        self.budget = Budget(window, settings.max_answer_tokens, settings.memory_tokens)

    def new_conversation(self) -> Conversation:
        from llama_index.core.memory import ChatMemoryBuffer

        memory = ChatMemoryBuffer.from_defaults(
            token_limit=self.settings.memory_tokens, tokenizer_fn=self._tokens
        )
        return Conversation(memory=memory)

    def crisis_resources(self) -> tuple[Resource, ...]:
        """Every crisis line the safety gate knows, for the page and the terminal to offer at any time."""
        from coach.safety import load_resources

        return self.safety.resources if self.safety else load_resources(self.settings.resources_file)

    def warm_up(self) -> bool:
        """Read the fixed system text into the model once, and load the safety gate's examples, so that the
        first person to ask waits neither for the weights to be paged in nor for the system text to be read.
        False when the model cannot answer: whoever asks is told why in the chat."""
        messages, _ = build_messages("hello", (), [], self.budget, self.model.count_tokens)
        try:
            if self.safety is not None:
                self.safety.assess("hello")
            stream = iter(self.model.stream(messages))
            next(stream, None)  # the first token means the whole prompt has been read
        except CoachError:
            return False
        getattr(stream, "close", lambda: None)()  # stops the generation and frees the model
        return True

    def _tokens(self, text: str) -> list[int]:
        return [0] * self.model.count_tokens(text)

    def ask(self, message: str, conversation: Conversation | None = None) -> Answer:
        """One complete reply (the stream, drained)."""
        return drain(self.stream_reply(conversation or self.new_conversation(), message))

    def stream_reply(self, conversation: Conversation, message: str) -> Iterator[str | Answer]:
        """Text pieces as they come, then the finished Answer."""
        started = time.perf_counter()
        notes: list[str] = []
        text = self._clean_message(message, notes)
        if not text:
            yield self._finish(conversation, "", prompt_text("empty"), "empty", (), False, None, {}, notes)
            return
        current, assessment, safety_ms = self._assess(conversation, text)
        timings = {"safety_ms": round(safety_ms, 2)}
        # Only a crisis in this message (with its recent context) replaces the answer; one carried over from
        # an earlier turn keeps the resources on screen while the coach goes on answering.
        if current is not None and current.level == "crisis":
            from coach.safety import crisis_reply

            reply = crisis_reply(assessment)
            yield reply
            yield self._finish(conversation, text, reply, "crisis", (), False, assessment, timings, notes)
            return
        query = self.search_query(conversation, text)
        if self.settings.condense == "llm" and conversation.user_turns:
            condense_started = time.perf_counter()
            query = self.condensed_by_model(conversation, text) or query
            timings["condense_ms"] = round((time.perf_counter() - condense_started) * 1000, 1)
        retrieval = self.retriever.retrieve(query)
        timings["retrieval_ms"] = round(retrieval.elapsed_ms, 2)
        if not retrieval.covered or _OFF_TOPIC.search(text):
            reply = self._not_covered()
            yield reply
            yield self._finish(
                conversation, text, reply, "not_covered", (), False, assessment, timings, notes
            )
            return
        yield from self._grounded(conversation, text, retrieval, assessment, timings, notes, started)

    # ------------------------------------------------------------ the steps

    def _clean_message(self, message: str, notes: list[str]) -> str:
        text = clean_user_text(message or "")
        limit = self.settings.max_message_chars
        if len(text) > limit:
            notes.append(f"Your message was long, so I read its first {limit} characters.")
            text = text[:limit]
        return text

    def _assess(
        self, conversation: Conversation, text: str
    ) -> tuple[Assessment | None, Assessment | None, float]:
        """This message's own assessment, the one to show (sticky crisis), and the time taken."""
        if self.safety is None:
            return None, None, 0.0
        from coach.safety import escalate

        started = time.perf_counter()
        current = self.safety.assess(text, conversation.user_turns[-4:])
        shown = escalate(conversation.safety_level, current)
        return current, shown, (time.perf_counter() - started) * 1000

    def condensed_by_model(self, conversation: Conversation, text: str) -> str | None:
        """The follow-up as a standalone question, written by the model from llama-index's condense prompt;
        None when the model gives nothing usable (the rule-based query is used then)."""
        from llama_index.core.chat_engine.condense_plus_context import DEFAULT_CONDENSE_PROMPT_TEMPLATE

        replies = [m.content or "" for m in conversation.memory.get() if m.role.value == "assistant"]
        history = [f"user: {conversation.user_turns[-1]}"] + [f"assistant: {r[:600]}" for r in replies[-1:]]
        prompt = DEFAULT_CONDENSE_PROMPT_TEMPLATE.format(chat_history="\n".join(history), question=text)
        written = "".join(self.model.stream([Message("user", prompt)])).strip()
        question = written.splitlines()[0].strip(" \"'") if written else ""
        return question if 3 <= len(question.split()) <= 60 else None

    def search_query(self, conversation: Conversation, text: str) -> str:
        """A follow-up rewritten into a standalone search using the conversation so far."""
        if not conversation.user_turns:
            return text
        words = text.lower().split()
        ordinal = next((_ORDINALS[w.strip("?.!,")] for w in words if w.strip("?.!,") in _ORDINALS), None)
        extra: list[str] = []
        if ordinal and conversation.last_citations:
            cited = conversation.last_citations
            pick = cited[ordinal - 1] if ordinal == -1 or ordinal <= len(cited) else None
            if pick:
                extra.append(pick.section)
        if (
            extra
            or len(words) <= 8
            or (len(words) <= 10 and _FOLLOW_UP.search(text))
            or _CONTINUES.match(text)
        ):
            return " ".join([conversation.user_turns[-1], text, *extra])
        return text

    def _grounded(
        self,
        conversation: Conversation,
        text: str,
        retrieval: Retrieval,
        assessment: Assessment | None,
        timings: dict,
        notes: list[str],
        started: float,
    ) -> Iterator[str | Answer]:
        history = [Message(m.role.value, m.content or "") for m in conversation.memory.get()]
        messages, used = build_messages(
            text, retrieval.passages, history, self.budget, self.model.count_tokens
        )
        passages = retrieval.passages[:used]
        sentences: list[str] = []
        # A small model likes to repeat its last reply word for word: such sentences count as repeats.
        said_before = [s for m in history if m.role == "assistant" for s in _sentences(m.content)]
        raw: list[str] = []
        first_token_at = None
        generation_started = time.perf_counter()

        def pieces() -> Iterator[str]:
            nonlocal first_token_at
            for piece in self.model.stream(messages):
                first_token_at = first_token_at or time.perf_counter()
                raw.append(piece)
                yield piece

        replaced = False
        for sentence in sentences_of(pieces()):
            sentence = keep_valid_citations(strip_echoed_headers(sentence.lstrip("-* ")), range(1, used + 1))
            sentence, looped = cut_run_on(sentence)
            if not sentence.strip(" .") or is_repeat(sentence, said_before):
                continue
            if is_repeat(sentence, sentences):
                break
            if not _reply_ok(sentence):
                replaced = True
                break
            sentences.append(sentence)
            yield ("" if len(sentences) == 1 else " ") + sentence
            if looped:
                break
        reply = _complete_sentences(sentences)
        if replaced or not reply:
            from coach.safety import SAFE_FALLBACK

            notes.append(
                "The model's reply was replaced by a safe fallback."
                if replaced
                else "The model gave no usable reply."
            )
            reply = SAFE_FALLBACK
        citations, model_cited = _citations(reply, passages)
        if current_level(assessment) == "support":
            note = _support_note(passages)
            yield f"\n\n{note}"
            reply = f"{reply}\n\n{note}"
        end = time.perf_counter()
        generated = self.model.count_tokens("".join(raw))
        timings.update(
            ttft_ms=round(((first_token_at or end) - started) * 1000, 1),
            generation_ms=round((end - generation_started) * 1000, 1),
            tokens=generated,
            # the first token's time is in time to first token: the rate counts the tokens after it
            tokens_per_s=round((generated - 1) / max(end - (first_token_at or end), 1e-6), 1)
            if generated > 1
            else 0.0,
            total_ms=round((end - started) * 1000, 1),
        )
        # The turn goes into memory as the model saw it (with its passages): the next prompt then starts with
        # exactly the tokens already in llama.cpp's cache, and only the new turn has to be read.
        answer = self._finish(
            conversation, text, reply, "grounded", citations, model_cited, assessment, timings, notes
        )
        conversation.memory.put(ChatMessage(role="user", content=messages[-1].content))
        conversation.memory.put(ChatMessage(role="assistant", content=reply))
        yield answer

    def _not_covered(self) -> str:
        return prompt_text("not_covered").format(topics=self.topics())

    def topics(self) -> str:
        """What the articles cover, in a short list made from their section headings."""
        seen: list[str] = []
        for node in self.retriever.nodes:
            section = re.sub(r"^\d+\.\s*", "", node.metadata["section"]).split(":")[0].strip()
            if section not in seen and section.lower() not in ("introduction", "final thoughts"):
                seen.append(section)
        return "; ".join(s[0].lower() + s[1:] for s in seen[:8])

    def _finish(
        self,
        conversation: Conversation,
        text: str,
        reply: str,
        kind: str,
        citations: tuple[Citation, ...],
        model_cited: bool,
        assessment: Assessment | None,
        timings: dict,
        notes: list[str],
    ) -> Answer:
        if text:
            conversation.user_turns.append(text)
        if citations:
            conversation.last_citations = citations
        if assessment is not None:
            conversation.safety_level = (
                assessment.level if conversation.safety_level != "crisis" else "crisis"
            )
        safety = assessment.to_dict() if assessment is not None else None
        return Answer(reply, kind, citations, model_cited, safety, timings, tuple(notes))


def drain(stream: Iterator[str | Answer]) -> Answer:
    """The Answer at the end of a reply stream."""
    answer = None
    for item in stream:
        if isinstance(item, Answer):
            answer = item
    assert answer is not None, "a reply stream always ends with an Answer"
    return answer


def current_level(assessment: Assessment | None) -> str:
    return assessment.level if assessment is not None else "none"


def _reply_ok(sentence: str) -> bool:
    from coach.safety import check_reply

    return check_reply(sentence)[0]


def _sentences(text: str) -> list[str]:
    done, rest = split_sentences(text)
    return [*done, rest] if rest.strip() else done


def _complete_sentences(sentences: list[str]) -> str:
    """The reply, ending at a sentence end: an unfinished last fragment is dropped when others exist."""
    if (
        sentences
        and not re.search(r"[.!?…][\"'”’)]*(\s*\[[\d,\s]+\])?$", sentences[-1])
        and len(sentences) > 1
    ):
        sentences = sentences[:-1]
    return " ".join(sentences).strip()


def _citations(reply: str, passages: tuple[Passage, ...]) -> tuple[tuple[Citation, ...], bool]:
    """The cited passages in order of citation, or every passage given when the model cited none."""
    numbers = [n for n in cited_numbers(reply) if 1 <= n <= len(passages)]
    chosen = numbers or list(range(1, len(passages) + 1))
    citations = tuple(_citation(n, passages[n - 1]) for n in chosen)
    return citations, bool(numbers)


def _citation(n: int, p: Passage) -> Citation:
    return Citation(n, p.article, p.title, p.section, p.text, p.score)


def _support_note(passages: tuple[Passage, ...]) -> str:
    from coach.safety import support_note

    note = support_note()
    for n, p in enumerate(passages, 1):
        if "professional support" in p.text.lower() or "couples therapy" in p.text.lower():
            return f"{note} One of the articles suggests this too [{n}]."
    return note
