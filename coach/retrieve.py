"""Question → ranked passages: dense (Chroma) and BM25 hits fused by reciprocal rank, with a relevance floor.

Owns ranking and the "do the articles cover this at all?" decision. Uses llama-index's retrievers; the only
thing added by hand is remembering the dense cosine of each hit, which the fusion step overwrites.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from llama_index.core.retrievers import BaseRetriever

from coach.errors import IndexMissingError, InputError

if TYPE_CHECKING:
    from llama_index.core.schema import NodeWithScore, QueryBundle

    from coach.embeddings import Embedder
    from coach.index import ChunkIndex
    from coach.settings import Settings

# Sentence-transformers models read at most a few hundred tokens; a longer question only costs time.
MAX_QUERY_CHARS = 2000
CANDIDATES = 5


@dataclass(frozen=True)
class Passage:
    rank: int
    score: float  # fused reciprocal-rank score
    dense_score: float | None  # cosine similarity to the question, when the dense retriever found it
    chunk_id: str
    article: str
    title: str
    section: str
    position: int
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Retrieval:
    question: str
    passages: tuple[Passage, ...]
    best_dense: float
    covered: bool  # False when nothing clears the relevance floor
    elapsed_ms: float


def clean_question(question: str) -> str:
    """The question stripped and bounded; InputError when there is nothing to search for."""
    text = " ".join((question or "").split())
    if not text:
        raise InputError("the question is empty: type what you would like to ask")
    return text[:MAX_QUERY_CHARS]


class Retriever:
    """Hybrid retrieval over the live chunks of one index."""

    def __init__(self, settings: Settings, index: ChunkIndex, embedder: Embedder):
        index.check_built_with(embedder)
        nodes = index.live_nodes()
        if not nodes:
            raise IndexMissingError("the index is empty: run `coach ingest` to add the corpus articles")
        self.settings = settings
        self.nodes = nodes
        self._lock = threading.Lock()
        self._dense = _DenseScores(_vector_retriever(index, embedder, settings, len(nodes)))
        self._bm25 = _bm25_retriever(nodes, settings)
        self._fusion = _fusion_retriever([self._dense, self._bm25], settings.top_k)

    @property
    def fusion(self) -> BaseRetriever:
        """The llama-index retriever behind `retrieve` (dense + BM25 fused), for llama-index's own engines."""
        return self._fusion

    def retrieve(self, question: str, k: int | None = None) -> Retrieval:
        """The k best passages for a question, best first, and whether the articles cover it."""
        text = clean_question(question)
        k = k or self.settings.top_k
        started = time.perf_counter()
        with self._lock:  # the fusion step and the dense-score record are shared state
            self._set_k(k)
            hits = self._fusion.retrieve(text)
            dense = dict(self._dense.scores)
        best = max(dense.values(), default=0.0)
        passages = tuple(_passage(i + 1, hit, dense.get(hit.node.node_id)) for i, hit in enumerate(hits[:k]))
        covered = best >= self.settings.relevance_floor
        return Retrieval(text, passages, best, covered, (time.perf_counter() - started) * 1000)

    def _set_k(self, k: int) -> None:
        # Each retriever offers more candidates than are kept, so the fusion has something to fuse.
        candidates = max(k, CANDIDATES)
        self._fusion.similarity_top_k = k
        self._dense.inner.similarity_top_k = candidates
        self._bm25.similarity_top_k = min(candidates, len(self.nodes))


def _passage(rank: int, hit: NodeWithScore, dense: float | None) -> Passage:
    meta = hit.node.metadata
    return Passage(
        rank=rank,
        score=round(float(hit.score or 0.0), 6),
        dense_score=None if dense is None else round(dense, 4),
        chunk_id=hit.node.node_id,
        article=meta["article"],
        title=meta["title"],
        section=meta["section"],
        position=int(meta["position"]),
        text=hit.node.get_content(),
    )


def _vector_retriever(index: ChunkIndex, embedder: Embedder, settings: Settings, live_count: int):
    from llama_index.core import VectorStoreIndex
    from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

    vector_index = VectorStoreIndex.from_vector_store(index.vector_store(), embed_model=embedder.llama)
    if index.collection().count() == live_count:
        return vector_index.as_retriever(similarity_top_k=settings.top_k)
    # Chunks of an unfinished ingest are in the collection: hide them (a filtered search is slower, so only
    # in this rare state, which the next ingest clears).
    live = sorted(set(index.manifest().values()))
    filters = MetadataFilters(
        filters=[MetadataFilter(key="file_hash", value=live, operator=FilterOperator.IN)]
    )
    return vector_index.as_retriever(similarity_top_k=settings.top_k, filters=filters)


def _bm25_retriever(nodes, settings: Settings):
    import Stemmer
    from llama_index.retrievers.bm25 import BM25Retriever

    return BM25Retriever.from_defaults(
        nodes=nodes,
        similarity_top_k=min(settings.top_k, len(nodes)),
        stemmer=Stemmer.Stemmer("english"),
        language="english",
    )


def _fusion_retriever(retrievers, top_k: int):
    from llama_index.core.llms import MockLLM
    from llama_index.core.retrievers import QueryFusionRetriever

    return QueryFusionRetriever(
        retrievers,
        llm=MockLLM(),  # never called: num_queries=1 means no generated queries
        mode="reciprocal_rerank",
        similarity_top_k=top_k,
        num_queries=1,
        use_async=False,
    )


class _DenseScores(BaseRetriever):
    """The dense retriever, remembering each hit's cosine similarity for the relevance floor."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner
        self.scores: dict[str, float] = {}

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self.inner.retrieve(query_bundle)
        # ChromaVectorStore reports exp(-distance); with cosine distance that is exp(cosine - 1).
        self.scores = {h.node.node_id: 1.0 + math.log(max(h.score or 0.0, 1e-12)) for h in hits}
        return hits
