"""The chunker on both seed formats, on user formats (.md, .html, .pdf), and on bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.corpus import (
    chunk_article,
    list_corpus_files,
    load_metadata,
    read_article,
    split_section_text,
    split_sections,
)
from coach.errors import CorpusError
from tests.conftest import CORPUS

PLAIN = "000_2aa1ed4ff32443f7.txt"
MARKDOWN_ONE_LINE = "002_51be6f8854e9c380.txt"


def sections_of(name: str) -> list:
    return split_sections(read_article(CORPUS / name, load_metadata(CORPUS)).text)


def test_plain_text_seed_finds_its_bare_line_headings():
    headings = [s.heading for s in sections_of(PLAIN)]
    assert headings == [
        "Introduction",
        "Why Emotional Distance Happens in Relationships",
        "The Foundation of Emotional Intimacy",
        "Creating Safe Spaces for Vulnerability",
        "11 Practical Ways to Bring Back Emotional Connection",
        "Daily Rituals That Strengthen Your Bond",
        "Moving Beyond Surface-Level Communication",
        "Rekindling Physical and Emotional Intimacy Together",
        "Maintaining the Connection You’ve Rebuilt",
    ]


def test_run_together_list_items_are_split_back_into_items():
    practical = next(s for s in sections_of(PLAIN) if s.heading.startswith("11 Practical"))
    items = [line for line in practical.body.split("\n") if line.startswith("- ")]
    assert len(items) == 11
    assert items[1] == "- Practice Active Listening"
    assert items[-1] == "- Consider Professional Support"


def test_one_line_markdown_seed_finds_inline_numbered_headings():
    headings = [s.heading for s in sections_of(MARKDOWN_ONE_LINE)]
    assert headings == [
        "Introduction",
        "1. Identify the Root of the Disconnection",
        "2. Spend Quality Time Together",
        "3. Practice Active Listening",
        "4. Show Empathy and Compassion",
        "5. Express Your Feelings Openly",
        "6. Prioritize Physical Affection",
        "7. Address Unresolved Conflicts",
        "Final Thoughts: Rebuilding Emotional Closeness Takes Time",
    ]


def test_markdown_emphasis_and_rules_do_not_leak_into_text():
    for section in sections_of(MARKDOWN_ONE_LINE):
        assert "**" not in section.body and "###" not in section.body and "---" not in section.body
    conflict = next(s for s in sections_of(MARKDOWN_ONE_LINE) if s.heading.startswith("7."))
    assert "What You Can Do: If there are unresolved issues" in conflict.body


def test_next_blog_post_teaser_is_not_ingested():
    article = read_article(CORPUS / MARKDOWN_ONE_LINE, {})
    text = " ".join(c.text for c in chunk_article(article, 100, 16))
    assert "Next Blog Post" not in text
    assert "Playing Hard to Get" not in text
    assert "navigate the delicate dance of attraction" not in text


def test_chunks_never_cross_sections_and_carry_their_metadata():
    article = read_article(CORPUS / PLAIN, load_metadata(CORPUS))
    sections = {s.heading: s.body for s in split_sections(article.text)}
    chunks = chunk_article(article, 60, 10)
    assert [c.position for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert chunk.article == PLAIN
        assert chunk.title == "Bringing Back Emotional Connection in Your Relationship"
        assert chunk.text.rstrip(" …") in sections[chunk.section]


def test_long_section_is_split_with_overlap_on_sentence_boundaries():
    body = " ".join(f"Sentence number {i} talks about listening to your partner." for i in range(40))
    pieces = split_section_text(body, chunk_size=50, chunk_overlap=10)
    assert len(pieces) > 3
    assert all(len(p.split()) <= 50 for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    first_words = set(pieces[0].split()[-12:])
    assert first_words & set(pieces[1].split()[:12]), "neighbouring chunks share some words"


def test_short_section_stays_one_chunk():
    assert split_section_text("One. Two. Three.", 100, 16) == ["One. Two. Three."]


def test_markdown_file_with_ordinary_headings(tmp_path):
    path = tmp_path / "tips.md"
    path.write_text(
        "# Small Habits\n\nIntro line.\n\n## Say Thank You\n\n* Thank them daily.\n* Notice effort.\n"
    )
    article = read_article(path, {})
    assert article.title == "Small Habits"
    sections = split_sections(article.text)
    assert [s.heading for s in sections] == ["Small Habits", "Say Thank You"]
    assert sections[1].body == "- Thank them daily.\n- Notice effort."


def test_html_file_keeps_headings_and_drops_scripts(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><script>alert('x')</script><style>p{}</style></head><body><nav>Home | About</nav>"
        "<h1>Listening Well</h1><p>Put the phone away.</p>"
        "<h2>Reflect Back</h2><ul><li>Repeat what you heard.</li></ul>"
        "<footer>Subscribe now</footer></body></html>"
    )
    sections = split_sections(read_article(path, {}).text)
    assert [s.heading for s in sections] == ["Listening Well", "Reflect Back"]
    assert sections[1].body == "- Repeat what you heard."
    assert "alert" not in read_article(path, {}).text and "Subscribe" not in read_article(path, {}).text


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given text lines (Helvetica), built by hand so tests need no PDF writer."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(
        f"{o:010d} 00000 n \n" for o in offsets
    )
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_pdf_file_is_read(tmp_path):
    path = tmp_path / "guide.pdf"
    path.write_bytes(
        _minimal_pdf(["Weekly Check Ins", "Sit down together every Sunday.", "Ask how the week felt."])
    )
    article = read_article(path, {})
    sections = split_sections(article.text)
    assert sections[0].heading == "Weekly Check Ins"
    assert "every Sunday" in sections[0].body


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"   \n\t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Caf\u00e9 tips for couples".encode("latin-1"), "UTF-8"),
        ("notes.docx", b"PK\x03\x04 some zip", "unsupported file type"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
    ],
)
def test_bad_files_are_refused_with_a_message_naming_the_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=problem) as info:
        read_article(path, {})
    assert name in str(info.value)


def test_missing_and_empty_corpus_folders_are_clear_errors(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        list_corpus_files(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="is empty"):
        list_corpus_files(tmp_path / "empty")


def test_malformed_metadata_file_is_a_clear_error(tmp_path):
    (tmp_path / "articles.toml").write_text("this is = = not toml")
    with pytest.raises(CorpusError, match="not valid TOML"):
        load_metadata(tmp_path)


def test_metadata_file_is_not_an_article():
    assert "articles.toml" not in [p.name for p in list_corpus_files(CORPUS)]


def test_every_seed_heading_is_listed_in_the_eval_sections_file():
    import json

    expected = json.loads((Path(__file__).parent.parent / "evals" / "sections.json").read_text())
    for name in (PLAIN, MARKDOWN_ONE_LINE):
        assert [s.heading for s in sections_of(name)] == expected[name]
