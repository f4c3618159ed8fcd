"""Load run (not a test): concurrent gradio_client sessions against the chat page, several turns each.

Prints errors, p50/p95 reply time (and time to the first streamed text), and whether any conversation leaked
into another. Each session names a made-up partner in its first turn. A leak is another session's name in a
session's chat, reply, sources or turn data; a chat whose user turns are not exactly those the session sent; a
conversation id shared by two sessions; or, when the page runs in this process, a prompt to the model that
carries two sessions' names (the model's memory is the per-session state that could mix).
Goals: 0 errors, 0 leaks.

Usage: python evals/load_ui.py [--sessions 8] [--turns 5] [--fake] [--timeout S] [--url http://127.0.0.1:7860/]
(without --url the page is started here with the COACH_* settings; --fake uses a scripted model)
"""

from __future__ import annotations

import argparse
import html
import socket
import statistics
import threading
import time
from dataclasses import dataclass, field

NAMES = ("Zorvath", "Quillane", "Brisolde", "Tarrowyn", "Melquist", "Dravenna", "Ostrelle", "Kaldimor")
FOLLOW_UPS = (
    "How do I start that conversation?",
    "What if they shut down while we talk?",
    "How can we feel close again afterwards?",
    "What small thing could I do this week?",
    "How do we keep it from building up again?",
)


def opening(name: str) -> str:
    return f"My partner {name} and I keep going over the same argument. How do we handle unresolved conflict?"


@dataclass
class Result:
    name: str
    sent: list[str] = field(default_factory=list)
    outputs: list[tuple[int, tuple]] = field(
        default_factory=list
    )  # (messages sent so far, last output) a turn
    reply_s: list[float] = field(default_factory=list)
    first_text_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Recording:
    """Wraps the model to keep the messages of each call (thread-safe: list.append)."""

    def __init__(self, model):
        self.model = model
        self.calls: list[list] = []

    def __getattr__(self, name):
        return getattr(self.model, name)

    def stream(self, messages):
        self.calls.append(list(messages))
        yield from self.model.stream(messages)


def run_session(url: str, name: str, turns: int, timeout: float, result: Result) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    messages = [opening(name), *FOLLOW_UPS][:turns]
    for message in messages:
        result.sent.append(message)
        started = time.perf_counter()
        first = None
        try:
            job = client.submit(message, api_name="/chat")
            while not job.done():
                if first is None and any(output[3].get("reply") for output in job.outputs()):
                    first = time.perf_counter() - started
                if time.perf_counter() - started > timeout:
                    job.cancel()
                    raise TimeoutError(f"no reply within {timeout:.0f} s")
                time.sleep(0.02)
            final = job.result()
        except Exception as exc:  # a load run reports every failure, whatever its type
            result.errors.append(f"{name}: {exc.__class__.__name__}: {exc}")
            continue
        result.reply_s.append(time.perf_counter() - started)
        result.first_text_s.append(first if first is not None else result.reply_s[-1])
        result.outputs.append((len(result.sent), final))
        if final[3].get("kind") == "error":
            result.errors.append(f"{name}: {final[3].get('error')}")


def leaks(results: list[Result], prompts: list[list] | None) -> list[str]:
    """Every sign that one session saw another's conversation."""
    found = []
    ids: dict[str, str] = {}
    for r in results:
        others = [o.name for o in results if o is not r]
        for turn, (history, sources, banner, latest) in r.outputs:
            seen = str((history, sources, banner, latest))
            found += [f"{r.name} turn {turn}: shows {o}" for o in others if o in seen]
            said = [m["content"][0]["text"] for m in history if m["role"] == "user"]
            sent = r.sent[:turn]
            if len(said) != turn or not all(
                html.escape(s) in text for s, text in zip(sent, said, strict=True)
            ):
                found.append(f"{r.name} turn {turn}: its chat is not the {turn} messages it sent")
        if r.outputs:
            conversation = r.outputs[-1][1][3].get("conversation_id", "")
            if conversation in ids:
                found.append(f"{r.name} and {ids[conversation]} share conversation {conversation}")
            ids[conversation] = r.name
    for prompt in prompts or []:
        text = "\n".join(m.content for m in prompt)
        named = [r.name for r in results if r.name in text]
        if len(named) > 1:
            found.append(f"a prompt to the model carries {', '.join(named)}")
    return found


def start_page(fake: bool) -> tuple[str, object, Recording]:
    """The page in this process on a free loopback port, its model wrapped to record prompts."""
    from coach.llm import FakeModel
    from coach.service import build_coach
    from coach.settings import load_settings
    from ui.app import build_app, load_coach, serve

    settings = load_settings()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    coach = build_coach(settings, model=FakeModel(replies=[])) if fake else load_coach(settings)
    coach.model = model = Recording(coach.model)
    app = build_app(coach)
    url = serve(app, settings.model_copy(update={"host": "127.0.0.1", "port": port}), block=False)
    return url, app, model


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(results: list[Result], found: list[str], elapsed: float) -> None:
    errors = [e for r in results for e in r.errors]
    replies = [t for r in results for t in r.reply_s]
    firsts = [t for r in results for t in r.first_text_s]
    print(f"sessions: {len(results)}, replies: {len(replies)}, wall time {elapsed:.1f} s")
    print(f"errors: {len(errors)}")
    for e in errors[:10]:
        print(f"  {e}")
    if replies:
        print(
            f"reply time: p50 {statistics.median(replies):.2f} s, p95 {percentile(replies, 0.95):.2f} s, "
            f"max {max(replies):.2f} s"
        )
        print(f"first text: p50 {statistics.median(firsts):.2f} s, p95 {percentile(firsts, 0.95):.2f} s")
    kinds: dict[str, int] = {}
    for r in results:
        for _, output in r.outputs:
            kind = output[3].get("kind", "?")
            kinds[kind] = kinds.get(kind, 0) + 1
    print(f"reply kinds: {kinds}")
    print(f"leaks: {len(found)}")
    for leak in found[:10]:
        print(f"  {leak}")
    print("goals: 0 errors, 0 leaks")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--url", help="a page already running; without it one is started here")
    parser.add_argument("--fake", action="store_true", help="start the page with a scripted model")
    parser.add_argument("--timeout", type=float, default=300, help="seconds one reply may take")
    args = parser.parse_args()
    if args.sessions > len(NAMES):
        parser.error(f"at most {len(NAMES)} sessions (one made-up name each)")
    app, model = None, None
    url = args.url
    if not url:
        url, app, model = start_page(args.fake)
    results = [Result(name) for name in NAMES[: args.sessions]]
    started = time.perf_counter()
    threads = [
        threading.Thread(target=run_session, args=(url, r.name, args.turns, args.timeout, r)) for r in results
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    report(results, leaks(results, model.calls if model else None), elapsed)
    if app is not None:
        app.close()


if __name__ == "__main__":
    main()
