"""Contributions are untrusted: hostile notes are refused with a clear message, or neutralised; none goes live."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from edition.render.sanitise import sanitise
from sitebuild import build_site, make_site

NOTE = "---\nparagraph: closing\nauthors: [editors]\ndate: 2026-11-25\nkind: context\n{extra}---\n{body}\n"

# (name, extra front matter, body, the problem code it must be refused with)
REFUSED = [
    ("script-tag", "", 'Hello <script>alert("x")</script>', "raw-html"),
    ("event-handler", "", "An image <img src=x onerror=alert(1)>.", "raw-html"),
    ("svg-onload", "", "<svg onload=alert(1)></svg>", "raw-html"),
    ("html-comment", "", "Text <!-- <script>alert(1)</script> -->", "raw-html"),
    ("md-in-html", "", '<div markdown="1">**bold**</div>', "raw-html"),
    ("javascript-link", "", "[click](javascript:alert(1))", "unsafe-link"),
    ("mixed-case-scheme", "", "[click](JaVaScRiPt:alert(1))", "unsafe-link"),
    ("entity-in-scheme", "", "[click](java&#115;cript:alert(1))", "unsafe-link"),
    ("percent-in-scheme", "", "[click](java%73cript:alert(1))", "unsafe-link"),
    ("tab-in-scheme", "", "[click](java\tscript:alert(1))", "unsafe-link"),
    ("data-image", "", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", "unsafe-link"),
    ("vbscript-link", "", "[x](vbscript:msgbox(1))", "unsafe-link"),
    ("reference-link", "", "[click][x]\n\n[x]: javascript:alert(1)", "unsafe-link"),
    ("autolink", "", "<javascript:alert(1)>", "unsafe-link"),
    ("escaped-lt-entity", "", "&#60;script&#62;alert(1)&#60;/script&#62;", "raw-html"),
    ("attr-list-handler", "", '[x](https://example.org){: onclick="alert(1)" }', "attribute-list"),
    ("attr-list-style", "", 'Text\n{: style="position:fixed" }', "attribute-list"),
    ("html-in-quote-field", 'quote: "<script>alert(1)</script>"\n', "Body.", "raw-html"),
    ("html-in-tags", "tags: ['<b onmouseover=alert(1)>x</b>']\n", "Body.", "raw-html"),
]


@pytest.mark.parametrize(("name", "extra", "body", "code"), REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_note_is_refused(tmp_path: Path, name: str, extra: str, body: str, code: str) -> None:
    """The build fails with the expected problem at the note's path, and writes no site."""
    root = make_site("", tmp_path / "src")
    (root / "docs/notes/closing").mkdir(parents=True, exist_ok=True)
    (root / "docs/notes/closing/hostile.md").write_text(NOTE.format(extra=extra, body=body), encoding="utf-8")
    result = build_site(root, tmp_path / "out")
    assert not result.ok
    assert any(p.startswith("docs/notes/closing/hostile.md:") and p.endswith(f"[{code}]") for p in result.problems)
    assert not (tmp_path / "out" / "index.html").exists()


def test_huge_file_is_refused(tmp_path: Path) -> None:
    """A file far larger than any note is refused before it is parsed."""
    root = make_site("", tmp_path / "src")
    (root / "docs/notes/closing").mkdir(parents=True, exist_ok=True)
    (root / "docs/notes/closing/huge.md").write_text(NOTE.format(extra="", body="word " * 100_000), encoding="utf-8")
    result = build_site(root, tmp_path / "out")
    assert "docs/notes/closing/huge.md:1: file is 500078 bytes, over the limit of 200000 [file-too-large]" in (
        result.problems
    )


def test_invalid_utf8_is_refused(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 get a message with the line, not a UnicodeDecodeError."""
    root = make_site("", tmp_path / "src")
    (root / "docs/notes/closing").mkdir(parents=True, exist_ok=True)
    data = NOTE.format(extra="", body="Fine.\nBroken \xff\xfe here.").encode("latin-1")
    (root / "docs/notes/closing/binary.md").write_bytes(data)
    result = build_site(root, tmp_path / "out")
    assert result.problems == [
        "docs/notes/closing/binary.md:8: cannot read this file: it is not UTF-8 (byte 90) [unreadable-file]"
    ]


def _built_note_page(tmp_path: Path, body: str) -> str:
    """Build the fixture site with one accepted note of `body` on ¶ closing; that paragraph's page."""
    root = make_site("", tmp_path / "src")
    (root / "docs/notes/closing").mkdir(parents=True, exist_ok=True)
    (root / "docs/notes/closing/accepted.md").write_text(NOTE.format(extra="", body=body), encoding="utf-8")
    result = build_site(root, tmp_path / "out")
    assert result.ok, result.problems
    return (tmp_path / "out/notes/closing/index.html").read_text(encoding="utf-8")


def test_harmless_escaped_text_is_shown_as_text(tmp_path: Path) -> None:
    """Escaped angle brackets and code are accepted, and reach the page as inert text."""
    html = _built_note_page(tmp_path, "Write &lt;script&gt; as text, or in code: `<script>alert(1)</script>`.")
    article = html[html.find('<article class="md-content__inner') : html.find("</article>")]
    assert "&lt;script&gt;" in article
    assert not re.search(r"<script", article, re.IGNORECASE)


def test_a_note_cannot_stand_in_for_generated_html(tmp_path: Path) -> None:
    """Text shaped like the placeholders the hooks use for their HTML stays text: it cannot pull in markup."""
    html = _built_note_page(tmp_path, "First paragraph.\n\ndp-fragment-0\n\ndp-fragment-1")
    assert html.count("<p>dp-fragment-0</p>") == 1 and html.count("<p>dp-fragment-1</p>") == 1
    assert html.count('<article class="dp-note') == html.count("</article>") - 1  # balanced, plus the page's own


@pytest.mark.parametrize(
    ("html", "forbidden"),
    [
        ('<p onclick="x()">a</p>', "onclick"),
        ("<script>alert(1)</script><p>a</p>", "<script"),
        ('<a href="javascript:alert(1)">a</a>', "javascript:"),
        ('<a href=" JAVASCRIPT:alert(1)">a</a>', "javascript:"),
        ('<img src="data:image/png;base64,AAAA">', "data:"),
        ("<iframe src='https://example.org'></iframe>", "<iframe"),
        ("<svg><script>alert(1)</script></svg>", "<script"),
        ("<style>body{display:none}</style>", "<style"),
        ('<p style="position:fixed">a</p>', "style="),
        ('<form action="https://evil.example"><input></form>', "<form"),
    ],
)
def test_sanitiser_strips_active_content(html: str, forbidden: str) -> None:
    """The sanitiser that runs on every page's content removes scripts, handlers, unsafe URLs and frames."""
    assert forbidden.lower() not in sanitise(html).lower()


def test_sanitiser_leaves_ordinary_content_alone() -> None:
    """Content with nothing active comes back byte for byte."""
    html = '<p class="x">A <a href="../glossary/x/">link</a> &amp; <em>text</em>.</p>'
    assert sanitise(html) == html
