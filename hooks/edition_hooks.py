"""MkDocs hooks: a thin adapter from MkDocs' build events to the `edition` package.

MkDocs puts this file's folder on sys.path only while loading it, so the package is imported here,
at the top, never inside a function.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from edition import build, citations
from edition.citations import Formatter, cached
from edition.escaping import Markup, escape
from edition.problems import Severity
from edition.render.sanitise import sanitise, text_only
from edition.tree import CACHE_DIR
from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs_bibtex.citation import Citation, CitationBlock

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.edition")
FOOTNOTE = re.compile(r"\[\^[^\]]*\]")  # mkdocs-bibtex's footnote marks: the edition links to works cited instead

# The build in progress; replaced at every (re)build, since `mkdocs serve` keeps this module loaded.
_build: build.Build | None = None


@event_priority(100)  # before mkdocs-bibtex, so a bad .bib file is reported with its line, not a traceback
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate all content; stop the build, listing every error, if anything is wrong."""
    global _build
    _build = None
    current, problems = build.start(
        Path(config.config_file_path),
        site_url=config.site_url or "",
        repo_url=config.repo_url or "",
        edit_uri=config.edit_uri or "",
        copyright=config.copyright or "",
        offline=_offline(config),
    )
    for p in problems:
        (log.error if p.severity is Severity.ERROR else log.warning)(str(p))
    n_errors = sum(p.severity is Severity.ERROR for p in problems)
    if n_errors or (config.strict and problems):
        raise PluginError(
            f"{len(problems)} problem(s) in the content ({n_errors} error(s)); the site was not built. "
            "Fix the lines above and build again (`make check` lists them faster)."
        )
    _build = current
    # The theme prints these without escaping; they are plain text, so escape them once, here.
    for key in ("site_name", "site_description", "site_author", "copyright"):
        if isinstance(config.get(key), str):
            config[key] = escape(config[key])
    return config


