"""Wiring: builds the coach's parts from settings, once, and hands them to the CLI and the page.

Heavy parts (models, Chroma client) are created here and nowhere else; tests pass fakes in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.embeddings import Embedder, load_embedder
from coach.index import ChunkIndex

if TYPE_CHECKING:
    from coach.answer import Coach
    from coach.llm import LanguageModel
    from coach.retrieve import Retriever
    from coach.settings import Settings


def open_retriever(
    settings: Settings, *, embedder: Embedder | None = None, index: ChunkIndex | None = None
) -> Retriever:
    from coach.retrieve import Retriever

    index = index or ChunkIndex(settings)
    index.collection()  # a missing index is reported before the model is loaded
    return Retriever(settings, index, embedder or load_embedder(settings))


def build_coach(
    settings: Settings,
    *,
    model: LanguageModel | None = None,
    embedder: Embedder | None = None,
    index: ChunkIndex | None = None,
) -> Coach:
    """The whole coach: retriever, model and safety gate sharing one embedding model."""
    from coach.answer import Coach
    from coach.llm import load_model
    from coach.safety import SafetyGate

    embedder = embedder or load_embedder(settings)
    retriever = open_retriever(settings, embedder=embedder, index=index)
    return Coach(settings, retriever, model or load_model(settings), SafetyGate(settings, embedder=embedder))
