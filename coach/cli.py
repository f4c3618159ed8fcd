"""The `coach` command: a thin shell over the Python API. Errors users can hit are printed, never traced."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Annotated

import typer

from coach.errors import CoachError
from coach.settings import load_settings

app = typer.Typer(
    help="A relationship coach that runs on this machine and cites its articles.", no_args_is_help=True
)


def friendly_errors(command: Callable) -> Callable:
    """Turn our own errors into one line on stderr and exit status 1."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except CoachError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None

    return run


def _lines(value: str) -> Iterator[str]:
    """The one value given, or, for '-', each line of standard input."""
    if value != "-":
        yield value
        return
    for line in sys.stdin:
        yield line.rstrip("\n")


def _note_if_long(text: str, limit: int) -> None:
    if len(text) > limit:
        typer.echo(f"note: only the first {limit} characters of the {len(text)} given are used", err=True)


@app.command()
@friendly_errors
def ingest(
    corpus: Annotated[
        Path | None, typer.Option(help="folder of articles (default: COACH_CORPUS_DIR)")
    ] = None,
    rebuild: Annotated[bool, typer.Option(help="re-embed everything into a fresh index")] = False,
) -> None:
    """Index the corpus folder: new and changed files are embedded, removed files dropped."""
    from tqdm import tqdm

    from coach.embeddings import load_embedder
    from coach.index import ChunkIndex

    settings = load_settings(corpus_dir=corpus)
    bar = tqdm(total=0, unit="chunk", desc="embedding", file=sys.stderr, disable=None)

    def set_total(total: int) -> None:
        bar.reset(total=total)

    report = ChunkIndex(settings).ingest(
        settings.corpus_dir,
        lambda: load_embedder(settings),
        rebuild=rebuild,
        progress=bar.update,
        on_total=set_total,
    )
    bar.close()
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for label, names in (("added", report.added), ("updated", report.updated), ("removed", report.removed)):
        for name in names:
            typer.echo(f"{label}: {name}")
    typer.echo(report.summary())


@app.command()
@friendly_errors
def retrieve(
    question: Annotated[
        str, typer.Argument(help="the question, or - to read one question per line from stdin")
    ],
    k: Annotated[int | None, typer.Option(help="how many passages")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="print JSON (JSON Lines when reading stdin)")
    ] = False,
) -> None:
    """Show the passages the coach would rely on for a question."""
    from coach.retrieve import MAX_QUERY_CHARS, clean_question
    from coach.service import open_retriever

    if k is not None and k < 1:
        raise typer.BadParameter("--k must be at least 1")
    settings = load_settings()
    retriever = None
    for line in _lines(question):
        if question == "-" and not line.strip():
            typer.echo("warning: empty line skipped", err=True)
            typer.echo("[]")
            continue
        clean_question(line)  # reject an empty question before loading any model
        _note_if_long(line, MAX_QUERY_CHARS)
        retriever = retriever or open_retriever(settings)
        result = retriever.retrieve(line, k)
        if as_json or question == "-":
            typer.echo(json.dumps([p.to_dict() for p in result.passages], ensure_ascii=False))
            continue
        if not result.covered:
            typer.echo(
                f"(best match {result.best_dense:.2f} is below the relevance floor: "
                "the articles may not cover this)"
            )
        for p in result.passages:
            typer.echo(f"[{p.rank}] {p.score:.4f}  {p.title} — {p.section}\n    {p.text[:300]}")


@app.command()
@friendly_errors
def ask(
    question: Annotated[str, typer.Argument(help="what to ask the coach")],
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """One answer, streamed, with its sources."""
    from coach.answer import Answer
    from coach.service import build_coach

    coach = build_coach(load_settings())
    answer = None
    for item in coach.stream_reply(coach.new_conversation(), question):
        if isinstance(item, Answer):
            answer = item
        elif not as_json:
            typer.echo(item, nl=False)
    if as_json:
        typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        _print_sources(answer)


def _print_sources(answer) -> None:
    typer.echo("")
    for note in answer.notes:
        typer.echo(f"note: {note}")
    if answer.safety and answer.safety["level"] == "crisis":
        return  # the crisis reply already lists the resources
    for c in answer.citations:
        typer.echo(f"  [{c.n}] {c.title} — {c.section}")


@app.command()
@friendly_errors
def chat() -> None:
    """A conversation in the terminal: /reset starts over, Ctrl-D leaves."""
    from coach.answer import Answer
    from coach.service import build_coach

    coach = build_coach(load_settings())
    conversation = coach.new_conversation()
    typer.echo(
        "Tell me what's going on between you and your partner. "
        "(/reset starts over, /help lists crisis lines, Ctrl-D leaves)"
    )
    while True:
        try:
            message = input("you> ")
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if message.strip() == "/reset":
            conversation = coach.new_conversation()
            typer.echo("(a new conversation)")
            continue
        if message.strip() == "/help":
            _print_crisis_lines(coach)
            continue
        typer.echo("coach> ", nl=False)
        for item in coach.stream_reply(conversation, message):
            if isinstance(item, Answer):
                _print_sources(item)
            else:
                typer.echo(item, nl=False)


def _print_crisis_lines(coach) -> None:
    """Every crisis line the safety gate knows, whatever it decided: the gate can miss, help must not."""
    from coach.safety import EMERGENCY_ADVICE, format_resources

    typer.echo(EMERGENCY_ADVICE)
    typer.echo(format_resources(coach.crisis_resources()))


@app.command()
@friendly_errors
def check(
    message: Annotated[str, typer.Argument(help="a message, or - to read one message per line from stdin")],
    as_json: Annotated[
        bool, typer.Option("--json", help="print JSON (JSON Lines when reading stdin)")
    ] = False,
) -> None:
    """The safety assessment of a message: level, categories, evidence and resources."""
    from coach.safety import SafetyGate

    gate = SafetyGate(load_settings())
    for line in _lines(message):
        assessment = gate.assess(line)
        if as_json or message == "-":
            typer.echo(json.dumps(assessment.to_dict(), ensure_ascii=False))
            continue
        typer.echo(f"{assessment.level}: {', '.join(assessment.categories) or '-'}")
        for evidence in assessment.evidence:
            typer.echo(f"  evidence: {evidence}")
        for resource in assessment.resources:
            typer.echo(f"  {resource.name}: {resource.contact}")


@app.command()
@friendly_errors
def serve(
    host: Annotated[str | None, typer.Option(help="address to bind (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default 7860)")] = None,
) -> None:
    """The chat page at http://127.0.0.1:7860."""
    from ui.app import launch

    launch(load_settings(host=host, port=port))


@app.command(name="eval")
@friendly_errors
def run_eval(
    suite: Annotated[str, typer.Option(help="retrieval | answers | safety | speed | all")] = "all",
    out: Annotated[
        Path | None, typer.Option(help="report folder (default evals/reports/<timestamp>)")
    ] = None,
    sample: Annotated[int | None, typer.Option(help="answers suite: only the first N gold questions")] = None,
) -> None:
    """Run the eval suite against the corpus and write a report; exit 1 when a metric is below threshold."""
    from evals.runner import run

    passed = run(load_settings(), suite=suite, out=out, sample=sample)
    raise typer.Exit(0 if passed else 1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
