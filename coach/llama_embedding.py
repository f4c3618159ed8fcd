"""The embedding model as llama-index's retrievers see it: every query goes through `Embedder.encode`, so it
runs on ONNX Runtime when the safety check does (llama-index's own sentence-transformers wrapper would keep
queries on torch, at about twice the time per query on 2 cores).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

if TYPE_CHECKING:
    from coach.embeddings import Embedder


class EncoderEmbedding(BaseEmbedding):
    """Queries and texts embedded by one `Embedder`, with the model's own query and text prompts, like
    llama-index's HuggingFaceEmbedding."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder):
        super().__init__(model_name=embedder.name, embed_batch_size=64)
        self._embedder = embedder

    @classmethod
    def class_name(cls) -> str:
        return "EncoderEmbedding"

    def _prompt(self, kind: str) -> str:
        return self._embedder.model.prompts.get(kind) or ""

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.encode([self._prompt("query") + query])[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        prompt = self._prompt("text")
        return self._embedder.encode([prompt + t for t in texts], batch_size=self.embed_batch_size).tolist()
