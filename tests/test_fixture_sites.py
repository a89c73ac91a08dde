"""Tiny sites with bad input: each is refused with exactly the expected `path:line: message` lines.

Every case goes through the checker (`build.start`, exactly what the build's on_config runs) in this
process; a sample of them, one per kind of content, also goes through a whole MkDocs build, which must
log the same lines, fail, and leave no site behind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from edition import build
from sitebuild import FIXTURES, build_site, expected, make_site

CASES = sorted(p.name for p in (FIXTURES / "cases").iterdir() if (p / "expected.txt").exists())
BUILT = ["cite-bib-syntax", "essay-all-at-once", "note-many-at-once", "path-unknown-stops", "setting-unknown"]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_reported_exactly(case: str, tmp_path: Path) -> None:
    """Every problem of the case is reported, in one run, with its exact message."""
    root = make_site(case, tmp_path / "site-src")
    _, problems = build.start(root / "mkdocs.yml")
    assert [str(p) for p in problems] == expected(case)


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILT)
def test_the_build_logs_the_same_lines_and_leaves_no_site(case: str, tmp_path: Path) -> None:
    """A whole build logs exactly the case's lines, fails, and writes no site."""
    root = make_site(case, tmp_path / "site-src")
    result = build_site(root, tmp_path / "out", strict=True)
    assert not result.ok
    assert result.problems == expected(case)
    assert not (tmp_path / "out" / "index.html").exists(), "a failed build must not leave a site behind"
    assert not any("Traceback" in m for m in result.errors + result.warnings)


def test_every_built_sample_is_a_case() -> None:
    """The sample names real cases."""
    assert set(BUILT) <= set(CASES)


def test_base_fixture_builds(tmp_path: Path) -> None:
    """The base fixture itself is valid: the cases fail only because of what they change."""
    root = make_site("", tmp_path / "site-src")
    result = build_site(root, tmp_path / "out", strict=True)
    assert result.ok, result.errors + result.warnings
    assert (tmp_path / "out" / "essay" / "index.html").exists()
