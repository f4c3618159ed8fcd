"""The chat page: a thin Gradio shell over `Coach.stream_reply`.

Owns what one browser tab sees (its own Conversation, the streamed chat with each reply's sources, the
sources panel beside it, the safety banner) and how the page is served: loopback unless a password is set, no
telemetry, no share link, nothing fetched from the internet. Answers, citations and safety decisions belong
to `coach`; this module only shows them, with every piece of text escaped.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import CoachError, IndexMissingError, ModelMissingError
from coach.safety import EMERGENCY_ADVICE

if TYPE_CHECKING:
    import gradio as gr

    from coach.answer import Answer, Citation, Coach, Conversation
    from coach.llm import LanguageModel
    from coach.settings import Settings

log = logging.getLogger(__name__)

EXAMPLES = (
    "How do we handle unresolved conflict?",
    "We feel distant lately. How do we reconnect?",
    "How can I really listen to my partner?",
    "How do we make time together count?",
)
# The model serializes generation itself. A few turns at once let a crisis or not-covered reply, which needs
# no model, go past a long generation instead of queueing behind it.
CHAT_CONCURRENCY = 4
QUEUE_SIZE = 64
STYLE = Path(__file__).with_name("style.css")
LEVELS = ("none", "support", "crisis")
LINK_SCHEMES = ("tel:", "sms:", "https:")
BUSY = "Still answering your last message: send this one when it's done."

MASTHEAD = """<header class="masthead">
<h1>Relationship coach</h1>
<p>Practical ideas from a small library of relationship articles, with the passages they come from.
Not a therapist. Everything stays on this computer.</p>
</header>"""

WELCOME = """<div class="welcome">
<p class="welcome-title">Hi, I'm a relationship coach.</p>
<p>Tell me what's going on between you and your partner, and I'll share what my articles suggest,
numbered so you can read each passage beside the chat.</p>
<p>I'm not a therapist and can't replace one. Nothing you type leaves this computer.</p>
</div>"""


class PageError(CoachError):
    """The chat page cannot be served as configured."""


class BusyError(CoachError):
    """A second message arrived in a conversation while the coach was still answering the first."""


# ------------------------------------------------------------------ one tab's state


@dataclass
class Turn:
    """One exchange as the page shows it."""

    said: str
    streamed: str = ""
    answer: Answer | None = None
    error: str = ""

    @property
    def done(self) -> bool:
        return self.answer is not None or bool(self.error)


@dataclass
class Session:
    """One browser tab: its Conversation with the coach, the turns on screen, and the banner's level."""

    conversation: Conversation | None = None
    turns: list[Turn] = field(default_factory=list)
    level: str = "none"  # the highest safety level so far: the banner stays until a new conversation
    resources: list[dict] = field(default_factory=list)
    epoch: int = 0  # bumped by "New conversation", so a reply still streaming for the old one stops
    answering: int | None = None  # the epoch whose reply is streaming, if one is

    def start_over(self) -> None:
        self.conversation, self.turns, self.level, self.resources = None, [], "none", []
        self.epoch += 1

    def note_safety(self, safety: dict | None) -> None:
        """Raise the banner to this answer's level (never lower it) and keep every resource offered."""
        level = (safety or {}).get("level", "none")
        if level not in LEVELS or LEVELS.index(level) < LEVELS.index(self.level) or level == "none":
            return
        if level != self.level:
            self.level, self.resources = level, []
        known = {r.get("name") for r in self.resources}
        self.resources += [r for r in safety.get("resources", []) if r.get("name") not in known]


_claims = threading.Lock()


def claim(session: Session) -> bool:
    """Mark the session as answering; False when it already is (one reply at a time per conversation)."""
    with _claims:
        if session.answering == session.epoch:
            return False
        session.answering = session.epoch
        return True


def release(session: Session, epoch: int) -> None:
    with _claims:
        if session.answering == epoch:
            session.answering = None


# ------------------------------------------------------------------ the turn, streamed


