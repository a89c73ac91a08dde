"""Citations and works cited: pandoc's Markdown made plain for readers, and the .bib files read once by pybtex."""

from __future__ import annotations

import functools
import html
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from edition import works
from edition.citations import Citations, tidy
from edition.sources import Source
from sitebuild import FIXTURES, BuildResult

if TYPE_CHECKING:
    from edition.essay import Paragraph
    from edition.model import Edition

# What pandoc (through mkdocs-bibtex) writes → what the edition shows, exactly. pandoc writes Markdown
# with its `smart` extension, so typography comes back as ASCII; and mkdocs-bibtex hands pandoc the
# entries as pybtex writes them back, which turns BibTeX's "\&" into "\\&", a TeX line break ("\" at
# the end of a line, joined to the next by mkdocs-bibtex).
TIDY = [
    ("Harper\\ & Row.", "Harper & Row."),
    ("George Allen\\ & Unwin.", "George Allen & Unwin."),
    ("*The Soviets, 1905--1921*.", "*The Soviets, 1905–1921*."),
    ("*New Politics* 5 (1, Winter): 57--84.", "*New Politics* 5 (1, Winter): 57–84."),
    ("Power---and Money", "Power—and Money"),
    ("What Is to Be Done...", "What Is to Be Done…"),
    ("an escaped \\... stays", "an escaped \\... stays"),
    ('"The Dual Power." *Pravda*', "“The Dual Power.” *Pravda*"),
    ("*Why We Can't Wait*", "*Why We Can’t Wait*"),
    ("Workers' Control", "Workers’ Control"),
    ("\"Letter on 'Dual Power.'\"", "“Letter on ‘Dual Power.’”"),
    ("Anti-Dühring: [Herr Eugen Dühring's]{.nocase} Revolution", "Anti-Dühring: Herr Eugen Dühring’s Revolution"),
    ("[Pravda]{.nocase}, no. 28", "Pravda, no. 28"),
    (
        "[https://archive.org/al\\\\\\_Murray--x](https://archive.org/al\\_Murray--x).",
        "<https://archive.org/al_Murray--x>.",
    ),
    ("<https://doi.org/10.1080/1474--2837>.", "<https://doi.org/10.1080/1474--2837>."),
    ("(Anweiler \\[1958\\] 1974, 12--14)", "(Anweiler \\[1958\\] 1974, 12–14)"),
    ("Marx and Engels 2002", "Marx and Engels 2002"),
    # No HTML gets through from a .bib field: a "<" pandoc wrote ("\\<" too) is text; an autolink stays one.
    ('Example Press\\<span id="\\_\\_config" $>$', "Example Press&lt;span id=“\\_\\_config” $>$"),
    ("a <b>bold</b> <https://example.org/>", "a &lt;b>bold&lt;/b> <https://example.org/>"),
    ("see <https://e/<b>x", "see &lt;https://e/&lt;b>x"),  # no autolink holds a "<"
]


@pytest.mark.parametrize(("written", "shown"), TIDY)
def test_pandoc_output_is_made_plain_markdown(written: str, shown: str) -> None:
    """Each piece of pandoc's output becomes exactly this Markdown: no TeX, no pandoc-only syntax."""
    assert tidy(written) == shown


