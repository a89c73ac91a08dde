"""Shared fixtures: the real site built once per session, a local server for it, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from edition import offline
from edition.books import DOWNLOADS
from hypothesis import HealthCheck, settings
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize
from playwright.sync_api import Error as PlaywrightError
from sitebuild import FILES, FIXTURES, REPO, BuildResult, build_books, build_site, make_site

# Debian's headless shell of Chromium (apt-get install chromium-headless-shell): the same Blink as the
# chromium package, without the desktop browser around it, as Playwright's own headless tests run it; it
# spends a third less of the machine on each page. Otherwise the full browser; CHROMIUM names any other.
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (path for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if Path(path).exists()),
    "/usr/bin/chromium",
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Fuzzing is deterministic: a red run is a real bug, found again by the same run. Nor does it time itself:
# the tests share two cores with browsers and builds, and a fresh clone's first text strategy first computes
# Hypothesis' Unicode tables (seconds), so a deadline or a "too slow" check would fail by the clock alone.
settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("deterministic")

# axe-core's options for every accessibility check: WCAG 2.1 A and AA, reporting violations only (the
# passes of a page as large as the essay are most of axe's time and say nothing a test reads).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# Counts the moves a page's own script makes of the window: each call of scrollIntoView, scrollTo, scrollBy or
# scroll after which the window's offset differs, in `window.dpWindowMoves` (its names). Playwright's own
# scrolling runs in a world of its own and is not counted. For a page of its own (Page.add_init_script):
# nothing takes an init script off a kept tab.
WINDOW_MOVES = """(() => {
  const moves = (window.dpWindowMoves = []);
  const watch = (owner, name) => {
    const call = owner[name];
    owner[name] = function (...args) {
      const before = window.scrollY;
      const result = call.apply(this, args);
      if (window.scrollY !== before) moves.push(name);
      return result;
    };
  };
  watch(Element.prototype, "scrollIntoView");
  for (const name of ["scrollTo", "scrollBy", "scroll"]) watch(window, name);
})();"""

# Waits until the page has drawn twice: whatever it does at the next frame (requestAnimationFrame) is done.
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def counting_page(beside: Page, viewport: ViewportSize) -> Page:
    """A new page in the browser of `beside` (its local storage; its own session storage) that counts the
    window moves its script makes (WINDOW_MOVES). Close it at the end of the test."""
    page = beside.context.new_page()
    page.set_viewport_size(viewport)
    page.add_init_script(WINDOW_MOVES)
    return page


def reload_keeps_the_place(page: Page, down: int, mover: str) -> None:
    """The reader scrolls `down` px and reloads a counting page: the browser puts the window back where it
    was, and the page's script (`mover`, as the message names it) does not move it after."""
    page.evaluate("(down) => window.scrollBy(0, down)", down)
    left = page.evaluate("() => window.scrollY")
    page.reload()
    page.wait_for_function("(y) => Math.abs(window.scrollY - y) < 2", arg=left, timeout=5000)
    page.evaluate(TWO_FRAMES)
    assert page.evaluate("() => window.dpWindowMoves") == [], f"{mover} moved the reloaded window"
    assert abs(page.evaluate("() => window.scrollY") - left) < 2, "the reader's place is lost"


HOSTILE_FILE = FIXTURES / "hostile.yml"
HOSTILE_CASES: list[dict[str, Any]] = yaml.safe_load(HOSTILE_FILE.read_text(encoding="utf-8"))["cases"]
NOTE_FRONT = "paragraph: closing\nauthors: [editors]\ndate: 2026-11-25\nkind: context\n"
TERM_FRONT = "term: {name}\nkind: concept\nshort: A test term.\n"


