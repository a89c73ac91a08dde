"""`python -m edition`: the content check (same validation as the build), scaffolding, the reference."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from edition import scaffold
from edition.__main__ import main
from sitebuild import REPO, make_site


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in `root`, as `make` does."""
    return subprocess.run(
        [sys.executable, "-m", "edition", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "hooks"), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_check_passes_on_valid_content(tmp_path: Path) -> None:
    """A valid site: exit status 0 and a one-line summary."""
    root = make_site("", tmp_path / "site")
    result = run(root, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_check_prints_a_checklist_grouped_by_file(tmp_path: Path) -> None:
    """Broken content: every problem as a checklist line under its file, and a non-zero exit."""
    root = make_site("note-many-at-once", tmp_path / "site")
    result = run(root, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:6] == [
        "docs/notes/closing/bad-two.md",
        "- [ ] line 6: quote 'nowhere' is not in paragraph 'closing' (¶ 3) [quote-not-found]",
        "- [ ] line 8: the text after the front matter is empty [empty-body]",
        "",
        "docs/notes/opening/bad-one.md",
        "- [ ] line 2: unknown paragraph 'openning': did you mean 'opening'? [unknown-paragraph]",
    ]


def test_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    """Warnings (an unused term) pass `check` but fail `check --strict`, as they fail the strict build."""
    root = make_site("term-unused", tmp_path / "site")
    assert run(root, "check").returncode == 0
    strict = run(root, "check", "--strict")
    assert strict.returncode == 1
    assert "(warning) [unused-term]" in strict.stdout


def test_new_note_suggests_the_closest_paragraph(tmp_path: Path) -> None:
    """A mistyped paragraph id gets the closest ids, and no file is written."""
    root = make_site("", tmp_path / "site")
    result = run(root, "new", "note", "openin")
    assert result.returncode == 2
    assert "unknown paragraph 'openin': did you mean 'opening'?" in result.stderr
    assert not (root / "docs" / "notes" / "openin").exists()


def test_new_note_then_check_asks_for_real_text(tmp_path: Path) -> None:
    """The template is created with the paragraph filled in; left unedited, the check asks for real text."""
    root = make_site("", tmp_path / "site")
    result = run(root, "new", "note", "closing", "--author", "editors")
    assert result.returncode == 0, result.stderr
    created = root / result.stdout.splitlines()[0]
    assert created == root / "docs/notes/closing/closing-note-1.md"
    assert "paragraph: closing" in created.read_text(encoding="utf-8")
    check = run(root, "check")
    assert check.returncode == 1
    assert "[template-text]" in check.stdout


@pytest.mark.parametrize("kind", ["term", "path"])
def test_new_term_and_path(tmp_path: Path, kind: str) -> None:
    """`new term` and `new path` write their template under the right folder and refuse to overwrite."""
    root = make_site("", tmp_path / "site")
    first = run(root, "new", kind, "fresh-item")
    assert first.returncode == 0, first.stderr
    folder = "glossary" if kind == "term" else "paths"
    assert (root / "docs" / folder / "fresh-item.md").exists()
    again = run(root, "new", kind, "fresh-item")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_contributing_reference_is_generated_from_the_code() -> None:
    """CONTRIBUTING.md's fields and messages are exactly what the code declares (run `catalogue --write`)."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start, end = text.index(scaffold.START), text.index(scaffold.END) + len(scaffold.END)
    assert text[start:end] == scaffold.reference()


def test_main_reports_a_missing_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Run outside the project: a clear message, not a traceback."""
    assert main(["--config", str(tmp_path / "mkdocs.yml"), "check"]) == 2
    assert "not found" in capsys.readouterr().err
