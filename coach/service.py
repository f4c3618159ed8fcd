"""Wiring: builds the coach's parts from settings, once, and hands them to the CLI and the page.

Heavy parts (models, Chroma client) are created here and nowhere else; tests pass fakes in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.embeddings import Embedder, load_embedder
from coach.index import ChunkIndex

if TYPE_CHECKING:
    from coach.retrieve import Retriever
    from coach.settings import Settings


def open_retriever(settings: Settings, *, embedder: Embedder | None = None, index: ChunkIndex | None = None) -> Retriever:
    from coach.retrieve import Retriever

    index = index or ChunkIndex(settings)
    index.collection()  # a missing index is reported before the model is loaded
    return Retriever(settings, index, embedder or load_embedder(settings))