def stream_turn(coach: Coach, session: Session, message: str) -> Iterator[None]:
    """Run one turn, updating the session in place; yields after each change so the page can redraw."""
    if not claim(session):
        raise BusyError(BUSY)
    epoch = session.epoch
    turn = Turn(said=message or "")
    session.turns.append(turn)
    session.conversation = session.conversation or coach.new_conversation()
    try:
        yield
        for item in coach.stream_reply(session.conversation, turn.said):
            if session.epoch != epoch:
                return  # a new conversation was started: stop, and free the model for others
            if isinstance(item, str):
                turn.streamed += item
            else:
                turn.answer = item
                session.note_safety(item.safety)
            yield
    except CoachError as exc:
        turn.error = _sentence(str(exc))
    except Exception:
        log.exception("the reply to a message failed")
        turn.error = (
            "Something went wrong while answering: the details are in the terminal running the coach."
        )
    finally:
        release(session, epoch)
    if turn.error and session.epoch == epoch:
        yield


def _sentence(text: str) -> str:
    """An error message as the chat shows it: capitalised, ending with a full stop."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


# ------------------------------------------------------------------ what the page shows


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def reply_text_html(text: str) -> str:
    """A reply, escaped, with the little Markdown the coach writes made real: **bold**, [label](link) for
    tel:, sms: and https: links, "- " items and [n] citations. Escaping leaves *[]() alone, so it is safe."""
    text = esc(text)
    text = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"\[([^\]\n]+)\]\(((?:tel:|sms:|https:)[^)\s]+)\)", _link_sub, text)
    text = re.sub(r"(?m)^- ", "• ", text)
    return re.sub(r"\[(\d+(?:\s*,\s*\d+)*)\]", r'<span class="cite">[\1]</span>', text)


def _link_sub(match: re.Match) -> str:
    # label and href are already escaped: quotes are &quot; and cannot leave the attribute
    away = ' target="_blank" rel="noopener noreferrer"' if match[2].startswith("https:") else ""
    return f'<a href="{match[2]}"{away}>{match[1]}</a>'


def _plain(text: str) -> str:
    """A passage without the markdown emphasis and heading marks the articles carry."""
    return re.sub(r"\*\*|__|(^|\s)#{1,6}\s", r"\1", text).strip()


def said_html(text: str) -> str:
    return f'<div class="said">{esc(text) or "&nbsp;"}</div>'


def reply_html(turn: Turn) -> str:
    """The coach's bubble: the reply, its notes, and its own sources folded underneath."""
    if turn.error:
        return f'<div class="reply failed">{esc(turn.error)}</div>'
    if turn.answer is None:
        return f'<div class="reply">{reply_text_html(turn.streamed)}<span class="typing">…</span></div>'
    answer = turn.answer
    parts = [f'<div class="reply">{reply_text_html(answer.text)}</div>']
    parts += [f'<div class="note">{esc(note)}</div>' for note in answer.notes]
    if answer.citations:
        label = "Sources" if answer.model_cited else "Passages given"
        parts.append(
            f'<details class="turn-sources"><summary>{label} ({len(answer.citations)})</summary>'
            f"{passages_html(answer.citations)}</details>"
        )
    return "".join(parts)


def passages_html(citations: tuple[Citation, ...]) -> str:
    items = "".join(
        f'<li class="source"><div class="source-head"><span class="source-n">{c.n}</span>'
        f'<span class="source-title">{esc(c.title)}</span></div>'
        f'<div class="source-section">{esc(_plain(c.section))}</div>'
        f'<p class="source-text">{esc(_plain(c.text))}</p></li>'
        for c in citations
    )
    return f'<ol class="source-list">{items}</ol>'


def chat_messages(session: Session, pending: Turn | None = None) -> list[dict]:
    """The Chatbot's value: our own escaped HTML (the Chatbot renders no markdown and sanitizes on top)."""
    turns = [*session.turns, pending] if pending else session.turns
    messages = []
    for turn in turns:
        messages.append({"role": "user", "content": said_html(turn.said)})
        messages.append({"role": "assistant", "content": reply_html(turn)})
    return messages