def test_inline_citations_and_labels_are_tidied_too() -> None:
    """A citation's locator gets the same typography as the references ("12--14" → "12–14")."""

    def formatter(blocks: list[str], keys: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        inline = {"@a": "(Doe 2001)", "@a, pp. 12-14": "(Doe 2001, 12--14)"}
        return inline, {"a": "Doe, Jane. 2001. *A--Z*. Harper\\ & Row."}

    from edition.references import Text

    cited = Citations.format([Text("note", "n", "See [@a, pp. 12-14].", "n.md", 1)], ["a"], formatter)
    assert cited.inline("[@a, pp. 12-14]", ("a",)) == [("a", "Doe 2001, 12–14")]
    assert cited.labels == {"a": "Doe 2001"}
    assert cited.reference("a") == "Doe, Jane. 2001. *A–Z*. Harper & Row."


# --- The works-cited list as readers see it --------------------------------------------------------

GOLDEN = FIXTURES / "golden" / "works-cited.txt"
_ENTRY = re.compile(r'<div class="dp-work" id="ref-([^"]+)"><p class="dp-work__ref">(.*?)</p>', re.S)
_TEX = re.compile(r"\\|\w--\w|---|``|''|\{|\}|~")  # what TeX or pandoc markup would leave behind


def _entries(site: Path) -> list[str]:
    """`key: text` for every entry of the works-cited page, in the page's order, as plain text."""
    page = (site / "bibliography" / "index.html").read_text(encoding="utf-8")
    return [f"{key}: {html.unescape(re.sub(r'<[^>]+>', '', ref)).strip()}" for key, ref in _ENTRY.findall(page)]


def test_the_works_cited_list_matches_its_golden_file(real_site: BuildResult) -> None:
    """Every entry's text, exactly as the works-cited page shows it (fixtures/golden/works-cited.txt);
    after a deliberate change to bibliography/*.bib, rewrite it with UPDATE_GOLDEN=1 and review the diff."""
    shown = "\n".join(_entries(real_site.site)) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(shown, encoding="utf-8")
    assert shown == GOLDEN.read_text(encoding="utf-8")


def test_no_tex_reaches_a_reader(real_site: BuildResult) -> None:
    """No entry, and no page's text outside the BibTeX boxes, shows TeX escapes, braces or ASCII dashes."""
    entries = _entries(real_site.site)
    assert len(entries) >= 35
    assert [e for e in entries if _TEX.search(e.split(": ", 1)[1])] == []
    seen = []
    for page in sorted(real_site.site.rglob("*.html")):
        body = page.read_text(encoding="utf-8")
        body = body[body.find('<article class="md-content__inner') : body.find("</article>")]
        body = re.sub(r"(?s)<(pre|script|style)\b.*?</\1>", " ", body)  # the BibTeX to copy is BibTeX
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
        seen += [f"{page.relative_to(real_site.site)}: {m.group(0)!r}" for m in re.finditer(r"\\[ &%$#_]|\d--\d", text)]
    assert seen == []


# --- Reading .bib files: pybtex, once -------------------------------------------------------------

CANNOT = "cannot read this BibTeX: "
BIB = [
    (
        "@book{a,\n  title = {Unclosed,\n  year = {2000}\n",
        f"x.bib:2: {CANNOT}unbalanced '{{': it is never closed [bib-syntax]",
    ),
    ("@book{a, title={x} year={2000}}\n", f"x.bib:1: {CANNOT}syntax error: '}}' expected [bib-syntax]"),
    (
        "@book{a,\n  title = {x},\n  title = {y}\n}\n",
        f"x.bib:1: {CANNOT}field 'title' appears twice in @book{{a}} [bib-syntax]",
    ),
    (
        "@book{a,\n  year = draft\n}\n",
        f"x.bib:2: {CANNOT}'draft' is not a defined @string: put the value in {{braces}} [bib-syntax]",
    ),
    (
        "@comment{x}\n\n@online{b,\n  author = {Roe, R.},\n  title = {T},\n  year = 2000,\n  url = {javascript:x}\n}\n",
        "x.bib:3: link to 'javascript:x' is not allowed: only http, https, mailto and relative links [unsafe-link]",
    ),
    (
        "@book{c,\n  title = {T},\n  year = {2000}\n}\n",
        "x.bib:1: @book{c} is missing author or editor, publisher [missing-bib-field]",
    ),
]


@pytest.mark.parametrize(("bib", "message"), BIB)
def test_a_bib_file_is_read_by_pybtex_with_its_lines(bib: str, message: str, tmp_path: Path) -> None:
    """pybtex reads the file; each problem names the line of its entry (or of the unclosed brace)."""
    (tmp_path / "x.bib").write_text(bib, encoding="utf-8")
    _, problems = works.load_file(Source(tmp_path / "x.bib", "x.bib"))
    assert [str(p) for p in problems] == [message]


def test_a_key_repeated_in_one_file_names_both_lines(tmp_path: Path) -> None:
    """pybtex would refuse the file without a line; the edition reports the repeat at both places (and, as
    pybtex compares keys without case, "Marx" repeats "marx")."""
    entry = "@book{{{key},\n  author = {{Doe, J.}},\n  title = {{T}},\n  year = 2000,\n  publisher = {{P}}\n}}\n\n"
    (tmp_path / "x.bib").write_text("".join(entry.format(key=k) for k in ("marx", "other", "Marx")), encoding="utf-8")
    found, problems = works.load_file(Source(tmp_path / "x.bib", "x.bib"))
    assert problems == [] and [(w.key, w.line) for w in found] == [("marx", 1), ("other", 8), ("Marx", 15)]
    assert [str(p) for p in works.validate(found)] == [
        "x.bib:15: work key 'Marx' is also defined at x.bib:1 [duplicate-work]"
    ]


def test_a_work_gives_its_fields_as_readers_see_them() -> None:
    """Names in reading order and fields without TeX, decoded by pybtex (for the "Cite this" boxes)."""
    fields = {
        "author": "King, Jr., Martin Luther and {Human Rights Watch}",
        "title": "The {Russian} Revolution, 1962--1968",
        "publisher": "Harper \\& Row",
    }
    work = works.Work("k", "book", fields)
    assert work.names() == ["Martin Luther King Jr.", "Human Rights Watch"]
    assert work.text("title") == "The Russian Revolution, 1962–1968"
    assert work.text("publisher") == "Harper & Row"


# --- The edition's own facts come from mkdocs.yml and the essay's .bib entry -----------------------


def _fixture_with(settings: str, tmp_path: Path) -> Path:
    """The base fixture site with these lines added under extra.edition; its mkdocs.yml."""
    from sitebuild import make_site

    config = make_site("", tmp_path / "src") / "mkdocs.yml"
    essay = "    essay: essay/index.md\n"
    config.write_text(config.read_text(encoding="utf-8").replace(essay, essay + settings), encoding="utf-8")
    return config


def test_the_edition_is_cited_from_its_settings_and_the_essays_entry(tmp_path: Path) -> None:
    """extra.edition.essay_key names the essay's entry: "Cite this edition" takes its author, title and
    venue from there, and extra.edition.title (or site_name) for the edition; nothing is in the code."""
    from edition import model
    from edition.render.bibliography import cite_edition
    from edition.sources import read_settings

    settings, problems = read_settings(_fixture_with("    essay_key: test-work\n    title: A Fork\n", tmp_path))
    assert settings is not None and (settings.essay_key, settings.title) == ("test-work", "A Fork"), problems
    edition, _ = model.load(settings)
    assert edition is not None
    box = html.unescape(cite_edition(edition, settings.title, "2026"))
    chicago = (
        "The editors, eds. 2026. A Fork. Annotated edition of Jane Doe, “A Test Work” (Test Press, 2001). "
        "https://example.org/fixture/."
    )
    assert chicago in box
    assert "note = {Annotated edition of Jane Doe, ``A Test Work'' (Test Press, 2001)}" in box
    assert "@misc{test-work-edition," in box


def test_the_edition_is_cited_at_its_version(tmp_path: Path) -> None:
    """extra.edition.version and date name the release in "Cite this edition"; the date gives the year."""
    from edition import model
    from edition.render.bibliography import cite_edition
    from edition.sources import read_settings

    lines = '    essay_key: test-work\n    title: A & B\n    version: "2.0"\n    date: 2025-03-04\n'
    settings, problems = read_settings(_fixture_with(lines, tmp_path))
    assert settings is not None, problems
    assert (settings.version, str(settings.date)) == ("2.0", "2025-03-04")
    edition, _ = model.load(settings)
    assert edition is not None
    box = html.unescape(cite_edition(edition, settings.title, "2026"))
    assert "The editors, eds. 2025. A & B. Version 2.0 (March 4, 2025). Annotated edition of" in box
    assert "title = {A \\& B}," in box  # plain text from mkdocs.yml, made TeX
    assert "howpublished = {Online edition, version 2.0}," in box and "month = {March}," in box


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("version: 1.10", 'must be a version in quotes, e.g. "1.1" (of at most 40 characters)'),
        ("date: 2999-01-01", "must be a date like 2026-11-25, from 2000-01-01 to today, not '2999-01-01'"),
        ("date: soon", "must be a date like 2026-11-25, from 2000-01-01 to today, not 'soon'"),
    ],
)
def test_a_bad_version_or_date_is_refused_at_its_line(line: str, reason: str, tmp_path: Path) -> None:
    """The version is text (an unquoted 1.10 would be the number 1.1); the date is a real, past date."""
    from edition.sources import read_settings

    config = _fixture_with(f"    {line}\n", tmp_path)
    number = config.read_text(encoding="utf-8").splitlines().index(f"    {line}") + 1
    setting = line.split(":")[0]
    _, problems = read_settings(config)
    assert [str(p) for p in problems] == [
        f"mkdocs.yml:{number}: setting 'extra.edition.{setting}' {reason} [bad-setting]"
    ]


