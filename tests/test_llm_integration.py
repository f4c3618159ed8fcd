"""The coach with the real bundled model (llama.cpp in-process) and a real OpenAI-compatible server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from coach.answer import Answer, drain
from coach.errors import LLMUnreachableError, ModelMissingError
from coach.llm import LocalModel, Message, ServerModel, bundled_model_path, load_model
from coach.service import build_coach
from tests.conftest import free_port

pytestmark = pytest.mark.slow
CONFLICT = "how do we handle unresolved conflict"


@pytest.fixture(scope="module")
def coach(indexed_settings, embedder):
    return build_coach(indexed_settings, embedder=embedder)


def test_unresolved_conflict_streams_an_answer_citing_its_section(coach):
    items = list(coach.stream_reply(coach.new_conversation(), CONFLICT))
    pieces, answer = items[:-1], items[-1]
    assert isinstance(answer, Answer) and answer.kind == "grounded"
    assert len(pieces) >= 1 and all(isinstance(p, str) for p in pieces)
    assert answer.text.strip()
    assert "7. Address Unresolved Conflicts" in [c.section for c in answer.citations]
    assert answer.timings["ttft_ms"] > 0 and answer.timings["tokens"] > 0


def test_follow_up_is_condensed_and_answered(coach):
    conversation = coach.new_conversation()
    drain(coach.stream_reply(conversation, CONFLICT))
    assert CONFLICT in coach.search_query(conversation, "how do we start?")
    follow_up = drain(coach.stream_reply(conversation, "how do we start?"))
    assert follow_up.kind == "grounded" and follow_up.text.strip()
    assert any("Conflict" in c.section or "Root" in c.section for c in follow_up.citations)


def test_follow_up_condensed_by_the_real_model_is_answered(coach):
    from coach.answer import Coach

    llm_coach = Coach(
        coach.settings.model_copy(update={"condense": "llm"}), coach.retriever, coach.model, coach.safety
    )
    conversation = llm_coach.new_conversation()
    drain(llm_coach.stream_reply(conversation, CONFLICT))
    written = llm_coach.condensed_by_model(conversation, "how do we start?")
    follow_up = drain(llm_coach.stream_reply(conversation, "how do we start?"))
    # what the 135M model writes varies; the turn must work either way, falling back to the rules
    assert written is None or 3 <= len(written.split()) <= 60
    assert follow_up.kind == "grounded" and follow_up.text.strip() and follow_up.citations
    assert follow_up.timings["condense_ms"] > 0


def test_off_topic_question_gets_no_citations(coach):
    answer = coach.ask("what is the capital of australia")
    assert answer.kind == "not_covered" and answer.citations == ()


def test_fifty_turns_never_overflow_the_context(indexed_settings, embedder):
    settings = indexed_settings.model_copy(update={"context_window": 512, "max_answer_tokens": 16})
    coach = build_coach(settings, embedder=embedder)
    conversation = coach.new_conversation()
    questions = [
        CONFLICT,
        "how can we spend more quality time together",
        "I try to listen to my partner, but I keep interrupting and thinking about my reply. " * 8,
    ]
    for turn in range(50):
        answer = drain(coach.stream_reply(conversation, questions[turn % 3]))
        assert answer.kind == "grounded", f"turn {turn}: {answer.notes}"
    assert coach.model.context_window == 512


def test_missing_model_file_names_the_path_and_the_fix(indexed_settings, tmp_path):
    missing = tmp_path / "nope.gguf"
    with pytest.raises(ModelMissingError, match="nope.gguf.*COACH_MODEL_PATH"):
        load_model(indexed_settings.model_copy(update={"model_path": missing}))


def test_corrupt_model_file_is_a_clear_error(indexed_settings, tmp_path):
    corrupt = tmp_path / "broken.gguf"
    corrupt.write_bytes(b"GGUF" + b"\x00" * 1000)
    with pytest.raises(ModelMissingError, match="broken.gguf"):
        LocalModel(corrupt, indexed_settings)


@pytest.fixture(scope="module")
def llm_server(tmp_path_factory):
    port = free_port()
    log_path = tmp_path_factory.mktemp("llm_server") / "server.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(bundled_model_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--n_threads",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + 90
    while time.time() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(f"{url}/models", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"llama_cpp.server did not come up within 90 s: {log_path.read_text()[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


def test_grounded_answer_through_an_openai_compatible_server(indexed_settings, embedder, llm_server):
    settings = indexed_settings.model_copy(update={"llm_url": llm_server})
    coach = build_coach(settings, embedder=embedder)
    assert isinstance(coach.model, ServerModel)
    answer = coach.ask(CONFLICT)
    assert answer.kind == "grounded" and answer.text.strip()
    assert "7. Address Unresolved Conflicts" in [c.section for c in answer.citations]


def test_unreachable_server_is_a_clear_error(indexed_settings, embedder):
    settings = indexed_settings.model_copy(update={"llm_url": f"http://127.0.0.1:{free_port()}/v1"})
    coach = build_coach(settings, embedder=embedder)
    with pytest.raises(LLMUnreachableError, match="did not answer"):
        coach.ask(CONFLICT)


def test_a_server_that_never_answers_times_out_instead_of_hanging(indexed_settings):
    # A socket that accepts connections and then stays silent: only the timeout can end the call.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/v1"
        model = ServerModel(indexed_settings.model_copy(update={"llm_url": url, "llm_timeout": 2}))
        started = time.monotonic()
        with pytest.raises(LLMUnreachableError, match="did not answer"):
            "".join(model.stream([Message("user", "hello")]))
        # Generous against a 2 s timeout on a noisy machine; a hang would never return at all.
        assert time.monotonic() - started < 60