def _expand(text: str) -> str:
    expansions = {
        "{long}": "a" * 700,
        "{huge}": "word " * 50_000,
        "{long-text}": "word " * 7_000,
        "{code-lines}": "x = 1\n" * 8_001,
        "{brackets}": "[" * 5_000,
        "{links}": "[a](" * 5_000,
        "{angles}": "<a " * 5_000,
        "{terms}": "[[a|" * 5_000,
        "{citation}": "[" + "@a " * 9_000,  # an unclosed citation: linear to read, and "@a" is no work's key
    }
    for key, value in expansions.items():
        text = str(text).replace(key, value)
    return str(text)


def _merge(default: str, front: str) -> str:
    """Default front-matter lines, less those whose key the case sets, then the case's own lines."""
    keys = {line.split(":", 1)[0] for line in front.splitlines() if ":" in line and not line.startswith(" ")}
    kept = [line for line in default.splitlines() if line.split(":", 1)[0] not in keys]
    return "\n".join([*kept, *([front] if front else [])]) + "\n"


def apply_case(case: dict[str, Any], root: Path) -> str:
    """Write one hostile case into a fixture site at `root`; return the file it must be blamed on."""
    name = case["name"]
    if "note" in case:
        rel = f"docs/notes/closing/{name}.md"
        front = _merge(NOTE_FRONT, _expand(case.get("front", "")))
        text = f"---\n{front}---\n{_expand(case['note'])}\n"
    elif "term" in case:
        rel = f"docs/glossary/{name}.md"
        front = case["front"] + "\n" if "front" in case else TERM_FRONT.format(name=name.replace("-", " ").title())
        body = _expand(case["term"]) + ("" if "[[" in case["term"] else f" Marked: [[{name}]].")
        text = f"---\n{front}---\n{body}\n"
    elif "path" in case:
        rel, text = f"docs/paths/{name}.md", case["path"]
    elif "contributors" in case:
        rel, text = "docs/contributors.yml", case["contributors"]
    elif "bib" in case:
        rel, text = f"bibliography/{name}.bib", case["bib"]
    elif "settings" in case:
        rel = "mkdocs.yml"
        config = (root / rel).read_text(encoding="utf-8")
        text = config.replace("    essay: essay/index.md", "    essay: essay/index.md\n    " + case["settings"])
    elif "changes" in case:  # a pull request of that many files, from a base commit of the site as it is
        git_commit_all(root)
        for i in range(int(case["changes"])):
            (root / "tests" / "bulk").mkdir(parents=True, exist_ok=True)
            (root / "tests" / "bulk" / f"file-{i}.txt").write_text(f"line {i}\n", encoding="utf-8")
        git_commit_all(root)
        return "."
    elif "essay" in case:
        rel = "docs/essay/index.md"
        old, new = case["essay"]
        essay = (root / rel).read_text(encoding="utf-8")
        assert old in essay, f"{name}: the essay has no {old!r}"
        text = essay.replace(old, new)
    else:
        rel = str(case["file"])
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if "symlink" in case:
            target.symlink_to(case["symlink"])
        elif "latin1" in case:
            target.write_bytes(case["latin1"].encode("latin-1"))
        else:
            target.write_text(_expand(case["text"]), encoding="utf-8", newline="")
        if case.get("tracked"):
            git_track(root, rel)
        return rel
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="")
    return rel


