"""The professional-support escalation layer: what kind of reply a message may get, decided before the LLM.

Owns the three levels (`none`, `support`, `crisis`), the three checks behind them (explainable patterns with
idiom and negation handling; warning signs that only count together, also across the last few turns; and
similarity to a labelled example bank with the shared embedding model, plus two classifiers trained on that
bank, one on the embedding and one on the words), the crisis resources, the fixed crisis and support texts,
stickiness across a conversation and the check of LLM replies. It never calls an LLM and never sends a message
anywhere. Writing the coaching reply and showing the result are left to the chat and the page.

Patterns, idioms, negations, warning signs, thresholds and reply checks live in
`coach/data/safety_patterns.toml`, the example bank in `coach/data/safety_examples.jsonl` (examples written
for it) and `coach/data/safety_labelled.jsonl` (the team's labelled messages, copied from
evals/safety_set.jsonl by `python -m evals.sync_bank`, never the blind split), the resources in
`coach/data/resources.toml`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib import resources as package_files
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from coach.errors import CoachError

if TYPE_CHECKING:
    import numpy as np

    from coach.embeddings import Embedder
    from coach.settings import Settings

LEVELS = ("none", "support", "crisis")
CRISIS_CATEGORIES = (
    "suicide",
    "self_harm",
    "violence",
    "sexual_violence",
    "threats",
    "fear",
    "coercive_control",
    "child_safety",
    "harm_to_partner",
)
SUPPORT_CATEGORIES = (
    "persistent_conflict",
    "depression",
    "anxiety",
    "addiction",
    "gambling",
    "infidelity",
    "separation",
)
# category -> the level it raises a message to; iterating gives the category names in order
CATEGORIES = MappingProxyType(
    {**{c: "crisis" for c in CRISIS_CATEGORIES}, **{c: "support" for c in SUPPORT_CATEGORIES}}
)
CARRIED_OVER = "carried over: this conversation reached the crisis level earlier"
# said wherever the crisis lines are offered (the page, the terminal), before the lines themselves
EMERGENCY_ADVICE = "If you are in immediate danger, call your local emergency number."
LINK_SCHEMES = ("tel:", "sms:", "https:")


@dataclass(frozen=True)
class Resource:
    name: str
    contact: str
    links: tuple[tuple[str, str], ...]
    categories: tuple[str, ...] = ()

    def serves(self, categories: Iterable[str]) -> bool:
        """True when this resource is meant for any of these crisis categories (or for every crisis)."""
        return not self.categories or any(c in self.categories for c in categories)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "contact": self.contact,
            "links": [{"label": label, "href": href} for label, href in self.links],
        }


@dataclass(frozen=True)
class Assessment:
    level: str
    categories: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()

    def to_dict(self) -> dict:
        return {
            "level": self.level,
            "categories": list(self.categories),
            "evidence": list(self.evidence),
            "resources": [r.to_dict() for r in self.resources],
        }


@dataclass(frozen=True)
class Hit:
    category: str
    evidence: str


@dataclass(frozen=True)
class PatternSet:
    categories: tuple[tuple[str, re.Pattern], ...]
    idioms: re.Pattern
    negations: re.Pattern
    reply_checks: tuple[tuple[str, re.Pattern], ...]
    semantic: MappingProxyType
    # category -> its groups of warning signs, each (group name, pattern)
    warning_signs: tuple[tuple[str, tuple[tuple[str, re.Pattern], ...]], ...] = ()
    support_cues: re.Pattern = re.compile(r"(?!x)x")


@dataclass(frozen=True)
class ExampleBank:
    texts: tuple[str, ...]
    levels: tuple[str, ...]
    categories: tuple[str, ...]
    # True for whole messages copied from the labelled set, False for the short examples written for the bank
    copied: tuple[bool, ...] = ()

    @cached_property
    def digest(self) -> str:
        """Names these texts, for caching their embeddings."""
        return hashlib.sha256("\n".join(self.texts).encode()).hexdigest()[:20]


# ---------------------------------------------------------------------------------------------------------
# Package files


def read_package_text(folder: str, name: str) -> str:
    """A text file shipped inside the package (coach/<folder>/<name>)."""
    return package_files.files("coach").joinpath(folder, name).read_text(encoding="utf-8")


def support_note() -> str:
    """The gentle suggestion of a couples therapist, counsellor or doctor added to a `support` reply."""
    return read_package_text("prompts", "support.md").strip()


def crisis_reply(assessment: Assessment) -> str:
    """The fixed safety message for a crisis, listing the assessment's resources; never relationship tips."""
    template = read_package_text("prompts", "crisis.md").strip()
    return template.replace("{resources}", format_resources(assessment.resources))


