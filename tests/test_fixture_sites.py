"""Tiny sites with bad input: each build fails and logs exactly the expected `path:line: message` lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import FIXTURES, build_site, expected, make_site

CASES = sorted(p.name for p in (FIXTURES / "cases").iterdir() if (p / "expected.txt").exists())


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_reported_exactly(case: str, tmp_path: Path) -> None:
    """Every problem of the case is logged, in one run, with its exact message, and the build fails."""
    root = make_site(case, tmp_path / "site-src")
    result = build_site(root, tmp_path / "out", strict=True)
    assert not result.ok
    assert result.problems == expected(case)
    assert not (tmp_path / "out" / "index.html").exists(), "a failed build must not leave a site behind"
    assert not any("Traceback" in m for m in result.errors + result.warnings)


def test_base_fixture_builds(tmp_path: Path) -> None:
    """The base fixture itself is valid: the cases fail only because of what they change."""
    root = make_site("", tmp_path / "site-src")
    result = build_site(root, tmp_path / "out", strict=True)
    assert result.ok, result.errors + result.warnings
    assert (tmp_path / "out" / "essay" / "index.html").exists()
