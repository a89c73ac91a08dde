"""One build of the site: the loaded edition and what each MkDocs event needs from it.

Content files → a model in memory → problems → pages. Nothing here imports MkDocs: the hook passes in
what it needs (paths, settings, a citation formatter) and turns the answers into MkDocs objects.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from . import markup, model, pages, search_index
from .citations import Citations, Formatter
from .model import Edition
from .problems import Problem
from .render import annotations as annotation_export
from .render.commentary import front
from .render.inline import Inline, anchor_ids, fill
from .sources import read_settings


def start(
    config_file: Path,
    *,
    site_url: str = "",
    repo_url: str = "",
    edit_uri: str = "",
    copyright: str = "",
    offline: bool = False,
) -> tuple[Build | None, list[Problem]]:
    """Read settings and content; return the build (None when it cannot proceed) and all problems."""
    settings, problems = read_settings(config_file)
    if settings is None:
        return None, problems
    # MkDocs has already resolved these (environment variables, defaults): trust its values.
    copyright = " ".join(copyright.split())
    settings = dataclasses.replace(
        settings, site_url=site_url, repo_url=repo_url, edit_uri=edit_uri, copyright=copyright, offline=offline
    )
    edition, problems = model.load(settings)
    if edition is None:
        return None, problems
    return Build(edition), problems


class Build:
    """The pages and exports of one build: lookups in the table of pages (`pages.table`)."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.pages = pages.table(edition)
        self.citations: Citations | None = None
        self.urls: dict[str, str] = {}  # src_uri → site URL of every file, as MkDocs computed them
        self.fragments: dict[str, list[str]] = {}  # src_uri → the HTML fragments held out of its Markdown

    # --- on_files -------------------------------------------------------------------------------------

    def published_sources(self) -> set[str]:
        """The files under docs/ this build publishes: the pages read from docs/ (essay, the edition's
        pages, terms, the paths of the selected courses) and images. Everything else there is data
        (notes, the registry, the pinned text) or content of another course, and is not published."""
        return {uri for uri, page in self.pages.items() if not page.generated} | set(self.edition.assets)

    def item_pages(self) -> list[str]:
        """Pages of one term or path each: reached from their indexes, kept out of the navigation."""
        return [uri for uri, page in self.pages.items() if page.kind in {"term", "path"}]

    def generated_pages(self) -> dict[str, str]:
        """Pages made in memory (src_uri → content); their body is rendered in `page_markdown`."""
        return {uri: front(p.title, p.description) for uri, p in self.pages.items() if p.generated}

    def in_nav(self, src_uri: str) -> bool:
        """Whether a generated page belongs in the navigation (indexes do; one page per item does not)."""
        page = self.pages.get(src_uri)
        return page is not None and page.in_nav

    def searched(self, src_uri: str) -> bool:
        """Whether Material's search reads the page (the table says; a page it does not know, it reads)."""
        page = self.pages.get(src_uri)
        return page is None or page.searched

    def title_of(self, src_uri: str) -> str | None:
        """The plain-text title of a term's or path's page, from the model (None for other pages)."""
        page = self.pages.get(src_uri)
        return page.title if page is not None and page.kind in {"term", "path"} else None

    def use_citations(self, formatter: Formatter | None) -> None:
        """Format every citation of the edition at once (one pandoc run) with mkdocs-bibtex's formatter."""
        if formatter is None:
            self.citations = None
            return
        self.citations = Citations.format(list(self.edition.texts), list(self.edition.works), formatter)

    def use_urls(self, urls: dict[str, str]) -> None:
        """The site URL of every file (src_uri → URL), as MkDocs computed them, for links in HTML fragments."""
        self.urls = urls

    def _citations(self) -> Citations:
        return self.citations or Citations()

    # --- on_page_markdown -----------------------------------------------------------------------------

    def page_markdown(self, markdown: str, src_uri: str) -> str:
        """The Markdown MkDocs should render for the page built from `src_uri`."""
        inline = Inline(self.edition, src_uri, self.citations, self.urls)
        self.fragments[src_uri] = inline.fragments
        page = self.pages.get(src_uri)
        if page is None:  # a page MkDocs has that the table does not (only in a build that failed validation)
            return inline.gathered(inline.render(markdown) + inline.definitions())
        return inline.gathered(page.render(inline, markdown))

    # --- on_page_content ----------------------------------------------------------------------------

    def page_content(self, html: str, src_uri: str) -> tuple[str, set[str]]:
        """The converted page with its HTML fragments put back, and the anchor ids those fragments hold."""
        fragments = self.fragments.pop(src_uri, [])
        return fill(html, fragments), anchor_ids(fragments)

    # --- on_post_build -----------------------------------------------------------------------

    def write_exports(self, site_dir: Path) -> None:
        """Write the machine-readable exports into the built site."""
        labels = self._citations()
        bodies = {}
        for nid, note in self.edition.notes.items():
            text = note.body
            spans = [
                (c.start, c.end, "(" + "; ".join(lbl for _, lbl in labels.inline(c.raw, c.keys)) + ")")
                for c in markup.find_citations(text)
            ]
            text = markup.replace_spans(text, spans)
            # The note's Markdown (the export says text/markdown), with no "<" left to start a tag: a reader of
            # the export sees what the site shows, and entities stay entities (a decoded "&lt;img…" would
            # become an element in any client that renders the Markdown).
            plain = markup.strip_terms(text, self.edition.term_names).strip()
            bodies[nid] = plain.replace("<", "&lt;")
        export = annotation_export.collection(self.edition, bodies, self.urls)
        (site_dir / annotation_export.FILENAME).write_text(export, encoding="utf-8")

    def write_feeds(self, site_dir: Path) -> None:
        """Write the Atom feeds of the notes (all, by course, by tag)."""
        from .render.feeds import feeds

        for path, xml in feeds(self.edition, self.urls).items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(xml, encoding="utf-8")

    def with_feed_link(self, output: str, src_uri: str) -> str:
        """A built page with the feed of every note linked in its head (for browsers and feed readers)."""
        from .render.feeds import head_link

        link = head_link(self.edition, self.urls.get(src_uri, ""))
        return output.replace("</head>", link + "\n</head>", 1) if link else output

    def write_redirects(self, site_dir: Path) -> None:
        """Leave a page at the address of each retired paragraph's page, leading to its successor's."""
        from .render.redirects import stub

        for entry in self.edition.retired.values():
            para = self.edition.essay.paragraph(entry.successor)
            if para is None:
                continue
            stay = pages.retired_page(entry.id, entry.successor, self.urls)
            if stay is None:
                continue
            where, href = stay
            target = site_dir / where
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(stub(href, para.number), encoding="utf-8")

    def index_paragraphs(self, site_dir: Path) -> None:
        """Make each paragraph of the essay an entry of its own in the search index the search plugin wrote."""
        essay_url = self.urls.get(self.edition.settings.essay)
        if essay_url is not None:
            search_index.rewrite(site_dir, self.edition.essay, essay_url)