def sources_html(session: Session) -> str:
    """The panel beside the chat: the latest reply's passages, in the order cited."""
    head = '<div class="panel-title">Sources for the latest reply</div>'
    return f'<div class="sources-panel">{head}{_sources(session)}</div>'


def _sources(session: Session) -> str:
    turn = session.turns[-1] if session.turns else None
    if turn is None:
        return _hint("Each passage the coach draws on appears here, numbered as in its reply.")
    if turn.error:
        return _hint("No sources: the reply did not finish.")
    if turn.answer is None:
        return _hint("Reading the articles…")
    answer = turn.answer
    if answer.kind == "crisis":
        return _hint("This reply points to people who can help right now, not to articles.")
    if not answer.citations:
        return _hint("The articles don't cover this message, so there is nothing to cite.")
    if answer.model_cited:
        return passages_html(answer.citations)
    return _hint("The coach cited no passage by number: these are all it was given.") + passages_html(
        answer.citations
    )


def _hint(text: str) -> str:
    return f'<p class="panel-hint">{esc(text)}</p>'


def banner_html(session: Session) -> str:
    """Crisis: who to contact now, for the rest of the conversation. Support: a calm word on counselling."""
    resources = _resources_html(session.resources)
    if session.level == "crisis":
        return (
            '<section class="banner crisis" role="alert">'
            "<h2>You deserve to be safe. Help is available now.</h2>"
            f"<p>{EMERGENCY_ADVICE} These services are there to talk, any time:</p>"
            f"{resources}</section>"
        )
    if session.level == "support":
        return (
            '<section class="banner support" role="status"><h2>Someone to talk this through with</h2>'
            "<p>What you describe sounds heavy to carry. A couples therapist or counsellor can help the two "
            "of you with it in ways articles can't.</p>"
            f"{resources}</section>"
        )
    return ""


def help_now_html(resources: list[dict]) -> str:
    """The crisis resources, folded, on the page at all times: the safety gate can miss a message, and the way
    to help must not depend on it."""
    return (
        '<details class="help-now"><summary>In danger, or thinking of suicide? Help now</summary>'
        f"<p>{EMERGENCY_ADVICE}</p>"
        f"{_resources_html(resources)}</details>"
    )


def _resources_html(resources: list[dict]) -> str:
    if not resources:
        return ""
    items = "".join(
        f'<li><span class="resource-name">{esc(r.get("name", ""))}</span> '
        f'<span class="resource-contact">{esc(r.get("contact", ""))}</span>'
        f'<span class="resource-links">{"".join(_link_html(link) for link in r.get("links", []))}</span></li>'
        for r in resources
    )
    return f'<ul class="resources">{items}</ul>'


def _link_html(link: dict) -> str:
    href = link.get("href", "")
    if not href.startswith(LINK_SCHEMES):
        return ""
    away = ' target="_blank" rel="noopener noreferrer"' if href.startswith("https:") else ""
    return f'<a class="resource-link" href="{esc(href)}"{away}>{esc(link.get("label") or href)}</a>'


def latest_turn(session: Session) -> dict:
    """The latest turn as data, for API clients and tests."""
    turn = session.turns[-1] if session.turns else None
    answer = turn.answer if turn else None
    kind = "none" if turn is None else answer.kind if answer else "error" if turn.error else "streaming"
    return {
        "turn": len(session.turns),
        "conversation_id": session.conversation.id if session.conversation else "",
        "message": turn.said if turn else "",
        "reply": answer.text if answer else turn.streamed if turn else "",
        "kind": kind,
        "done": bool(turn and turn.done),
        "error": turn.error if turn else "",
        "sources": [asdict(c) for c in answer.citations] if answer else [],
        "model_cited": bool(answer and answer.model_cited),
        "safety": (answer.safety or {}).get("level", "none") if answer else "none",
        "banner": session.level,
        "resources": session.resources,
        "notes": list(answer.notes) if answer else [],
    }