def format_resources(items: Sequence[Resource]) -> str:
    """Resources as a Markdown list: name, how to reach them, then their links."""
    lines = []
    for r in items:
        links = " · ".join(f"[{label}]({href})" for label, href in r.links)
        lines.append(f"- **{r.name}**: {r.contact}" + (f" ({links})" if links else ""))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------
# Resources


def load_resources(path: Path | None = None) -> tuple[Resource, ...]:
    """The crisis resources from `path`, or the bundled US list when None; CoachError when unusable."""
    if path is None:
        return _parse_resources(read_package_text("data", "resources.toml"), "the bundled resources.toml")
    path = Path(path)
    if not path.is_file():
        raise CoachError(
            f"crisis resources file {path} does not exist: fix COACH_RESOURCES_FILE or unset it to use the "
            f"bundled US list"
        )
    return _parse_resources(path.read_text(encoding="utf-8"), str(path))


def _parse_resources(text: str, source: str) -> tuple[Resource, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CoachError(f"crisis resources file {source} is not valid TOML ({exc}): fix it") from exc
    entries = data.get("resource")
    if not isinstance(entries, list) or not entries:
        raise CoachError(f"crisis resources file {source} has no [[resource]] entries: add at least one")
    items = tuple(_parse_resource(entry, source, i) for i, entry in enumerate(entries, 1))
    uncovered = [c for c in CRISIS_CATEGORIES if not any(r.serves([c]) for r in items)]
    if uncovered:
        raise CoachError(
            f"crisis resources file {source} has no resource for {', '.join(uncovered)}: add one, or a "
            f"resource with `categories = []` (shown for every crisis)"
        )
    return items


def _parse_resource(entry: object, source: str, number: int) -> Resource:
    where = f"crisis resources file {source}, resource {number}"
    if not isinstance(entry, dict):
        raise CoachError(f"{where} is not a table: write it as [[resource]]")
    name, contact = entry.get("name"), entry.get("contact")
    if not isinstance(name, str) or not name.strip() or not isinstance(contact, str) or not contact.strip():
        raise CoachError(f"{where} needs a non-empty `name` and `contact`")
    links = tuple(_parse_link(link, where) for link in entry.get("links", []))
    categories = entry.get("categories", [])
    if not isinstance(categories, list) or any(c not in CRISIS_CATEGORIES for c in categories):
        raise CoachError(
            f"{where} ({name}): `categories` must list crisis categories from {CRISIS_CATEGORIES}"
        )
    return Resource(name=name.strip(), contact=contact.strip(), links=links, categories=tuple(categories))


def _parse_link(link: object, where: str) -> tuple[str, str]:
    if (
        not isinstance(link, dict)
        or not isinstance(link.get("label"), str)
        or not isinstance(link.get("href"), str)
    ):
        raise CoachError(f"{where}: every link needs a `label` and an `href`")
    if not link["href"].startswith(LINK_SCHEMES):
        raise CoachError(f"{where}: link {link['href']!r} must start with tel:, sms: or https:")
    return link["label"], link["href"]


def resources_for(categories: Iterable[str], available: Sequence[Resource]) -> tuple[Resource, ...]:
    """The resources that serve any of these crisis categories, in file order."""
    crisis = [c for c in categories if CATEGORIES.get(c) == "crisis"]
    return tuple(r for r in available if r.serves(crisis)) if crisis else ()


# ---------------------------------------------------------------------------------------------------------
# Patterns

_MACRO = re.compile(r"<([a-z][a-z0-9_]*)>")


def normalise(text: str) -> str:
    """Lowercase ASCII words and ' . ' sentence marks, the form every pattern is written against."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’‘`´]", "", text)
    text = re.sub(r"[.!?;:\n]+", " . ", text)
    text = re.sub(r"[^a-z0-9.]+", " ", text)
    # no pattern needs a longer word; dropping them keeps every match attempt short on garbage input
    text = re.sub(r"[a-z0-9]{31,}", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(5):
        if not _MACRO.search(pattern):
            return pattern
        pattern = _MACRO.sub(lambda m: _macro(m.group(1), macros), pattern)
    raise CoachError(f"safety pattern macros nest too deeply in {pattern[:80]!r}")


def _macro(name: str, macros: dict[str, str]) -> str:
    if name not in macros:
        raise CoachError(f"safety patterns use an undefined macro <{name}>")
    return macros[name]


def _compile(patterns: Sequence[str], macros: dict[str, str], where: str) -> re.Pattern:
    expanded = [_expand(p, macros) for p in patterns]
    for original, p in zip(patterns, expanded, strict=True):
        try:
            re.compile(p)
        except re.error as exc:
            raise CoachError(f"safety pattern in {where} does not compile ({exc}): {original}") from exc
    return re.compile(r"\b(?:" + "|".join(expanded) + r")\b") if expanded else re.compile(r"(?!x)x")


@cache
def load_patterns() -> PatternSet:
    """The compiled patterns, idioms, negations, warning signs, reply checks and semantic settings."""
    data = tomllib.loads(read_package_text("data", "safety_patterns.toml"))
    macros = data.get("macros", {})
    found = data["categories"]
    if set(found) != set(CATEGORIES):
        raise CoachError(f"safety_patterns.toml must define exactly the categories {tuple(CATEGORIES)}")
    signs = data.get("warning_signs", {})
    if set(signs) - set(CATEGORIES):
        raise CoachError(
            f"safety_patterns.toml has warning signs for unknown categories {set(signs) - set(CATEGORIES)}"
        )
    return PatternSet(
        categories=tuple((c, _compile(found[c]["patterns"], macros, c)) for c in CATEGORIES),
        idioms=_compile(data["idioms"]["patterns"], macros, "idioms"),
        negations=_compile(data["negations"]["patterns"], macros, "negations"),
        reply_checks=tuple((k, _compile(v, macros, k)) for k, v in data["reply_checks"].items()),
        semantic=MappingProxyType(data["semantic"]),
        warning_signs=tuple(
            (c, tuple((g, _compile(v, macros, f"{c}.{g}")) for g, v in groups.items()))
            for c, groups in signs.items()
        ),
        support_cues=_compile(data["support_cues"]["patterns"], macros, "support_cues"),
    )


def pattern_hits(text: str, patterns: PatternSet) -> list[Hit]:
    """The categories whose patterns match normalised `text` (idioms and denials already cut out)."""
    hits = []
    for category, regex in patterns.categories:
        match = regex.search(text)
        if match:
            hits.append(Hit(category, f"{category}: matched '{match.group(0).strip()}'"))
    return hits


def warning_sign_hits(text: str, patterns: PatternSet) -> list[Hit]:
    """The categories with warning signs from at least two of their groups in normalised `text`."""
    hits = []
    for category, groups in patterns.warning_signs:
        found = [m.group(0).strip() for _, regex in groups if (m := regex.search(text))]
        if len(found) >= 2:
            signs = " + ".join(f"'{sign}'" for sign in found)
            hits.append(Hit(category, f"{category}: warning signs {signs}"))
    return hits


def cut_out(text: str, regex: re.Pattern) -> str:
    """Replace every match by a sentence mark, so a word gap in another pattern cannot bridge the cut."""
    return regex.sub(" . ", text)


# ---------------------------------------------------------------------------------------------------------
# Semantic check


LABELLED_COPY = "safety_labelled.jsonl"
# characters of a message the word classifier reads whole: six times the longest labelled message
WORDS_READ_WHOLE = 4000
BANK_FILES = ("safety_examples.jsonl", LABELLED_COPY)


@cache
def load_examples(names: tuple[str, ...] = BANK_FILES) -> ExampleBank:
    """The labelled example sentences of the semantic check, from these files of coach/data."""
    rows = [
        {**json.loads(line), "copied": name == LABELLED_COPY}
        for name in names
        for line in read_package_text("data", name).splitlines()
        if line
    ]
    for row in rows:
        if row["level"] not in LEVELS or (
            row["level"] != "none" and CATEGORIES.get(row["category"]) != row["level"]
        ):
            raise CoachError(f"safety example has a wrong level or category: {row}")
    return ExampleBank(
        texts=tuple(r["text"] for r in rows),
        levels=tuple(r["level"] for r in rows),
        categories=tuple(r["category"] for r in rows),
        copied=tuple(r["copied"] for r in rows),
    )


_BANK_VECTORS: dict[tuple[str, str], np.ndarray] = {}
_BANK_LOCK = threading.Lock()


def bank_vectors(embedder: Embedder, bank: ExampleBank, cache_dir: Path | None = None) -> np.ndarray:
    """The example bank embedded with this model: computed once per process and model, and kept in
    `cache_dir` so that the next process (a `coach check`, the page) does not spend seconds on it again."""
    location = getattr(embedder, "location", None)
    key = (str(location) if location else f"id:{id(embedder)}", bank.digest)
    with _BANK_LOCK:
        if key not in _BANK_VECTORS:
            _BANK_VECTORS[key] = _cached_encode(embedder, bank, cache_dir if location else None)
        return _BANK_VECTORS[key]


def _cached_encode(embedder: Embedder, bank: ExampleBank, cache_dir: Path | None) -> np.ndarray:
    import numpy as np

    if cache_dir is None:
        return embedder.encode(list(bank.texts))
    model = hashlib.sha256(str(embedder.location).encode()).hexdigest()[:12]
    path = cache_dir / f"safety_bank_{model}_{bank.digest}.npy"
    try:
        vectors = np.load(path, allow_pickle=False)
        if vectors.ndim == 2 and vectors.shape[0] == len(bank.texts):
            return vectors
    except (OSError, ValueError):
        pass  # absent or unreadable: computed again below
    vectors = embedder.encode(list(bank.texts))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp.npy")
        np.save(temporary, vectors, allow_pickle=False)
        temporary.replace(path)  # whole or not at all, even with two processes writing
    except OSError:
        pass  # a read-only cache only costs time
    return vectors


def windows(text: str, words_per_window: int, limit: int, risk_words: frozenset[str]) -> list[str]:
    """At most `limit` windows of whole sentences; for long messages, those with the most risk words."""
    pieces: list[list[str]] = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        # a "word" of more than 40 characters is noise to the model, and slow to tokenize
        words = [w for w in sentence.split() if len(w) <= 40]
        for start in range(0, len(words), words_per_window):
            pieces.append(words[start : start + words_per_window])
    packed: list[list[str]] = []
    for piece in pieces:
        if packed and len(packed[-1]) + len(piece) <= words_per_window:
            packed[-1].extend(piece)
        elif piece:
            packed.append(list(piece))
    if len(packed) > limit:
        ranked = sorted(range(len(packed)), key=lambda i: -_risk(packed[i], risk_words))[:limit]
        packed = [packed[i] for i in sorted(ranked)]
    return [" ".join(p) for p in packed if re.search(r"[^\W\d_]{2}", " ".join(p))]


def _risk(words: list[str], risk_words: frozenset[str]) -> int:
    return sum(w.strip(".,!?;:'\"()").lower() in risk_words for w in words)


def nearest_verdict(similarities: np.ndarray, bank: ExampleBank, floors: dict, margins: dict) -> Hit | None:
    """A crisis or support hit when the nearest example of that level is close and closer than any `none` one.

    A crisis hit must also be at least as close as the nearest support example (plus
    `margins["over_support"]`): "my anxiety is through the roof, I think he'll leave me" is nearer to anxiety
    than to fear of a partner, whatever its topic words.
    """
    import numpy as np

    levels = np.asarray(bank.levels)
    score, nearest = {}, {}
    for level in LEVELS:
        masked = np.where(levels == level, similarities, -np.inf)
        nearest[level] = int(masked.argmax())
        score[level] = float(masked[nearest[level]])
    crisis_ok = score["crisis"] - score["support"] >= margins["over_support"]
    for level in ("crisis", "support") if crisis_ok else ("support",):
        if score[level] >= floors[level] and score[level] - score["none"] >= margins[level]:
            category, text = bank.categories[nearest[level]], bank.texts[nearest[level]]
            return Hit(category, f"{category}: similar to '{text}' ({score[level]:.2f})")
    return None


# ---------------------------------------------------------------------------------------------------------
# The gate


def as_text(value: object) -> str:
    """Any input as a string the tokenizer accepts: None is empty, lone surrogates become '?'."""
    text = "" if value is None else value if isinstance(value, str) else str(value)
    return text.encode("utf-8", "replace").decode("utf-8")


def _has_crisis(hits: Iterable[Hit]) -> bool:
    return any(CATEGORIES[hit.category] == "crisis" for hit in hits)


def _word_reading(normalised: str, segments: list[tuple[str, str]]) -> str:
    """What the word classifier reads: the whole (normalised) message, or for a very long one (a pasted
    document) the windows the embedding reads, its riskiest parts, so it costs no more than a short one."""
    if len(normalised) <= WORDS_READ_WHOLE:
        return normalised
    return normalise(" ".join(text for where, text in segments if where == "message"))


class SafetyGate:
    """Assesses each user message; one per process, shared by the CLI and the page."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, bank: ExampleBank | None = None):
        self.settings = settings
        self.resources = load_resources(settings.resources_file)
        self.patterns = load_patterns()
        self.bank = bank or load_examples()
        self._embedder = embedder
        self._lock = threading.Lock()
        _remember_resources(self.resources)

    def assess(self, message: str, history: Sequence[str] = ()) -> Assessment:
        """The level, categories, evidence and resources for `message`, given the earlier user turns."""
        message = as_text(message)
        turns = [turn for turn in map(as_text, history or ()) if turn.strip()]
        plain, embedded = self.readings(message)
        hits = pattern_hits(plain, self.patterns) + self.warning_signs(plain, turns)
        hits += self.semantic_hits(embedded, turns)
        return self._assessment(hits)

    def readings(self, message: str) -> tuple[str, str]:
        """The message as the patterns read it (normalised, denials and idioms cut out) and as the model
        embeds it: the original wording (the model knows "don't" and "I'm"), unless a denial or an idiom was
        cut out, so that neither check reads what both call harmless."""
        normalised = normalise(message)
        plain = cut_out(cut_out(normalised, self.patterns.negations), self.patterns.idioms)
        return plain, message if plain == normalised else plain

    def warning_signs(self, text: str, history: Sequence[str]) -> list[Hit]:
        """Warning signs in the message, or else spread over the message and the last few user turns."""
        hits = warning_sign_hits(text, self.patterns)
        if hits or not history:
            return hits
        recent = [
            cut_out(normalise(turn), self.patterns.negations)
            for turn in history[-self.patterns.semantic["history_turns"] :]
        ]
        joined = cut_out(" . ".join([*recent, text]), self.patterns.idioms)
        return [
            replace(h, evidence=f"{h.evidence} in the recent turns")
            for h in warning_sign_hits(joined, self.patterns)
        ]

    def semantic_hits(self, source: str, history: Sequence[str]) -> list[Hit]:
        """Hits from the nearest labelled examples of the message's windows and of the recent turns joined;
        `source` is the message as it is to be embedded."""
        cfg = self.patterns.semantic
        risk = frozenset(cfg["risk_words"])
        segments = [("message", w) for w in windows(source, cfg["window_words"], cfg["max_windows"], risk)]
        if history and segments:
            joined = " ".join([*history[-cfg["history_turns"] :], source]).split()
            segments.append(("recent turns", " ".join(joined[-cfg["context_words"] :])))
        if not segments:
            return []
        embedder = self.embedder()
        vectors = embedder.encode([text for _, text in segments])
        bank = bank_vectors(embedder, self.bank, self.settings.cache_dir)
        similarities = vectors @ bank.T - self._copied_penalty
        verdicts = (
            self._verdict(where, text, row) for (where, text), row in zip(segments, similarities, strict=True)
        )
        found = [hit for hit in verdicts if hit]
        in_message = [where == "message" for where, _ in segments]
        if self._classifiers is None or not any(in_message) or _has_crisis(found):
            return found
        near = similarities[in_message]
        semantic, lexical = self._classifiers
        # one prediction per window serves both classifier verdicts
        probabilities = dict(
            zip(semantic.classes_, semantic.predict_proba(vectors[in_message]).T, strict=True)
        )
        if hit := self._classifier_crisis(probabilities, near):
            return [*found, hit]
        text = normalise(source)
        words = dict(
            zip(lexical.classes_, lexical.predict_proba([_word_reading(text, segments)])[0], strict=True)
        )
        if hit := self._lexical_verdict("crisis", words, probabilities, near):
            return [*found, hit]
        # a topic alone is no distress (see support_strong_min), so here too a sign of it must be in the text
        if not found and self.patterns.support_cues.search(text):
            hit = self._lexical_verdict("support", words, probabilities, near)
            return [hit] if hit else []
        return found

    def _classifier_crisis(self, probabilities: dict, similarities: np.ndarray) -> Hit | None:
        """A crisis hit when the embedding classifier (`probabilities`: level -> one per window) is sure of a
        window that is also near some crisis example, and no nearer to any harmless or support example."""
        import numpy as np

        cfg = self.patterns.semantic
        sure = probabilities["crisis"]
        levels = self._levels
        lower = levels != "crisis"
        for window in np.argsort(-sure):
            if sure[window] < cfg["classifier_crisis_min"]:
                return None
            nearest = int(np.where(lower, -np.inf, similarities[window]).argmax())
            other = np.where(lower, similarities[window], -np.inf).max()
            similarity = similarities[window, nearest]
            # no lower example may be nearer: "survived an attempt years ago, doing well now" is itself a
            # harmless one, and "I feel empty, I'm not going to do anything to myself" a support one
            if similarity >= max(cfg["classifier_similarity_min"], other):
                category, text = self.bank.categories[nearest], self.bank.texts[nearest]
                return Hit(
                    category,
                    f"{category}: the classifier gives crisis {sure[window]:.2f}, nearest '{text}' "
                    f"({similarity:.2f}) in the message",
                )
        return None

    def _lexical_verdict(
        self, level: str, words: dict, probabilities: dict, similarities: np.ndarray
    ) -> Hit | None:
        """A hit at `level` when the word classifier (`words`: level -> probability for the whole message) is
        sure of it, the embedding classifier gives some window at least `lexical_agreement_min` for it (the
        words alone would take "I'm going to MURDER him, he spoiled the ending" at its word), and that window
        is at least `lexical_similarity_min` similar to an example of the level."""
        import numpy as np

        cfg = self.patterns.semantic
        window = int(np.argmax(probabilities[level]))
        agreement = float(probabilities[level][window])
        if words[level] < cfg[f"lexical_{level}_min"] or agreement < cfg["lexical_agreement_min"]:
            return None
        levels = self._levels
        nearest = int(np.where(levels == level, similarities[window], -np.inf).argmax())
        floor = cfg["lexical_similarity_min"]
        if level == "support":
            # a therapist note on an ordinary question costs the trust the coach needs; a missed crisis costs
            # more, so only support must also be no farther than the nearest harmless example
            floor = max(floor, np.where(levels == "none", similarities[window], -np.inf).max())
        if similarities[window, nearest] < floor:
            return None
        category, text = self.bank.categories[nearest], self.bank.texts[nearest]
        return Hit(
            category,
            f"{category}: the word classifier gives {level} {words[level]:.2f} (the embedding classifier "
            f"{agreement:.2f}), nearest '{text}' ({similarities[window, nearest]:.2f}) in the message",
        )

    @cached_property
    def _classifiers(self):
        """Two classifiers from a text to a level, trained on the whole bank: they generalise from all the
        crisis examples together, where a nearest example stands or falls alone. One reads the embedding (a
        support-vector machine, RBF kernel, probabilities calibrated by cross-validation), the other the words
        and letters (a logistic regression on word and character n-grams), which the small English model
        blurs: slang, misspellings, words it rarely saw. None when the bank has too few examples of a level
        to tell it apart (the calibration needs two per level)."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import SVC

        fewest = min(Counter(self.bank.levels)[level] for level in LEVELS)
        if fewest < 2:
            return None
        cfg = self.patterns.semantic
        vectors = bank_vectors(self.embedder(), self.bank, self.settings.cache_dir)
        levels = self._levels
        # balanced: the bank holds more `none` examples than crisis ones, and a missed crisis costs most
        machine = SVC(C=cfg["classifier_c"], kernel="rbf", class_weight="balanced")
        semantic = CalibratedClassifierCV(machine, cv=min(5, fewest), ensemble=False).fit(vectors, levels)
        ngrams = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        )
        regression = LogisticRegression(C=cfg["lexical_c"], class_weight="balanced", max_iter=3000)
        lexical = make_pipeline(ngrams, regression).fit([normalise(t) for t in self.bank.texts], levels)
        return semantic, lexical

    def _verdict(self, where: str, text: str, row: np.ndarray) -> Hit | None:
        cfg = self.patterns.semantic
        prefix = "context_" if where == "recent turns" else ""
        support_min = cfg[f"{prefix}support_min"]
        if not self.patterns.support_cues.search(normalise(text)):
            # a question on a topic ("how do we resolve conflicts?") is no distress: only a close match counts
            support_min = max(support_min, cfg["support_strong_min"])
        floors = {"crisis": cfg[f"{prefix}crisis_min"], "support": support_min}
        margins = {
            "crisis": cfg["crisis_margin"],
            "support": cfg["support_margin"],
            "over_support": cfg["crisis_over_support_margin"],
        }
        hit = nearest_verdict(row, self.bank, floors, margins)
        return replace(hit, evidence=f"{hit.evidence} in the {where}") if hit else None

    @cached_property
    def _levels(self) -> np.ndarray:
        """The bank's levels as an array, built once rather than for every message."""
        import numpy as np

        return np.asarray(self.bank.levels)

    @cached_property
    def _copied_penalty(self) -> np.ndarray:
        """What each example loses from its similarity: `copied_penalty` for a copied crisis or support
        message, nothing for the others."""
        import numpy as np

        copied = np.asarray(self.bank.copied or [False] * len(self.bank.texts), dtype=bool)
        flagged = copied & (self._levels != "none")
        return np.where(flagged, self.patterns.semantic["copied_penalty"], 0.0)

    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use."""
        with self._lock:
            if self._embedder is None:
                from coach.embeddings import load_embedder

                self._embedder = load_embedder(self.settings)
            return self._embedder

    def _assessment(self, hits: list[Hit]) -> Assessment:
        categories = tuple(c for c in CATEGORIES if any(h.category == c for h in hits))
        evidence = tuple(dict.fromkeys(h.evidence for h in hits))
        if any(CATEGORIES[c] == "crisis" for c in categories):
            return Assessment("crisis", categories, evidence, resources_for(categories, self.resources))
        return Assessment("support" if categories else "none", categories, evidence)


# ---------------------------------------------------------------------------------------------------------
# Stickiness

_RESOURCES_IN_USE: list[tuple[Resource, ...]] = []


def _remember_resources(items: tuple[Resource, ...]) -> None:
    # escalate() only receives a level, so it shows the list of the gate that is in use
    _RESOURCES_IN_USE[:] = [items]


def escalate(previous_level: str | Assessment, current: Assessment) -> Assessment:
    """Once a conversation reached `crisis`, every later assessment stays `crisis`, with its resources.

    `previous_level` is the conversation's level so far (or its previous Assessment, whose categories and
    resources are then carried over exactly); with only a level, every resource is shown.
    """
    previous = previous_level.level if isinstance(previous_level, Assessment) else previous_level
    if previous != "crisis" or current.level == "crisis":
        return current
    if isinstance(previous_level, Assessment):
        categories = tuple(c for c in CATEGORIES if c in previous_level.categories or c in current.categories)
        carried = previous_level.resources
    else:
        categories = current.categories
        carried = _RESOURCES_IN_USE[0] if _RESOURCES_IN_USE else load_resources(None)
    return Assessment("crisis", categories, (*current.evidence, CARRIED_OVER), carried)


# ---------------------------------------------------------------------------------------------------------
# Checking an LLM reply

_REPLY_REASONS = {
    "directive": "tells the user to leave or stay with their partner",
    "diagnosis": "diagnoses the user or their partner",
    "contradiction": "contradicts the safety message",
}


def check_reply(reply: str) -> tuple[bool, str]:
    """(ok, reason): not ok when an LLM reply says to leave or stay, diagnoses, or undercuts safety."""
    text = normalise(reply or "")
    for kind, regex in load_patterns().reply_checks:
        match = regex.search(text)
        if match:
            return False, f"{_REPLY_REASONS.get(kind, kind)}: '{match.group(0).strip()}'"
    return True, ""


def __getattr__(name: str) -> str:
    # read on first use, so importing coach.safety touches no files
    if name == "SAFE_FALLBACK":
        return read_package_text("prompts", "fallback.md").strip()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
