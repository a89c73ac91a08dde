"""Property-based tests: whatever the input, loaders, markup parsers and validators return, never raise."""

from __future__ import annotations

import tempfile
from pathlib import Path

from edition import essay, frontmatter, glossary, markup, notes, paths, room, works
from edition.render.sanitise import sanitise
from edition.sources import Source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inert import active_content

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


@FAST
@given(TEXT)
def test_a_contribution_converts_to_inert_html(text: str) -> None:
    """Whatever Markdown a contributor writes, its converted HTML holds nothing active, and every link
    token stands for a recorded reference."""
    body, findings = room.convert(text, "notes/x/item.md", "note-item")
    assert active_content(body.html) == []
    assert all(f.code in {"raw-html", "attribute-list", "unsafe-link", "external-resource"} for f in findings)
    assert body.fill(lambda ref: "") is not None


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


HTML = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<script>", "</script>", "<img src=", "<img srcset=", "<a href=", "<svg onload=", "<iframe ",
                "<style>", "<base href=", "<meta ", "<link ", "<!--", "-->", "<![CDATA[", "javascript:", "//evil/",
                "data:", "&#x6A;", "&#60;", "\"", "'", ">", "<", "=", " on", "click", "error", "<math>", "<noscript>",
                "<template>", "<object data=", "<p style=", "</p>", "<details open ontoggle=", "\x00", "\t",
            ]
        ),
        st.text(max_size=6),
    ),
    max_size=50,
).map("".join)  # fmt: skip


@FAST
@given(HTML)
def test_sanitiser_output_is_inert(html: str) -> None:
    """Whatever HTML goes in, nothing active comes out, and sanitising again changes nothing."""
    out = sanitise(html + "<script>alert(1)</script><b onclick=x>y</b>")
    assert active_content(out) == []
    assert sanitise(out) == out
