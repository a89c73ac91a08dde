"""Every built page, in Chromium: no request to another host, no dialog, no navigation away, and no
element with an event-handler attribute. Both the real site and the site holding every accepted hostile
case are opened page by page, not sampled; the pages are split into chunks so that xdist can share them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHUNKS = 6
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(el =>
  [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => `${el.tagName} ${a.name}`))"""


def _pages(site: Path, chunk: int) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return pages[chunk::CHUNKS]


def _visit_all(browser: Browser, base: str, pages: list[str]) -> list[str]:
    """Open each page; return every failure seen, as 'page: what'."""
    context = browser.new_context()
    failures: list[str] = []
    current = {"page": ""}

    def on_request(request: Any) -> None:
        if not request.url.startswith((base, "data:", "blob:", "about:")):
            failures.append(f"{current['page']}: request to {request.url}")

    def on_dialog(dialog: Any) -> None:
        failures.append(f"{current['page']}: dialog '{dialog.message}'")
        dialog.dismiss()

    context.on("request", on_request)
    page = context.new_page()
    context.on("page", lambda popup: failures.append(f"{current['page']}: opened a window"))
    page.on("dialog", on_dialog)
    for rel in pages:
        current["page"] = rel
        url = base + rel
        page.goto(url, wait_until="load")
        if page.url.split("#")[0] != url:
            failures.append(f"{rel}: navigated away to {page.url}")
        failures += [f"{rel}: {h}" for h in page.evaluate(HANDLERS)]
    context.close()
    assert pages, "no pages to open"
    return failures


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_page_of_the_real_site(browser: Browser, site_url: str, real_site: Any, chunk: int) -> None:
    """The edition's own pages, every one."""
    assert _visit_all(browser, site_url, _pages(real_site.site, chunk)) == []


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_page_of_the_hostile_site(browser: Browser, hostile_url: str, hostile_site: Any, chunk: int) -> None:
    """Every page of the site built with every hostile contribution that was accepted."""
    assert _visit_all(browser, hostile_url, _pages(hostile_site.site, chunk)) == []


def test_the_page_watcher_sees_what_it_must(browser: Browser, tmp_path: Path) -> None:
    """The watcher is not vacuous: a page with a handler, a dialog and a request to another host fails it."""
    from conftest import serve

    (tmp_path / "bad.html").write_text(
        '<!doctype html><title>x</title><body onload="alert(1)"><img src="http://192.0.2.1/x.png"></body>',
        encoding="utf-8",
    )
    url, server = serve(tmp_path)
    try:
        failures = _visit_all(browser, url, ["bad.html"])
    finally:
        server.shutdown()
    assert any("dialog" in f for f in failures)
    assert any("request to http://192.0.2.1/" in f for f in failures)
    assert any("BODY onload" in f for f in failures)
