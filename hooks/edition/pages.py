"""Every page of the site, in one table: where each comes from, its title, whether it is in the nav,
and what renders it. This is the one place a page's address is decided.

- The essay and the edition's own pages (`extra.edition.pages`) are Markdown files under docs/.
- A term's page and a path's page are built from their files under docs/ (kept out of the nav).
- The indexes and one page per paragraph are made in memory (`generated`).

Links between pages are never guessed: renderers ask `Inline.href` for a relative link and
`absolute` for a published address, both from the URLs MkDocs computed (so `use_directory_urls: false`
works as well as true).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Edition
    from .render.inline import Inline

# --- Addresses (src_uris) of the pages the build makes, and of each item's page ------------------------

NOTES_DIR, GLOSSARY_DIR, PATHS_DIR, BIBLIOGRAPHY_DIR = "notes", "glossary", "paths", "bibliography"
NOTES_INDEX = f"{NOTES_DIR}/index.md"
BY_KIND = f"{NOTES_DIR}/kinds.md"
BY_TAG = f"{NOTES_DIR}/tags.md"
CONTRIBUTORS_INDEX = f"{NOTES_DIR}/contributors.md"
GLOSSARY_INDEX = f"{GLOSSARY_DIR}/index.md"
PATHS_INDEX = f"{PATHS_DIR}/index.md"
WORKS_CITED = f"{BIBLIOGRAPHY_DIR}/index.md"
CHANGELOG = "changelog.md"  # the edition's versions (one page: in the navigation)
INDEXES = (NOTES_INDEX, BY_KIND, BY_TAG, CONTRIBUTORS_INDEX, GLOSSARY_INDEX, PATHS_INDEX, WORKS_CITED, CHANGELOG)
GENERATED_DIRS = (NOTES_DIR, GLOSSARY_DIR, PATHS_DIR, BIBLIOGRAPHY_DIR)  # the build writes pages there


def paragraph_page(pid: str) -> str:
    """The src_uri of a paragraph's own page (the paragraph with all its notes)."""
    return f"{NOTES_DIR}/{pid}/index.md"


def term_page(tid: str) -> str:
    """The src_uri of a term's page."""
    return f"{GLOSSARY_DIR}/{tid}.md"


def path_page(pid: str) -> str:
    """The src_uri of a reading path's page."""
    return f"{PATHS_DIR}/{pid}.md"


