"""The embedding model on ONNX Runtime: the vectors sentence-transformers gives on torch, or torch itself."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from coach import onnx_encoder
from coach.embeddings import Embedder, embed_model_location, load_embedder
from coach.settings import load_settings

# empty, huge (truncated), emoji-only, control characters, non-English, and lengths that pad a batch
ODD_TEXTS = [
    "",
    "we keep fighting about money " * 5000,
    "🙂🙂😢",
    "\x00\x01\x02 binary junk \ufffd",
    "Je me sens loin de mon mari depuis des mois.",
    "ok",
    "My partner and I feel distant and I don't know how to start talking again.",
]


@pytest.fixture(scope="module")
def torch_model(embedder):
    return embedder.model


def torch_vectors(model, texts):
    return model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)


def test_onnx_vectors_match_torch_row_for_row(tmp_path, torch_model):
    encoder = onnx_encoder.load_onnx_encoder(torch_model, tmp_path)
    assert encoder is not None
    together = encoder.encode(ODD_TEXTS, batch_size=3)  # batches of mixed length, sorted and put back
    expected = torch_vectors(torch_model, ODD_TEXTS)
    assert together.shape == expected.shape == (len(ODD_TEXTS), 384)
    assert np.abs(together - expected).max() < 1e-5
    for text, row in zip(ODD_TEXTS, together, strict=True):  # and each alone gives the same row
        assert np.abs(encoder.encode([text])[0] - row).max() < 1e-5
    assert encoder.encode([]).shape == (0, 384)


def test_the_default_embedder_runs_on_onnx_and_torch_when_asked(tmp_path):
    settings = load_settings(embed_model="", cache_dir=tmp_path)
    onnx = load_embedder(settings)
    torch = load_embedder(load_settings(embed_model="", cache_dir=tmp_path, embed_backend="torch"))
    assert (onnx.backend, torch.backend) == ("onnx", "torch")
    assert list((tmp_path / "onnx").glob("*.onnx"))
    texts = ["I'm worried about us", "we laugh together again"]
    assert np.abs(onnx.encode(texts) - torch.encode(texts)).max() < 1e-5


def test_retrieval_queries_run_on_the_encoder_the_safety_check_uses(tmp_path, monkeypatch):
    onnx = load_embedder(load_settings(embed_model="", cache_dir=tmp_path))
    torch = load_embedder(load_settings(embed_model="", cache_dir=tmp_path, embed_backend="torch"))
    seen = []
    encode = onnx.onnx.encode
    monkeypatch.setattr(
        onnx.onnx, "encode", lambda texts, **kw: seen.append(list(texts)) or encode(texts, **kw)
    )
    query = "how do we talk again after a fight?"
    via_onnx = np.array(onnx.llama.get_query_embedding(query))
    via_torch = np.array(torch.llama.get_query_embedding(query))  # llama-index's own wrapper, on torch
    assert seen == [[query]]
    assert type(torch.llama).__name__ == "HuggingFaceEmbedding"
    assert via_onnx.shape == (384,) and np.abs(via_onnx - via_torch).max() < 1e-5
    texts = ["we laugh together again", "ok"]
    assert np.abs(np.array(onnx.llama.get_text_embedding_batch(texts)) - torch.encode(texts)).max() < 1e-5


def test_the_export_is_made_once_and_reused(tmp_path, torch_model, monkeypatch):
    assert onnx_encoder.load_onnx_encoder(torch_model, tmp_path) is not None
    (exported,) = (tmp_path / "onnx").glob("*.onnx")
    made = exported.stat().st_mtime_ns

    def no_second_export(*_):
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_encoder, "export", no_second_export)
    assert onnx_encoder.load_onnx_encoder(torch_model, tmp_path) is not None
    assert exported.stat().st_mtime_ns == made


def test_a_corrupt_export_falls_back_to_torch_and_is_made_again(tmp_path, torch_model, caplog):
    path = tmp_path / "onnx" / f"embed_{onnx_encoder.weights_digest(torch_model)}.onnx"
    path.parent.mkdir()
    path.write_bytes(b"\x00not an onnx graph\xff" * 100)
    with caplog.at_level(logging.WARNING, logger="coach.onnx_encoder"):
        assert onnx_encoder.load_onnx_encoder(torch_model, tmp_path) is None
    assert "stay on torch" in caplog.text
    assert not path.exists()  # not reused by the next start
    encoder = onnx_encoder.load_onnx_encoder(torch_model, tmp_path)
    assert encoder is not None and path.exists()
    assert np.abs(encoder.encode(["hello"]) - torch_vectors(torch_model, ["hello"])).max() < 1e-5


def test_a_corrupt_export_that_cannot_be_removed_still_falls_back(tmp_path, torch_model, monkeypatch):
    path = tmp_path / "onnx" / f"embed_{onnx_encoder.weights_digest(torch_model)}.onnx"
    path.parent.mkdir()
    path.write_bytes(b"garbage")

    def read_only(self, missing_ok=False):
        raise PermissionError(13, "read-only file system", str(self))

    monkeypatch.setattr(type(path), "unlink", read_only)
    assert onnx_encoder.load_onnx_encoder(torch_model, tmp_path) is None
    assert path.read_bytes() == b"garbage"


def test_a_failed_export_leaves_the_embedder_on_torch(tmp_path, monkeypatch, caplog):
    def broken(*_):
        raise RuntimeError("the exporter gave up\n" + "0.1 " * 10_000)

    monkeypatch.setattr(onnx_encoder, "export", broken)
    location = embed_model_location(load_settings(embed_model=""))
    with caplog.at_level(logging.WARNING, logger="coach.onnx_encoder"):
        embedder = Embedder(location, backend="onnx", cache_dir=tmp_path / "fresh")
    assert embedder.backend == "torch"
    assert "the exporter gave up" in caplog.text and len(caplog.text) < 1000  # one line, not the tensor
    vectors = embedder.encode(["still works"])
    assert vectors.shape == (1, 384) and abs(float(np.linalg.norm(vectors[0])) - 1) < 1e-5


def test_an_export_that_differs_from_torch_is_not_used(tmp_path, torch_model, monkeypatch):
    monkeypatch.setattr(onnx_encoder, "TOLERANCE", -1.0)  # any gap at all counts as a wrong graph
    assert onnx_encoder.load_onnx_encoder(torch_model, tmp_path) is None
    assert not list((tmp_path / "onnx").glob("*.onnx"))


class Transformer:
    pass


class Pooling:
    def __init__(self, mode):
        self.mode = mode

    def get_config_dict(self):
        return {"pooling_mode": self.mode}


class Normalize:
    pass


def test_only_a_transformer_with_mean_pooling_is_run_on_onnx():
    assert onnx_encoder.unsupported([Transformer(), Pooling("mean"), Normalize()]) == ""
    assert onnx_encoder.unsupported([Transformer(), Pooling("mean")]) == ""
    assert "not mean" in onnx_encoder.unsupported([Transformer(), Pooling("cls"), Normalize()])
    assert "modules" in onnx_encoder.unsupported([Transformer(), Pooling("mean"), Normalize(), Normalize()])
    assert onnx_encoder.load_onnx_encoder([Transformer(), Pooling("cls")], cache_dir=None) is None
