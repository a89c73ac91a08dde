"""Golden files: the exact HTML of the fixture site's indexes and of a paragraph page, reviewed in diffs.

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
