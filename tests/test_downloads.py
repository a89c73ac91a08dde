"""Downloads: the annotation export and the offline copy, offered with their sizes; every link in the copy
resolves inside it."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from edition import books, model, offline
from edition.model import Edition
from edition.render import downloads
from edition.render.inline import Inline
from edition.sources import read_settings
from linkcheck import check
from sitebuild import FILES, BuildResult, make_site

_LINK = re.compile(
    r'<li><a href="([^"]+)" download="">([^<]+)</a> \(([^<]*)<span class="dp-size" data-dp-size="([^"]+)">'
)


def _offered(page: Path) -> dict[str, tuple[str, str]]:
    """Each download a page offers: its name → (href, the size it shows)."""
    text = page.read_text(encoding="utf-8")
    section = text[text.index('<ul class="dp-downloads">') :]
    found = {}
    for href, name, _, _ in _LINK.findall(section[: section.index("</ul>")]):
        shown = re.search(rf'href="{re.escape(href)}".*?<span class="dp-size"[^>]*>, ([^<]+)</span>', section)
        found[name] = (href, shown[1] if shown else "")
    return found


@pytest.mark.parametrize("page", ["index.html", "about/index.html"])
def test_home_and_about_offer_every_download_with_its_size(real_site: BuildResult, page: str) -> None:
    """The home and About pages link to the books (PDF, EPUB), the offline zip and the annotation export,
    each link leading to the file, with the file's real size."""
    offered = _offered(real_site.site / page)
    assert set(offered) == {"The edition as a book", "The edition as an e-book", "Offline copy", "Annotations"}
    for href, size in offered.values():
        target = real_site.site / unquote(urljoin(page, href))
        assert target.is_file(), href
        assert size == offline.human_size(target.stat().st_size), (href, size)
    assert offered["Offline copy"][0].endswith(FILES.offline_path)
    assert offered["Annotations"][0].endswith("annotations.jsonld")
    assert offered["The edition as a book"][0].endswith(FILES.pdf_path)
    assert offered["The edition as an e-book"][0].endswith(FILES.epub_path)


def test_every_link_in_the_offline_copy_resolves_inside_it(real_site: BuildResult, tmp_path: Path) -> None:
    """Unzipped, the copy read from the disk: every local href and src of every page leads to a file of the
    copy (no absolute path, no folder, no zip it does not hold), and every #anchor to an element."""
    with zipfile.ZipFile(real_site.site / FILES.offline_path) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path)
    folder = tmp_path / FILES.folder
    assert sum(name.endswith(".html") for name in names) >= 50
    assert not [n for n in names if n.removeprefix(f"{FILES.folder}/") in offline.LEFT_OUT]
    for book in (FILES.pdf_path, FILES.epub_path):  # the books are in the copy, as the site has them
        assert (folder / book).read_bytes() == (real_site.site / book).read_bytes()
    assert check(folder, from_disk=True) == []
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert FILES.offline_path not in home  # a local build has no published address to send the reader to
    assert "Offline copy: you are reading it." in home


def _edition(tmp_path: Path, site_url: str, *, offline_copy: bool) -> Edition:
    root = make_site("", tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "    essay: essay/index.md\n",
            "    essay: essay/index.md\n    downloads: [index.md]\n    file_name: fixture-edition\n",
        )
    )
    settings, problems = read_settings(config)
    assert settings is not None and settings.downloads == ("index.md",), problems
    edition, _ = model.load(dataclasses.replace(settings, site_url=site_url, offline=offline_copy))
    assert edition is not None
    return edition


@pytest.mark.parametrize(
    ("site_url", "offline_copy", "zip_link"),
    [
        ("https://school.edu/ed/", False, 'href="../downloads/fixture-edition-offline.zip" download'),
        ("https://school.edu/ed/", True, 'href="https://school.edu/ed/downloads/fixture-edition-offline.zip"'),
        ("https://example.org/fixture/", True, None),
    ],
)
def test_the_offline_copy_sends_to_the_published_zip(
    tmp_path: Path, site_url: str, offline_copy: bool, zip_link: str | None
) -> None:
    """Online the zip is linked where it lies; the offline copy, which cannot hold itself, links to it on the
    published site, or (with a placeholder address) says it is the copy rather than link nowhere."""
    edition = _edition(tmp_path, site_url, offline_copy=offline_copy)
    inline = Inline(edition, "about.md", None, {"about.md": "about/"})
    section = downloads.section(edition, inline)
    html = "".join(inline.fragments)
    assert "## Downloads" in section
    assert 'href="../annotations.jsonld" download' in html
    if zip_link is None:
        assert "fixture-edition-offline.zip" not in html and "you are reading it" in html
    else:
        assert zip_link in html