# --- "Cite this" as the built site gives it --------------------------------------------------------

# Classic BibTeX's fields (btxdoc), and url: what any reference manager reads. Not biblatex's issue, urldate…
STANDARD_BIBTEX = {
    "author", "editor", "title", "journal", "year", "month", "volume", "number", "pages", "note", "url",
    "howpublished", "publisher", "address", "edition",
}  # fmt: skip
_BOX = re.compile(
    r'<div class="language-(text|bibtex) dp-cite-(?:chicago|bibtex) highlight"><pre>.*?<code>(.*?)</code>', re.S
)
_URL = re.compile(r"https?://\S+?(?=\.?(?:\s|$))")


def _boxes(site: Path) -> list[tuple[str, str, str]]:
    """(page, Chicago text, BibTeX text) of every "Cite this" box: home, essay and paragraph pages."""
    pages = [site / "index.html", site / "essay" / "index.html", *sorted((site / "notes").glob("*/index.html"))]
    found = []
    for page in pages:
        texts = [
            html.unescape(re.sub(r"<[^>]+>", "", code)).strip() for _, code in _BOX.findall(page.read_text("utf-8"))
        ]
        found += [(str(page.relative_to(site)), texts[i], texts[i + 1]) for i in range(0, len(texts), 2)]
    return found


