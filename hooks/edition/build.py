"""One build of the site: the loaded edition and what each MkDocs event needs from it.

Content files → a model in memory → problems → pages. Nothing here imports MkDocs: the hook passes in
what it needs (paths, settings, a citation formatter) and turns the answers into MkDocs objects.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from functools import partial
from pathlib import Path

from . import markup, model
from .citations import Citations, Formatter
from .essay import Paragraph
from .glossary import Term
from .model import Edition
from .paths import ReadingPath
from .problems import Problem
from .render import annotations as annotation_export
from .render import bibliography, commentary, glossary, paths
from .render import essay as essay_page
from .render.commentary import front
from .render.inline import WORKS_CITED, Inline, anchor_ids, fill
from .render.notes import highlight_quotes, margin_notes, notes_aside, para_page_uri
from .render.sanitise import text_only
from .sources import read_settings

EDITION_TITLE = "Dual Power and Prefiguration: An Annotated Edition"


def start(
    config_file: Path, *, site_url: str = "", repo_url: str = "", edit_uri: str = ""
) -> tuple[Build | None, list[Problem]]:
    """Read settings and content; return the build (None when it cannot proceed) and all problems."""
    settings, problems = read_settings(config_file)
    if settings is None:
        return None, problems
    # MkDocs has already resolved these (environment variables, defaults): trust its values.
    settings = dataclasses.replace(settings, site_url=site_url, repo_url=repo_url, edit_uri=edit_uri)
    edition, problems = model.load(settings)
    if edition is None:
        return None, problems
    return Build(edition), problems


class Build:
    """The pages and exports of one build, derived from a validated edition."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.essay_uri = edition.settings.essay
        self.citations: Citations | None = None
        self.urls: dict[str, str] = {}  # src_uri → site URL of every page
        self.fragments: dict[str, list[str]] = {}  # src_uri → the HTML fragments held out of its Markdown
        self._items: dict[str, Term | ReadingPath] = {t.src_uri: t for t in edition.terms.values()}
        self._items.update({p.src_uri: p for p in edition.paths.values()})
        # Every generated page: src_uri → (title, description, renderer of its Markdown body).
        self.generated: dict[str, tuple[str, str, Callable[[Inline], str]]] = {}
        for para in edition.essay.paragraphs:
            self.generated[para_page_uri(para.id)] = (
                f"¶ {para.number} · {commentary.opening(para, 60)}",
                f"Paragraph {para.number} of the essay, with its notes.",
                self._paragraph_page(para.id),
            )
        indexes: list[tuple[str, str, str, Callable[[Edition, Inline], str]]] = [
            (commentary.NOTES_INDEX, "Commentary", "Every note of the edition, by paragraph.", commentary.notes_index),
            (commentary.BY_KIND, "Notes by kind", "", commentary.kinds_index),
            (commentary.BY_TAG, "Notes by tag", "", commentary.tags_index),
            (commentary.CONTRIBUTORS, "Contributors", "Everyone credited for a note.", commentary.contributors_index),
            (
                glossary.GLOSSARY_INDEX,
                "Glossary",
                "Concepts, people, organisations and events in the essay, A to Z.",
                glossary.glossary_index,
            ),
            (
                paths.PATHS_INDEX,
                "Reading paths",
                "Guided routes through the essay, its notes, glossary and works, for courses.",
                paths.paths_index,
            ),
        ]
        for uri, title, description, index in indexes:
            self.generated[uri] = (title, description, partial(index, edition))
        if edition.works:
            self.generated[WORKS_CITED] = (
                "Works cited",
                "Every work cited in the commentary, glossary and reading paths.",
                lambda inline: bibliography.works_cited(edition, self._citations(), inline),
            )

    # --- on_files -------------------------------------------------------------------------------------

    def published_sources(self) -> set[str]:
        """The files under docs/ this build publishes: the essay, the edition's pages, every term, the paths
        of the selected courses, and images. Everything else there is data (notes, the registry, the
        pinned text) or content of another course, and is not published at all."""
        edition = self.edition
        return {edition.settings.essay, *edition.pages, *self.item_pages(), *edition.assets}

    def item_pages(self) -> list[str]:
        """Pages of one term or path each: reached from their indexes, kept out of the navigation."""
        return [t.src_uri for t in self.edition.terms.values()] + [p.src_uri for p in self.edition.paths.values()]

    def title_of(self, src_uri: str) -> str | None:
        """The plain-text title of a term's or path's page, from the model (None for other pages)."""
        item = self._items.get(src_uri)
        return item.term if isinstance(item, Term) else item.title if item is not None else None

    def generated_pages(self) -> dict[str, str]:
        """Pages made in memory (src_uri → content); their body is rendered in `page_markdown`."""
        return {uri: front(title, description) for uri, (title, description, _) in self.generated.items()}

    def in_nav(self, src_uri: str) -> bool:
        """Whether a generated page belongs in the navigation (indexes do; one page per item does not)."""
        return src_uri in self.nav_pages

    nav_pages: frozenset[str] = frozenset(
        {
            commentary.NOTES_INDEX,
            commentary.BY_KIND,
            commentary.BY_TAG,
            commentary.CONTRIBUTORS,
            glossary.GLOSSARY_INDEX,
            paths.PATHS_INDEX,
            WORKS_CITED,
        }
    )

    def use_citations(self, formatter: Formatter | None) -> None:
        """Format every citation of the edition at once (one pandoc run) with mkdocs-bibtex's formatter."""
        if formatter is None:
            self.citations = None
            return
        self.citations = Citations.format(list(self.edition.texts), list(self.edition.works), formatter)

    def use_urls(self, urls: dict[str, str]) -> None:
        """The site URL of every page (src_uri → URL), as MkDocs computed them, for links in HTML fragments."""
        self.urls = urls

    def _citations(self) -> Citations:
        return self.citations or Citations()

    # --- on_page_markdown -----------------------------------------------------------------------------

    def page_markdown(self, markdown: str, src_uri: str) -> str:
        """The Markdown MkDocs should render for the page built from `src_uri`."""
        inline = Inline(self.edition, src_uri, self.citations, self.urls)
        self.fragments[src_uri] = inline.fragments
        return self._page_markdown(markdown, src_uri, inline)

    def _page_markdown(self, markdown: str, src_uri: str, inline: Inline) -> str:
        edition = self.edition
        if src_uri in self.generated:
            return self.generated[src_uri][2](inline)
        if src_uri == self.essay_uri:
            return self._essay(inline)
        item = self._items.get(src_uri)
        if isinstance(item, Term):
            return glossary.term_page(item, edition, inline)
        if isinstance(item, ReadingPath):
            return paths.path_page(item, edition, inline)
        rendered = inline.render(markdown)
        if src_uri == "index.md" and self.citations is not None:
            year = max((n.date.year for n in edition.notes.values()), default=2026)
            rendered += inline.html(bibliography.cite_edition(edition, EDITION_TITLE, str(year)))
        return rendered + inline.definitions()

    def _essay(self, inline: Inline) -> str:
        edition = self.edition
        limit = edition.settings.margin_notes

        def after(para: Paragraph) -> str:
            return notes_aside(para, edition, inline, limit)

        def para_markup(para: Paragraph) -> str:  # only notes shown in the margin: their anchors are on this page
            return highlight_quotes(para, margin_notes(para, edition, limit))

        body = essay_page.essay_markdown(edition.essay, inline, after, para_markup)
        cite = inline.html(bibliography.cite_essay(edition, self._citations())) if self.citations else ""
        return body + "\n\n" + cite + inline.definitions()

    def _paragraph_page(self, pid: str) -> Callable[[Inline], str]:
        def render(inline: Inline) -> str:
            para = self.edition.essay.paragraph(pid)
            assert para is not None

            def cite(p: Paragraph) -> str:
                return (
                    inline.html(bibliography.cite_essay(self.edition, self._citations(), p)) if self.citations else ""
                )

            return commentary.paragraph_page(para, self.edition, inline, cite)

        return render

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
            # Plain text, and sanitised like everything contributed that leaves the build: no tag survives.
            plain = markup.strip_terms(text, self.edition.term_names).strip()
            bodies[nid] = html.unescape(text_only(plain))
        export = annotation_export.collection(self.edition, bodies)
        (site_dir / annotation_export.FILENAME).write_text(export, encoding="utf-8")
