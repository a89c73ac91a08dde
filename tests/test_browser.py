"""What a reader sees, in Chromium (Playwright driving Debian's chromium): notes, terms, anchors, paths."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from conftest import AXE_OPTIONS, Tabs, Watched, counting_page, reload_keeps_the_place
from playwright.sync_api import Browser, Page, Route, ViewportSize, expect

pytestmark = pytest.mark.browser

DESKTOP: ViewportSize = {"width": 1440, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def open_page(tabs: Tabs, site_url: str) -> Iterator[Any]:
    """Open a page of the built site at a viewport (touch on a phone), in the light or dark palette, in the
    worker's kept tab (see conftest.Tabs)."""

    def opener(path: str, viewport: ViewportSize = DESKTOP, dark: bool = False) -> Page:
        page = tabs.page(viewport, dark)
        page.watched = Watched(page, site_url, tabs)  # type: ignore[attr-defined]
        page.goto(site_url + path)
        return page

    yield opener
    tabs.empty()


def test_margin_notes_sit_beside_their_paragraph_on_desktop(open_page: Any) -> None:
    """At 1440 px every paragraph's notes are shown whole in a column to the right of its text; its button
    folds them away and back."""
    page = open_page("essay/")
    para = page.locator("#kudzu-strategy")
    text_box = para.locator(".dp-para__text").bounding_box()
    notes = para.locator(".dp-notes")
    expect(notes).to_be_visible()
    notes_box = notes.bounding_box()
    assert text_box and notes_box
    assert notes_box["x"] >= text_box["x"] + text_box["width"]
    assert abs(notes_box["y"] - text_box["y"]) < 80, "the notes start level with their paragraph"
    bodies = notes.locator(".dp-note__body")
    assert bodies.count() >= 2
    for i in range(bodies.count()):
        expect(bodies.nth(i)).to_be_visible()
        whole = "b => getComputedStyle(b).maxHeight === 'none' && getComputedStyle(b).overflow === 'visible'"
        assert bodies.nth(i).evaluate(whole), "the whole note is shown"
    toggle = para.locator(".dp-notes-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    toggle.click()
    expect(notes).to_be_hidden()
    toggle.click()
    expect(notes).to_be_visible()
    assert page.watched.errors == [] and page.watched.offsite == []


def test_notes_open_with_one_tap_on_a_phone(open_page: Any) -> None:
    """At 390 px notes are folded under their paragraph; one tap on the count opens them."""
    page = open_page("essay/", PHONE)
    toggle = page.locator("#kudzu-strategy .dp-notes-toggle")
    notes = page.locator("#notes-kudzu-strategy")
    expect(notes).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_text(re.compile(r"^\d+ notes?"))
    toggle.tap()
    expect(notes).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scroll"


def test_notes_toggle_works_from_the_keyboard(open_page: Any) -> None:
    """The toggle is a real button: focus it and press Enter, then Space, to open and close."""
    page = open_page("essay/", PHONE)
    toggle = page.locator("#mass-movements .dp-notes-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#notes-mass-movements")).to_be_visible()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_quote_highlight_leads_to_its_note(open_page: Any) -> None:
    """A highlighted phrase opens its note on a click (on a phone, where notes start folded), and the note
    takes the focus; hovering a note lights up its phrase."""
    page = open_page("essay/", PHONE)
    mark = page.locator("mark.dp-quote").first
    expect(mark).to_be_visible()
    note_id = mark.get_attribute("data-notes").split()[0]
    note = page.locator(f"#{note_id}")
    expect(note).to_be_hidden()
    mark.click()
    expect(note).to_be_visible()
    expect(note).to_be_focused()
    desk = open_page("essay/")
    mark = desk.locator(f'mark.dp-quote[data-notes~="{note_id}"]')
    desk.locator(f"#{note_id}").hover()
    expect(mark).to_have_class(re.compile(r"\bis-active\b"))


