"""Rendering choices that depend on settings: course selection, repository links."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from edition import build
from sitebuild import build_site, make_site

NOTE = "---\nparagraph: closing\nauthors: [editors]\ndate: 2026-11-25\nkind: context\ncourse: {course}\n---\n{body}\n"


def _with_settings(root: Path, extra: str, top: str = "") -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("    essay: essay/index.md\n", "    essay: essay/index.md\n" + extra)
    config.write_text(top + text, encoding="utf-8")


def test_courses_setting_selects_course_notes(tmp_path: Path) -> None:
    """With `courses: [pols-210]`, that course's notes appear, another course's do not, uncoursed ones do."""
    root = make_site("", tmp_path / "src")
    (root / "docs/notes/closing").mkdir(parents=True, exist_ok=True)
    (root / "docs/notes/closing/ours.md").write_text(NOTE.format(course="pols-210", body="Ours."), encoding="utf-8")
    (root / "docs/notes/closing/theirs.md").write_text(NOTE.format(course="hist-101", body="Theirs."), encoding="utf-8")
    _with_settings(root, "    courses: [pols-210]\n")
    result = build_site(root, tmp_path / "out")
    assert result.ok, result.problems
    page = (tmp_path / "out/notes/closing/index.html").read_text(encoding="utf-8")
    assert 'id="note-ours"' in page and 'id="note-theirs"' not in page
    assert 'id="note-state-context"' in (tmp_path / "out/notes/opening/index.html").read_text(encoding="utf-8")


def test_another_courses_content_is_not_published_at_all(tmp_path: Path) -> None:
    """Course selection removes: another course's note and path are in no page, no file, no search entry
    and no export; the checker still validates them, and agrees with the build."""
    root = make_site("", tmp_path / "src")
    (root / "docs/notes/closing").mkdir(parents=True, exist_ok=True)
    (root / "docs/notes/closing/theirs.md").write_text(
        NOTE.format(course="hist-101", body="Theirs-marker."), encoding="utf-8"
    )
    path = (root / "docs/paths/tour.md").read_text(encoding="utf-8")
    (root / "docs/paths/their-tour.md").write_text(
        path.replace("title: A short tour", "title: Their-tour-marker\ncourse: hist-101"), encoding="utf-8"
    )
    _with_settings(root, "    courses: [pols-210]\n")
    result = build_site(root, tmp_path / "out")
    assert result.ok, result.problems
    everything = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "out").rglob("*") if p.is_file()
    )
    assert "Theirs-marker" not in everything and "Their-tour-marker" not in everything
    assert not (tmp_path / "out/paths/their-tour").exists()
    assert not list((tmp_path / "out").rglob("*.md")), "no source file is published"

    from edition import build

    (root / "docs/notes/closing/theirs.md").write_text(
        NOTE.format(course="hist-101", body="<script>alert(1)</script>"), encoding="utf-8"
    )
    _, problems = build.start(root / "mkdocs.yml")
    assert [p.code for p in problems] == ["raw-html"], "content of another course is still checked"
    assert not build_site(root, tmp_path / "again").ok, "and the build refuses what the checker refuses"


def _suggest_href(page: str) -> str:
    """The first "Suggest a note" link of a built page."""
    start = page.index('class="dp-suggest" href="') + len('class="dp-suggest" href="')
    return page[start : page.index('"', start)].replace("&amp;", "&")


def test_repository_links_when_repo_url_is_set(tmp_path: Path) -> None:
    """With a GitHub repo_url: "Suggest a note" opens GitHub's new-file page prefilled, and notes get "Edit"."""
    root = make_site("", tmp_path / "src")
    top = "repo_url: https://github.com/example/edition\nedit_uri: edit/main/docs/\n"
    _with_settings(root, "", top)
    result = build_site(root, tmp_path / "out")
    assert result.ok, result.problems
    essay = (tmp_path / "out/essay/index.html").read_text(encoding="utf-8")
    url = urlsplit(_suggest_href(essay))
    assert url.netloc == "github.com" and url.path == "/example/edition/new/main/docs/notes/opening"
    query = parse_qs(url.query)
    assert query["filename"] == ["opening-your-note.md"]
    assert query["value"][0].startswith("---\nparagraph: opening\n")
    assert 'href="https://github.com/example/edition/edit/main/docs/notes/opening/state-context.md"' in essay
    term = (tmp_path / "out/glossary/state/index.html").read_text(encoding="utf-8")
    assert "https://github.com/example/edition/edit/main/docs/glossary/state.md" in term


