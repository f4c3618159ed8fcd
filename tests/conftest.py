"""Shared fixtures: the real embedding model (loaded once), a real index of the real corpus in a temp dir."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from coach.settings import PROJECT_ROOT, Settings, load_settings

CORPUS = PROJECT_ROOT / "corpus"


def make_settings(tmp: Path, **overrides) -> Settings:
    """Settings whose index lives in tmp, so no test touches the user's index."""
    values = {
        "index_dir": tmp / "index",
        "corpus_dir": CORPUS,
        "chroma_url": "",
        "llm_url": "",
        "model_path": None,
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture(scope="session")
def embedder():
    from coach.embeddings import load_embedder

    return load_embedder(load_settings(embed_model=""))


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory, embedder) -> Settings:
    """Settings pointing at an index of the real corpus, built once per test session."""
    from coach.index import ChunkIndex

    tmp = tmp_path_factory.mktemp("corpus-index")
    settings = make_settings(tmp)
    ChunkIndex(settings).ingest(settings.corpus_dir, lambda: embedder)
    return settings


@pytest.fixture(scope="session")
def retriever(indexed_settings, embedder):
    from coach.service import open_retriever

    return open_retriever(indexed_settings, embedder=embedder)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the real corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def free_port() -> int:
    """A loopback port nothing listens on, for the servers the tests start."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