def test_paragraph_link_lands_on_the_paragraph(open_page: Any) -> None:
    """A syllabus link to ¶ 9 (its anchor) scrolls that paragraph into view below the header."""
    page = open_page("essay/#russian-dual-power")
    para = page.locator("#russian-dual-power")
    expect(para).to_be_in_viewport()
    box = para.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box and header and box["y"] >= header["height"] - 1, "not hidden under the fixed header"
    expect(para.locator(".dp-para__num")).to_have_attribute("href", "#russian-dual-power")


def test_term_definition_on_hover_and_focus(open_page: Any) -> None:
    """A marked term shows its short definition on hover and on keyboard focus, and leads to its page."""
    page = open_page("essay/")
    term = page.locator("#kudzu-strategy a.dp-term").first
    term_id = term.get_attribute("data-term")
    definition = page.locator(f"#dp-def-{term_id}").text_content()
    assert definition
    term.hover()
    tip = page.locator("[role=tooltip]")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(definition)
    page.mouse.move(0, 0)
    expect(tip).to_have_count(0)
    term.focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(definition)
    page.keyboard.press("Escape")
    expect(tip).to_have_count(0)
    term.click()
    page.wait_for_url(re.compile(rf"/glossary/{term_id}/$"))
    expect(page.locator("h1")).to_be_visible()


def test_term_page_backlinks_land_on_paragraphs(open_page: Any, site_url: str) -> None:
    """Each "In the essay" line links to a paragraph anchor that exists and holds the term."""
    page = open_page("glossary/dual-power/")
    links = page.locator("a.dp-kwic__para")
    assert links.count() >= 2
    # Each link as the browser resolves it from the term page; the first is clicked there, and the others are
    # followed from the essay it opens, as a reader moving on from one paragraph to the next would.
    targets = links.evaluate_all("links => links.map(a => a.href)")
    links.first.click()
    for url in targets:
        if page.url != url:
            page.goto(url)
        assert page.url == url
        target = page.locator("#" + url.split("#")[1])
        expect(target).to_be_in_viewport()
        expect(target.locator('a.dp-term[data-term="dual-power"]').first).to_be_attached()


def test_walking_a_path_visits_every_stop_in_order(open_page: Any, site_url: str) -> None:
    """From step 1, "Next" (or the key N) visits every stop in order; the path card at each stop names the
    step and carries its guide; P goes back; a reload keeps the card and the reader's place; leaving the
    path's pages drops the card."""
    page = open_page("paths/")
    first = page.locator(".dp-path-cards a").first
    first.click()
    title = page.locator(".dp-stops").get_attribute("data-title")
    stops = page.locator("a.dp-stop__go")
    n = stops.count()
    targets = [stops.nth(i).evaluate("a => a.href") for i in range(n)]
    guides = [page.locator(".dp-stop").nth(i).locator(".dp-stop__guide").inner_text()[:40] for i in range(n)]
    page.locator("a.dp-path__start").click()
    for k in range(1, n + 1):
        bar = page.locator(".dp-stepbar")
        expect(bar).to_contain_text(title)
        expect(bar).to_contain_text(f"Step {k} of {n}")
        expect(bar.locator(".dp-stepbar__guide")).to_contain_text(guides[k - 1].split("\n")[0][:30])
        assert page.url == targets[k - 1]
        if "#" in page.url:  # the card sits above its target, below the header: it covers nothing
            card = bar.bounding_box()
            target = page.locator("#" + page.url.split("#")[1]).bounding_box()
            header = page.locator(".md-header").bounding_box()
            assert card and target and header
            assert header["height"] - 1 <= card["y"] and card["y"] + card["height"] <= target["y"] + 1
        if k < n:
            if k % 2:
                bar.locator(".dp-stepbar__next").click()
            else:
                page.keyboard.press("n")
    page.keyboard.press("p")
    page.wait_for_url(targets[n - 2])
    # A reload keeps the card, and the reader's place: the browser puts the window back, and the card does
    # not pull it to the stop again. Its script's moves are counted in a page of its own, given this one's
    # walk (a tab's own storage), at a stop opened afresh, which the card does scroll to.
    k = max(i for i in range(n) if "#" in targets[i] and targets.index(targets[i]) == i)  # a stop of its own
    walk = page.evaluate("() => Object.entries(sessionStorage)")
    again = counting_page(page, DESKTOP)
    again.goto(site_url + "404.html")
    again.evaluate("(walk) => walk.forEach(([key, value]) => sessionStorage.setItem(key, value))", walk)
    again.goto(targets[k])
    expect(again.locator(".dp-stepbar")).to_contain_text(f"Step {k + 1} of {n}")
    assert again.evaluate("() => window.dpWindowMoves.length") > 0, "the count misses the card's own moves"
    reload_keeps_the_place(again, 700, "the card")
    expect(again.locator(".dp-stepbar")).to_contain_text(f"Step {k + 1} of {n}")
    again.close()
    page.goto(site_url + "about/")
    expect(page.locator(".dp-stepbar")).to_have_count(0)


