"""Ingest: idempotent, incremental, crash-safe, and honest about the model an index was built with."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from coach.corpus import chunk_article, load_metadata, read_article
from coach.errors import CorpusError, IndexMismatchError, IndexMissingError
from coach.index import ChunkIndex
from coach.service import open_retriever
from tests.conftest import make_settings

CONFLICT = "how do we handle unresolved conflict"


def ingest(settings, embedder, **kwargs):
    return ChunkIndex(settings).ingest(settings.corpus_dir, lambda: embedder, **kwargs)


def live_texts(settings) -> list[str]:
    return [n.get_content() for n in ChunkIndex(settings).live_nodes()]


def test_second_ingest_of_an_unchanged_corpus_adds_nothing(tmp_path, corpus_copy, embedder):
    settings = make_settings(tmp_path, corpus_dir=corpus_copy)
    first = ingest(settings, embedder)
    assert sorted(first.added) == sorted(p.name for p in corpus_copy.glob("*.txt"))
    ids_before = sorted(ChunkIndex(settings).collection().get(include=[])["ids"])

    def no_model():
        raise AssertionError("an unchanged corpus must not even load the embedding model")

    second = ChunkIndex(settings).ingest(corpus_copy, no_model)
    assert second.added == second.updated == second.removed == []
    assert len(second.skipped) == 2
    assert sorted(ChunkIndex(settings).collection().get(include=[])["ids"]) == ids_before


def test_changed_file_is_replaced_and_removed_file_dropped(tmp_path, corpus_copy, embedder):
    settings = make_settings(tmp_path, corpus_dir=corpus_copy)
    ingest(settings, embedder)
    plain = corpus_copy / "000_2aa1ed4ff32443f7.txt"
    plain.write_text(
        plain.read_text() + "\nPlan A Picnic\nPack a lunch and walk to the lake together on Sunday.\n"
    )
    (corpus_copy / "002_51be6f8854e9c380.txt").unlink()
    report = ingest(settings, embedder)
    assert report.updated == ["000_2aa1ed4ff32443f7.txt"]
    assert report.removed == ["002_51be6f8854e9c380.txt"]
    texts = live_texts(settings)
    assert any("walk to the lake" in t for t in texts)
    assert not any("Address Unresolved" in n.metadata["section"] for n in ChunkIndex(settings).live_nodes())
    # nothing stale is left in the collection, live or not
    all_ids = ChunkIndex(settings).collection().get(include=[])["ids"]
    assert len(all_ids) == len(texts)


def test_new_file_is_added_and_bad_files_are_skipped_with_warnings(tmp_path, corpus_copy, embedder):
    settings = make_settings(tmp_path, corpus_dir=corpus_copy)
    ingest(settings, embedder)
    (corpus_copy / "kisses.md").write_text(
        "# Six Second Kiss\n\nKiss for six seconds when you say goodbye.\n"
    )
    (corpus_copy / "empty.txt").write_text("")
    (corpus_copy / "photo.txt").write_bytes(b"\x00\x01binary\x00")
    (corpus_copy / "old.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (corpus_copy / "slides.pptx").write_bytes(b"PK\x03\x04")
    report = ingest(settings, embedder)
    assert report.added == ["kisses.md"]
    assert len(report.warnings) == 4
    assert any("empty.txt" in w and "empty" in w for w in report.warnings)
    assert any("photo.txt" in w and "binary" in w for w in report.warnings)
    assert any("old.txt" in w and "UTF-8" in w for w in report.warnings)
    assert any("slides.pptx" in w and "unsupported" in w for w in report.warnings)
    assert any("six seconds" in t for t in live_texts(settings))


def test_a_file_that_turns_unreadable_keeps_its_indexed_chunks(tmp_path, corpus_copy, embedder):
    settings = make_settings(tmp_path, corpus_dir=corpus_copy)
    ingest(settings, embedder)
    before = len(live_texts(settings))
    (corpus_copy / "002_51be6f8854e9c380.txt").write_bytes(b"\xff\xfe\x00garbage")
    report = ingest(settings, embedder)
    assert any("002_51be6f8854e9c380.txt" in w for w in report.warnings)
    assert len(live_texts(settings)) == before


@pytest.mark.parametrize("setup", ["missing", "empty", "only-bad"])
def test_unusable_corpus_is_an_error_and_the_index_is_kept(tmp_path, corpus_copy, embedder, setup):
    settings = make_settings(tmp_path, corpus_dir=corpus_copy)
    ingest(settings, embedder)
    before = len(live_texts(settings))
    if setup == "missing":
        shutil.rmtree(corpus_copy)
    else:
        for path in corpus_copy.iterdir():
            path.unlink()
        if setup == "only-bad":
            (corpus_copy / "x.txt").write_text("")
    with pytest.raises(CorpusError):
        ingest(settings, embedder)
    assert len(live_texts(settings)) == before


def test_ingest_that_dies_before_committing_leaves_the_old_index_in_use(
    tmp_path, corpus_copy, embedder, monkeypatch
):
    settings = make_settings(tmp_path, corpus_dir=corpus_copy)
    ingest(settings, embedder)
    before = sorted(live_texts(settings))
    plain = corpus_copy / "000_2aa1ed4ff32443f7.txt"
    plain.write_text(plain.read_text().replace("Six-second kiss", "Ten-minute walk"))

    def die(*args, **kwargs):
        raise KeyboardInterrupt("killed between adding chunks and committing")

    monkeypatch.setattr(ChunkIndex, "_commit", die)
    with pytest.raises(KeyboardInterrupt):
        ingest(settings, embedder)
    monkeypatch.undo()
    # the new chunks were written but are not live: readers see exactly the old index
    assert sorted(live_texts(settings)) == before
    retriever = open_retriever(settings, embedder=embedder)
    found = retriever.retrieve("six-second kiss ritual", k=5).passages
    assert all("Ten-minute walk" not in p.text for p in found)
    assert len({p.chunk_id for p in found}) == len(found)
    # the next ingest finishes the job and clears what the dead one left behind
    report = ingest(settings, embedder)
    assert report.updated == ["000_2aa1ed4ff32443f7.txt"]
    assert len(ChunkIndex(settings).collection().get(include=[])["ids"]) == len(live_texts(settings))


def test_killed_ingest_process_leaves_a_usable_index(tmp_path, corpus_copy, embedder):
    settings = make_settings(tmp_path, corpus_dir=corpus_copy)
    ingest(settings, embedder)
    before = sorted(live_texts(settings))
    for i in range(30):  # enough new text that the embedding step takes a while
        (corpus_copy / f"extra{i}.md").write_text(
            f"# Extra {i}\n\n" + "Talk kindly to each other every day. " * 400
        )
    env = {**os.environ, "COACH_INDEX_DIR": str(settings.index_dir), "COACH_CORPUS_DIR": str(corpus_copy)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "coach.cli", "ingest"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    time.sleep(12)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    manifest = ChunkIndex(settings).manifest()
    assert len(manifest) in (2, 32), "the manifest names either the old corpus or the whole new one"
    if len(manifest) == 2:
        assert sorted(live_texts(settings)) == before
    expected = sum(
        len(chunk_article(read_article(corpus_copy / name, load_metadata(corpus_copy)), 100, 16))
        for name in manifest
    )
    assert len(live_texts(settings)) == expected
    retriever = open_retriever(settings, embedder=embedder)
    assert retriever.retrieve(CONFLICT).passages[0].section == "7. Address Unresolved Conflicts"


def test_rebuild_replaces_everything(tmp_path, corpus_copy, embedder):
    settings = make_settings(tmp_path, corpus_dir=corpus_copy)
    ingest(settings, embedder)
    report = ingest(settings, embedder, rebuild=True)
    assert len(report.added) == 2
    assert report.chunks_total == len(live_texts(settings)) == report.chunks_embedded


def test_index_built_with_another_model_is_refused_with_a_clear_error(tmp_path, embedder):
    settings = make_settings(tmp_path)
    ingest(settings, embedder)
    other_dir = tmp_path / "other-minilm"
    shutil.copytree(embedder.location, other_dir)
    from coach.embeddings import Embedder

    other = Embedder(str(other_dir))
    with pytest.raises(IndexMismatchError, match="re-ingest"):
        open_retriever(settings, embedder=other)
    # ingest with the other model rebuilds rather than mixing two models' vectors
    other_settings = make_settings(tmp_path, embed_model=str(other_dir))
    report = ChunkIndex(other_settings).ingest(other_settings.corpus_dir, lambda: other)
    assert any("rebuilding" in w for w in report.warnings)
    assert open_retriever(other_settings, embedder=other).retrieve(CONFLICT).passages


def test_retrieving_without_an_index_says_how_to_build_one(tmp_path, embedder):
    with pytest.raises(IndexMissingError, match="coach ingest"):
        open_retriever(make_settings(tmp_path), embedder=embedder)
