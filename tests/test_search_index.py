"""The search index: the essay searched paragraph by paragraph, online and in the offline copy."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from edition import essay, search_index
from edition.sources import Source
from sitebuild import FILES, REPO, BuildResult

ESSAY = REPO / "docs" / "essay" / "index.md"


def _essay() -> essay.Essay:
    loaded, problems = essay.load(Source(ESSAY, "docs/essay/index.md"))
    assert loaded is not None and problems == []
    return loaded


def _index(*locations: str) -> dict[str, Any]:
    config = {"lang": ["en"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}
    return {"config": config, "docs": [{"location": loc, "title": f"T {loc}", "text": "x"} for loc in locations]}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # The page's own entry and its heading sections give way to the page (text emptied) and its paragraphs,
        # where they stood; other pages' entries, and pages whose address only starts the same, stay.
        (["", "essay/", "essay/#a-heading", "essay/#other", "notes/"], ["", "essay/", "¶", "notes/"]),
        (["essay-notes/", "essay/", "essay/#h"], ["essay-notes/", "essay/", "¶"]),
        # No entry for the page (search excluded it): the page and its paragraphs are added at the end.
        (["", "notes/"], ["", "notes/", "essay/", "¶"]),
    ],
)
def test_the_essay_entries_become_one_per_paragraph(before: list[str], after: list[str]) -> None:
    """Where the essay's entries were, the page's entry (first, as Material's worker needs) and then one
    entry per paragraph; every other entry as it was."""
    text = _essay()
    out = search_index.with_paragraphs(_index(*before), text, "essay/")["docs"]
    paragraphs = [f"essay/#{p.id}" for p in text.paragraphs]
    expected = [loc for each in after for loc in (paragraphs if each == "¶" else [each])]
    assert [d["location"] for d in out] == expected
    page = next(d for d in out if d["location"] == "essay/")
    assert page["text"] == "" and "boost" not in page
    for doc in out:
        if doc["location"] not in paragraphs:
            assert doc["text"] == ("" if doc is page else "x")


def test_a_paragraph_entry_holds_its_number_and_words_escaped() -> None:
    """Title "¶ n", the words as readers see them, HTML-escaped (the search box renders the text as HTML),
    and a boost ten times the title boost."""
    text = _essay()
    index = search_index.with_paragraphs(_index("essay/"), text, "essay/")
    by_location = {d["location"]: d for d in index["docs"]}
    for para in text.paragraphs:
        entry = by_location[f"essay/#{para.id}"]
        assert entry["title"] == f"¶ {para.number}"
        assert entry["text"] == f"<p>{html.escape(para.text, quote=False)}</p>"
        assert entry["boost"] == 10_000


def _paragraph_entries(docs: list[dict[str, Any]], essay_url: str) -> list[dict[str, Any]]:
    return [d for d in docs if d["location"].split("#")[0] == essay_url]


@pytest.mark.parametrize("copy", ["site", "offline"])
def test_the_built_index_has_each_paragraph_once(copy: str, real_site: BuildResult) -> None:
    """In the site's index and in the offline copy's (search_index.js, its addresses ending in .html): the
    essay's page once, with no text, then every paragraph exactly once, at its anchor, with its ¶ number and
    its words only (no note, no "Cite this" box)."""
    if copy == "site":
        index = json.loads((real_site.site / search_index.INDEX).read_text(encoding="utf-8"))
        essay_url = "essay/"
    else:
        with zipfile.ZipFile(real_site.site / FILES.offline_path) as zf:
            script = zf.read(f"{FILES.folder}/search/search_index.js").decode("utf-8")
        index = json.loads(script.removeprefix("var __index = "))
        essay_url = "essay/index.html"
    text = _essay()
    entries = _paragraph_entries(index["docs"], essay_url)
    assert [e["location"] for e in entries] == [essay_url] + [f"{essay_url}#{p.id}" for p in text.paragraphs]
    assert entries[0]["text"] == ""
    for para, entry in zip(text.paragraphs, entries[1:], strict=True):
        assert entry["title"] == f"¶ {para.number}"
        assert html.unescape(entry["text"]) == f"<p>{para.text}</p>"


def test_what_a_page_repeats_from_elsewhere_is_searched_where_it_lives(real_site: BuildResult) -> None:
    """A term page's lists (its lines from the essay, the notes and related terms it names, its works) and a
    path's printed copy of a paragraph are not in the index: each paragraph's words are in it twice, at its
    anchor in the essay and on its own page with its notes, and nowhere else."""
    index = json.loads((real_site.site / search_index.INDEX).read_text(encoding="utf-8"))
    glossary = [d["location"] for d in index["docs"] if d["location"].startswith("glossary/")]
    sections = {location.partition("#")[2] for location in glossary}
    assert not sections & {"in-the-essay", "in-the-commentary", "related-terms", "works-cited"}, sections
    for para in _essay().paragraphs:
        words = html.escape(para.text, quote=False)
        holding = sorted(d["location"] for d in index["docs"] if words in d["text"])
        assert holding == [f"essay/#{para.id}", f"notes/{para.id}/"], f"¶ {para.number}"


def test_search_splits_words_at_typographic_quotes(real_site: BuildResult) -> None:
    """The essay quotes with “ ” and ’: Material's search must split words there too, or "kudzu" would not
    find “kudzu strategy”. The separator is the one the built index gives the search worker (a JavaScript
    regular expression that Python reads the same way)."""
    import re

    index = json.loads((real_site.site / search_index.INDEX).read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    sentence = "(I think of this as the “kudzu strategy.”) Price’s view—1.5 and 2…"
    assert [w for w in separator.split(sentence) if w] == [
        "I", "think", "of", "this", "as", "the", "kudzu", "strategy", "Price", "s", "view", "1.5", "and", "2",
    ]  # fmt: skip


def test_the_index_is_rewritten_only_where_search_wrote_one(tmp_path: Path) -> None:
    """Without the search plugin's index (search turned off) nothing is written."""
    assert search_index.rewrite(tmp_path, _essay(), "essay/") is False
    assert not (tmp_path / "search").exists()
