"""Corpus → articles → sections → chunks.

Owns reading the files users drop into the corpus folder (.txt, .md, .html, .pdf), cleaning their text,
finding their sections, and cutting sections into chunks that never cross a section boundary.
Embedding and storage are left to `coach.index`.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coach.errors import CorpusError

# Bump when chunk boundaries or chunk text change: an index built by another version must be rebuilt.
CHUNKER_VERSION = "1"
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
METADATA_FILE = "articles.toml"
MAX_FILE_BYTES = 20 * 1024 * 1024
INTRO_HEADING = "Introduction"

_TEASER = re.compile(
    r"^(next|previous|related)\s+(blog\s+)?(post|article|read)s?\b|^read\s+next\b|^you\s+may\s+also\s+like\b"
    r"|^subscribe\b|^share\s+this\b",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_BOLD_HEADING = re.compile(r"^((?:\d+\.\s*)?\*\*[^*]+\*\*:?)\s*(.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_SENTENCE_END = re.compile(r"[.!?;:,…]$")


@dataclass(frozen=True)
class Article:
    name: str  # file name, the article's id in the index
    title: str
    source: str
    text: str  # cleaned text, one block per line, headings marked with "## "
    file_hash: str


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


@dataclass(frozen=True)
class Chunk:
    id: str
    article: str
    title: str
    section: str
    position: int
    text: str
    file_hash: str


def list_corpus_files(corpus_dir: Path) -> list[Path]:
    """Every file in the corpus folder (sorted), or a clear error if there is no usable folder."""
    if not corpus_dir.exists():
        raise CorpusError(
            f"corpus folder {corpus_dir} does not exist: create it and put .md/.txt/.html/.pdf files in it"
        )
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path {corpus_dir} is a file, not a folder")
    files = sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    files = [p for p in files if p.name != METADATA_FILE]
    if not files:
        raise CorpusError(f"corpus folder {corpus_dir} is empty: add .md, .txt, .html or .pdf articles to it")
    return files


def load_metadata(corpus_dir: Path) -> dict[str, dict[str, str]]:
    """Titles and sources from the corpus folder's articles.toml (empty when absent)."""
    path = corpus_dir / METADATA_FILE
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} is not valid TOML ({exc}); fix or delete it") from exc


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_article(path: Path, metadata: dict[str, dict[str, str]]) -> Article:
    """One file as an Article; CorpusError names the problem when the file cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise CorpusError(
            f"{path.name}: unsupported file type '{suffix or 'none'}' (use .md, .txt, .html or .pdf)"
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CorpusError(
            f"{path.name}: file is {size // 1_000_000} MB, larger than the 20 MB an article may be"
        )
    data = path.read_bytes()
    if not data.strip():
        raise CorpusError(f"{path.name}: file is empty")
    text = _decode(path, data, suffix)
    cleaned = _normalise(text, suffix)
    if not cleaned.strip():
        raise CorpusError(f"{path.name}: no readable text in the file")
    meta = metadata.get(path.name, {})
    title = meta.get("title") or _guess_title(cleaned, path)
    return Article(path.name, title, meta.get("source", str(path.name)), cleaned, file_hash(data))


def _decode(path: Path, data: bytes, suffix: str) -> str:
    if suffix == ".pdf":
        return _pdf_text(path, data)
    if b"\x00" in data:
        raise CorpusError(f"{path.name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path.name}: not valid UTF-8 text (byte {exc.start}); save it as UTF-8") from exc


def _pdf_text(path: Path, data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise CorpusError(f"{path.name}: not a readable PDF ({exc})") from exc


def _guess_title(text: str, path: Path) -> str:
    for line in text.splitlines():
        line = line.removeprefix("## ").strip()
        if line:
            return line if len(line) <= 90 else path.stem
    return path.stem


# ---------------------------------------------------------------- cleaning: every format → marked lines


def _normalise(text: str, suffix: str) -> str:
    """Text with one block per line and section headings marked as '## heading'."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if suffix in (".html", ".htm"):
        return _normalise_markdown(_html_to_markdown(text))
    if suffix in (".md", ".markdown") or _looks_like_markdown(text):
        return _normalise_markdown(text)
    return _normalise_plain(text)


def _looks_like_markdown(text: str) -> bool:
    return (
        bool(re.search(r"(^|\s)#{1,6}\s+\S", text))
        and "**" in text
        or bool(re.search(r"^#{1,6}\s", text, re.M))
    )


def _html_to_markdown(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "header", "aside", "noscript"]):
        tag.decompose()
    lines = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "hr"]):
        if el.name == "hr":
            lines.append("---")
            continue
        if el.find(["p", "li"]):  # a container: its children are visited on their own
            continue
        content = el.get_text(" ", strip=True)
        if not content:
            continue
        if el.name.startswith("h"):
            lines.append(f"## {content}")
        elif el.name == "li":
            lines.append(f"- {content}")
        else:
            lines.append(content)
    return "\n".join(lines)