def without_git() -> dict[str, str]:
    """This process's environment without the caller's GIT_* variables (a git hook running the tests sets
    GIT_INDEX_FILE): for a program that runs git, or a test's own git, on a test's own repository."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def git(*args: str) -> None:
    """Run git on a test's own repository, never sent to another by the caller's GIT_* variables."""
    subprocess.run(["git", *args], check=True, env=without_git())


def git_commit_all(root: Path) -> str:
    """Commit everything in `root` (made a git work tree if it is not one); return the commit."""
    if not (root / ".git").exists():
        git("init", "-q", str(root))
    git("-C", str(root), "add", "-A")
    git("-C", str(root), "-c", "user.name=Base", "-c", "user.email=base@example.org", "commit", "-q", "-m", "a commit")
    done = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True, env=without_git()
    )
    return done.stdout.strip()


def git_track(root: Path, rel: str) -> None:
    """Make `root` a git work tree (if it is not one) and add `rel` to its index, past any .gitignore. A new
    work tree tracks the project's .gitattributes, as the project's own does (a case may replace it)."""
    if not (root / ".git").exists():
        git("init", "-q", str(root))
        if not (root / ".gitattributes").exists():
            (root / ".gitattributes").write_bytes((REPO / ".gitattributes").read_bytes())
        git("-C", str(root), "add", "-f", "--", ".gitattributes")
    git("-C", str(root), "add", "-f", "--", rel)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The fixture site with every accepted hostile case in it, built once (not strictly: some cases
    add terms nobody else marks)."""
    root = make_site("", tmp_path_factory.mktemp("hostile") / "src")
    for case in HOSTILE_CASES:
        if "inert" in case:
            apply_case(case, root)
    result = build_site(root, root.parent / "site", strict=False)
    assert result.ok, "\n".join(result.errors)
    return result


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built strictly once for the whole test session, with its books and offline copy; or,
    under `make test`, the one `make site` has just built so (EDITION_BUILT_SITE), shared by every worker
    instead of built again in each (and, under `make test`, still being built when the session starts: see
    _wait_for_the_site)."""
    built = os.environ.get("EDITION_BUILT_SITE")
    if built:
        _wait_for_the_site()
        site = Path(built)
        for part in ("index.html", FILES.offline_path, FILES.pdf_path):
            assert (site / part).exists(), f"{site} is not a site built by make site: it has no {part}"
        return BuildResult(True, [], [], site)
    result = build_site(REPO, tmp_path_factory.mktemp("real") / "site", strict=True)
    assert result.ok, "\n".join(result.errors + result.warnings)
    books = build_books(REPO / "mkdocs.yml", result.site / DOWNLOADS)  # as make site makes them
    assert books.returncode == 0, books.stderr
    offline.build(REPO / "mkdocs.yml", result.site)  # the downloadable copy linked from the home page
    return result


# How long a test waits for the site `make test` builds beside the tests (it takes under a minute on two cores).
SITE_WAIT = 600


def _wait_for_the_site() -> None:
    """`make test` builds the site while the tests that need none run (they come first: see below) and then
    writes the build's exit status into the file EDITION_SITE_DONE names; wait for it, and stop every test
    that needs the site, with one clear line, if the build failed (make prints its messages after the tests)."""
    done = os.environ.get("EDITION_SITE_DONE")
    if not done:
        return
    status = Path(done)
    waited = time.monotonic()
    while not status.exists():
        if time.monotonic() - waited > SITE_WAIT:
            pytest.fail(f"the site was not built within {SITE_WAIT} s ({status} never appeared)", pytrace=False)
        time.sleep(0.2)
    code = status.read_text(encoding="utf-8").strip()
    if code != "0":
        pytest.fail(f"make site failed (exit status {code}); its messages follow the tests'", pytrace=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a built site on 127.0.0.1 (a free port); returns its address and the server to shut down."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(real_site: BuildResult) -> Iterator[str]:
    """The real site served on 127.0.0.1 for the browser tests."""
    url, server = serve(real_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def hostile_url(hostile_site: BuildResult) -> Iterator[str]:
    """The site with every accepted hostile case, served on 127.0.0.1."""
    url, server = serve(hostile_site.site)
    yield url
    server.shutdown()


class Tabs:
    """A tab kept open for a whole worker, one for a phone (touch) and one for a desk or tablet, in which the
    browser tests open the real site: a new tab costs a new renderer process, about a quarter of a CPU second
    on every test, and a navigation in the same tab does not.

    Each test still starts as a first visit: after it, the site's local and session storage are cleared, its
    listeners removed, and the tab left on about:blank with the pointer in the corner; before the next, its
    viewport and media are set (palette, screen). Only the HTTP cache stays warm, as a reader's does. A tab
    that cannot be emptied (it left the site, or broke) is closed, and the next test gets a new one. A test
    that opens a second page of the same kind gets a browser of its own, as a reader on another machine."""

    def __init__(self, browser: Browser, site_url: str) -> None:
        self.browser, self.site_url = browser, site_url
        self.tabs: dict[bool, Page] = {}
        self.taken: set[bool] = set()
        self.listeners: list[tuple[Page, str, Callable[[Any], None]]] = []
        self.contexts: list[BrowserContext] = []

    def page(self, viewport: ViewportSize, dark: bool = False) -> Page:
        """A tab at this viewport (touch on a phone) and palette, on about:blank."""
        phone = viewport["width"] < 600
        scheme: Literal["dark", "light"] = "dark" if dark else "light"
        if phone in self.taken:  # a second page in one test: a browser of its own
            context = self.browser.new_context(viewport=viewport, color_scheme=scheme, has_touch=phone, is_mobile=phone)
            self.contexts.append(context)
            return context.new_page()
        self.taken.add(phone)
        tab = self.tabs.get(phone)
        if tab is None or tab.is_closed():
            context = self.browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone)
            tab = self.tabs[phone] = context.new_page()
        tab.set_viewport_size(viewport)
        tab.emulate_media(media="screen", color_scheme=scheme)
        return tab

    def on(self, page: Page, event: str, handler: Callable[[Any], None]) -> None:
        """Listen to a page for the current test only."""
        page.on(event, handler)  # type: ignore[call-overload]
        self.listeners.append((page, event, handler))

    def empty(self) -> None:
        """After a test: forget its listeners and its other browsers; empty the kept tabs."""
        for page, event, handler in self.listeners:
            page.remove_listener(event, handler)
        self.listeners.clear()
        for context in self.contexts:
            context.close()
        self.contexts.clear()
        self.taken.clear()
        for phone, tab in list(self.tabs.items()):
            try:
                for other in tab.context.pages:  # opened beside the tab during the test
                    if other is not tab:
                        other.close()
                if not tab.url.startswith(self.site_url):
                    raise PlaywrightError(f"the tab is on {tab.url}, not on the site: its storage cannot be emptied")
                tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
                tab.context.clear_cookies()
                tab.goto("about:blank")
                tab.mouse.move(0, 0)
            except PlaywrightError:
                tab.context.close()
                del self.tabs[phone]


class Watched:
    """A page, with the console errors and off-site requests seen while it was open."""

    def __init__(self, page: Page, site_url: str, tabs: Tabs | None = None) -> None:
        self.page = page
        self.errors: list[str] = []
        self.offsite: list[str] = []
        listen = tabs.on if tabs else lambda page, event, handler: page.on(event, handler)
        listen(page, "console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        listen(page, "pageerror", lambda e: self.errors.append(str(e)))
        local = (site_url, "data:", "blob:")
        listen(page, "request", lambda r: None if r.url.startswith(local) else self.offsite.append(r.url))


@pytest.fixture(scope="session")
def tabs(browser: Browser, site_url: str) -> Iterator[Tabs]:
    """The kept tabs of this worker (see Tabs)."""
    kept = Tabs(browser, site_url)
    yield kept
    for tab in kept.tabs.values():
        tab.context.close()


def _have_chromium() -> bool:
    return Path(CHROMIUM).exists()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests that need the real site run last, so that under `make test` the others run while it is
    built (in the same order otherwise, and the same in every xdist worker). Browser tests need Debian's
    Chromium: skip them with a reason on a laptop without it, never in CI."""
    items.sort(key=lambda item: "real_site" in getattr(item, "fixturenames", ()))
    if _have_chromium() or IN_CI:
        return
    install = "apt-get install chromium-headless-shell"
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} ({install}); CI runs these")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium (Playwright's own browser download cannot work here), offline-friendly."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
