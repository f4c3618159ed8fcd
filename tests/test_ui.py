"""The chat page through its API (gradio_client against an in-process server): streaming, sources, the safety
banner, one conversation per client, escaping, and refusing to serve beyond loopback without a password."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pytest
from gradio_client import Client
from typer.testing import CliRunner

from coach.answer import Answer, Citation
from coach.llm import FakeModel, Message
from tests.conftest import free_port, make_settings
from ui.app import (
    PageError,
    Session,
    Turn,
    banner_html,
    build_app,
    check_exposure,
    launch,
    reply_html,
    serve,
    sources_html,
)

# gradio's queue still calls pandas the old way
pytestmark = pytest.mark.filterwarnings("ignore:.*no_silent_downcasting", "ignore:The copy keyword")

CONFLICT = "How do we handle unresolved conflict?"
CRISIS = "he hit me again last night and I'm scared to go home"


@dataclass
class SlowModel(FakeModel):
    """A scripted model that numbers its replies (so none repeats) and takes a moment per word."""

    delay: float = 0.01
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    # A test can hold a reply mid-stream (clear `hold`) and wait until one has begun (`started`).
    hold: threading.Event = field(default_factory=threading.Event)
    started: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.hold.set()

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        with self.lock:  # like llama.cpp: one generation at a time
            self.prompts.append(list(messages))
            self.count += 1
            self.started.set()
            self.hold.wait(timeout=60)
            reply = (
                f"Reply {self.count}: talk it through when you are calm [1]. Then listen to each other [2]."
            )
            for word in reply.split(" "):
                time.sleep(self.delay)
                yield word + " "


@pytest.fixture(scope="module")
def served(indexed_settings, embedder):
    """The page on a free loopback port, with a scripted model; yields (url, model)."""
    from coach.service import build_coach

    model = SlowModel()
    app = build_app(build_coach(indexed_settings, model=model, embedder=embedder))
    url = serve(app, indexed_settings.model_copy(update={"port": free_port()}), block=False)
    yield url, model
    app.close()


@pytest.fixture
def client(served) -> Client:
    return Client(served[0], verbose=False)


def chat(client: Client, message: str) -> list[tuple]:
    """Every output the /chat endpoint streamed for one message: (chat, sources, banner, latest turn)."""
    job = client.submit(message, api_name="/chat")
    job.result()
    return job.outputs()


def user_texts(history: list[dict]) -> list[str]:
    said = [m["content"][0]["text"] for m in history if m["role"] == "user"]
    return [re.sub(r"<[^>]+>", "", s) for s in said]


def test_a_question_streams_an_answer_with_its_sources(client):
    outputs = chat(client, CONFLICT)
    partial = [latest for *_, latest in outputs if not latest["done"]]
    assert partial, "the reply should arrive in pieces before it is done"
    assert any(p["reply"] and p["kind"] == "streaming" for p in partial)
    history, sources, banner, latest = outputs[-1]
    assert latest["done"] and latest["kind"] == "grounded"
    assert latest["reply"].startswith("Reply ") and "[1]" in latest["reply"]
    assert [s["n"] for s in latest["sources"]] == [1, 2]
    assert latest["sources"][0]["section"] == "7. Address Unresolved Conflicts"
    assert "Address Unresolved Conflicts" in sources and "Sources for the latest reply" in sources
    assert latest["safety"] == "none" and banner == ""
    assert '<details class="turn-sources">' in history[-1]["content"][0]["text"]


def test_past_replies_keep_their_own_sources(client):
    chat(client, CONFLICT)
    history, *_ = chat(client, "What daily rituals help couples bond?")[-1]
    replies = [m["content"][0]["text"] for m in history if m["role"] == "assistant"]
    assert len(replies) == 2
    assert "Address Unresolved Conflicts" in replies[0]
    assert all('<details class="turn-sources">' in r for r in replies)


@pytest.mark.parametrize(
    ("message", "line"),
    [(CRISIS, "tel:+18007997233"), ("I don't want to be alive anymore", "tel:988")],
    ids=["violence", "suicide"],
)
def test_a_crisis_message_raises_the_banner_for_the_rest_of_the_conversation(client, message, line):
    *_, banner, latest = chat(client, message)[-1]
    assert latest["kind"] == "crisis" and latest["safety"] == "crisis" and latest["banner"] == "crisis"
    assert f'href="{line}"' in banner and 'href="sms:' in banner
    assert line.removeprefix("tel:+1") in latest["reply"].replace("-", "")
    assert latest["sources"] == []

    *_, banner, latest = chat(client, CONFLICT)[-1]
    assert latest["kind"] == "grounded" and latest["banner"] == "crisis" and f'href="{line}"' in banner

    history, sources, banner, latest = client.predict(api_name="/new_conversation")
    assert history == [] and not banner and latest["banner"] == "none"
    *_, banner, latest = chat(client, CONFLICT)[-1]
    assert not banner and latest["turn"] == 1


def test_a_support_message_shows_a_calm_card_about_counselling(client):
    *_, banner, latest = chat(
        client, "We argue constantly and I feel hopeless about us. How do we fix this?"
    )[-1]
    assert latest["safety"] == "support" and latest["banner"] == "support"
    assert 'class="banner support"' in banner and "couples therapist or counsellor" in banner


def test_the_crisis_resources_are_on_the_page_whatever_the_gate_decides(served):
    import json
    import urllib.request

    with urllib.request.urlopen(served[0] + "config") as response:
        components = json.load(response)["components"]
    [help_now] = [c["props"]["value"] for c in components if c.get("props", {}).get("elem_id") == "help-now"]
    assert help_now.startswith('<details class="help-now">')
    assert 'href="tel:988"' in help_now and 'href="tel:+18007997233"' in help_now and 'href="sms:' in help_now


def test_two_clients_in_parallel_keep_separate_conversations(served):
    url, model = served
    names = {"a": "Alderwick", "b": "Brambleton"}
    results: dict[str, list] = {}

    def converse(key: str) -> None:
        client = Client(url, verbose=False)
        messages = [f"My partner {names[key]} and I keep arguing. {CONFLICT}", "How do I start?", "And then?"]
        results[key] = [(message, chat(client, message)[-1]) for message in messages]

    threads = [threading.Thread(target=converse, args=(key,)) for key in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert set(results) == {"a", "b"}
    ids = set()
    for key, turns in results.items():
        other = names["b" if key == "a" else "a"]
        history, _, _, latest = turns[-1][1]
        assert user_texts(history) == [message for message, _ in turns]
        assert other not in str(turns)
        assert latest["turn"] == 3
        ids.add(latest["conversation_id"])
    assert len(ids) == 2
    # What each conversation remembered reached the model with no trace of the other one.
    prompts = ["\n".join(m.content for m in prompt) for prompt in model.prompts]
    assert any(names["a"] in p for p in prompts) and any(names["b"] in p for p in prompts)
    assert not [p for p in prompts if names["a"] in p and names["b"] in p]


def test_a_second_message_while_the_first_streams_is_turned_away(client, served):
    model = served[1]
    model.started.clear()
    model.hold.clear()
    try:
        first = client.submit(CONFLICT, api_name="/chat")
        assert model.started.wait(timeout=60), "the first reply never reached the model"
        with pytest.raises(Exception, match="Still answering"):
            client.predict("And then?", api_name="/chat")
    finally:
        model.hold.set()
    *_, latest = first.result()
    assert latest["done"] and latest["turn"] == 1


def test_html_in_a_message_is_shown_as_text(client):
    message = '<script>alert("x")</script><img src=x onerror=alert(1)> How do we talk about money?'
    history, *_ = chat(client, message)[-1]
    said = history[0]["content"][0]["text"]
    assert "<script" not in said and "<img" not in said
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in said


def test_html_in_passages_replies_and_resources_is_escaped():
    evil = "<script>alert(1)</script>"
    citation = Citation(1, "a.txt", f"Title {evil}", f"Section {evil}", f"Text {evil} **bold**", 0.9)
    reply = f'Say it {evil} [1]. [x](javascript:alert(1)) [y](https://x.org/" onclick="alert(1))'
    answer = Answer(reply, "grounded", (citation,), True, None, {}, (f"note {evil}",))
    session = Session(turns=[Turn(said=evil, answer=answer)])
    session.note_safety(
        {
            "level": "crisis",
            "resources": [
                {
                    "name": f"Line {evil}",
                    "contact": evil,
                    "links": [
                        {"label": "Call", "href": "tel:988"},
                        {"label": "bad", "href": "javascript:alert(1)"},
                        {"label": "x", "href": 'https://x.org/" onclick="alert(1)'},
                    ],
                }
            ],
        }
    )
    shown = reply_html(session.turns[0]) + sources_html(session) + banner_html(session)
    assert "<script" not in shown and 'href="javascript' not in shown
    assert 'onclick="' not in shown and "&quot; onclick=&quot;" in shown
    # the reply, its note, the title, section and text under the reply and in the panel, and the resource
    assert shown.count("&lt;script&gt;") == 10
    assert 'href="tel:988"' in shown


@pytest.mark.parametrize(
    ("host", "auth"),
    [("127.0.0.1", ""), ("localhost", ""), ("::1", ""), ("0.0.0.0", "me:a secret"), ("192.168.1.5", "a:b")],
)
def test_loopback_or_a_password_is_allowed(tmp_path, host, auth):
    check_exposure(make_settings(tmp_path, host=host, auth=auth))


@pytest.mark.parametrize(
    ("host", "auth"),
    [("0.0.0.0", ""), ("::", ""), ("192.168.1.5", ""), ("0.0.0.0", "justauser"), ("0.0.0.0", ":pw")],
)
def test_serving_beyond_loopback_without_a_password_is_refused(tmp_path, host, auth):
    with pytest.raises(PageError, match="COACH_AUTH"):
        launch(make_settings(tmp_path, host=host, auth=auth))  # refused before any model is loaded


def test_coach_serve_on_all_interfaces_without_auth_is_a_one_line_error():
    from coach.cli import app

    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"], env={"COACH_AUTH": ""})
    assert result.exit_code == 1
    assert "refusing to serve on 0.0.0.0 without a password" in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_index_is_built_before_serving(tmp_path, embedder, monkeypatch):
    import coach.embeddings
    import coach.llm
    from ui.app import load_coach

    monkeypatch.setattr(coach.embeddings, "load_embedder", lambda settings: embedder)
    monkeypatch.setattr(coach.llm, "load_model", lambda settings: FakeModel(replies=["Talk it over [1]."]))
    settings = make_settings(tmp_path)
    assert not settings.index_dir.exists()
    answer = load_coach(settings).ask(CONFLICT)
    assert answer.kind == "grounded" and answer.citations


@pytest.fixture
def page_with(indexed_settings, embedder, monkeypatch):
    """Serve the page as `coach serve` builds it, with these settings on top of the test index."""
    import coach.embeddings
    from ui.app import load_coach

    monkeypatch.setattr(coach.embeddings, "load_embedder", lambda settings: embedder)
    apps = []

    def open_page(**overrides) -> Client:
        settings = indexed_settings.model_copy(update={"port": free_port(), **overrides})
        apps.append(build_app(load_coach(settings)))
        return Client(serve(apps[-1], settings, block=False), verbose=False)

    yield open_page
    for app in apps:
        app.close()


def test_a_missing_model_is_explained_in_the_chat_and_crisis_help_still_works(page_with, tmp_path, capsys):
    missing = tmp_path / "no-such-model.gguf"
    client = page_with(model_path=missing)
    assert f"model file {missing} does not exist" in capsys.readouterr().err

    history, sources, _, latest = chat(client, CONFLICT)[-1]
    assert latest["kind"] == "error" and latest["done"] and not latest["sources"]
    assert latest["error"].startswith(f"Model file {missing} does not exist")
    assert "COACH_MODEL_PATH" in latest["error"] and "Traceback" not in str(history)
    assert 'class="reply failed"' in history[-1]["content"][0]["text"] and "did not finish" in sources

    # The safety reply needs no model: it still comes, with its banner.
    *_, banner, latest = chat(client, CRISIS)[-1]
    assert latest["kind"] == "crisis" and 'href="tel:+18007997233"' in banner


def test_an_unreachable_model_server_is_a_friendly_message_in_the_chat(page_with):
    url = f"http://127.0.0.1:{free_port()}/v1"
    client = page_with(llm_url=url, llm_timeout=3)
    history, _, _, latest = chat(client, CONFLICT)[-1]
    assert latest["kind"] == "error" and latest["done"]
    assert latest["error"].startswith(f"The model server at {url} did not answer")
    assert "COACH_LLM_URL" in latest["error"] and "Traceback" not in str(history)
    # The conversation goes on: the next question gets the same clear message, not a stuck page.
    *_, latest = chat(client, "How do we reconnect after a busy month?")[-1]
    assert latest["turn"] == 2 and latest["kind"] == "error"