def _normalise_markdown(text: str) -> str:
    # Headings and rules written inline (a whole article on one line) get lines of their own.
    text = re.sub(r"[ \t]+(#{1,6}[ \t]+)", r"\n\1", text)
    text = re.sub(r"[ \t]+(-{3,}|\*{3,})(?=\s|$)", r"\n\1\n", text)
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _RULE.match(line):
            out.append("---")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            head, rest = _split_heading(heading.group(2))
            out.append(f"## {head}")
            if rest:
                out.append(_strip_emphasis(rest))
            continue
        out.append(_strip_emphasis(re.sub(r"^[*+]\s+", "- ", line)))
    return "\n".join(out)


def _split_heading(heading: str) -> tuple[str, str]:
    """'1. **Title** Body text...' → ('1. Title', 'Body text...'); a plain heading has no body."""
    bold = _MD_BOLD_HEADING.match(heading)
    if bold:
        return _strip_emphasis(bold.group(1)).rstrip(":").strip(), bold.group(2).strip()
    return _strip_emphasis(heading).strip(" #"), ""


def _strip_emphasis(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"__(.+?)__", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _normalise_plain(text: str) -> str:
    # List items run together on one line (". - Next item") are split back into items.
    text = re.sub(r"(?<=[.!?])[ \t]+-[ \t]+(?=[A-Z0-9])", "\n- ", text)
    lines = [re.sub(r"\s{2,}", " ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    out = []
    for i, line in enumerate(lines):
        if _RULE.match(line):
            out.append("---")
        elif i + 1 < len(lines) and _is_plain_heading(line):
            out.append(f"## {line}")
        else:
            out.append(re.sub(r"^[•*]\s+", "- ", line))
    return "\n".join(out)


def _is_plain_heading(line: str) -> bool:
    """A bare title line: short, no closing punctuation, most longer words capitalised."""
    words = line.split()
    if not words or len(words) > 12 or len(line) > 90 or line.startswith(("-", "•", "*")):
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if line.endswith("?"):
        line = line[:-1]
    elif _SENTENCE_END.search(line):
        return False
    long_words = [w for w in words if len(w) > 3]
    capitalised = [w for w in long_words if w[0].isupper() or w[0].isdigit()]
    return bool(long_words) and len(capitalised) >= 0.6 * len(long_words)


# ---------------------------------------------------------------- sections and chunks


def split_sections(article_text: str) -> list[Section]:
    """Sections of a cleaned article, in order; teasers for other posts are dropped."""
    sections: list[Section] = []
    heading, body = INTRO_HEADING, []
    for line in article_text.split("\n"):
        if line.startswith("## ") or line == "---":
            _close_section(sections, heading, body)
            # A rule ends a block but not the section: what follows keeps the heading.
            heading = line[3:].strip() if line.startswith("## ") else heading
            body = []
        else:
            body.append(line)
    _close_section(sections, heading, body)
    return sections


def _close_section(sections: list[Section], heading: str, body: list[str]) -> None:
    kept = list(_until_teaser(body))
    if _TEASER.match(heading) or not kept:
        return
    sections.append(Section(heading, "\n".join(kept)))


def _until_teaser(lines: list[str]) -> Iterator[str]:
    for line in lines:
        if _TEASER.match(line.lstrip("-* ")):
            return
        yield line


def chunk_article(article: Article, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Section-aware chunks of one article: a chunk never spans two sections."""
    chunks: list[Chunk] = []
    for section in split_sections(article.text):
        for piece in split_section_text(section.body, chunk_size, chunk_overlap):
            position = len(chunks)
            chunk_id = f"{article.file_hash[:16]}-{position:04d}"
            chunks.append(
                Chunk(
                    chunk_id, article.name, article.title, section.heading, position, piece, article.file_hash
                )
            )
    return chunks


def split_section_text(body: str, chunk_size: int, chunk_overlap: int) -> list[str]:
    """A section's text as is when short, else split on sentence boundaries with some overlap (in words)."""
    if len(body.split()) <= chunk_size:
        return [body]
    return [piece.strip() for piece in _splitter(chunk_size, chunk_overlap).split_text(body) if piece.strip()]


@lru_cache(maxsize=8)
def _splitter(chunk_size: int, chunk_overlap: int):
    from llama_index.core.node_parser import SentenceSplitter

    return SentenceSplitter(
        chunk_size=chunk_size, chunk_overlap=chunk_overlap, tokenizer=str.split, paragraph_separator="\n"
    )
