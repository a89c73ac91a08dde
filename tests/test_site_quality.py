"""The built site as a whole: links resolve, no raw markup leaks, nothing active in content, same bytes twice."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from edition import offline
from linkcheck import check
from mkdocs.config import load_config
from sitebuild import REPO, BuildResult, build_site, make_site


def _base() -> str:
    return urlsplit(load_config(str(REPO / "mkdocs.yml")).site_url or "/").path or "/"


def test_every_internal_link_and_anchor_resolves(real_site: BuildResult) -> None:
    """No internal link or #anchor in the built site is broken."""
    assert check(real_site.site, _base()) == []


def test_no_raw_citation_or_term_markup_reaches_a_page(real_site: BuildResult) -> None:
    """No page shows `[@key]`, `\\bibliography`, a `[^key]` footnote mark, `[[term]]` markup or a fragment's
    placeholder (HTML the hooks held out of Python-Markdown and failed to put back)."""
    leaks = []
    for page in real_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        main = html[html.find('<article class="md-content__inner') : html.find("</article>")]
        for pattern in (r"\[@[\w-]", r"\\bibliography", r"\[\^[\w-]+\]", r"\[\[[a-z0-9-]+", r"dp-fragment-"):
            if re.search(pattern, main):
                leaks.append(f"{page.relative_to(real_site.site)}: {pattern}")
    assert leaks == []


def test_no_script_or_handler_in_page_content(real_site: BuildResult) -> None:
    """Page content (the article, where contributions appear) holds no script, handler or javascript: URL."""
    offenders = []
    for page in real_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        main = html[html.find('<article class="md-content__inner') : html.find("</article>")]
        if re.search(r"<script|\son[a-z]+\s*=|javascript:|<iframe", main, re.IGNORECASE):
            offenders.append(str(page.relative_to(real_site.site)))
    assert offenders == []


def _digest(site: Path) -> dict[str, str]:
    skip = {"sitemap.xml.gz"}  # gzip stores a timestamp; sitemap.xml itself is compared
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def test_two_builds_are_byte_identical(real_site: BuildResult, tmp_path: Path) -> None:
    """Building the same commit again gives the same bytes for every page and export."""
    again = build_site(REPO, tmp_path / "again", strict=True)
    assert again.ok
    offline.build(REPO / "mkdocs.yml", again.site)
    first, second = _digest(real_site.site), _digest(again.site)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_a_rebuild_reuses_the_compiled_templates(tmp_path: Path) -> None:
    """The theme's templates are compiled once and kept in the project's .cache/ for the next build."""
    root = make_site("", tmp_path / "project")
    assert build_site(root, tmp_path / "site").ok
    compiled = list((root / ".cache" / "edition" / "templates").glob("__jinja2_*.cache"))
    assert len(compiled) >= 10, "the hook no longer gives Jinja a bytecode cache"