def _site_url(site: Path) -> str:
    """The site_url the site was built with, from its home page's canonical link."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8"))
    assert found is not None
    return found[1]


@functools.cache
def _real() -> tuple[Edition, str]:
    """The real edition (as mkdocs.yml and the content make it) and its essay's original address."""
    from edition import model
    from edition.sources import read_settings
    from sitebuild import REPO

    settings, problems = read_settings(REPO / "mkdocs.yml")
    assert settings is not None, problems
    edition, _ = model.load(settings)
    assert edition is not None and settings.version and settings.date
    return edition, edition.works[settings.essay_key].fields["url"]


def _version(edition: Edition) -> str:
    day = edition.settings.date
    assert day is not None
    return f"version {edition.settings.version} ({day:%B} {day.day}, {day.year})"


def _paragraph(edition: Edition, page: str) -> Paragraph | None:
    """The paragraph a page's box cites (None for the essay's own box)."""
    return edition.essay.paragraph(page.split("/")[1]) if page.startswith("notes/") else None


def test_cite_boxes_give_standard_bibtex_citing_the_original(real_site: BuildResult) -> None:
    """Every BibTeX entry to copy parses (pybtex) and has standard fields only; the essay's `url` is the
    original publication's, and its `note` carries this edition's address and version; the edition's entry
    is its own."""
    from pybtex.database import parse_string

    edition, original = _real()
    boxes = _boxes(real_site.site)
    assert len(boxes) == 2 + len(edition.essay.paragraphs), [b[0] for b in boxes]  # edition, essay, each ¶
    site_url = _site_url(real_site.site)
    for page, _, bib in boxes:
        entries = parse_string(bib, "bibtex").entries
        assert len(entries) == 1, page
        (entry,) = entries.values()
        assert set(entry.fields) | set(entry.persons) <= STANDARD_BIBTEX, (page, set(entry.fields))
        if page == "index.html":
            assert entry.type == "misc" and entry.fields["url"] == site_url
            assert f"version {edition.settings.version}" in entry.fields["howpublished"]
            continue
        para = _paragraph(edition, page)
        assert entry.type == "article" and entry.fields["url"] == original, page
        anchor = f"#{para.id}" if para else ""
        assert f"\\url{{{site_url}essay/{anchor}}}" in entry.fields["note"], (page, entry.fields["note"])
        assert f"version {edition.settings.version}" in entry.fields["note"]
        assert (
            (f"paragraph {para.number}," in entry.fields["note"]) if para else ("paragraph" not in entry.fields["note"])
        )


def test_chicago_citations_give_the_original_then_the_edition(real_site: BuildResult) -> None:
    """Each Chicago citation of the essay names one original address and then, after "Reprinted in", one
    address of this edition (the paragraph's own on a paragraph page); no TeX reaches the copied text."""
    edition, original = _real()
    site_url = _site_url(real_site.site)
    version = _version(edition)
    for page, chicago, _ in _boxes(real_site.site):
        assert not _TEX.search(chicago) and "\\" not in chicago, (page, chicago)
        urls = _URL.findall(chicago)
        if page == "index.html":
            assert urls == [site_url] and f" {version[0].upper()}{version[1:]}. " in chicago, chicago
            continue
        para = _paragraph(edition, page)
        here = f"{site_url}essay/" + (f"#{para.id}" if para else "")
        assert urls == [original, here], (page, chicago)
        first, then = chicago.split(" Reprinted in ")
        assert first.startswith("Price, Wayne. 2023. “") and first.endswith(f" {original}.")
        where = f", {version}" + (f", ¶ {para.number}" if para else "")
        assert then == f"{edition.settings.title}{where}. {here}.", (page, then)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("", ("", "Fixture edition")),  # no essay entry, so no "Cite this" box; the title is site_name
        ("    essay_key: Price_2023\n", ("Price_2023", "Fixture edition")),
    ],
)
def test_the_edition_settings_have_defaults(lines: str, expected: tuple[str, str], tmp_path: Path) -> None:
    """essay_key and title are optional: without them there is no essay to cite and the title is site_name."""
    from edition.sources import read_settings

    settings, problems = read_settings(_fixture_with(lines, tmp_path))
    assert settings is not None, problems
    assert (settings.essay_key, settings.title) == expected