def test_a_download_page_must_be_one_of_the_edition_pages(tmp_path: Path) -> None:
    """extra.edition.downloads names pages of extra.edition.pages, or the setting is refused at its line."""
    root = make_site("", tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("    essay: essay/index.md\n", "    essay: essay/index.md\n    downloads: [about.md]\n")
    )
    line = config.read_text(encoding="utf-8").splitlines().index("    downloads: [about.md]") + 1
    _, problems = read_settings(config)
    assert [str(p) for p in problems] == [
        f"mkdocs.yml:{line}: setting 'extra.edition.downloads' names 'about.md', which is not one of the "
        "edition's own pages (extra.edition.pages) [bad-setting]"
    ]


@pytest.mark.parametrize("name", ["Dual Power", "../../etc/edition", "edition.pdf", "x--y", "a" * 61, "[a]", "1"])
def test_the_downloads_name_is_a_plain_file_name(tmp_path: Path, name: str) -> None:
    """extra.edition.file_name names the books and the zip: lower-case letters, digits and single hyphens, at
    most 60, or the setting is refused at its line (no path, no extension, no space)."""
    root = make_site("", tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("    essay: essay/index.md\n", f"    essay: essay/index.md\n    file_name: '{name}'\n")
    )
    line = config.read_text(encoding="utf-8").splitlines().index(f"    file_name: '{name}'") + 1
    settings, problems = read_settings(config)
    if name == "1":  # an id may be digits alone
        assert settings is not None and settings.file_name == "1" and problems == []
        return
    assert settings is None
    assert [str(p) for p in problems] == [
        f"mkdocs.yml:{line}: setting 'extra.edition.file_name' must be a name of at most 60 lower-case letters, "
        "digits and single hyphens, e.g. dual-power-edition [bad-setting]"
    ]


def test_the_downloads_are_named_by_the_setting(tmp_path: Path) -> None:
    """Without extra.edition.file_name the downloads are edition.pdf, edition.epub, edition-offline.zip; the real
    site names its own in mkdocs.yml."""
    settings, _ = read_settings(make_site("", tmp_path / "src") / "mkdocs.yml")
    assert settings is not None
    names = books.files(settings.file_name)
    assert (names.pdf_path, names.epub_path, names.offline_path, names.folder) == (
        "downloads/edition.pdf",
        "downloads/edition.epub",
        "downloads/edition-offline.zip",
        "edition",
    )
    assert FILES.pdf_path == "downloads/dual-power-edition.pdf"


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1.0 kB"), (184_321, "184 kB"), (1_663_000, "1.7 MB"),
     (12_345_678, "12 MB"), (2_500_000_000, "2.5 GB")],
)  # fmt: skip
def test_sizes_are_shown_as_browsers_show_them(size: int, shown: str) -> None:
    """Powers of 1000; one decimal below 10."""
    assert offline.human_size(size) == shown


def test_sizes_are_filled_once_for_files_of_the_folder(tmp_path: Path) -> None:
    """An empty size is filled with the file's; a file that is not there, or outside the folder, leaves it
    empty; a filled size is not filled again."""
    span = '<span class="dp-size" data-dp-size="{}"></span>'
    (tmp_path / "a.json").write_bytes(b"x" * 2048)
    (tmp_path.parent / "outside.txt").write_bytes(b"x" * 10)
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text("".join(span.format(p) for p in ("a.json", "missing.zip", "../outside.txt")), encoding="utf-8")
    offline.fill_sizes(tmp_path)
    offline.fill_sizes(tmp_path)
    assert page.read_text(encoding="utf-8") == (
        '<span class="dp-size" data-dp-size="a.json">, 2.0 kB</span>'
        + span.format("missing.zip")
        + span.format("../outside.txt")
    )
