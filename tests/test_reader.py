"""The essay as a reader meets it, at a phone (390 × 844), a small desk (1024 × 768) and a desk (1440 × 900),
in the light and the dark palette: title block, navigation, type, notes, layers, previews, taps and targets.

Each test opens the page once and checks everything it can there: a browser page is the slow part.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import AXE_OPTIONS, TWO_FRAMES, Tabs, Watched, counting_page, reload_keeps_the_place
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

pytestmark = pytest.mark.browser

SIZES: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "tablet": {"width": 1024, "height": 768},
    "desk": {"width": 1440, "height": 900},
}
EVERY = [(size, palette) for size in SIZES for palette in ("light", "dark")]

# What a reader can tap or click inside the page's content (Material's header and sidebars are the theme's).
TARGETS = "a[href], button, summary, input, select, label:has(input), [tabindex='0']:not(article)"


@pytest.fixture
def reader(tabs: Tabs, site_url: str) -> Iterator[Any]:
    """Open a page at a size and palette (in the worker's kept tab: see conftest.Tabs); console errors and
    requests to other hosts are collected. With `context`, a second page beside the first, in its browser."""

    def opener(path: str, size: str = "desk", palette: str = "light", context: BrowserContext | None = None) -> Page:
        page = context.new_page() if context else tabs.page(SIZES[size], dark=palette == "dark")
        watched = Watched(page, site_url, tabs)
        page.errors, page.offsite = watched.errors, watched.offsite  # type: ignore[attr-defined]
        page.goto(site_url + path)
        return page

    yield opener
    tabs.empty()


def _box(locator: Any) -> dict[str, float]:
    box = locator.bounding_box()
    assert box, f"{locator} has no box"
    return dict(box)


@pytest.mark.parametrize(("size", "palette"), EVERY)
def test_title_block_navigation_and_type(reader: Any, size: str, palette: str) -> None:
    """The byline is in the first screen with the original venue and this edition's version; the essay's
    sections and the site's pages can be reached; the text is set in the served serif; axe finds nothing."""
    page = reader("essay/", size, palette)
    height = SIZES[size]["height"]
    byline = page.locator(".dp-byline")
    expect(byline).to_have_text("Wayne Price")
    assert _box(byline)["y"] + _box(byline)["height"] <= height, "the byline is in the first screen"
    expect(page.locator(".dp-source a")).to_have_attribute("href", re.compile(r"^https://newpol\.org/"))
    expect(page.locator(".dp-source")).to_contain_text("New Politics")
    expect(page.locator(".dp-edition-line")).to_contain_text(re.compile(r"version \d"))
    expect(page.locator('.dp-edition-line a[href="#cite"]')).to_be_visible()
    assert page.evaluate("document.fonts.check('16px \"Source Serif 4\"')")
    family = page.locator("#kudzu-strategy .dp-para__text").evaluate("p => getComputedStyle(p).fontFamily")
    assert family.startswith('"Source Serif 4"')

    sections = page.locator(".dp-essay h2")
    assert sections.count() >= 2
    first_section = sections.first.get_attribute("id")
    if size == "desk":
        nav = page.locator(".md-sidebar--primary")
        expect(nav).to_be_visible()
    else:  # the drawer, behind the menu button: the site's pages and, under the essay, its sections
        page.locator("label.md-header__button[for='__drawer']").click()
        nav = page.locator(".md-sidebar--primary")
        expect(nav.locator("a.md-nav__link", has_text="Glossary").first).to_be_visible()
        page.locator("label.md-nav__link[for='__toc']").first.click()
    expect(nav.locator(f'a[href="#{first_section}"]').first).to_be_visible()
    for label in ("Home", "Glossary", "Reading paths", "Works cited"):
        expect(nav.locator("a.md-nav__link", has_text=label).first).to_be_attached()

    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"], "no sideways scroll"
    # axe, once per layout and palette: the phone's in the light palette here; the phone's dark palette, and
    # the desk's (notes beside the text, as at 1024) in both, in test_browser.py.
    if (size, palette) == ("phone", "light"):
        page.goto(page.url.split("#")[0])  # a fresh load: nothing half-way through an animation
        page.evaluate("document.fonts.ready")
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
    assert page.errors == [] and page.offsite == []


# Beside each paragraph, its notes end at most this much of a screen below its text: longer notes scroll in
# their box, and the text column never stands empty for screens on end (¶ 2's notes alone are 2,000 px).
NOTES_OVERHANG = 0.5


def test_measure_and_balanced_columns(reader: Any) -> None:
    """At 1024, 1440 and 1920 px (the page loaded once, the window resized): 60–75 characters a line in the
    essay; its notes beside it, neither column dwarfing the other; no paragraph's notes leave more than half
    a screen of empty text column under it, and the notes beyond that are read in full by scrolling their
    box, which a note's focus (Tab) or its address scrolls too, and a click in its text does not; a reload
    keeps the reader's place."""
    page = reader("essay/")
    for width, height in ((1024, 768), (1440, 900), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        overhangs = page.evaluate(
            """() => [...document.querySelectorAll('.dp-para')].map(p => {
  const text = p.querySelector('.dp-para__text').getBoundingClientRect();
  const notes = p.querySelector(':scope > .dp-notes');
  return [p.id, notes ? notes.getBoundingClientRect().bottom - text.bottom : 0]; })"""
        )
        assert len(overhangs) > 10, overhangs
        deep = [(pid, round(px)) for pid, px in overhangs if px > NOTES_OVERHANG * height]
        assert not deep, f"{width}×{height}: notes run far below their paragraph: {deep}"
        box = page.locator("#notes-kudzu-strategy")
        assert box.evaluate("b => b.scrollHeight > b.clientHeight + 100"), "¶ 2's notes are longer than the box"
        assert box.evaluate("b => getComputedStyle(b).overflowY") == "auto", "the rest of the notes scroll"
        last = box.locator(":scope > .dp-note").last
        last.focus()
        # The box shows the note from its head: at the box's top, or lower if the box has scrolled to its end.
        page.wait_for_function(
            """([box, note]) => { const b = box.getBoundingClientRect(), n = note.getBoundingClientRect();
  const end = box.scrollTop >= box.scrollHeight - box.clientHeight - 1;
  return box.scrollTop > 0 && n.top >= b.top - 1 && (n.top <= b.top + 12 || (end && n.top < b.bottom - 40)); }""",
            arg=[box.element_handle(), last.element_handle()],
            timeout=5000,
        )
        box.evaluate("b => { document.activeElement.blur(); b.scrollTop = 0; }")
        measure = page.evaluate(
            """() => [...document.querySelectorAll('.dp-para__text')].map(p => {
  const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
  return p.textContent.length / lines; })"""
        )
        average = sum(measure) / len(measure)
        assert 60 <= average <= 75, f"{width} px: {average:.0f} characters a line"
        text = _box(page.locator("#kudzu-strategy .dp-para__text"))
        notes = _box(page.locator("#notes-kudzu-strategy"))
        assert notes["x"] >= text["x"] + text["width"], f"{width} px: notes beside the text"
        ratio = notes["width"] / text["width"]
        assert 0.5 <= ratio <= 1.2, f"{width} px: text {text['width']:.0f} px, notes {notes['width']:.0f} px"
        assert text["x"] >= 16 and notes["x"] + notes["width"] <= width - 8, f"{width} px: inside the window"
    # A box says it scrolls on (a shadow at the edge with more beyond), and a click in a note's text, which
    # focuses the note, moves nothing: the reader may be selecting it.
    box = page.locator("#notes-kudzu-strategy")
    expect(box).to_have_class(re.compile(r"\bhas-below\b"))
    box.evaluate("b => { b.scrollTop = 300; }")
    expect(box).to_have_class(re.compile(r"\bhas-above\b"))
    spot = box.evaluate(
        """b => { const seen = b.getBoundingClientRect();
  for (const p of b.querySelectorAll('.dp-note__body p')) {
    const r = p.getBoundingClientRect(), x = r.left + 3, y = r.top + 8;
    const hit = document.elementFromPoint(x, y);
    if (y > seen.top + 20 && y < seen.bottom - 20 && hit && p.contains(hit) && !hit.closest('a')) return [x, y];
  } return null; }"""
    )
    assert spot, "a line of a note's text in view in the box"
    page.mouse.click(*spot)
    page.evaluate(TWO_FRAMES)  # it would have moved by now
    assert box.evaluate("b => b.scrollTop") == 300, "a click in a note's text scrolled its box"
    assert box.evaluate("b => b.contains(document.activeElement)"), "the click focused the note"
    # An address naming a note in a box, opened afresh, shows the note from its head, below the sticky header
    # (in a page of its own, which counts its script's moves of the window: this load shows it counting).
    note_id = page.locator("#notes-kudzu-strategy > .dp-note").nth(1).get_attribute("id")
    in_box = """(id) => { const n = document.getElementById(id), b = n.closest('.dp-notes').getBoundingClientRect();
  const top = n.getBoundingClientRect().top; return top >= b.top - 1 && top <= b.top + 40; }"""
    below_header = """(id) => document.getElementById(id).closest('.dp-notes').getBoundingClientRect().top
  >= document.querySelector('.md-header').getBoundingClientRect().bottom"""
    again = counting_page(page, {"width": 1920, "height": 1080})
    again.goto(page.url.split("#")[0] + f"#{note_id}")
    again.wait_for_function(f"(id) => ({in_box})(id) && ({below_header})(id)", arg=note_id, timeout=5000)
    assert again.evaluate("() => window.dpWindowMoves.length") > 0, "the count misses the page's own moves"
    # Reloaded after the reader has read on, the page stays where the reader was. The box, which the browser
    # does not keep, shows the note from its head again.
    reload_keeps_the_place(again, 1500, "the page")
    again.wait_for_function(in_box, arg=note_id, timeout=5000)
    assert again.evaluate(f"(id) => !({below_header})(id)", note_id), "the reader's place is away from the note"
    expect(again.locator(f"#{note_id}")).to_have_class(re.compile(r"\bis-target\b"))
    again.close()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_terms_highlights_and_reading_mode(reader: Any, palette: str) -> None:
    """Terms have a dotted underline, links a solid one; reading mode takes the highlights away and is
    remembered on the next page load."""
    page = reader("essay/", "desk", palette)
    term = page.locator("#kudzu-strategy a.dp-term").first
    link = page.locator(".dp-source a")
    assert term.evaluate("a => getComputedStyle(a).textDecorationStyle") == "dotted"
    assert link.evaluate("a => getComputedStyle(a).textDecorationStyle") == "solid"
    mark = page.locator("mark.dp-quote").first
    lit = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert lit not in ("rgba(0, 0, 0, 0)", "transparent")
    reading = page.locator('.dp-tool[data-tool="reading"]')
    reading.click()
    expect(reading).to_have_attribute("aria-pressed", "true")
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.reload()
    expect(page.locator('.dp-tool[data-tool="reading"]')).to_have_attribute("aria-pressed", "true")
    assert (
        page.locator("mark.dp-quote").first.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    )
    page.locator('.dp-tool[data-tool="reading"]').click()
    assert page.locator("mark.dp-quote").first.evaluate("m => getComputedStyle(m).backgroundColor") == lit


def test_notes_are_labelled_units_that_never_repeat(reader: Any) -> None:
    """Each note is one article, named by its kind and authors, reached with Tab; in brief mode a note shows
    its opening, and "Read the whole note" shows the rest of the same text, not a second copy."""
    page = reader("essay/")
    notes = page.locator("#notes-kudzu-strategy > article.dp-note")
    first = notes.first
    expect(first).to_have_attribute("tabindex", "0")
    name = first.evaluate("n => document.getElementById(n.getAttribute('aria-labelledby')).textContent")
    assert re.search(r"\w+ note by \w+", name), name
    page.locator("#kudzu-strategy .dp-notes-toggle").focus()
    page.keyboard.press("Tab")  # the link to the paragraph's page
    for _ in range(3):
        if page.evaluate("document.activeElement.classList.contains('dp-note')"):
            break
        page.keyboard.press("Tab")
    expect(first).to_be_focused()
    body_text = first.locator(".dp-note__body").inner_text()
    opening = body_text.split(".")[0][:60]
    assert page.locator("#notes-kudzu-strategy").inner_text().count(opening) == 1, "nothing shown twice"
    page.locator('.dp-tool[data-tool="brief"]').click()
    body = first.locator(".dp-note__body")
    assert body.evaluate("b => b.scrollHeight > b.clientHeight + 4"), "brief: only the opening lines"
    more = first.locator(".dp-note__more")
    expect(more).to_have_attribute("aria-expanded", "false")
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    assert body.evaluate("b => getComputedStyle(b).maxHeight") == "none"
    assert page.locator("#notes-kudzu-strategy").inner_text().count(opening) == 1


def test_layers_filter_remember_link_and_print(reader: Any, site_url: str) -> None:
    """Questions only: the counts say so, the address carries it, the next visit remembers it, a link with it
    opens the essay that way in a fresh browser, and printing prints only the chosen notes."""
    page = reader("essay/")
    total = page.locator(".dp-essay article.dp-note").count()
    questions = page.locator('.dp-essay article.dp-note[data-kind="question"]').count()
    assert 0 < questions < total
    page.locator('.dp-tool[data-tool="layers"]').click()
    group = page.locator('.dp-layers__group[data-layer="kinds"]')
    expect(group.locator("label", has_text="Question")).to_contain_text(f"({questions})")
    for box in group.locator("input").all():
        if box.get_attribute("value") != "question":
            box.uncheck()
    expect(page.locator(".dp-tool__shown")).to_have_text(f"{questions} of {total} notes")
    assert re.search(r"[?&]kinds=question(&|$)", page.url), page.url
    visible = page.locator(".dp-essay article.dp-note:visible")
    assert visible.count() == questions
    assert all(k == "question" for k in visible.evaluate_all("ns => ns.map(n => n.dataset.kind)"))
    page.emulate_media(media="print")
    printed = page.evaluate(
        "() => [...document.querySelectorAll('.dp-essay article.dp-note')]"
        ".filter(n => getComputedStyle(n).display !== 'none').map(n => n.dataset.kind)"
    )
    assert printed and set(printed) == {"question"}, "printing prints the chosen layers"
    page.emulate_media(media="screen")

    again = reader("about/", context=page.context)
    again.goto(site_url + "essay/")
    assert "kinds=question" in again.url, "remembered, and written back into the address"
    assert again.locator(".dp-essay article.dp-note:visible").count() == questions
    again.goto(site_url + "notes/libertarian-means/")  # a paragraph's own page keeps the choice too
    kinds = again.locator("article.dp-note:visible").evaluate_all("ns => ns.map(n => n.dataset.kind)")
    assert kinds and set(kinds) == {"question"}
    expect(again.locator(".dp-tool__shown")).to_contain_text(" of ")

    fresh = reader("essay/?kinds=question")  # an instructor's link, in a browser that never chose
    assert fresh.locator(".dp-essay article.dp-note:visible").count() == questions
    fresh.locator('.dp-tool[data-tool="layers"]').click()
    fresh.locator('.dp-tool[data-tool="all"]').click()
    assert fresh.locator(".dp-essay article.dp-note:visible").count() == total
    assert "kinds=" not in fresh.url


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_phone_taps_and_target_sizes(reader: Any, palette: str) -> None:
    """On a phone a tap on a term shows its definition in place (the address stays) with a link to its
    page; one tap opens a paragraph's notes; every target is at least 24 × 24, the main controls 44 × 44."""
    page = reader("essay/", "phone", palette)
    url = page.url
    term = page.locator("#kudzu-strategy a.dp-term").first
    term_id = term.get_attribute("data-term")
    definition = page.locator(f"#dp-def-{term_id}").text_content()
    term.tap()
    pop = page.locator(".dp-popover")
    expect(pop).to_be_visible()
    expect(pop).to_contain_text(definition or "")
    expect(pop.locator("a")).to_have_attribute("href", re.compile(rf"glossary/{term_id}/$"))
    assert page.url == url
    assert _box(pop)["x"] >= 0 and _box(pop)["x"] + _box(pop)["width"] <= 390
    pop.locator(".dp-popover__close").tap()
    expect(pop).to_have_count(0)

    toggle = page.locator("#mass-movements .dp-notes-toggle")
    notes = page.locator("#notes-mass-movements")
    expect(notes).to_be_hidden()
    toggle.tap()
    expect(notes).to_be_visible()
    expect(notes.locator(".dp-note__body").first).to_be_visible()
    _assert_targets(page)


def test_desk_target_sizes(reader: Any) -> None:
    """At 1440 px, with the layers open, every target in the essay is at least 24 × 24 too."""
    page = reader("essay/")
    page.locator('.dp-tool[data-tool="layers"]').click()
    _assert_targets(page)


def _assert_targets(page: Page) -> None:
    small = page.evaluate(
        """([selector]) => {
             const out = [];
             for (const el of document.querySelector('.md-content').querySelectorAll(selector)) {
               const r = el.getBoundingClientRect();
               if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
               if (el.closest('[hidden], .dp-defs')) continue;
               const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
               const what = `${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}"`;
               if (r.width < 24 || r.height < 24) out.push(`${what} ${size}`);
             }
             for (const el of document.querySelectorAll('.dp-tool, .dp-notes-toggle')) {
               const r = el.getBoundingClientRect();
               const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
               if (r.width && (r.width < 44 || r.height < 44)) out.push(`main control ${el.className} ${size}`);
             }
             return out; }""",
        [TARGETS],
    )
    assert small == [], "\n".join(small[:20])


def test_previews_of_works_and_paragraphs(reader: Any) -> None:
    """Hovering a citation in a note shows the work's reference; focusing a ¶ reference shows the opening of
    that paragraph; both are the same tooltip as a term's."""
    page = reader("essay/")
    cite = page.locator(".dp-note__body a.dp-cite").first
    key = (cite.get_attribute("href") or "").split("#ref-")[1]
    reference = page.locator(f"#dp-work-{key}").text_content() or ""
    assert len(reference) > 20
    cite.hover()
    tip = page.locator("[role=tooltip]")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(reference[:40])
    page.mouse.move(0, 0)
    para_ref = page.locator('.dp-note__body a[href="#russian-dual-power"]').first
    para_ref.focus()
    opening = page.locator("#russian-dual-power .dp-para__text").inner_text()[:30]
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(opening)
    expect(tip).to_contain_text("¶ 9")


@pytest.mark.parametrize("size", ["phone", "tablet"])  # at 1440 px, in test_browser.py's walk
def test_path_card_never_covers_its_target(reader: Any, site_url: str, size: str) -> None:
    """Walking a path, each stop's card (guide, questions, step, keys) sits above the stop's target, and the
    target is in view below it, not under it, at every width."""
    page = reader("paths/", size)
    page.locator(".dp-path-cards a").first.click()
    n = page.locator(".dp-stop").count()
    page.locator("a.dp-path__start").click()
    for k in range(n):
        # This step's card: the last one is replaced only once the next stop has loaded, and until then it
        # matched, and could go from under the check (no box) as the page changed.
        bar = page.locator(f'.dp-stepbar[aria-label="Reading path: step {k + 1} of {n}"]')
        expect(bar).to_be_visible()
        expect(bar.locator("kbd")).not_to_have_count(0)
        target_id = page.url.split("#")[1] if "#" in page.url else ""
        if target_id:
            target = _box(page.locator(f"#{target_id}"))
            card = _box(bar)
            assert card["y"] + card["height"] <= target["y"] + 1, f"step {k + 1}: the card covers its target"
            header = _box(page.locator(".md-header"))
            assert card["y"] >= header["height"] - 1, f"step {k + 1}: the card is under the header"
        if k + 1 < n:
            bar.locator(".dp-stepbar__next").click()


def _fetched(page: Page) -> list[str]:
    """The file names of what `page` fetches from now on, as it fetches them."""
    names: list[str] = []
    page.on("requestfinished", lambda request: names.append(request.url.rsplit("/", 1)[-1]))
    return names


def test_a_name_in_extended_latin_is_set_in_the_served_face(browser: Browser, site_url: str) -> None:
    """A work's author with a Latin Extended letter (Ercan Ayboğa, in Works cited) is drawn in Source Serif 4
    to the last letter, as Chromium reports the fonts it used; the face's Latin Extended subset is fetched by
    a page that shows such a letter, and not by one that does not (the home page)."""
    fetched: dict[str, set[str]] = {}
    for path in ("", "bibliography/"):
        context = browser.new_context(viewport=SIZES["desk"])
        page = context.new_page()
        names = _fetched(page)
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready")  # after the faces the laid-out text asked for, and their swap
        fetched[path] = {name for name in names if name.endswith(".woff2")}
        if path:
            entry = page.locator(".md-content li, .md-content p", has_text="Ayboğa").first
            expect(entry).to_be_visible()
            entry.evaluate("e => e.setAttribute('data-probe', '')")
            cdp = context.new_cdp_session(page)
            root = cdp.send("DOM.getDocument")["root"]["nodeId"]
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-probe]"})["nodeId"]
            cdp.send("CSS.enable")
            used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            assert used and all(font["postScriptName"].startswith("SourceSerif4-") for font in used), used
        context.close()
    assert "source-serif-4-latin-400-normal.woff2" in fetched[""], fetched
    assert not any("latin-ext" in name for name in fetched[""]), fetched
    assert "source-serif-4-latin-ext-400-normal.woff2" in fetched["bibliography/"], fetched


def test_essay_page_weight(browser: Browser, site_url: str) -> None:
    """Everything the essay page loads, fonts included, transfers in at most 450 KiB (gzip, as Pages serves)."""
    sizes: dict[str, int] = {}
    context = browser.new_context(viewport=SIZES["desk"])
    page = context.new_page()
    page.on("response", lambda r: sizes.__setitem__(r.url, len(gzip.compress(r.body(), 6))) if r.ok else None)
    page.goto(site_url + "essay/")
    page.wait_for_load_state("networkidle")
    context.close()
    total = sum(sizes.values())
    assert any(u.endswith(".woff2") for u in sizes), "the text face is part of the count"
    listing = ", ".join(f"{u.rsplit('/', 1)[-1]} {s}" for u, s in sizes.items())
    assert total <= 450 * 1024, f"{total / 1024:.0f} KiB: {listing}"


def test_an_address_that_names_nothing_stops_nothing(reader: Any) -> None:
    """An address whose fragment is no valid percent-encoding ("essay/#%", as a link in a note could send a
    reader) names nothing: the page's reading tools and notes work as on any other address."""
    page = reader("essay/#%")
    expect(page.locator(".dp-tools")).to_be_visible()
    assert page.locator(".dp-note__more").count() > 0
    assert page.errors == [], page.errors


# A page of each kind the edition makes (and the home page), for the layout test below.
KINDS_OF_PAGE = (
    "",
    "essay/",
    "glossary/",
    "glossary/dual-power/",
    "notes/seize-power/",
    "paths/dual-power-today/",
    "bibliography/",
)

# Where every block of the page's content lies (document coordinates, CSS px), and what it is.
BLOCKS = """() => Array.from(document.querySelectorAll(
  ".md-content__inner > *, .md-content__inner .dp-para, .md-content__inner .dp-para > *, .md-content__inner li"
)).map((el, i) => {
  const box = el.getBoundingClientRect();
  return [i + " " + el.tagName + "#" + el.id, Math.round(box.top + scrollY), Math.round(box.height)];
})"""


@pytest.mark.parametrize("size", ["phone", "desk"])
def test_nothing_moves_when_the_script_runs(browser: Browser, site_url: str, size: str) -> None:
    """What a reader sees before edition.js has run is laid out as after it: each page kind's content blocks
    are where they will stay, so nothing jumps as the page loads (no layout shift: the notes' buttons, the
    reading tools and the glossary's filter have their room from the first paint, and a phone's notes are
    folded from it). Compared in one browser, first with edition.js replaced by one that only says it ran (so
    that the page stays as first drawn: main.html takes the mark of script off a page whose edition.js never
    ran), then with it, after the served faces have loaded both times."""
    phone = size == "phone"
    context = browser.new_context(viewport=SIZES[size], has_touch=phone, is_mobile=phone)
    page = context.new_page()

    def layout(path: str) -> list[Any]:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => null)")
        return list(page.evaluate(BLOCKS))

    before: dict[str, list[Any]] = {}
    ran = 'document.documentElement.classList.add("dp-ready")'
    page.route(
        "**/assets/javascripts/edition.js", lambda route: route.fulfill(body=ran, content_type="text/javascript")
    )
    for path in KINDS_OF_PAGE:
        before[path] = layout(path)
        assert not page.evaluate("document.querySelector('.dp-stepbar, .dp-note__more')"), "edition.js ran"
    page.unroute("**/assets/javascripts/edition.js")
    try:
        for path in KINDS_OF_PAGE:
            after = layout(path)
            moved = [(b, a) for b, a in zip(before[path], after, strict=True) if b != a]
            assert not moved, f"{path or 'home'} at {size}: {len(moved)} blocks moved, first {moved[:3]}"
    finally:
        context.close()


