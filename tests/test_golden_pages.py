"""Golden files: the exact HTML of the fixture site's indexes and of a paragraph page, reviewed in diffs
(the changelog as a fixture site with two releases has it).

Regenerate after an intended change with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_pages.py`
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitebuild import FIXTURES, BuildResult, build_site, make_site

GOLDEN = FIXTURES / "golden" / "pages"
PAGES = {
    "notes-index": "notes/index.html",
    "notes-by-kind": "notes/kinds/index.html",
    "notes-by-tag": "notes/tags/index.html",
    "contributors": "notes/contributors/index.html",
    "glossary-index": "glossary/index.html",
    "paths-index": "paths/index.html",
    "works-cited": "bibliography/index.html",
    "paragraph-page": "notes/second-thoughts/index.html",
}


# Two releases of the fixture edition: the newest is the version mkdocs.yml names, and corrects a note.
CHANGELOG = """releases:
  - version: "1.1"
    date: 2026-11-30
    summary: A word of the text corrected, and a note with it.
    text:
      - In ¶ 1, “state” for “estate”, as the printed text has it.
    corrected: [state-context]
  - version: "1.0"
    date: 2026-11-25
    summary: The first release.
"""


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The base fixture site, built strictly once for these tests."""
    root = make_site("", tmp_path_factory.mktemp("golden") / "src")
    result = build_site(root, root.parent / "site", strict=True)
    assert result.ok, result.errors
    return result


def _article(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    start = page.index('<article class="md-content__inner')
    return page[start : page.rindex("</article>")].strip() + "\n"  # notes are articles too: the last one closes


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PAGES))
def test_page_matches_its_golden_file(name: str, fixture_site: BuildResult) -> None:
    """The page's content is exactly its golden file."""
    got = _article(fixture_site.site / PAGES[name])
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_changelog_matches_its_golden_file(tmp_path: Path) -> None:
    """The changelog page of a fixture edition with two releases, one correcting the text and a note."""
    root = make_site("", tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "    essay: essay/index.md\n", '    essay: essay/index.md\n    version: "1.1"\n    date: 2026-11-30\n'
        )
    )
    (root / "docs/changelog.yml").write_text(CHANGELOG, encoding="utf-8")
    result = build_site(root, tmp_path / "site", strict=True)
    assert result.ok, result.errors
    got = _article(result.site / "changelog/index.html")
    golden = GOLDEN / "changelog.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