def _first_path() -> str:
    from sitebuild import REPO

    return sorted((REPO / "docs" / "paths").glob("*.md"))[0].stem


PAGE_KINDS = {
    "home": "",
    "essay": "essay/",
    "paragraph page": "notes/kudzu-strategy/",
    "notes index": "notes/",
    "notes by kind": "notes/kinds/",
    "notes by tag": "notes/tags/",
    "contributors": "notes/contributors/",
    "term page": "glossary/dual-power/",
    "glossary index": "glossary/",
    "works cited": "bibliography/",
    "paths index": "paths/",
    "path page": "paths/{path}/",
    "about": "about/",
    "instructors": "instructors/",
}


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_kind_is_clean_and_accessible_on_a_desk(open_page: Any, kind: str) -> None:
    """Every kind of page at 1440 px: its heading shows, no console error, no request to another host, no
    sideways scroll, and axe-core finds no WCAG 2.1 A or AA violation in the light palette, then, after
    the reader's click on the palette toggle, in the dark one. (At phone size, every page of the site
    gets the same checks in test_every_page.py; the dark palette from the system setting is tested by
    the test below.)"""
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(PAGE_KINDS[kind].format(path=_first_path()), DESKTOP)
    page.wait_for_load_state("load")  # the theme's and the edition's scripts have run
    expect(page.locator("h1").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    for palette in ("default", "slate"):
        if palette == "slate":
            page.locator("label[title='Switch to dark mode']").first.click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{palette}: " + results.generate_report()
    assert page.watched.errors == []
    assert page.watched.offsite == []


def test_a_dark_system_setting_gives_the_dark_palette(open_page: Any) -> None:
    """A reader whose phone prefers dark gets the dark palette on first visit, and the essay, the densest
    page, has no WCAG violation in it (the desk's dark palette is checked for every kind above)."""
    from axe_playwright_python.sync_playwright import Axe

    page = open_page("essay/", PHONE, dark=True)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def search(page: Page, query: str) -> None:
    """Open the search box, wait for its index to load, then type a query as a reader would."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    page.locator("input.md-search__input").type(query, delay=20)


def test_search_finds_a_note_and_a_term(open_page: Any) -> None:
    """The site's search (served from this site) finds a glossary term and a note's text."""
    page = open_page("")
    search(page, "mondragon")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    links = [results.nth(i).locator("a").first.get_attribute("href") or "" for i in range(results.count())]
    assert any("glossary/mondragon" in h for h in links), links
    assert any("notes/" in h for h in links), links


def expect_first_result(page: Page, essay: str, anchor: str) -> None:
    """The search box's first result is the essay (its heading links to the page) and its first entry, the
    best, is the paragraph `anchor`. Waits for the results of the whole query, not of its first letters."""
    links = page.locator(".md-search-result__item").first.locator("a.md-search-result__link")
    expect(links.nth(1)).to_have_attribute("href", re.compile(rf"/{re.escape(essay)}(\?[^#]*)?#{anchor}$"))
    expect(links.nth(0)).to_have_attribute("href", re.compile(rf"/{re.escape(essay)}(\?[^#]*)?$"))


@pytest.mark.parametrize(("word", "anchor"), [("kudzu", "kudzu-strategy"), ("Mondragon", "failed-by-success")])
def test_a_word_of_the_essay_lands_on_its_paragraph(open_page: Any, word: str, anchor: str) -> None:
    """Searching a word of the essay lists the essay first, with the paragraph holding the word as its first
    (best) entry, before the glossary and the paragraph pages that repeat it; Enter lands on that paragraph."""
    page = open_page("")
    search(page, word)
    expect_first_result(page, "essay/", anchor)
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(re.compile(rf"/essay/[^#]*#{anchor}$"))
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    assert page.watched.errors == []


# A public address for the built site that no request reaches: Playwright answers every request to it from
# the built files, and refuses every other. home.arpa is a real (if local) name, so the edition does not take
# it for a placeholder, as it does example.org, *.test or this machine.
PUBLIC = "https://dual-power.home.arpa/edition/"


@pytest.fixture
def open_public(browser: Browser, real_site: Any) -> Iterator[Any]:
    """Open a page of the built site as if it were published at PUBLIC."""
    contexts = []
    base = urlsplit(PUBLIC).path

    def answer(route: Route) -> None:
        url = route.request.url
        if not url.startswith(PUBLIC):
            route.abort()
            return
        rel = unquote(urlsplit(url).path).removeprefix(base)
        target = real_site.site / rel
        if not rel or rel.endswith("/"):
            target = target / "index.html"
        if target.is_file() and target.resolve().is_relative_to(real_site.site.resolve()):
            route.fulfill(path=str(target))
        else:
            route.fulfill(status=404, body="")

    def opener(path: str) -> Page:
        context = browser.new_context(viewport=DESKTOP)
        contexts.append(context)
        context.route("**/*", answer)
        page = context.new_page()
        page.watched = Watched(page, PUBLIC)  # type: ignore[attr-defined]
        page.goto(PUBLIC + path)
        return page

    yield opener
    for context in contexts:
        context.close()


def _printed_text(page: Page) -> str:
    """The page's text as printed (under print media, hidden elements give no text)."""
    page.emulate_media(media="print")
    return str(page.evaluate("document.body.innerText"))


def _settings() -> Any:
    from edition.sources import read_settings
    from sitebuild import REPO

    settings, _ = read_settings(REPO / "mkdocs.yml")
    return settings


def _no_interface_marks(page: Page) -> None:
    """Under print media: no ✎ link, no chevron or icon of a collapsible block, no button, no "Discuss"
    link, no "Cite this" box."""
    for mark in ("a.dp-quote__ref", "button", ".dp-notes-page", "details.dp-cite", ".md-clipboard"):
        marks = page.locator(mark)
        for i in range(marks.count()):
            expect(marks.nth(i)).to_be_hidden()
    pseudo = page.evaluate(
        """() => [...document.querySelectorAll("summary")].flatMap(s =>
             ["::before", "::after"].map(p => getComputedStyle(s, p).display))"""
    )
    assert set(pseudo) <= {"none"}, pseudo


@pytest.mark.parametrize("path", ["essay/", "paths/{path}/"])
def test_a_printed_page_says_whose_text_it_is_and_where_it_lives(open_public: Any, path: str, tmp_path: Any) -> None:
    """Printed, the essay and a path handout name the author, the source (venue, date, original address),
    the licence and the address the reader loaded (each stop's too), and keep no interface marks."""
    page = open_public(path.format(path=_first_path()))
    printed = _printed_text(page)
    block = page.locator(".dp-attribution")
    expect(block).to_be_visible()
    text = block.inner_text()
    settings = _settings()
    assert "Author: Wayne Price" in text
    assert "first published in New Politics, vol. XIX, no. 2, Winter 2023: " in text
    assert "https://newpol.org/issue_post/conceptions-of-dual-power-and-prefigurative-politics/" in text
    assert f"Licence: {settings.copyright}" in text and "CC BY 4.0" in text
    assert f"version {settings.version}" in text
    assert "Online at: " + PUBLIC + path.format(path=_first_path()) in text
    assert "example.org" not in printed
    for chrome in (".md-header", ".md-footer", ".md-sidebar--primary", ".md-search"):
        expect(page.locator(chrome).first).to_be_hidden()
    _no_interface_marks(page)
    if path.startswith("paths/"):
        expect(page.locator(".dp-stop__fulltext").first).to_be_visible()
        urls = page.locator(".dp-stop__url")
        assert urls.count() >= 3
        for i in range(urls.count()):
            expect(urls.nth(i)).to_be_visible()
            expect(urls.nth(i)).to_have_text(re.compile("^" + re.escape(PUBLIC)))
    else:
        assert page.locator(".dp-notes-toggle").count() > 0  # the notes buttons exist, and print hides them
    pdf = page.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
    assert pdf[:5] == b"%PDF-"
    assert page.watched.errors == []


@pytest.mark.parametrize("path", ["essay/", "paths/{path}/"])
def test_a_page_printed_from_a_preview_gives_no_placeholder_address(open_page: Any, path: str) -> None:
    """Loaded from this machine, from a build whose site_url is the placeholder example.org, a printed page
    gives no address at all (neither 127.0.0.1 nor example.org), and still its author, source and licence."""
    page = open_page(path.format(path=_first_path()))
    printed = _printed_text(page)
    assert "Author: Wayne Price" in printed and "Licence: " in printed
    assert "example.org" not in printed and "127.0.0.1" not in printed, printed
    expect(page.locator(".dp-attribution__address")).to_be_hidden()
    expect(page.locator(".dp-stop__url")).to_have_count(0 if path == "essay/" else page.locator(".dp-stop").count())
    for i in range(page.locator(".dp-stop__url").count()):
        expect(page.locator(".dp-stop__url").nth(i)).to_be_hidden()


def test_offline_copy_works_from_file_urls(browser: Browser, real_site: Any, tmp_path: Any) -> None:
    """The zip linked from the home page unpacks into a site that works from file://, search included, with
    the essay in its face and no error in the browser (no request it must refuse, such as the preload of a
    font, which a file has no origin to share)."""
    import zipfile

    from sitebuild import FILES

    with zipfile.ZipFile(real_site.site / FILES.offline_path) as zf:
        zf.extractall(tmp_path)
    home = tmp_path / FILES.folder / "index.html"
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    offsite: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:")) else offsite.append(r.url)
    )
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(home.as_uri())
    page.locator("a.md-button--primary").first.click()
    expect(page.locator("#kudzu-strategy")).to_be_visible()
    assert page.url.startswith("file:") and page.url.split("#")[0].endswith("/essay/index.html")
    page.evaluate("document.fonts.ready.then(() => null)")
    family = page.locator("#kudzu-strategy .dp-para__text").evaluate("p => getComputedStyle(p).fontFamily")
    assert family.startswith('"Source Serif 4"') and page.evaluate("document.fonts.check('16px \"Source Serif 4\"')")
    page.locator("#kudzu-strategy a.dp-term").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert "/glossary/" in page.url
    search(page, "kudzu")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    expect_first_result(page, "essay/index.html", "kudzu-strategy")  # from file:// too
    assert offsite == []
    assert errors == []
    context.close()
