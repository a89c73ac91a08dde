"""Property-based tests: whatever the input, loaders, markup parsers and validators return, never raise."""

from __future__ import annotations

import tempfile
from pathlib import Path

from edition import essay, frontmatter, glossary, markup, notes, paths, safety, works
from edition.render.sanitise import sanitise
from edition.sources import Source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Text that looks like our inputs: front-matter fences, YAML punctuation, markup brackets, HTML.
PIECES = st.sampled_from(
    [
        "---\n",
        "\n",
        ": ",
        "- ",
        "[",
        "]",
        "[[",
        "]]",
        "|",
        "[@",
        "@",
        "{#",
        "}",
        "{",
        "<",
        ">",
        '"',
        "'",
        "paragraph: ",
        "quote: ",
        "kind: ",
        "stops:\n",
        "  - paragraph: x\n",
        "date: 2026-13-45\n",
        "\t",
        "\\",
        "<script>",
        "javascript:",
        "&#60;",
        "`",
        "```",
        "@book{k,",
        "author = {",
        "=",
        ",",
        "#",
        "*",
        "!",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_front_matter_parser_never_raises(text: str) -> None:
    """Any text gives a document or problems."""
    doc, problems = frontmatter.parse(text, "x.md")
    assert doc is not None or problems


@FAST
@given(TEXT)
def test_markup_parsers_never_raise(text: str) -> None:
    """Term and citation markup, plain-text offsets and the safety scan accept any text."""
    for ref in markup.find_terms(text):
        assert text[ref.start : ref.end].startswith("[[")
    for cite in markup.find_citations(text):
        assert cite.keys
    plain = markup.strip_terms(text)
    assert len(markup.plain_offsets(text)) == len(plain) + 1
    safety.scan(text)


@FAST
@given(TEXT)
def test_content_loaders_never_raise(text: str) -> None:
    """A note, term, path, essay or .bib file with any content yields a result or problems, never an exception."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "item.md"
        path.write_text(text, encoding="utf-8")
        src = Source(path, "item.md")
        notes.load_one(src, "notes/x/item.md")
        glossary.load_one(src, "glossary/item.md")
        paths.load_one(src, "paths/item.md")
        essay.load(src)
        bib = Path(tmp) / "item.bib"
        bib.write_text(text, encoding="utf-8")
        works.load_file(Source(bib, "item.bib"))


@FAST
@given(st.binary(max_size=200))
def test_any_bytes_are_read_safely(data: bytes) -> None:
    """Undecodable bytes become a problem, not a UnicodeDecodeError."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "item.md"
        path.write_bytes(data)
        text, problems = frontmatter.read_text(path, "item.md")
        assert (text is None) == bool(problems)


@FAST
@given(TEXT)
def test_sanitiser_output_is_inert(text: str) -> None:
    """Whatever HTML goes in, no script element or event handler comes out."""
    out = sanitise(text + "<script>alert(1)</script><b onclick=x>y</b>").lower()
    assert "<script" not in out and "onclick" not in out
