"""Offline link checker for a built site: every internal link and #anchor must resolve.

Usage: python tests/linkcheck.py site/ [/base/path/]   (exit status 1 and one line per broken link)

Absolute links (the 404 page uses them) are taken relative to the base path of site_url. A copy read from
the disk (the offline copy: `check(folder, from_disk=True)`) has no server: there an absolute path leads to
the root of the reader's disk, and a link to a folder opens the folder, not its index.html.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key] or "")
        if tag in {"a", "link"} and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in {"img", "script", "source"} and a.get("src"):
            self.links.append(a["src"] or "")


def _resolve(site: Path, page: Path, href: str, base: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None, ""
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        target = site / path.removeprefix(base).lstrip("/")
    else:
        target = (page.parent / path).resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def check(site: Path, base: str = "/", *, from_disk: bool = False) -> list[str]:
    """Broken internal links and anchors, as 'page: href (reason)' lines."""
    site = site.resolve()
    pages: dict[Path, _Page] = {}
    for html_file in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(html_file.read_text(encoding="utf-8"))
        pages[html_file.resolve()] = parser
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links:
            target, fragment = _resolve(site, page, href, base)
            if target is None:
                continue
            where = page.relative_to(site)
            path = unquote(urlsplit(href).path)
            if from_disk and path.startswith("/"):
                broken.append(f"{where}: {href} (an absolute path: from the disk it leads out of the copy)")
            elif from_disk and path and (path.endswith("/") or (page.parent / path).is_dir()):
                broken.append(f"{where}: {href} (a folder: from the disk it opens the folder, not a page)")
            elif not target.exists():
                broken.append(f"{where}: {href} (no such file)")
            elif from_disk and not target.resolve().is_relative_to(site):
                broken.append(f"{where}: {href} (outside the copy)")
            elif fragment and target.suffix == ".html" and fragment not in pages.get(target, _Page()).ids:
                broken.append(f"{where}: {href} (no element with id '{fragment}')")
    return broken


def _base_from_config() -> str:
    """The path part of site_url in ./mkdocs.yml ("/" without one)."""
    from mkdocs.config import load_config

    return urlsplit(load_config("mkdocs.yml").site_url or "/").path or "/"


if __name__ == "__main__":
    site_arg = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    problems = check(site_arg, sys.argv[2] if len(sys.argv) > 2 else _base_from_config())
    print("\n".join(problems) or "all internal links and anchors resolve")
    sys.exit(1 if problems else 0)
