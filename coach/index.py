"""Chunks → embeddings → a Chroma collection kept in step with the corpus folder.

Owns the Chroma client (embedded or server), the collection's record of how it was built (embedding model,
dimension, chunker) and of which file versions it holds (the manifest), and incremental ingest.
Ranking is left to `coach.retrieve`.

Crash safety: new chunks are added first, invisible until the manifest names their file hash; the manifest
is then written in one step, and only after that are stale chunks deleted. A process killed at any point
leaves an index whose manifest names a complete set of chunks.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from coach.corpus import (
    CHUNKER_VERSION,
    Article,
    Chunk,
    chunk_article,
    list_corpus_files,
    load_metadata,
    read_article,
)
from coach.embeddings import embed_model_location, embed_model_name
from coach.errors import CorpusError, IndexMismatchError, IndexMissingError, StoreUnreachableError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from coach.embeddings import Embedder
    from coach.settings import Settings

EMBED_BATCH = 64
PAGE = 5000
# Metadata the retriever shows but the embedding should not see.
_NOT_EMBEDDED = ["title", "article", "position", "file_hash"]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_total: int = 0

    def summary(self) -> str:
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)} unchanged, "
            f"removed {len(self.removed)}; "
            f"{self.chunks_embedded} chunks embedded, {self.chunks_total} in the index"
        )


def open_client(settings: Settings) -> ClientAPI:
    """The embedded store at settings.index_dir, or the Chroma server at settings.chroma_url."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not settings.chroma_url:
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise StoreUnreachableError(
            f"COACH_CHROMA_URL={settings.chroma_url!r} is not a URL like http://HOST:PORT"
        )
    try:
        client = chromadb.HttpClient(
            host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https", settings=chroma_settings
        )
        client.heartbeat()
    except Exception as exc:  # chromadb raises several transport errors; all mean the same to the user
        raise StoreUnreachableError(
            f"cannot reach the Chroma server at {settings.chroma_url} ({exc.__class__.__name__}): start it "
            f"(`chroma run --path DIR --port PORT`) or unset COACH_CHROMA_URL to use the embedded store"
        ) from exc
    return client


