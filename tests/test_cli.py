"""The CLI contract other tools rely on: `coach ingest` and `coach retrieve`, their output and errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coach.cli import app

runner = CliRunner()
KEYS = {"rank", "score", "article", "title", "section", "text"}


def env_for(settings) -> dict[str, str]:
    return {"COACH_INDEX_DIR": str(settings.index_dir), "COACH_CORPUS_DIR": str(settings.corpus_dir)}


def test_retrieve_json_prints_one_array_best_first(indexed_settings):
    result = runner.invoke(
        app,
        ["retrieve", "how do we handle unresolved conflict", "--json", "--k", "3"],
        env=env_for(indexed_settings),
    )
    assert result.exit_code == 0, result.output
    passages = json.loads(result.stdout)
    assert len(passages) == 3
    assert all(set(p) >= KEYS for p in passages)
    assert passages[0]["section"] == "7. Address Unresolved Conflicts"
    assert passages[0]["article"] == "002_51be6f8854e9c380.txt"
    assert [p["rank"] for p in passages] == [1, 2, 3]


def test_retrieve_from_stdin_prints_json_lines(indexed_settings):
    questions = "how do we handle unresolved conflict\n\nwhat daily rituals help couples bond\n"
    result = runner.invoke(app, ["retrieve", "-", "--k", "2"], input=questions, env=env_for(indexed_settings))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0][0]["section"] == "7. Address Unresolved Conflicts"
    assert lines[1] == []
    assert lines[2][0]["section"] == "Daily Rituals That Strengthen Your Bond"


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_a_one_line_error(indexed_settings, question):
    result = runner.invoke(app, ["retrieve", question], env=env_for(indexed_settings))
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: the question is empty: type what you would like to ask"


def test_huge_question_is_answered_with_a_note(indexed_settings):
    result = runner.invoke(app, ["retrieve", "x" * 100_000, "--json"], env=env_for(indexed_settings))
    assert result.exit_code == 0
    assert "only the first 2000 characters" in result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_retrieve_without_an_index_names_the_command_to_run(tmp_path):
    result = runner.invoke(app, ["retrieve", "hello"], env={"COACH_INDEX_DIR": str(tmp_path / "none")})
    assert result.exit_code == 1
    assert "coach ingest" in result.stderr
    assert "Traceback" not in result.output


def test_ingest_reports_what_it_did(tmp_path, corpus_copy):
    env = {"COACH_INDEX_DIR": str(tmp_path / "index")}
    first = runner.invoke(app, ["ingest", "--corpus", str(corpus_copy)], env=env)
    assert first.exit_code == 0, first.output
    assert "added 2, updated 0, skipped 0 unchanged, removed 0" in first.stdout
    (corpus_copy / "junk.bin").write_bytes(b"\x00\x01")
    again = runner.invoke(app, ["ingest", "--corpus", str(corpus_copy)], env=env)
    assert again.exit_code == 0
    assert "added 0, updated 0, skipped 2 unchanged, removed 0; 0 chunks embedded" in again.stdout
    assert "warning: skipped junk.bin: unsupported file type" in again.stderr


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_ingest_of_an_unusable_corpus_folder_is_a_one_line_error(tmp_path, make):
    corpus = tmp_path / "corpus"
    if make == "empty":
        corpus.mkdir()
    result = runner.invoke(
        app, ["ingest", "--corpus", str(corpus)], env={"COACH_INDEX_DIR": str(tmp_path / "i")}
    )
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(corpus) in result.stderr