@pytest.mark.parametrize("script", ["off", "edition.js not fetched"])
def test_without_script_every_note_is_shown_and_no_dead_control(browser: Browser, site_url: str, script: str) -> None:
    """A reader whose browser runs no script, or whose copy of edition.js never came (a filter, a lost
    connection), is given no control that would do nothing: no reading tools, notes' buttons or glossary
    filter, and none of their room; every note is shown, under its paragraph on a phone."""
    context = browser.new_context(
        viewport=SIZES["phone"], java_script_enabled=script != "off", has_touch=True, is_mobile=True
    )
    page = context.new_page()
    if script != "off":
        page.route("**/assets/javascripts/edition.js", lambda route: route.abort())
    try:
        page.goto(site_url + "essay/")
        assert page.locator(".dp-tools").bounding_box() is None
        assert page.locator(".dp-notes-toggle").count() > 0
        assert all(box is None for box in (t.bounding_box() for t in page.locator(".dp-notes-toggle").all()[:5]))
        notes = page.locator(".dp-notes").all()
        assert notes and all(n.is_visible() for n in notes)
        title_block, first = page.locator(".dp-titleblock"), page.locator(".dp-para").first
        gap = _box(first)["y"] - (_box(title_block)["y"] + _box(title_block)["height"])
        assert gap < 60, f"{gap:.0f} px between the title block and ¶ 1: room kept for tools that never come"
        page.goto(site_url + "glossary/")
        assert page.locator(".dp-filters").bounding_box() is None
        expect(page.locator(".dp-entry").first).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("size", ["phone", "desk"])
def test_an_address_naming_a_note_opens_its_box_which_still_closes(reader: Any, site_url: str, size: str) -> None:
    """An address naming a note (or a part of one, its label) opens the note's box at once, on a phone too,
    and the button says so; the reader can still close the box, and open it again."""
    page = reader("essay/", size)
    nid = page.locator(".dp-essay .dp-notes > .dp-note").nth(3).get_attribute("id")
    box_id = page.locator(".dp-notes", has=page.locator(f"#{nid}")).get_attribute("id")
    box, button = page.locator(f"#{box_id}"), page.locator(f'.dp-notes-toggle[aria-controls="{box_id}"]')
    for address in (f"#{nid}", f"#{nid}--label"):
        page.goto("about:blank")  # a new load of the page at that address, not a move within it
        page.goto(site_url + "essay/" + address)
        expect(box).to_be_visible()
        expect(button).to_have_attribute("aria-expanded", "true")
        button.click()
        expect(box).to_be_hidden()
        expect(button).to_have_attribute("aria-expanded", "false")
        button.click()
        expect(box).to_be_visible()