def test_suggested_notes_go_where_the_notes_are(tmp_path: Path) -> None:
    """With another docs_dir, "Suggest a note" opens the new file in that folder's notes, where `make note`
    writes them, not in docs/."""
    root = make_site("", tmp_path / "src")
    (root / "docs").rename(root / "content")
    top = "docs_dir: content\nrepo_url: https://github.com/example/edition\nedit_uri: edit/main/content/\n"
    _with_settings(root, "", top)
    result = build_site(root, tmp_path / "out")
    assert result.ok, result.problems
    essay = (tmp_path / "out/essay/index.html").read_text(encoding="utf-8")
    assert urlsplit(_suggest_href(essay)).path == "/example/edition/new/main/content/notes/opening"


def test_no_repository_links_without_repo_url(tmp_path: Path) -> None:
    """Without repo_url there is nothing to suggest to: no such links at all."""
    root = make_site("", tmp_path / "src")
    result = build_site(root, tmp_path / "out")
    assert result.ok
    essay = (tmp_path / "out/essay/index.html").read_text(encoding="utf-8")
    assert "dp-suggest" not in essay and "dp-note__edit" not in essay


def test_note_spanning_paragraphs_appears_once_on_the_essay_page(tmp_path: Path) -> None:
    """A note on two paragraphs: once in the essay's margin (unique ids), on both paragraphs' pages."""
    import re

    from linkcheck import check

    root = make_site("", tmp_path / "src")
    (root / "docs/notes/opening").mkdir(parents=True, exist_ok=True)
    note = "---\nparagraph: [opening, closing]\nauthors: [editors]\ndate: 2026-11-25\nkind: argument\n---\nBoth.\n"
    (root / "docs/notes/opening/spanning.md").write_text(note, encoding="utf-8")
    result = build_site(root, tmp_path / "out")
    assert result.ok, result.problems
    essay = (tmp_path / "out/essay/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', essay)
    assert ids.count("note-spanning") == 1 and len(ids) == len(set(ids))
    for pid in ("opening", "closing"):
        assert 'id="note-spanning"' in (tmp_path / f"out/notes/{pid}/index.html").read_text(encoding="utf-8")
    assert check(tmp_path / "out", "/fixture/") == []


def test_first_sentence_ends_at_a_sentence_not_a_quote_or_an_initial() -> None:
    """Openings and teasers stop after the first sentence: not at a closing quote, nor inside "U.S."."""
    from edition.markup import first_sentence

    assert first_sentence("Yet the term “dual power” came from 1917. There was more.", 90) == (
        "Yet the term “dual power” came from 1917."
    )
    assert first_sentence("He said “no.” Then he left.", 90) == "He said “no.”"
    assert first_sentence("The U.S. Revolution and Martin L. King. Next.", 90) == (
        "The U.S. Revolution and Martin L. King."
    )
    assert first_sentence("One two three four five six", 15) == "One two three…"


def test_the_model_is_as_loaded_after_a_whole_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering every page, the exports and the feeds reads the model and changes nothing in it: the loaded
    edition (its notes, replies, terms, uses, paths, works) prints the same before and after the build."""
    started: list[tuple[Any, str]] = []
    start = build.start

    def recording(*args: Any, **kwargs: Any) -> tuple[Any, Any]:
        current, problems = start(*args, **kwargs)
        if current is not None:
            started.append((current, repr(current.edition)))
        return current, problems

    monkeypatch.setattr(build, "start", recording)
    result = build_site(make_site("", tmp_path / "src"), tmp_path / "out")
    assert result.ok, result.problems
    [(current, loaded)] = started
    assert "Use(" in loaded and "replies_to='dual-power-question'" in loaded  # what the build reads is in it
    assert repr(current.edition) == loaded


def test_placeholders_in_a_row_are_converted_as_one_and_the_page_is_the_same(tmp_path: Path) -> None:
    """Fragments that follow one another go to Python-Markdown as one placeholder, and the page it converts,
    with the fragments put back, is the same as with one placeholder each; a placeholder that is not a
    paragraph of its own (text before it, an attribute list after it) is left alone."""
    import dataclasses

    import markdown
    import yaml
    from edition import model
    from edition.escaping import Markup
    from edition.render.inline import Inline, fill
    from edition.sources import read_settings

    root = make_site("", tmp_path / "src")
    settings, problems = read_settings(root / "mkdocs.yml")
    assert settings is not None, problems
    edition, _ = model.load(dataclasses.replace(settings))
    assert edition is not None
    config = yaml.load((Path(__file__).parents[1] / "mkdocs.yml").read_text(encoding="utf-8"), yaml.BaseLoader)
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    options = {next(iter(e)): dict(e[next(iter(e))]) for e in config["markdown_extensions"] if isinstance(e, dict)}
    options["toc"]["permalink"] = True

    def page(inline: Inline) -> str:
        div = [inline.html(Markup('<div id="d{}">{}</div>').format(i, i)) for i in range(9)]
        lazy = "A line of text\n" + div[5].strip() + "\n"  # a placeholder continuing a paragraph
        with_attributes = div[8].rstrip("\n") + "\n{: .kept }\n\n"  # a placeholder given attributes
        heading = "## Notes {: #notes }"
        return "".join([*div[:2], heading, *div[2:5], lazy, div[6], "- an item\n", div[7], with_attributes])

    converted = []
    for gather in (False, True):
        inline = Inline(edition, "about.md", None, {"about.md": "about/"})
        text = page(inline)
        text = inline.gathered(text) if gather else text
        html = markdown.Markdown(extensions=extensions, extension_configs=options).convert(text)
        converted.append((text.count("dp-fragment-"), fill(html, inline.fragments)))
    (apart, one_each), (together, gathered) = converted
    assert gathered == one_each
    assert 'id="d5"' not in gathered and 'class="kept"' in gathered  # not a paragraph of its own: left as it was
    assert (apart, together) == (9, 6)  # 0–1 and 2–4 made one each; 5, 6, 7 and 8 as they were


def _loaded(tmp_path: Path) -> Any:
    import dataclasses

    from edition import model
    from edition.sources import read_settings

    settings, problems = read_settings(make_site("", tmp_path / "src") / "mkdocs.yml")
    assert settings is not None, problems
    edition, _ = model.load(dataclasses.replace(settings))
    assert edition is not None
    return edition


def test_a_release_version_is_shown_as_typed_and_sets_nothing(tmp_path: Path) -> None:
    """A version is plain text in the changelog's headings: Markdown in it (an attribute list giving an element
    data-clipboard-text, which Material's copy script reads) is shown, not applied."""
    import dataclasses
    import datetime as dt

    import markdown
    from edition.changelog import Release
    from edition.render.changelog import changelog_page
    from edition.render.inline import Inline, fill

    edition = _loaded(tmp_path)
    version = "1 *a*{: data-clipboard-text='rm -rf ~' }"
    releases = (Release(version, dt.date(2026, 1, 1), "", (), (), 1),)
    edition = dataclasses.replace(edition, releases=releases)
    inline = Inline(edition, "changelog.md", None, {"changelog.md": "changelog/"})
    page = changelog_page(edition, inline)
    html = fill(markdown.Markdown(extensions=["attr_list", "toc"]).convert(page), inline.fragments)
    from html.parser import HTMLParser

    names: set[str] = set()

    class Attributes(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names.update(name for name, _ in attrs)

    Attributes().feed(html)
    assert "data-clipboard-text" not in names and "<em>" not in html
    assert f"Version {version} · " in html.replace("&#x27;", "'")


def test_previews_of_a_term_and_a_work_never_share_an_id(tmp_path: Path) -> None:
    """A term whose id is "ref-<key>" and the work <key> are previewed on one page under two ids (a script
    finds the first element of an id: one would stand for the other)."""
    import re

    from edition.citations import Citations
    from edition.render.inline import Inline

    edition = _loaded(tmp_path)
    term = next(iter(edition.terms))
    key = next(iter(edition.works))
    edition.terms.setdefault(f"ref-{key}", edition.terms[term])  # a term named as the work's anchor
    inline = Inline(edition, "about.md", Citations(references={key: "A reference."}), {"about.md": "about/"})
    inline.terms_used[f"ref-{key}"] = None
    inline.works_used[key] = None
    inline.definitions()
    ids = re.findall(r'\sid="([^"]+)"', "".join(inline.fragments))
    assert len(ids) == 2 and len(set(ids)) == 2, ids


def test_a_release_whose_version_reads_as_another_in_a_link_is_refused() -> None:
    """Versions "1.1" and "1-1" would share an anchor (#version-1-1), and a citation of one would lead to the
    other: the newer is refused, with its line."""
    import datetime as dt

    from edition import changelog
    from edition.changelog import Release

    older = Release("1.1", dt.date(2026, 1, 1), "", (), (), 3)
    newer = Release("1-1", dt.date(2026, 2, 1), "", (), (), 9)
    (found,) = changelog._against(newer, [older], "docs/changelog.yml", 1)
    assert str(found).startswith("docs/changelog.yml:9: ") and "#version-1-1" in str(found)
    newer = Release("1.0", dt.date(2025, 12, 1), "", (), (), 9)  # listed after 1.1, as an older release is
    assert changelog._against(newer, [older], "x", 1) == []


def test_a_byline_isolates_each_name(tmp_path: Path) -> None:
    """A name written right to left cannot reorder a byline: each name is isolated (<bdi>), the commas outside,
    and the sanitiser keeps the isolation."""
    import dataclasses

    from edition.contributors import Contributor
    from edition.render.notes import authors_html
    from edition.render.sanitise import sanitise

    edition = _loaded(tmp_path)
    people = {**edition.contributors, "heb": Contributor("heb", "אבג", "", "docs/contributors.yml", 3)}
    edition = dataclasses.replace(edition, contributors=people)
    note = dataclasses.replace(next(iter(edition.notes.values())), authors=("heb", "editors"))
    html = sanitise(str(authors_html(note, edition)))
    assert html == "<bdi>אבג</bdi>, <bdi>The editors</bdi>", html


def test_a_layer_isolates_its_contributors_name(tmp_path: Path) -> None:
    """A contributor's name written right to left cannot carry the count beside it to its other side: each
    layer's label is isolated (<bdi>) from its count."""
    import dataclasses

    from edition.contributors import Contributor
    from edition.render.reader import reader_tools

    edition = _loaded(tmp_path)
    people = {**edition.contributors, "heb": Contributor("heb", "אבג", "", "docs/contributors.yml", 3)}
    edition = dataclasses.replace(edition, contributors=people)
    note = dataclasses.replace(next(iter(edition.notes.values())), authors=("heb",))
    tools = str(reader_tools([note], edition))
    assert '<bdi>אבג</bdi> <span class="dp-layer__count">(1)</span>' in tools, tools