def view(session: Session) -> tuple[list[dict], str, str, dict]:
    """Everything one turn redraws: chat, sources panel, banner, and the turn as data."""
    return chat_messages(session), sources_html(session), banner_html(session), latest_turn(session)


# ------------------------------------------------------------------ the page


def _gradio():
    """Gradio, imported only once its telemetry is off (it reads the variable at import and at launch)."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio

    return gradio


def build_app(coach: Coach) -> gr.Blocks:
    """The chat page for one shared coach; every browser tab (and API client) gets its own Session."""
    gr = _gradio()

    def take(message: str, session: Session):
        """Show the message at once and clear the box; the reply follows through the queue."""
        if session.answering == session.epoch:
            gr.Warning(BUSY)
            return gr.skip(), None, gr.skip()
        return "", message, chat_messages(session, Turn(said=message or ""))

    def reply(message: str | None, session: Session):
        """The streamed reply to one message: chat, sources panel, banner and the turn as data."""
        if message is None:  # `take` turned it away: the previous reply is still streaming
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        try:
            for _ in stream_turn(coach, session, message):
                yield view(session)
        except BusyError as exc:
            raise gr.Error(str(exc)) from None

    def start_over(session: Session):
        session.start_over()
        return view(session)

    with gr.Blocks(title="Relationship coach", analytics_enabled=False) as app:
        session = gr.State(Session())  # deep-copied for each tab
        pending = gr.State(None)
        gr.HTML(MASTHEAD, js_on_load=None, elem_id="masthead")
        banner = gr.HTML("", js_on_load=None, elem_id="safety-banner")
        with gr.Row(equal_height=False, elem_id="main"):
            with gr.Column(scale=3, min_width=360):
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    show_label=False,
                    height=560,
                    placeholder=WELCOME,
                    render_markdown=False,  # our HTML, escaped: markdown could still fetch an image
                    sanitize_html=True,
                    allow_tags=False,
                    latex_delimiters=[],
                    buttons=[],  # a copy button would copy our HTML, not the words
                    feedback_options=None,
                    allow_file_downloads=False,
                )
                message = gr.Textbox(
                    show_label=False,
                    placeholder="Tell me what's going on between you and your partner…",
                    lines=1,
                    max_lines=6,
                    submit_btn="Send",
                    autofocus=True,
                    elem_id="message",
                )
                with gr.Row(elem_id="examples"):
                    examples = [gr.Button(q, size="sm", elem_classes="example") for q in EXAMPLES]
                with gr.Row(elem_id="footer-row"):
                    new = gr.Button("New conversation", size="sm", elem_id="new-conversation")
                    gr.HTML(
                        '<p class="privacy">Runs on this computer: nothing you type is sent anywhere. '
                        "Not a substitute for therapy or emergency help.</p>",
                        js_on_load=None,
                    )
            with gr.Column(scale=2, min_width=280):
                sources = gr.HTML(sources_html(Session()), js_on_load=None, elem_id="sources")
                gr.HTML(
                    help_now_html([r.to_dict() for r in coach.crisis_resources()]),
                    js_on_load=None,
                    elem_id="help-now",
                )
        latest = gr.JSON(visible=False)
        api_trigger = gr.Button(visible=False)

        shown = [chatbot, sources, banner, latest]
        take_step = dict(fn=take, outputs=[message, pending, chatbot], queue=False, api_visibility="private")
        reply_step = dict(
            fn=reply,
            inputs=[pending, session],
            outputs=shown,
            api_visibility="private",
            concurrency_id="reply",
            concurrency_limit=CHAT_CONCURRENCY,
            show_progress="hidden",
        )
        message.submit(inputs=[message, session], **take_step).then(**reply_step)
        for button in examples:
            button.click(inputs=[button, session], **take_step).then(**reply_step)
        new.click(start_over, [session], shown, queue=False, api_name="new_conversation")
        chatbot.clear(start_over, [session], shown, queue=False, api_visibility="private")
        # The same reply for API clients: the message is a parameter, the Session stays on the server.
        api_trigger.click(
            reply,
            [message, session],
            shown,
            api_name="chat",
            concurrency_id="reply",
            concurrency_limit=CHAT_CONCURRENCY,
        )
    app.queue(default_concurrency_limit=CHAT_CONCURRENCY, max_size=QUEUE_SIZE)
    return app


# ------------------------------------------------------------------ serving it


def auth_pair(settings: Settings) -> tuple[str, str] | None:
    """COACH_AUTH as (user, password), or None when unset."""
    if not settings.auth:
        return None
    user, _, password = settings.auth.partition(":")
    if not user or not password:
        raise PageError("COACH_AUTH must look like user:password (both parts non-empty)")
    return user, password


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_exposure(settings: Settings) -> None:
    """Refuse to serve beyond this machine without a password: the conversations are private."""
    if auth_pair(settings) or is_loopback(settings.host):
        return
    raise PageError(
        f"refusing to serve on {settings.host} without a password: anyone who can reach it could read the "
        f"conversations. Set COACH_AUTH=user:password, or serve on 127.0.0.1 (the default)"
    )


def serve(app: gr.Blocks, settings: Settings, *, block: bool = True) -> str:
    """Serve the page on settings.host:port and return its URL (with block, once the server has stopped)."""
    gr = _gradio()
    check_exposure(settings)
    try:
        _, url, _ = app.launch(
            server_name=settings.host,
            server_port=settings.port,
            share=False,
            auth=auth_pair(settings),
            prevent_thread_lock=not block,
            quiet=not block,
            show_error=False,  # our own errors are shown as chat messages; anything else stays in the log
            ssr_mode=False,
            mcp_server=False,
            pwa=False,
            enable_monitoring=False,
            footer_links=["api"],
            theme=_theme(gr),
            css_paths=[STYLE],
        )
    except OSError as exc:
        raise PageError(
            f"cannot serve on {settings.host}:{settings.port} ({exc}): is the coach already running? "
            f"Choose another port with `coach serve --port 7861` or COACH_PORT"
        ) from exc
    return url


def _theme(gr):
    """Soft and quiet, in the system's own fonts: nothing is fetched from a font service."""
    system = [gr.themes.Font("system-ui"), "-apple-system", "Segoe UI", "Roboto", "sans-serif"]
    return gr.themes.Soft(
        primary_hue="teal",
        neutral_hue="slate",
        font=system,
        font_mono=[gr.themes.Font("ui-monospace"), "monospace"],
    )


