"""Server mode: the same ingest and retrieval against a real `chroma run` server on loopback."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from coach.errors import StoreUnreachableError
from coach.index import ChunkIndex, open_client
from coach.service import open_retriever
from tests.conftest import free_port, make_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma server did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_retrieve_through_a_chroma_server(tmp_path, chroma_url, corpus_copy, embedder):
    settings = make_settings(
        tmp_path, chroma_url=chroma_url, corpus_dir=corpus_copy, collection="server-test"
    )
    report = ChunkIndex(settings).ingest(corpus_copy, lambda: embedder)
    assert len(report.added) == 2 and report.chunks_total > 0
    again = ChunkIndex(settings).ingest(corpus_copy, lambda: embedder)
    assert again.chunks_embedded == 0 and len(again.skipped) == 2
    retriever = open_retriever(settings, embedder=embedder)
    assert retriever.retrieve("how do we handle unresolved conflict").passages[0].section == (
        "7. Address Unresolved Conflicts"
    )
    assert not (tmp_path / "index").exists(), "server mode writes nothing to the embedded store"


def test_unreachable_server_is_a_clear_error(tmp_path):
    settings = make_settings(tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreUnreachableError, match="cannot reach the Chroma server"):
        open_client(settings)


def test_malformed_server_url_is_a_clear_error(tmp_path):
    with pytest.raises(StoreUnreachableError, match="not a URL"):
        open_client(make_settings(tmp_path, chroma_url="localhost:8000"))
