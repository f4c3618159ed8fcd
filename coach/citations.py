"""The model's raw text → clean sentences with valid citation markers.

Owns: cutting a token stream into sentences, dropping citation numbers that name no passage, noticing when a
small model starts repeating itself, and cleaning what users type. Pure text functions, no model and no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

_MARKER = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
# A full stop after a digit ("7. Address...") numbers a heading or list item; it ends no sentence.
_SENTENCE_END = re.compile(r"(?<![0-9]\.)(?<=[.!?…])[\"'”’)]*\s+(?=\S)")
# A sentence this long without a full stop is a run-on: flush it rather than wait for a stop that won't come.
RUN_ON_WORDS = 60


def clean_user_text(text: str) -> str:
    """Control characters and unpaired surrogates removed; newlines and tabs kept."""
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if _has_surrogates(text) else text
    text = text.replace("\ufffd", "")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def cited_numbers(text: str) -> list[int]:
    """Every passage number cited in the text, in order of first appearance."""
    seen: list[int] = []
    for group in _MARKER.finditer(text):
        for number in re.split(r"\s*[,;]\s*", group.group(1)):
            if int(number) not in seen:
                seen.append(int(number))
    return seen


def keep_valid_citations(text: str, valid: Iterable[int]) -> str:
    """The text with every citation number that names no passage removed (empty markers vanish)."""
    allowed = set(valid)

    def rewrite(match: re.Match) -> str:
        kept = [n for n in re.split(r"\s*[,;]\s*", match.group(1)) if int(n) in allowed]
        return f" [{', '.join(kept)}]" if kept else ""

    return _MARKER.sub(rewrite, text)


def split_sentences(text: str) -> tuple[list[str], str]:
    """Complete sentences in the text, and the unfinished rest (which may still be a whole sentence)."""
    parts = _attach_leading_markers(_SENTENCE_END.split(text))
    done, rest = parts[:-1], parts[-1]
    if done and rest.lstrip().startswith("[") and "]" not in rest:
        # "...together. [" may still become "...together. [2]": hold the sentence back for its marker.
        rest = done.pop() + " " + rest.lstrip()
    if len(rest.split()) > RUN_ON_WORDS:
        done, rest = [*done, rest], ""
    return [s.strip() for s in done if s.strip()], rest


def _attach_leading_markers(parts: list[str]) -> list[str]:
    """'Talk openly. [1] Then...' puts [1] after the first sentence, where it belongs."""
    out = [parts[0]]
    for part in parts[1:]:
        lead = re.match(r"^(\[\d+(?:\s*[,;]\s*\d+)*\])\s*", part)
        if lead:
            out[-1] = f"{out[-1]} {lead.group(1)}"
            part = part[lead.end() :]
        out.append(part)
    return out


def strip_echoed_headers(sentence: str) -> str:
    """'[2] Some Title — 3. Section: advice.' (a small model copying the prompt) → 'advice. [2]'."""
    match = re.match(r"^[-*\s]*\[(\d+)\]\s*[^:\n\[\]]{3,160}?\s[—–-]\s[^:\n\[\]]{3,160}?:\s*(.+)$", sentence)
    if not match:
        return sentence
    body = match.group(2).strip()
    return body if _MARKER.search(body) else f"{body} [{match.group(1)}]"


def _normal(sentence: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", _MARKER.sub("", sentence).lower()).strip()


def is_repeat(sentence: str, earlier: list[str]) -> bool:
    """True when the sentence says again what an earlier one said (ignoring markers and punctuation)."""
    words = _normal(sentence).split()
    if not words:
        return False
    for other in earlier:
        other_words = _normal(other).split()
        if words == other_words:
            return True
        shared = len(set(words) & set(other_words))
        if len(words) >= 6 and shared / max(len(set(words)), 1) > 0.85:
            return True
    return False


def cut_run_on(sentence: str, ngram: int = 4, times: int = 3) -> tuple[str, bool]:
    """The sentence up to where a phrase starts repeating itself, and whether it did."""
    words = sentence.split()
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - ngram + 1):
        key = tuple(w.lower().strip(",.;:!?") for w in words[i : i + ngram])
        counts[key] = counts.get(key, 0) + 1
        if counts[key] >= times:
            first = next(
                j
                for j in range(i + 1)
                if tuple(w.lower().strip(",.;:!?") for w in words[j : j + ngram]) == key
            )
            kept = " ".join(words[: first + ngram]).rstrip(",;:")
            return (kept if kept.endswith((".", "!", "?")) else kept + "."), True
    return sentence, False


def sentences_of(stream: Iterable[str]) -> Iterator[str]:
    """Group a stream of text pieces into sentences; a final unfinished fragment is yielded last, as is."""
    buffer = ""
    for piece in stream:
        buffer += piece
        done, buffer = split_sentences(buffer)
        yield from done
    if buffer.strip():
        yield buffer.strip()