def test_a_bad_essay_key_is_refused_at_its_line(tmp_path: Path) -> None:
    """An essay_key that cannot be a citation key is a bad setting."""
    from edition.sources import read_settings

    config = _fixture_with("    essay_key: not a key\n", tmp_path)
    line = config.read_text(encoding="utf-8").splitlines().index("    essay_key: not a key") + 1
    _, problems = read_settings(config)
    assert [str(p) for p in problems] == [
        f"mkdocs.yml:{line}: setting 'extra.edition.essay_key' must be the key of a BibTeX entry "
        "(letters, digits, '_' and '-'), e.g. price-conceptions [bad-setting]"
    ]


def test_formatted_citations_are_kept_only_for_the_same_inputs_and_setup(tmp_path: Path) -> None:
    """The citation cache formats again when anything the result depends on changes: a .bib file's bytes, how
    they are split between files, or the setup (mkdocs-bibtex's options, versions, code); so a build of a pull
    request on this machine leaves nothing that a later build of another branch takes."""
    from edition.citations import cached

    calls: list[str] = []

    def formatter(blocks: list[str], keys: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        calls.append(keys[0])
        return {}, {k: f"{k} as formatted {len(calls)}" for k in keys}

    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_text("@book{x,\n}\n", encoding="utf-8")
    second.write_text("@book{y,\n}\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def references(setup: str) -> dict[str, str]:
        return cached(formatter, cache, [first, second], setup)([], ["x"])[1]

    assert references("options 1") == {"x": "x as formatted 1"}
    assert references("options 1") == {"x": "x as formatted 1"} and len(calls) == 1  # kept
    assert references('options 2, footnote_format: "{key}] (see evil.example) [x"') == {"x": "x as formatted 2"}
    assert references("options 1") == {"x": "x as formatted 3"}  # only the newest is kept
    first.write_text("@book{x,\n}\n@book{y,\n", encoding="utf-8")  # the same bytes, split otherwise
    second.write_text("}\n", encoding="utf-8")
    assert references("options 1") == {"x": "x as formatted 4"}


def test_a_reference_holds_no_markup_from_its_bib_fields() -> None:
    """What pandoc lets through from a field ("{<}span" becomes "\\<span", "$>$" a ">", a named entity stays) is
    shown as text on every page and in the books: no element, no id, no attribute of Material's."""
    written = (
        "Roe, Richard. 2002. *Federation*. Example Press\\<a href=https://mirror-gitlab.example/x "
        "data-md-component=source $>$\\<span id=&lowbar;&lowbar;config $>$."
    )
    html = Citations(references={"roe": tidy(written)}).reference_html("roe")
    assert "<a " not in html and "<span" not in html and "data-md-component=source" in html  # as text
    assert html.startswith("Roe, Richard. 2002. <em>Federation</em>. Example Press&lt;a href=")


@pytest.mark.parametrize(
    ("written", "lacks"),
    [
        ("Notes \\<https://e/\\<button/data-clipboard-text=curl\\>$>$ Copy", "<button"),  # a "<" in an autolink
        ("A ![cover](../assets/images/favicon.png) b", "<img"),  # \includegraphics, as pandoc writes it
        ("Press \x01 \x1f", "\x01"),  # TeX's ^^01
    ],
)
def test_a_reference_is_words_and_links_only(written: str, lacks: str) -> None:
    """Whatever TeX in a .bib field made pandoc write, a reference's HTML holds no element but emphasis and links,
    and no character XML cannot hold (the EPUB and the feeds are XML)."""
    html = Citations(references={"k": tidy(written)}).reference_html("k")
    assert lacks not in html and not re.search(r"<(?!/?(?:em|strong|a|code)\b)", html), html
