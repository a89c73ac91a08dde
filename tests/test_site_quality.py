"""The built site as a whole: links resolve, no raw markup leaks, nothing active in content, same bytes twice."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import IN_CI
from edition import offline
from edition.books import DOWNLOADS
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


def _same(first: Path, second: Path, what: str) -> None:
    a, b = _digest(first), _digest(second)
    assert a.keys() == b.keys(), what
    assert [k for k in a if a[k] != b[k]] == [], what


def test_a_rebuild_reuses_the_compiled_templates(tmp_path: Path) -> None:
    """The theme's templates are compiled once and kept in the project's .cache/ for the next build."""
    root = make_site("", tmp_path / "project")
    assert build_site(root, tmp_path / "site").ok
    compiled = list((root / ".cache" / "edition" / "templates").glob("__jinja2_*.cache"))
    assert len(compiled) >= 10, "the hook no longer gives Jinja a bytecode cache"


def _windows_locale(folder: Path) -> dict[str, str]:
    """The environment of a Python that reads and writes as Windows does in Germany: German in Windows-1252,
    compiled into `folder` by glibc's localedef from the `locales` package's data (nothing installed), and
    UTF-8 mode off (PEP 540; Python 3.15 turns it on by default). Not C or POSIX, which Python turns into
    UTF-8 (PEP 538). Wherever a file is opened or a process's output decoded without saying UTF-8, this
    Python reads Windows-1252, which also refuses five bytes that UTF-8 text holds (a closing quote, E2 80 9D,
    among them); and it sorts, and writes numbers and month names, as German does. Outside CI, on a machine
    that cannot make it (no localedef or no locale data, as on macOS or Alpine), the test is skipped."""
    import os
    import subprocess
    import sys

    name = "de_DE.CP1252"
    env = {"LOCPATH": str(folder), "LC_ALL": name, "PYTHONUTF8": "0"}
    why = "apt-get install locales: glibc's localedef and its data make it"
    if shutil.which("localedef"):
        folder.mkdir(parents=True, exist_ok=True)
        made = subprocess.run(
            ["localedef", "--no-archive", "-i", "de_DE", "-f", "CP1252", str(folder / name)],
            capture_output=True,
            text=True,
            check=False,
        )
        why = f"{why} ({made.stderr.strip() or 'localedef made it'})"
    probe = "import locale, sys; print(locale.getpreferredencoding(False), sys.flags.utf8_mode)"
    seen = subprocess.run([sys.executable, "-c", probe], env={**os.environ, **env}, capture_output=True, text=True)
    if seen.stdout.split() != ["CP1252", "0"]:
        reason = f"no Windows-1252 locale for the other build ({seen.stdout.strip() or seen.stderr.strip()}): {why}"
        assert not IN_CI, reason
        pytest.skip(reason)
    return env


def _build_in_process_of_its_own(site_dir: Path, env: dict[str, str]) -> None:
    """`mkdocs build --strict` of the real site in a separate Python process with the given environment."""
    import os
    import subprocess
    import sys

    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks"), **env}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml")]
    # Its messages are in its own locale's encoding: decoded here so that any of them can be read.
    done = subprocess.run(
        [*command, "-d", str(site_dir)], env=full, capture_output=True, text=True, errors="replace", check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_builds_are_byte_identical_in_any_process(real_site: BuildResult, tmp_path: Path) -> None:
    """The same commit built again gives the same bytes for every page and export: in this test process
    (which has built other sites before), against the session's build (make site's, in a process of its own);
    and in a process with another hash seed, time zone and locale than this one, against this one's: nothing
    depends on set order, the clock's zone, or the locale's encoding, collation or formats. (One test, so that
    one worker makes the rebuild both comparisons use. The books are the first build's, so that the offline
    copy can hold them: test_books makes them again.)"""
    import os

    odd = {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", **_windows_locale(tmp_path / "locales")}  # UTC+14
    differ = ("PYTHONHASHSEED", "TZ", "LC_ALL")
    assert all(os.environ.get(name) != odd[name] for name in differ), "this process must differ"
    rebuilt = build_site(REPO, tmp_path / "rebuilt", strict=True)
    assert rebuilt.ok, rebuilt.errors
    _build_in_process_of_its_own(tmp_path / "other", odd)
    _same(rebuilt.site, tmp_path / "other", "another hash seed, time zone and locale")

    downloads = shutil.ignore_patterns("*.zip")
    shutil.copytree(real_site.site / DOWNLOADS, rebuilt.site / DOWNLOADS, ignore=downloads, dirs_exist_ok=True)
    offline.build(REPO / "mkdocs.yml", rebuilt.site)
    _same(real_site.site, rebuilt.site, "built again, with the books and the offline copy")


@pytest.mark.slow
def test_a_site_without_directory_urls_has_no_broken_link(tmp_path: Path) -> None:
    """With `use_directory_urls: false` every page is `….html`; every link, anchor and published address
    the hooks write still comes from MkDocs' own URLs."""
    root = make_site("", tmp_path / "src")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    result = build_site(root, tmp_path / "out", strict=True)
    assert result.ok, result.errors
    assert (tmp_path / "out/notes/opening/index.html").exists()
    assert check(tmp_path / "out", "/fixture/") == []
    export = (tmp_path / "out/annotations.jsonld").read_text(encoding="utf-8")
    assert "https://example.org/fixture/notes/opening/index.html#note-state-context" in export
    tour = (tmp_path / "out/paths/tour.html").read_text(encoding="utf-8")
    assert '<span data-dp-address="../essay/index.html#opening">' in tour  # printed from the address loaded
    assert '<span data-dp-address="tour.html">' in tour  # the page's own address: the page, not its folder
    # Every page is a file: no relative link or printed address may name a folder ("./", "../x/"), which a
    # server answers with that folder's index page, not the page meant.
    folders = [
        f"{page.relative_to(tmp_path / 'out')}: {value}"
        for page in (tmp_path / "out").rglob("*.html")
        for value in re.findall(r'(?:href|src|data-dp-address)="([^"]*)"', page.read_text(encoding="utf-8"))
        if not re.match(r"[a-z][a-z0-9+.-]*:|/", value)
        and (value == "" or re.split(r"[#?]", value)[0].endswith(("/", ".")))
    ]
    assert folders == []