def _offline(config: MkDocsConfig) -> bool:
    """Whether this build is the offline copy: Material's offline plugin, turned on (OFFLINE=true)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.get("enabled"))


def _current() -> build.Build:
    if _build is None:  # pragma: no cover - MkDocs always runs on_config first
        raise PluginError("the edition was not loaded")
    return _build


def loaded_build() -> build.Build:
    """The build these hooks loaded (after MkDocs' `files` event: with its addresses and citations), for
    hooks/edition_books.py, which makes the books from it."""
    return _current()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Drop content sources that are not pages of their own; add the generated pages, out of the nav."""
    current = _current()
    published = current.published_sources()
    docs_dir = Path(config.docs_dir).resolve()
    for each in list(files):  # data, and content of other courses, is not published at all
        from_docs = each.src_dir is not None and Path(each.src_dir).resolve() == docs_dir
        if each.generated_by is None and from_docs and each.src_uri not in published:
            files.remove(each)
    for src_uri in current.item_pages():
        if (file := files.get_file_from_path(src_uri)) is not None:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for src_uri, content in current.generated_pages().items():
        # Per-item pages stay out of the nav: Material renders the whole nav into every page (N pages → N²).
        inclusion = InclusionLevel.INCLUDED if current.in_nav(src_uri) else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    current.use_urls({f.src_uri: f.url for f in files})
    current.use_citations(_bibtex_formatter(config))
    return files


def _bibtex_formatter(config: MkDocsConfig) -> Formatter | None:
    """mkdocs-bibtex's own formatter (pandoc with our CSL style), for every citation at once."""
    plugin = config.plugins.get("bibtex")
    registry = getattr(plugin, "registry", None)
    if registry is None:
        return None

    def formatter(blocks: list[str], keys: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        parsed = {raw: CitationBlock.from_markdown(f"[{raw}]") for raw in blocks}
        wanted = [b[0] for b in parsed.values() if b] + [CitationBlock([Citation(k)]) for k in keys]
        registry.validate_citation_blocks(wanted)  # one pandoc run formats them all
        inline = {raw: FOOTNOTE.sub("", registry.inline_text(b[0])).strip() for raw, b in parsed.items() if b}
        return inline, {k: registry.reference_text(Citation(k)) for k in keys}

    root = Path(config.config_file_path).parent
    options = plugin.config  # type: ignore[union-attr]
    if not options.bib_dir or not options.csl_file:
        return formatter
    inputs = [*sorted(Path(options.bib_dir).rglob("*.bib")), root / options.csl_file]
    # What else the formatted citations depend on: mkdocs-bibtex's options, the versions of it and of pandoc, and
    # this formatter's code.
    versions = {name: _version(name) for name in ("mkdocs-bibtex", "pypandoc-binary", "pypandoc")}
    code = hashlib.sha256(Path(__file__).read_bytes() + Path(citations.__file__).read_bytes()).hexdigest()
    setup = json.dumps([dict(options), versions, code], sort_keys=True, default=str)
    return cached(formatter, root / CACHE_DIR / "edition", inputs, setup)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep the theme's compiled templates between builds, so a rebuild does not compile them again.

    Jinja keys each entry by the template's source, so an edited template is compiled afresh.
    """
    env.filters["striptags"] = _striptags  # Material prints `page.title | striptags` into <title> raw
    env.globals["edition_offline"] = _offline(config)  # main.html: a copy read from the disk preloads nothing
    cache = Path(config.config_file_path).parent / CACHE_DIR / "edition" / "templates"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only checkout builds without the cache
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def _striptags(value: object) -> Markup:
    """Jinja's striptags, whose result the theme prints unescaped, escaped again: tags stripped, text inert."""
    return escape(Markup(str(value)).striptags())


@event_priority(100)  # before mkdocs-bibtex reads the page's citations
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render the essay, generated pages and our markup (terms, citations) into Markdown."""
    current = _current()
    if not current.searched(page.file.src_uri):  # the page table says which pages Material's search skips
        page.meta["search"] = {"exclude": True}
    return current.page_markdown(markdown, page.file.src_uri)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put back the HTML the hooks held out of the page's Markdown; then strip anything active (scripts,
    event handlers, unsafe URLs) from every page's content."""
    current = _current()
    html, ids = current.page_content(html, page.file.src_uri)
    if ids:  # so that MkDocs' anchor check sees them
        page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
    _escape_titles(page, current.title_of(page.file.src_uri))
    return sanitise(html)


def _escape_titles(page: Page, plain_title: str | None) -> None:
    """Every title the theme prints, safe as HTML: the theme prints titles, descriptions and the table of
    contents unescaped (MkDocs' Jinja does not autoescape), and the search index takes them too."""
    for key in ("title", "description"):  # a value that is no string is printed as Python writes it: text too
        if page.meta.get(key) is not None:
            value = page.meta[key]
            page.meta[key] = escape(value if isinstance(value, str) else str(value))
    from_nav = page.__dict__.get("title")  # a title given in mkdocs.yml's nav (plain text)
    if plain_title is not None:
        page.title = escape(plain_title)
    elif isinstance(from_nav, str):
        page.title = escape(from_nav)
    elif "title" in page.meta:
        page.title = page.meta["title"]
    else:  # from the page's first heading: already HTML, so keep its text only
        page.title = Markup(text_only(page.title or ""))
    items = list(page.toc)
    while items:
        item = items.pop()
        item.title = Markup(text_only(item.title))
        items.extend(item.children)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Link the feed of every note in the page's head."""
    return _current().with_feed_link(output, page.file.src_uri)


@event_priority(-50)  # after the search plugin writes its index (0), before the offline plugin copies it (-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Write the exports (annotations, feeds) and the retired paragraphs' pages; search the essay by paragraph."""
    _current().write_exports(Path(config.site_dir))
    _current().write_redirects(Path(config.site_dir))
    _current().write_feeds(Path(config.site_dir))
    _current().index_paragraphs(Path(config.site_dir))
