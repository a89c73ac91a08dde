"""The essay: parsing of its source, and its words pinned against the text the client supplied."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest
from edition import essay, markup
from edition.sources import Source
from sitebuild import REPO

ESSAY = REPO / "docs" / "essay" / "index.md"
SUPPLIED = REPO.parent / "shared" / "essay" / "dual-power-essay.txt"

# SHA-256 of the essay's words as the client supplied them (title, headings and paragraphs, one per
# line, whitespace normalised). An edit to the essay's words, however small, changes it.
ESSAY_SHA256 = "d3258eb0795b28d0c5562f4579d4a174d3d670caa7ed56cd36e92e42bc683af2"


def normalise(text: str) -> str:
    """Whitespace (including no-break spaces) folded to single spaces, blocks one per line."""
    blocks = [re.sub(r"\s+", " ", b).strip() for b in re.split(r"\n\s*\n", text)]
    return "\n".join(unicodedata.normalize("NFC", b) for b in blocks if b)


def published_text() -> str:
    """The project's copy of the essay as readers get it: markup and ids removed."""
    loaded, problems = essay.load(Source(ESSAY, "docs/essay/index.md"))
    assert loaded is not None and problems == []
    lines = [b.paragraph.text if b.paragraph else b.text for b in loaded.blocks if b.kind != "break"]
    return normalise("\n\n".join(lines))


def test_essay_words_are_pinned() -> None:
    """The project's copy of the essay has exactly the pinned words."""
    assert hashlib.sha256(published_text().encode()).hexdigest() == ESSAY_SHA256


@pytest.mark.skipif(not SUPPLIED.exists(), reason="../shared/essay is not beside this clone")
def test_essay_matches_the_supplied_text() -> None:
    """Word for word the text in ../shared/essay (when it is there to compare)."""
    assert published_text() == normalise(SUPPLIED.read_text(encoding="utf-8"))


def test_essay_structure() -> None:
    """Title, two headings, one untitled break before ¶ 17, eighteen paragraphs with unique ids."""
    loaded, _ = essay.load(Source(ESSAY, "docs/essay/index.md"))
    assert loaded is not None
    assert loaded.title == "Conceptions of Dual Power and Prefigurative Politics"
    kinds = [b.kind for b in loaded.blocks]
    assert kinds.count("heading") == 2 and kinds.count("break") == 1 and kinds.count("paragraph") == 18
    ids = [p.id for p in loaded.paragraphs]
    assert len(set(ids)) == 18 and all(markup.is_id(i) for i in ids)
    assert [p.number for p in loaded.paragraphs] == list(range(1, 19))
    after_break = loaded.blocks[kinds.index("break") + 1].paragraph
    assert after_break is not None and after_break.text.startswith("There are two main streams")
    assert loaded.paragraph("kudzu-strategy") is not None


@pytest.mark.parametrize(
    ("source", "codes"),
    [
        ("# T\n\n{#a} One.\n\n{#b} Two.\n", []),
        ("# T\n\n{#a} One.\n\nNo id.\n", ["missing-paragraph-id"]),
        ("# T\n\n{#a} One.\n\n{#a} Two.\n", ["duplicate-paragraph-id"]),
        ("# T\n\n{#A_b} One.\n", ["malformed-paragraph-id"]),
        ("# T\n\n{#} One.\n", ["malformed-paragraph-id"]),
        ("{#a} No title.\n", ["essay-no-title"]),
        ("# T\n\n## H\n\n* * *\n\n{#a} One\nwrapped.\n", []),
    ],
)
def test_essay_parse_problems(tmp_path: Path, source: str, codes: list[str]) -> None:
    """Each malformed essay source yields exactly the expected problem codes, never an exception."""
    path = tmp_path / "essay.md"
    path.write_text(source, encoding="utf-8")
    _, problems = essay.load(Source(path, "essay.md"))
    assert [p.code for p in problems] == codes


def test_wrapped_paragraph_is_joined(tmp_path: Path) -> None:
    """A paragraph written over several lines is one paragraph, with its first line as its line."""
    path = tmp_path / "essay.md"
    path.write_text("# T\n\n{#a} One\nwrapped.\n", encoding="utf-8")
    loaded, _ = essay.load(Source(path, "essay.md"))
    assert loaded is not None and loaded.paragraphs[0].text == "One wrapped." and loaded.paragraphs[0].line == 3
