"""Sanity checks on the hand-written eval datasets in evals/ (section names, ids, sizes, label balance)."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVALS = ROOT / "evals"
CORPUS = ROOT / "corpus"
INTRO = "Introduction"


def read_jsonl(name: str) -> list[dict]:
    lines = (EVALS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def squash(text: str) -> str:
    """Text with markdown emphasis/heading marks dropped and whitespace collapsed, for substring checks."""
    return " ".join(re.sub(r"[*#]+", " ", text).split())


SECTIONS: dict[str, list[str]] = json.loads((EVALS / "sections.json").read_text(encoding="utf-8"))
GOLD = read_jsonl("gold_questions.jsonl")
OFFTOPIC = read_jsonl("offtopic_questions.jsonl")
GROUNDING = read_jsonl("grounding_labels.jsonl")
ALL_SECTIONS = {(article, heading) for article, headings in SECTIONS.items() for heading in headings}
CORPUS_TEXT = {article: squash((CORPUS / article).read_text(encoding="utf-8")) for article in SECTIONS}


def expected_pairs(row: dict) -> list[tuple[str, str]]:
    return [(item["article"], item["section"]) for item in row["expected"]]


def test_sections_file_lists_unique_headings_per_article():
    for article, headings in SECTIONS.items():
        assert (CORPUS / article).is_file(), article
        assert headings and len(headings) == len(set(headings)), article


@pytest.mark.parametrize(("article", "heading"), sorted(ALL_SECTIONS))
def test_every_listed_heading_appears_in_its_article(article, heading):
    # Introduction is synthesised by the chunker for the text before the first heading
    if heading != INTRO:
        assert squash(heading) in CORPUS_TEXT[article]


@pytest.mark.parametrize(
    ("rows", "prefix", "minimum"), [(GOLD, "g", 40), (OFFTOPIC, "o", 10), (GROUNDING, "h", 40)]
)
def test_dataset_has_enough_rows_with_unique_prefixed_ids(rows, prefix, minimum):
    ids = [row["id"] for row in rows]
    assert len(rows) >= minimum
    assert len(ids) == len(set(ids))
    assert all(isinstance(i, str) and i.startswith(prefix) for i in ids)


@pytest.mark.parametrize("rows", [GOLD, OFFTOPIC], ids=["gold", "offtopic"])
def test_questions_are_non_empty_and_not_repeated(rows):
    questions = [row["question"].strip().lower() for row in rows]
    assert all(questions)
    assert len(questions) == len(set(questions))


@pytest.mark.parametrize("row", GOLD, ids=[row["id"] for row in GOLD])
def test_gold_expectations_name_known_sections_once(row):
    pairs = expected_pairs(row)
    assert pairs, "every gold question needs at least one expected section"
    assert len(pairs) == len(set(pairs))
    assert set(pairs) <= ALL_SECTIONS, set(pairs) - ALL_SECTIONS


def test_gold_never_expects_the_next_post_teaser():
    assert not any("next blog post" in section.lower() for row in GOLD for _, section in expected_pairs(row))


def test_gold_covers_every_non_intro_section():
    covered = {pair for row in GOLD for pair in expected_pairs(row)}
    missing = {(a, s) for a, s in ALL_SECTIONS if s != INTRO} - covered
    assert not missing


def test_gold_includes_the_unresolved_conflict_question():
    by_question = {row["question"]: expected_pairs(row) for row in GOLD}
    expected = by_question["how do we handle unresolved conflict"]
    assert ("002_51be6f8854e9c380.txt", "7. Address Unresolved Conflicts") in expected


def test_offtopic_rows_carry_no_expected_sections():
    assert all(set(row) == {"id", "question"} for row in OFFTOPIC)


def test_grounding_labels_are_balanced_booleans():
    labels = [row["supported"] for row in GROUNDING]
    assert all(isinstance(label, bool) for label in labels)
    assert labels.count(True) >= 15
    assert labels.count(False) >= 15


@pytest.mark.parametrize("row", GROUNDING, ids=[row["id"] for row in GROUNDING])
def test_grounding_passage_is_copied_from_an_article(row):
    passage = squash(row["passage"])
    assert row["sentence"].strip()
    assert any(passage in text for text in CORPUS_TEXT.values())


def test_the_gate_learns_from_every_labelled_safety_message_but_the_blind_ones():
    from evals.runner import BLIND_SPLIT
    from evals.sync_bank import BANK_COPY, bank_rows

    copied = [json.loads(line) for line in BANK_COPY.read_text(encoding="utf-8").splitlines() if line]
    assert copied == bank_rows(), "the labelled copy is out of date: run `python -m evals.sync_bank`"
    blind = {row["text"] for row in read_jsonl("safety_set.jsonl") if row["split"] == BLIND_SPLIT}
    written = (ROOT / "coach" / "data" / "safety_examples.jsonl").read_text(encoding="utf-8")
    assert blind and not blind & {row["text"] for row in copied}
    assert not [text for text in blind if json.dumps(text, ensure_ascii=False) in written]


def test_the_cross_validation_bank_leaves_out_its_fold_and_the_blind_split():
    from evals.runner import BLIND_SPLIT
    from evals.semantic_cv import bank_without

    rows = read_jsonl("safety_set.jsonl")
    bank = bank_without("heldout3", rows)
    copied = {text for text, copy in zip(bank.texts, bank.copied, strict=True) if copy}
    by_split = {
        split: {r["text"] for r in rows if r["split"] == split} for split in {r["split"] for r in rows}
    }
    assert not copied & by_split["heldout3"] and not copied & by_split[BLIND_SPLIT]
    assert by_split["dev"] <= copied and by_split["heldout4"] <= copied
    assert not all(bank.copied) and len(bank.texts) == len(bank.levels) == len(bank.categories)
