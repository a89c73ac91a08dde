"""The nh3 allow-list that every page's content and every contribution go through: exact outputs."""

from __future__ import annotations

import pytest
from edition.render.sanitise import same_host, sanitise, text_only
from inert import active_content

# (what goes in, exactly what comes out)
CASES = [
    ('<p class="x">A <a href="../glossary/x/">link</a> &amp; <em>text</em>.</p>',
     '<p class="x">A <a href="../glossary/x/">link</a> &amp; <em>text</em>.</p>'),
    ('<p onclick="x()">a</p>', "<p>a</p>"),
    ("<script>alert(1)</script><p>a</p>", "<p>a</p>"),
    ("<style>body{display:none}</style><p>a</p>", "<p>a</p>"),
    ('<a href="javascript:alert(1)">a</a>', "<a>a</a>"),
    ('<a href=" JAVASCRIPT:alert(1)">a</a>', "<a>a</a>"),
    ('<a href="java\tscript:alert(1)">a</a>', "<a>a</a>"),
    ('<a href="https://example.org/" ping="https://evil.example/">a</a>', '<a href="https://example.org/">a</a>'),
    ('<a href="mailto:a@example.org">mail</a>', '<a href="mailto:a@example.org">mail</a>'),
    ('<img src="data:image/png;base64,AAAA" alt="x">', '<img alt="x">'),
    ('<img src="https://evil.example/x.png" alt="x">', '<img alt="x">'),
    ('<img src="//evil.example/x.png" alt="x">', '<img alt="x">'),
    ('<img src="/\\evil.example/x.png" alt="x">', '<img alt="x">'),
    ('<img src="../assets/images/a.png" alt="x">', '<img src="../assets/images/a.png" alt="x">'),
    ('<img srcset="https://evil.example/x.png 1x" alt="x">', '<img alt="x">'),
    ("<iframe src='https://example.org'></iframe><p>a</p>", "<p>a</p>"),
    ("<svg><script>alert(1)</script></svg><p>a</p>", "<p>a</p>"),
    ('<p style="position:fixed">a</p>', "<p>a</p>"),
    # No form, so nothing can be sent anywhere; the reading tools' checkboxes (the hooks' markup) stay.
    ('<form action="https://evil.example"><input name="q" formaction="x" onfocus="x()">b</form>', '<input name="q">b'),
    ('<fieldset><legend>Kinds</legend><label><input type="checkbox" name="kinds" value="question" checked> '
     "Question</label></fieldset>",
     '<fieldset><legend>Kinds</legend><label><input type="checkbox" name="kinds" value="question" checked=""> '
     "Question</label></fieldset>"),
    ('<base href="https://evil.example/"><p>a</p>', "<p>a</p>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>a</p>', "<p>a</p>"),
    ('<link rel="stylesheet" href="https://evil.example/x.css"><p>a</p>', "<p>a</p>"),
    ("<!-- <script>alert(1)</script> --><p>a</p>", "<p>a</p>"),
    ("<a<script>alert(1)</script>b", "alert(1)b"),  # a browser reads an element named "a<script"
    ('<video poster="https://evil.example/x.png"><source src="https://evil.example/v.mp4"></video>', ""),
    ('<object data="https://evil.example/x.swf">fallback</object>', ""),
    ('<div class="dp-defs" hidden data-search-exclude><span id="dp-def-x" aria-hidden="true">d</span></div>',
     '<div class="dp-defs" hidden="" data-search-exclude=""><span id="dp-def-x" aria-hidden="true">d</span></div>'),
    ('<button type="button" class="dp-notes-toggle" aria-expanded="false" onclick="x()">3 notes</button>',
     '<button type="button" class="dp-notes-toggle" aria-expanded="false">3 notes</button>'),
    ('<details class="dp-note" open ontoggle="x()"><summary>s</summary>b</details>',
     '<details class="dp-note" open=""><summary>s</summary>b</details>'),
    ("<p>a < b & c > d</p>", "<p>a &lt; b &amp; c &gt; d</p>"),
    ("<p>unclosed <b>bold", "<p>unclosed <b>bold</b></p>"),
    # Material's script reads its settings from the first "#__config" and acts on data-md-* attributes.
    ('<span id="__config" data-md-component="source" data-term="x">a</span>', '<span data-term="x">a</span>'),
    ('<h2 id="1-fork-and-publish">1. Fork</h2><p id="note-x">n</p>',
     '<h2 id="1-fork-and-publish">1. Fork</h2><p id="note-x">n</p>'),
    ('<h2 id="_1">Глава первая</h2>', '<h2 id="_1">Глава первая</h2>'),  # Python-Markdown's id for it
]  # fmt: skip


@pytest.mark.parametrize(("given", "expected"), CASES)
def test_sanitiser_gives_exactly(given: str, expected: str) -> None:
    """The allow-list keeps what the edition's pages are made of and drops everything else, exactly."""
    assert sanitise(given) == expected
    assert active_content(sanitise(given)) == []


@pytest.mark.parametrize(
    ("url", "same"),
    [
        ("../assets/images/a.png", True),
        ("a.png", True),
        ("/site/a.png", True),
        ("#x", True),
        ("https://evil.example/a.png", False),
        ("//evil.example/a.png", False),
        ("/\\evil.example/a.png", False),
        ("\\\\evil.example/a.png", False),
        (" //evil.example/a.png", False),
        ("data:image/png;base64,AA", False),
        ("java\nscript:x", False),
    ],
)
def test_same_host_resources(url: str, same: bool) -> None:
    """A resource is on this site only if it is relative and names no host, however it is disguised."""
    assert same_host(url) is same


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Means &amp; ends", "Means &amp; ends"),
        ("Less &lt; more", "Less &lt; more"),
        ("x <img src=x onerror=alert(1)> y", "x  y"),
        ("</title><script>alert(1)</script>", ""),
    ],
)
def test_titles_keep_only_their_text(title: str, expected: str) -> None:
    """A title the theme prints as HTML keeps its text, escaped, and loses every tag."""
    assert text_only(title) == expected


@pytest.mark.parametrize(
    "fragment",
    [
        '<img src="https://x.example/y.png">',
        '<p onclick="x()">',
        "<script>",
        '<a href="javascript:x">',
        '<p style="color:red">',
        '<img src="//x.example/y.png">',
    ],
)
def test_the_inertness_check_itself_catches_active_content(fragment: str) -> None:
    """The tests' own notion of "active" is not vacuous: each of these is caught."""
    assert active_content(fragment) != []