class ChunkIndex:
    """The collection of chunks, with its build record and manifest."""

    def __init__(self, settings: Settings, client: ClientAPI | None = None):
        self.settings = settings
        self.client = client or open_client(settings)
        self.name = settings.collection

    # ------------------------------------------------------------ reading

    def collection(self) -> Collection:
        """The existing collection; IndexMissingError when there is none."""
        try:
            return self.client.get_collection(self.name)
        except Exception as exc:  # NotFoundError / ValueError depending on client and version
            raise IndexMissingError(
                f"no index yet in {self._where()}: run `coach ingest` (or `make run`)"
            ) from exc

    def manifest(self) -> dict[str, str]:
        """File name → content hash of every file whose chunks are live."""
        return json.loads((self.collection().metadata or {}).get("manifest", "{}"))

    def check_built_with(self, embedder: Embedder) -> None:
        """Raise IndexMismatchError when the index was built with another model or chunker."""
        meta = self.collection().metadata or {}
        built = (meta.get("embed_model"), meta.get("embed_dim"), meta.get("chunker"))
        wanted = (embedder.name, embedder.dimension, self._chunker_id())
        if built != wanted:
            raise IndexMismatchError(
                f"the index in {self._where()} was built with model {built[0]} (dim {built[1]}, chunker "
                f"{built[2]}) but the coach now uses {wanted[0]} (dim {wanted[1]}, chunker {wanted[2]}): "
                f"re-ingest with `coach ingest` (it rebuilds the index)"
            )

    def live_nodes(self) -> list[TextNode]:
        """Every live chunk as a llama-index node (for BM25 and for listing)."""
        from llama_index.vector_stores.chroma.base import metadata_dict_to_node

        nodes = []
        for got in self._live_pages(["documents", "metadatas"]):
            for node_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                node = metadata_dict_to_node(meta, text)
                node.id_ = node_id
                nodes.append(node)
        return sorted(nodes, key=lambda n: (n.metadata["article"], n.metadata["position"]))

    def _live_pages(self, include: list[str]) -> Iterator[dict]:
        """Live chunks a page at a time: Chroma refuses to return very large collections in one call."""
        collection, where = self.collection(), self.live_filter()
        for offset in range(0, collection.count(), PAGE):
            yield collection.get(where=where, include=include, limit=PAGE, offset=offset)

    def live_filter(self) -> dict[str, Any]:
        return {"file_hash": {"$in": sorted(set(self.manifest().values())) or ["-"]}}

    def vector_store(self) -> ChromaVectorStore:
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.collection())

    def count_live(self) -> int:
        return sum(len(page["ids"]) for page in self._live_pages([]))

    # ------------------------------------------------------------ writing

    def ingest(
        self,
        corpus_dir: Path,
        embedder_factory: Callable[[], Embedder],
        *,
        rebuild: bool = False,
        progress: Callable[[int], None] | None = None,
        on_total: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Bring the index in step with corpus_dir; the embedding model loads only if something changed."""
        report = IngestReport()
        articles = self._read_corpus(corpus_dir, report)
        stale = self._stale_build(embed_model_name(embed_model_location(self.settings)))
        if stale and not rebuild:
            report.warnings.append(f"{stale}: rebuilding the whole index")
            rebuild = True
        if rebuild:
            self._drop_leftovers()
        previous = {} if rebuild else self._existing_manifest()
        changed = [a for a in articles if previous.get(a.name) != a.file_hash]
        present = {p.name for p in list_corpus_files(corpus_dir)}
        removed = sorted(name for name in previous if name not in present)
        for article in articles:
            bucket = (
                report.skipped
                if article not in changed
                else report.updated
                if article.name in previous
                else report.added
            )
            bucket.append(article.name)
        report.removed = removed
        if not changed and not removed and not rebuild:
            report.chunks_total = self.count_live()
            return report

        embedder = embedder_factory()
        collection = self._writable_collection(embedder, fresh=rebuild)
        chunks = [
            c
            for a in changed
            for c in chunk_article(a, self.settings.chunk_size, self.settings.chunk_overlap)
        ]
        if on_total:
            on_total(len(chunks))
        self._add_chunks(collection, chunks, embedder, progress)
        manifest = {name: h for name, h in previous.items() if name not in removed}
        manifest.update({a.name: a.file_hash for a in changed})
        self._commit(collection, embedder, manifest)
        if rebuild:
            self._swap_in(collection)
        self._delete_stale()
        report.chunks_embedded = len(chunks)
        report.chunks_total = self.count_live()
        return report

    def _read_corpus(self, corpus_dir: Path, report: IngestReport) -> list[Article]:
        metadata = load_metadata(corpus_dir)
        articles = []
        for path in list_corpus_files(corpus_dir):
            try:
                articles.append(read_article(path, metadata))
            except CorpusError as exc:
                report.warnings.append(f"skipped {exc}")
        if not articles:
            raise CorpusError(f"no usable article in {corpus_dir}: " + "; ".join(report.warnings))
        return articles

    def _stale_build(self, model_name: str) -> str:
        """Why the existing index cannot be updated in place (empty when it can, or when there is none)."""
        try:
            meta = self.collection().metadata or {}
        except IndexMissingError:
            return ""
        if meta.get("embed_model") != model_name:
            return f"the index was built with the embedding model {meta.get('embed_model')}, not {model_name}"
        if meta.get("chunker") != self._chunker_id():
            return f"the index was built with chunker {meta.get('chunker')}, not {self._chunker_id()}"
        return ""

    def _existing_manifest(self) -> dict[str, str]:
        try:
            return self.manifest()
        except IndexMissingError:
            return {}

    def _writable_collection(self, embedder: Embedder, *, fresh: bool) -> Collection:
        if fresh:
            # Rebuilds go to a side collection swapped in at the end, so a crash keeps the old index.
            return self.client.create_collection(
                self._building_name(), configuration={"hnsw": {"space": "cosine"}}
            )
        try:
            collection = self.client.get_collection(self.name)
        except Exception:
            return self.client.create_collection(
                self.name,
                configuration={"hnsw": {"space": "cosine"}},
                metadata=self._build_record(embedder, {}),
            )
        self.check_built_with(embedder)
        return collection

    def _add_chunks(
        self,
        collection: Collection,
        chunks: list[Chunk],
        embedder: Embedder,
        progress: Callable[[int], None] | None,
    ) -> None:
        from llama_index.core.schema import MetadataMode
        from llama_index.vector_stores.chroma import ChromaVectorStore

        store = ChromaVectorStore(chroma_collection=collection)
        nodes_all = [chunk_to_node(c) for c in chunks]
        texts_all = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes_all]
        # Batches of similar length waste less time on padding; order in the index does not matter.
        order = sorted(range(len(nodes_all)), key=lambda i: len(texts_all[i]))
        for start in range(0, len(order), EMBED_BATCH):
            batch = order[start : start + EMBED_BATCH]
            nodes = [nodes_all[i] for i in batch]
            vectors = embedder.encode([texts_all[i] for i in batch], batch_size=EMBED_BATCH)
            for node, vector in zip(nodes, vectors, strict=True):
                node.embedding = vector.tolist()
            store.add(nodes)
            if progress:
                progress(len(nodes))

    def _commit(self, collection: Collection, embedder: Embedder, manifest: dict[str, str]) -> None:
        collection.modify(metadata=self._build_record(embedder, manifest))

    def _build_record(self, embedder: Embedder, manifest: dict[str, str]) -> dict[str, Any]:
        return {
            "embed_model": embedder.name,
            "embed_dim": embedder.dimension,
            "chunker": self._chunker_id(),
            "manifest": json.dumps(manifest, sort_keys=True),
        }

    def _swap_in(self, building: Collection) -> None:
        with contextlib.suppress(Exception):  # no previous index: nothing to replace
            self.client.delete_collection(self.name)
        building.modify(name=self.name)

    def _drop_leftovers(self) -> None:
        with contextlib.suppress(Exception):  # no unfinished rebuild left behind
            self.client.delete_collection(self._building_name())

    def _delete_stale(self) -> None:
        collection = self.collection()
        live = sorted(set(self.manifest().values())) or ["-"]
        collection.delete(where={"file_hash": {"$nin": live}})

    def _building_name(self) -> str:
        return f"{self.name}-rebuilding"

    def _chunker_id(self) -> str:
        return f"v{CHUNKER_VERSION}:{self.settings.chunk_size}:{self.settings.chunk_overlap}"

    def _where(self) -> str:
        return self.settings.chroma_url or str(self.settings.index_dir)


def chunk_to_node(chunk: Chunk) -> TextNode:
    from llama_index.core.schema import TextNode

    return TextNode(
        id_=chunk.id,
        text=chunk.text,
        metadata={
            "title": chunk.title,
            "section": chunk.section,
            "article": chunk.article,
            "position": chunk.position,
            "file_hash": chunk.file_hash,
        },
        excluded_embed_metadata_keys=list(_NOT_EMBEDDED),
        excluded_llm_metadata_keys=list(_NOT_EMBEDDED),
    )