def load_model_or_stand_in(settings: Settings) -> LanguageModel:
    """The configured model or, when it cannot be loaded, a stand-in that says why in the chat."""
    from coach.llm import MissingModel, load_model

    try:
        return load_model(settings)
    except ModelMissingError as exc:
        print(
            f"warning: {exc}\nThe page opens anyway and tells this to whoever asks a question.",
            file=sys.stderr,
        )
        return MissingModel(str(exc), context_window=settings.context_window)


def load_coach(settings: Settings) -> Coach:
    """The coach, building the index first when there is none yet."""
    from coach.embeddings import load_embedder
    from coach.service import build_coach

    embedder = load_embedder(settings)
    model = load_model_or_stand_in(settings)
    try:
        return build_coach(settings, model=model, embedder=embedder)
    except IndexMissingError:
        from coach.index import ChunkIndex

        print(
            f"No index yet: building it from {settings.corpus_dir} (as `coach ingest` does)…", file=sys.stderr
        )
        report = ChunkIndex(settings).ingest(settings.corpus_dir, lambda: embedder)
        print(report.summary(), file=sys.stderr)
        return build_coach(settings, model=model, embedder=embedder)


def launch(settings: Settings) -> None:
    """`coach serve`: check the address first, load the coach, then serve until Ctrl-C."""
    check_exposure(settings)
    coach = load_coach(settings)
    threading.Thread(target=coach.warm_up, name="warm-up", daemon=True).start()
    serve(build_app(coach), settings)