FONTS = REPO / "overrides" / "assets" / "fonts"


def _ranges(value: str) -> list[tuple[int, int]]:
    """A unicode-range descriptor's value as (first, last) code points."""
    out = []
    for part in value.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return out


def test_the_text_face_draws_every_letter_its_files_hold() -> None:
    """Each file of the text face has one @font-face rule in source-serif-4.css, and every character a file can
    draw is in the unicode-range of a rule for its style and weight, so a browser never takes the reader's
    serif for a letter the site's face has (ğ, a decomposed é). The books' stylesheet names the same files."""
    from edition.books.pdf import font_files
    from fontTools.ttLib import TTFont

    css = (FONTS / "source-serif-4.css").read_text(encoding="utf-8")
    rules = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    files = {path.name for path in FONTS.glob("*.woff2")}
    by_file: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for rule in rules:
        [name] = re.findall(r'src: url\("([^"]+)"\)', rule)
        style = " ".join(re.findall(r"font-(?:style|weight): ([^;]+);", rule))
        [value] = re.findall(r"unicode-range: ([^;]+);", rule)
        assert name not in by_file, f"{name} has two rules"
        by_file[name] = (style, _ranges(value))
    assert set(by_file) == files and any("latin-ext" in name for name in files)
    for name, (style, _) in by_file.items():
        covered = [r for other, (s, ranges) in by_file.items() if s == style for r in ranges]
        outside = [hex(c) for c in TTFont(FONTS / name).getBestCmap() if not any(a <= c <= b for a, b in covered)]
        assert not outside, f"{name} ({style}) draws {outside} but no rule of its style gives them to it"
    assert set(font_files()) == files, "the books' stylesheet names other files"
