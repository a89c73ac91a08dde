"""A template others fork (issue 17): any text imported, notes that survive a corrected text, versions, feeds.

The whole flow runs on a copy of the tiny fixture site (one build, in /tmp); the mutation test runs the
checker (exactly the build's validation) on a copy of the real edition; the rest are pure functions.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import Any

import feedparser
import pytest
from edition import anchoring, build, fresh, importer, model, reanchor, yamledit
from edition.__main__ import main
from edition.notes import Withdrawal
from edition.render import feeds
from edition.sources import read_settings
from linkcheck import check as linkcheck
from playwright.sync_api import Browser, expect
from sitebuild import REPO, build_site, make_site

TEXT = """On Keeping Bees

The keeping of bees is among the oldest of the rural arts. A hive asks little of its keeper beyond
patience, a dry place, and a steady hand at the harvest.

Every colony has a single queen, and her temper sets the temper of the hive. A gentle queen makes
gentle workers; a restless one fills the orchard with stings.

The Seasons

In spring the hive wakes slowly. The first foragers go out to the willows and the crocuses, and the
keeper counts the frames of brood.

* * *

Summer is the season of swarms. When the hive grows crowded, the old queen leaves with half her workers.
"""


@pytest.mark.parametrize(
    ("source", "kinds"),
    [
        (TEXT, ["title", "paragraph", "paragraph", "heading", "paragraph", "break", "paragraph"]),
        ("# Title\n\nOne.\n\n## Part\n\nTwo.\n\n***\n\nThree.\n", ["title", "paragraph", "heading", "paragraph",
                                                                   "break", "paragraph"]),
        ("Title\n=====\n\nOne.\n\nPart\n----\n\nTwo.\n", ["title", "paragraph", "heading", "paragraph"]),
        ("A paragraph that is a sentence.\n\nAnother.\n", ["paragraph", "paragraph"]),  # no title: give TITLE=
        ("Title\n\n* * *\n\nOne, with lines\nwrapped by hand.\n\n§\n\n", ["title", "paragraph"]),
    ],
)  # fmt: skip
def test_the_text_is_read_into_title_headings_breaks_and_paragraphs(source: str, kinds: list[str]) -> None:
    """Plain text and Markdown alike; breaks at the edges are dropped, wrapped lines joined."""
    blocks = importer.read(source)
    assert [b.kind for b in blocks] == kinds
    assert all("\n" not in b.text for b in blocks)


def test_ids_are_distinctive_unique_and_stable() -> None:
    """Two telling words of each paragraph, in its order; a clash takes a third word; the same every time."""
    paragraphs = [b.text for b in importer.read(TEXT) if b.kind == "paragraph"]
    ids = importer.paragraph_ids(paragraphs)
    assert ids == ["keeping-bees", "temper-gentle", "spring-wakes", "summer-season"]
    assert importer.paragraph_ids(paragraphs) == ids
    twice = importer.paragraph_ids(["Bees and honey.", "Bees and honey, again."])
    assert len(set(twice)) == 2 and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in twice)
    assert importer.paragraph_ids(["…"]) == ["paragraph-1"]


@pytest.mark.parametrize(
    ("text", "quote", "suggested"),
    [
        ("A hive asks little of its keeper beyond patience.", "asks little of its owner beyond",
         "asks little of its keeper beyond"),
        ("The first foragers go out to the willows.", "The first forager go out", "The first foragers go out"),
        ("One, two, three schools, four.", "two, three colleges", "two, three schools"),  # not the comma after
        ("Models of how a free society might work. Then more.", "how a free and open society might work.",
         "how a free society might work."),
    ],
)  # fmt: skip
def test_the_closest_passage_is_suggested_word_for_word(text: str, quote: str, suggested: str) -> None:
    """The suggestion is whole words of the text, with the punctuation the quote has and no more."""
    span = anchoring.best_span(text, quote)
    assert span is not None and text[span[0] : span[1]] == suggested


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("The Conquest of Bread", "the-conquest-of-bread-edition"),
        ("Über die Ökonomie der Zeit", "uber-die-okonomie-der-zeit-edition"),  # accents dropped, not letters
        ("«Что делать?»", "edition"),  # no Latin letters: the name alone
        ("Antidisestablishmentarianism and Supercalifragilistic Words", "antidisestablishmentarianism-and-edition"),
    ],
)
def test_an_imported_text_names_its_downloads(title: str, name: str) -> None:
    """`make import` names the books and the zip after the title: whole words, at most 60 characters, an id."""
    assert fresh.file_name(title) == name


def test_yaml_values_change_in_place() -> None:
    """Only the values change: comments, order, quoting style and the body stay as they were."""
    text = "---\nparagraph: a  # the first\nquote: 'old words'\nauthors: [x]\n---\nBody: 'old words'.\n"
    changes = {"quote": "new words", "paragraph": "b", "prefix": "the "}
    new = yamledit.set_front_matter(text, changes, {"prefix": "quote"})
    assert new == text.replace("a  #", "b  #").replace("'old words'\na", "'new words'\nprefix: \"the \"\na")


def test_import_replaces_an_edition_only_when_asked(tmp_path: Path) -> None:
    """Without REPLACE=yes nothing is written, and the message says what is there and how to replace it."""
    root = make_site("", tmp_path / "src")
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    before = (root / "docs/essay/index.md").read_text(encoding="utf-8")
    status, lines = fresh.run(root / "mkdocs.yml", tmp_path / "text.txt", fresh.Facts())
    assert status == 1
    assert lines[0] == "This edition already holds an essay (docs/essay/index.md, 3 paragraphs), 3 notes, 2 glossary " \
        "terms, 1 reading paths."  # fmt: skip
    assert "REPLACE=yes" in lines[2]
    assert (root / "docs/essay/index.md").read_text(encoding="utf-8") == before


def _problems(root: Path) -> list[str]:
    _, problems = build.start(root / "mkdocs.yml")
    return [str(p) for p in problems]


MUTATED = 8  # notes whose quoted words the mutation test changes


def test_a_corrected_real_edition_is_reanchored(tmp_path: Path) -> None:
    """Words changed inside the quotes of several notes of the real edition (and pinned): each note is reported
    with the changed passage as its suggestion; `reanchor` writes them in, and the strict check passes."""
    root = tmp_path / "edition"
    root.mkdir()
    for part in ("mkdocs.yml", "docs", "bibliography"):
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy)(REPO / part, root / part)
    essay_file = root / "docs/essay/index.md"
    essay = essay_file.read_text(encoding="utf-8")
    changed: dict[str, tuple[str, str]] = {}
    for note in sorted((root / "docs/notes").glob("*/*.md")):
        m = re.search(r"^quote: ['\"]?(.*?)['\"]?$", note.read_text(encoding="utf-8"), re.MULTILINE)
        inner = re.findall(r"[A-Za-z]{5,}", m.group(1))[1:-1] if m else []
        if not m or not inner or len(m.group(1)) < 25 or essay.count(m.group(1)) != 1:
            continue
        new = m.group(1).replace(max(inner, key=len), "altered", 1)
        essay = essay.replace(m.group(1), new)
        changed[note.relative_to(root).as_posix()] = (m.group(1), new)
        if len(changed) == MUTATED:
            break
    essay_file.write_text(essay, encoding="utf-8")
    assert main(["--config", str(root / "mkdocs.yml"), "pin"]) == 0
    problems = _problems(root)
    assert len(problems) == MUTATED and all(p.endswith("[stale-quote]") for p in problems)
    for source, (_, new) in changed.items():
        line = next(p for p in problems if p.startswith(f"{source}:"))
        assert f"the closest passage now is quote: '{new}'," in line and "run `make reanchor` to take it" in line
    before = {s: (root / s).read_text(encoding="utf-8") for s in changed}
    status, lines = reanchor.run(root / "mkdocs.yml")
    assert status == 0, lines
    assert _problems(root) == []
    for source, text in before.items():  # only the quoted words changed, in the quote's own style
        after = (root / source).read_text(encoding="utf-8")
        old, new = changed[source]
        assert after == text.replace(f"quote: {old}", f"quote: {new}").replace(f"quote: '{old}'", f"quote: '{new}'")


def test_feeds_are_valid_newest_first_and_the_same_every_time(tmp_path: Path) -> None:
    """All notes, and one feed per course and per tag; feedparser reads each without error; a withdrawn note
    says so; no date comes from the clock."""
    root = make_site("", tmp_path / "src")
    settings, _ = read_settings(root / "mkdocs.yml")
    assert settings is not None
    edition, _ = model.load(dataclasses.replace(settings, site_url="https://school.example/ed/"))
    assert edition is not None
    withdrawn = Withdrawal(edition.notes["state-context"].date.replace(day=28), "Superseded.")
    notes = {**edition.notes, "state-context": dataclasses.replace(edition.notes["state-context"],
                                                                   withdrawn=withdrawn, course="pols-210")}  # fmt: skip
    edition = dataclasses.replace(edition, notes=notes)
    urls = {"notes/opening/index.md": "notes/opening/", "notes/second-thoughts/index.md": "notes/second-thoughts/"}
    made = feeds.feeds(edition, urls)
    assert set(made) == {"feed.xml", "feeds/course/pols-210.xml", "feeds/tag/state.xml"}
    assert feeds.feeds(edition, urls) == made
    for xml in made.values():
        parsed = feedparser.parse(xml)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
    entries = feedparser.parse(made["feed.xml"]).entries
    assert [e.id.rsplit("#", 1)[1] for e in entries] == [
        "note-state-context",  # withdrawn on the 28th: its latest change
        "note-dual-power-answer",
        "note-dual-power-question",
    ]
    assert entries[0].title.startswith("Withdrawn: Context on ¶ 1")
    assert entries[0].link == "https://school.example/ed/notes/opening/#note-state-context"
    assert "<updated>2026-11-28T00:00:00+00:00</updated>" in made["feed.xml"]


NEW_NOTE = """---
paragraph: temper-gentle
quote: her temper sets the temper of the hive
authors: [editors]
date: 2026-11-29
kind: argument
course: beekeeping-101
tags: [queens]
---
The queen's temper is the hive's.
"""
SWARM_NOTE = """---
paragraph: summer-season
quote: the old queen leaves with half her workers
authors: [editors]
date: 2026-11-29
kind: history
withdrawn: {date: 2026-11-30, reason: A better note replaces it.}
---
Swarming.
"""


@pytest.mark.browser
@pytest.mark.slow
def test_a_text_imported_annotated_corrected_and_reanchored(tmp_path: Path, browser: Browser) -> None:
    """The whole flow on a short text that is not the essay: import, add notes, correct a word inside a note's
    passage and merge two paragraphs (pinned), see the stale notes with their suggestions, reanchor, build
    strictly; the site passes the link checker, and a reader finds the notes, the retired paragraph's links,
    the changelog, the versioned citation and the feed."""
    from conftest import serve

    root = make_site("", tmp_path / "src")
    shutil.copytree(REPO / "overrides", root / "overrides")  # the edition's theme, as a fork has it
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    )
    (tmp_path / "bees.txt").write_text(TEXT, encoding="utf-8")
    facts = ["--author", "Ann O'Hara", "--venue", "The Rural Review", "--date", "Spring 1911", "--replace"]
    assert main(["--config", str(root / "mkdocs.yml"), "import", str(tmp_path / "bees.txt"), *facts]) == 0
    assert _problems(root) == []
    imported, _ = read_settings(root / "mkdocs.yml")
    assert imported is not None and imported.file_name == "on-keeping-bees-edition"  # its books, its name
    notes = root / "docs/notes"
    (notes / "temper-gentle").mkdir()
    (notes / "temper-gentle/queens-temper.md").write_text(NEW_NOTE, encoding="utf-8")
    (notes / "summer-season").mkdir()
    (notes / "summer-season/swarming.md").write_text(SWARM_NOTE, encoding="utf-8")
    assert _problems(root) == []
    # The correction: a word inside the first note's passage, and the last paragraph merged into the one before.
    essay_file = root / "docs/essay/index.md"
    essay = essay_file.read_text(encoding="utf-8").replace("sets the temper", "shapes the temper")
    essay = essay.replace("of brood.\n\n* * *\n\n{#summer-season} Summer", "of brood. Summer")
    essay_file.write_text(essay, encoding="utf-8")
    assert main(["--config", str(root / "mkdocs.yml"), "pin"]) == 0
    assert (root / "docs/essay/retired.yml").read_text(encoding="utf-8").endswith("summer-season: spring-wakes\n")
    assert _problems(root) == [
        "docs/notes/summer-season/swarming.md:2: paragraph 'summer-season' was retired by a correction "
        "(docs/essay/retired.yml:2); its words are now in 'spring-wakes' (¶ 3); the closest passage is quote: "
        "'the old queen leaves with half her workers', 100% alike: run `make reanchor` to take it "
        "[retired-paragraph]",
        "docs/notes/temper-gentle/queens-temper.md:3: quote 'her temper sets the temper of the hive' no longer "
        "matches paragraph 'temper-gentle' (¶ 2); the closest passage now is quote: 'her temper shapes the temper "
        "of the hive', 89% alike: run `make reanchor` to take it [stale-quote]",
    ]
    status, lines = reanchor.run(root / "mkdocs.yml")
    assert status == 0, lines
    assert (notes / "spring-wakes/swarming.md").is_file() and not (notes / "summer-season").exists()
    assert _problems(root) == []
    result = build_site(root, tmp_path / "site", strict=True)
    assert result.ok, result.errors + result.warnings
    site = result.site
    assert linkcheck(site, "/fixture/") == []
    for xml in [site / "feed.xml", *site.glob("feeds/**/*.xml")]:
        assert feedparser.parse(xml.read_text(encoding="utf-8")).bozo == 0, xml
    url, server = serve(site)
    try:
        _read(browser, url)
    finally:
        server.shutdown()


def _read(browser: Browser, url: str) -> None:
    """What a reader of the imported edition sees."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url + "essay/")
    expect(page.locator("h1")).to_contain_text("On Keeping Bees")
    expect(page.locator("#temper-gentle mark.dp-quote")).to_have_text("her temper shapes the temper of the hive")
    expect(page.locator("#notes-temper-gentle .dp-note")).to_have_count(1)
    assert page.locator("#note-swarming").count() == 0, "a withdrawn note leaves the margin"
    feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed.get_attribute("href") == "../feed.xml"
    expect(page.locator(".dp-cite-box")).to_contain_text("version 1.0")
    page.goto(url + "essay/#summer-season")  # a retired id leads to the paragraph that holds its words
    expect(page).to_have_url(re.compile(r"#spring-wakes$"))
    page.goto(url + "notes/summer-season/#note-swarming")  # and so does its page, to the same note
    expect(page).to_have_url(re.compile(r"notes/spring-wakes/#note-swarming$"))
    expect(page.locator("#note-swarming .dp-note__withdrawn")).to_contain_text("A better note replaces it.")
    page.goto(url)
    expect(page.locator(".dp-feed a")).to_have_attribute("href", "feed.xml")
    page.goto(url + "changelog/")
    expect(page.locator("h1")).to_contain_text("Changes")
    expect(page.locator("#version-1-0")).to_contain_text("Version 1.0")
    assert errors == []
    context.close()


@pytest.mark.browser
def test_the_changelog_and_the_versioned_citation(browser: Browser, site_url: str) -> None:
    """The real edition: the changes page lists the release citations name, reached from About; "Cite this"
    names the same version."""
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page: Any = context.new_page()
    page.goto(site_url + "about/")
    page.get_by_role("link", name="the changes").click()
    expect(page.locator("h1")).to_contain_text("Changes")
    expect(page.locator("#version-1-1")).to_contain_text("Version 1.1")
    expect(page.locator(".dp-changes").first).to_contain_text("Notes added")
    page.goto(site_url + "essay/")
    page.locator(".dp-cite-box summary").click()
    expect(page.locator(".dp-cite-box .dp-cite-chicago")).to_contain_text("version 1.1")
    context.close()