def item_of(src_uri: str) -> tuple[str, str] | None:
    """Which item's page `src_uri` would be: ("paragraph", id), ("term", id) or ("path", id), or None.
    The inverse of `paragraph_page`, `term_page` and `path_page`; whether the item exists is the caller's
    to ask."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] == NOTES_DIR and parts[2] == "index.md" and parts[1]:
        return "paragraph", parts[1]
    if len(parts) == 2 and parts[0] in (GLOSSARY_DIR, PATHS_DIR) and parts[1].endswith(".md"):
        item = parts[1].removesuffix(".md")
        if item and src_uri not in INDEXES:
            return ("term" if parts[0] == GLOSSARY_DIR else "path"), item
    return None


def absolute(site_url: str, urls: Mapping[str, str], src_uri: str, anchor: str = "") -> str:
    """The published address of a page (and anchor): site_url + the URL MkDocs computed; "" without
    a site_url or for a page MkDocs does not know."""
    if not site_url or src_uri not in urls:
        return ""
    return site_url.rstrip("/") + "/" + urls[src_uri] + (f"#{anchor}" if anchor else "")


# --- The table -----------------------------------------------------------------------------------------

# What renders a page: from the Inline renderer for that page and the page's own Markdown source (for
# pages under docs/), the Markdown MkDocs converts.
Renderer = Callable[["Inline", str], str]


@dataclass(frozen=True)
class Page:
    """One page of the site."""

    src_uri: str
    kind: str  # "essay", "page" (the edition's own), "term", "path", "paragraph", "index"
    title: str  # plain text ("" for the edition's own pages: their front matter or first heading says)
    description: str
    in_nav: bool  # generated pages only: whether it is listed in the navigation (mkdocs.yml's nav decides the rest)
    generated: bool  # made in memory, not read from docs/
    render: Renderer
    # Read by Material's search. The indexes of notes, terms and paths only repeat teasers and short
    # definitions that are indexed on the pages they lead to; listing them too crowds the results.
    searched: bool = True


def table(edition: Edition) -> dict[str, Page]:
    """Every page of the edition, by src_uri."""
    from .render import bibliography, changelog, commentary, downloads, glossary, paths
    from .render import essay as essay_page
    from .render.essay import own_page

    settings = edition.settings
    out: dict[str, Page] = {}

    def add(page: Page) -> None:
        out[page.src_uri] = page

    # Searched paragraph by paragraph (search_index.py writes its entries): Material's search need not read it.
    add(Page(settings.essay, "essay", edition.essay.title, "", False, False, essay_page.page(edition), False))
    for uri in edition.pages:
        render = own_page(edition, uri)
        if uri in settings.downloads:
            render = downloads.renderer(render, edition)
        add(Page(uri, "page", "", "", False, False, render))
    for term in edition.terms.values():
        add(Page(term.src_uri, "term", term.term, term.short, False, False, glossary.term_renderer(term, edition)))
    for rp in edition.paths.values():
        add(Page(rp.src_uri, "path", rp.title, rp.summary, False, False, paths.path_renderer(rp, edition)))
    for para in edition.essay.paragraphs:
        title = f"¶ {para.number} · {commentary.opening(para, 60)}"
        description = f"Paragraph {para.number} of the essay, with its notes."
        render = commentary.paragraph_renderer(para, edition)
        add(Page(paragraph_page(para.id), "paragraph", title, description, False, True, render))
    indexes: list[tuple[str, str, str, Callable[[Edition, Inline], str]]] = [
        (NOTES_INDEX, "Commentary", "Every note of the edition, by paragraph.", commentary.notes_index),
        (BY_KIND, "Notes by kind", "Every note of the edition, by what it does.", commentary.kinds_index),
        (BY_TAG, "Notes by tag", "Every note of the edition, by topic.", commentary.tags_index),
        (CONTRIBUTORS_INDEX, "Contributors", "Everyone credited for a note.", commentary.contributors_index),
        (GLOSSARY_INDEX, "Glossary", "Concepts, people, organisations and events in the essay, A to Z.",
         glossary.glossary_index),
        (PATHS_INDEX, "Reading paths", "Guided routes through the essay, its notes, glossary and works, for courses.",
         paths.paths_index),
        (CHANGELOG, "Changes", "Each version of the edition: what it changed in the text and the notes.",
         changelog.changelog_page),
    ]  # fmt: skip
    if edition.works:
        indexes.append(
            (
                WORKS_CITED,
                "Works cited",
                "Every work cited in the commentary, glossary and reading paths.",
                bibliography.works_cited_page,
            )
        )
    for uri, title, description, index in indexes:
        searched = uri == WORKS_CITED  # the one index whose text (the full references) is nowhere else
        add(Page(uri, "index", title, description, True, True, _index(index, edition), searched))
    return out


def _index(index: Callable[[Edition, Inline], str], edition: Edition) -> Renderer:
    def render(inline: Inline, source: str) -> str:
        return index(edition, inline)

    return render


def retired_page(old: str, successor: str, urls: Mapping[str, str]) -> tuple[str, str] | None:
    """Where the page of a retired paragraph id stays (a file of the site) and the relative link from it to
    its successor's page, from the URL MkDocs computed for that page (None if it has none): the old address
    of a paragraph's page keeps working after a correction."""
    from .render.links import relative_url

    new_url = urls.get(paragraph_page(successor))
    if new_url is None:
        return None
    where = f"{NOTES_DIR}/{old}/index.html"  # what the old address served, with directory URLs or without
    return where, relative_url(new_url, where)


# --- Files the build writes besides pages ----------------------------------------------------------------

FEEDS_DIR = "feeds"
# Every note, newest first, at the site's root: Material fetches "sitemap.xml" beside the address of every
# <link rel="alternate"> (for its language selector), and beside this one there is the site's own.
FEED = "feed.xml"


def feed_file(kind: str = "", name: str = "") -> str:
    """The site path of the Atom feed of every note, or of one course's or tag's notes (kind "course", "tag")."""
    return f"{FEEDS_DIR}/{kind}/{name}.xml" if kind else FEED
