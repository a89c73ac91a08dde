"""End to end, as CONTRIBUTING.md tells a newcomer: make note, write it, make check, and see it in the site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git, without_git
from sitebuild import REPO, build_site

# This run's virtual environment itself (sys.prefix), never the interpreter its python links to:
# `make` must not install anything into the machine's own Python.
VENV = Path(sys.prefix)


def make(
    clone: Path, *args: str, venv: Path | None = VENV, path: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run make in the clone, by default with this test run's virtual environment (so nothing is installed
    again); `venv=None` leaves the Makefile's own, `path` replaces PATH."""
    env = {k: v for k, v in without_git().items() if k != "MAKEFLAGS"} | ({"PATH": path} if path else {})
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(clone), *([f"VENV={venv}"] if venv else []), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.slow
def test_a_newcomer_adds_a_note(tmp_path: Path) -> None:
    """Clone, `make note`, edit as the guide says, `make check` passes, the note is on the essay page."""
    clone = tmp_path / "clone"
    git("clone", "--quiet", str(REPO), str(clone))
    new_note = ("note", "PARA=kudzu-strategy", "ID=student-kudzu-reading", "AUTHOR=jdoe")

    # Before make runs anything: this run's Python must be a virtual environment, not the machine's own, and
    # make must find it ready (a dry run prints the commands it would run, and runs none of them).
    assert sys.prefix != sys.base_prefix, f"run the tests in a virtual environment (make test does), not {VENV}"
    dry = make(clone, "--dry-run", *new_note)
    assert dry.returncode == 0 and "pip install" not in dry.stdout, f"make would install into {VENV}:\n{dry.stdout}"

    created = make(clone, *new_note)
    assert created.returncode == 0, created.stdout + created.stderr
    # The environment already holds the lock: a fresh clone (its lock newer than any stamp) installs nothing.
    assert "pip install" not in created.stdout, created.stdout
    note = clone / "docs/notes/kudzu-strategy/student-kudzu-reading.md"
    assert "docs/notes/kudzu-strategy/student-kudzu-reading.md" in created.stdout
    assert note.exists()

    # Before the note is written, the check says what is left to do.
    first = make(clone, "check")
    assert first.returncode != 0
    assert "docs/notes/kudzu-strategy/student-kudzu-reading.md" in first.stdout
    assert "unknown author 'jdoe'" in first.stdout and "[template-text]" in first.stdout

    # Step 3 of the guide: add yourself to the registry. Step 4: write the note.
    with (clone / "docs/contributors.yml").open("a", encoding="utf-8") as registry:
        registry.write("jdoe:\n  name: Jane Doe\n")
    text = note.read_text(encoding="utf-8")
    front = text[: text.index("\n---\n", 4) + 5]
    body = (
        "Kudzu spreads by runners until it covers everything around it: the image suggests that alternative "
        "institutions could grow the same way, without a confrontation. Compare the idea of "
        "[[alternate-institutions|alternate institutions]] in the glossary."
    )
    note.write_text(front + body + "\n", encoding="utf-8")

    second = make(clone, "check")
    assert second.returncode == 0, second.stdout
    assert re.search(r"0 error\(s\), 0 warning\(s\)", second.stdout)

    result = build_site(clone, tmp_path / "site", strict=True)
    assert result.ok, result.errors
    essay = (tmp_path / "site/essay/index.html").read_text(encoding="utf-8")
    assert 'id="note-student-kudzu-reading"' in essay and "Jane Doe" in essay
    page = (tmp_path / "site/notes/kudzu-strategy/index.html").read_text(encoding="utf-8")
    assert "Kudzu spreads by runners" in page


def test_make_runs_nothing_when_git_tracks_what_it_must_not(tmp_path: Path) -> None:
    """make runs .venv/'s programs, the build trusts .cache/, Python runs compiled modules in place of their
    source, and make, pytest and Python read files at the top level: a pull request could add any of these past
    .gitignore or a reviewer's eye. The Makefile in a work tree with a .venv/bin/python of its own runs it while
    git tracks none of them (which shows the stand-in is live), and stops before running anything, naming the
    file and its problem, once git tracks any one."""
    tree = tmp_path / "tree"
    for name in (
        "Makefile",
        "requirements.lock",
        "requirements-properdocs.lock",
        "hooks/edition/tree.py",
        ".gitattributes",
    ):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes((REPO / name).read_bytes())
    ran = tmp_path / "ran.txt"
    stand_in = tree / ".venv/bin/python"
    stand_in.parent.mkdir(parents=True)
    stand_in.write_text(f'#!/bin/sh\necho ran >> "{ran}"\n', encoding="utf-8")
    stand_in.chmod(0o755)
    smuggled = {
        ".venv/bin/python": "machine-file",
        ".venv-properdocs/bin/python": "machine-file",
        ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar": "machine-file",
        "hooks/edition/__pycache__/model.cpython-311.pyc": "machine-file",
        "tests/__pycache__/sitebuild.cpython-311.opt-1.pyc": "machine-file",
        "hooks/edition/escaping.cpython-311-x86_64-linux-gnu.so": "binary-file",
        "hooks/sitecustomize.py": "machine-file",
        "pytest.ini": "unknown-top-level",
    }
    for rel in smuggled:
        if not (tree / rel).exists():
            (tree / rel).parent.mkdir(parents=True, exist_ok=True)
            (tree / rel).write_bytes(b"\x7fELF\x02\x01\x01\x00\x00" if rel.endswith(".so") else b"compiled")
    git("init", "-q", str(tree))
    git("-C", str(tree), "add", ".gitattributes")  # as the project tracks it

    # The check imports nothing of the tree it checks: a module beside it (untracked, as Python's would be) is
    # not imported in the standard library's place.
    (tree / "hooks/edition/subprocess.py").write_text(f'open("{ran}", "a").write("shadow\\n")\n', encoding="utf-8")
    assert make(tree, "check", venv=None).returncode == 0 and ran.read_text(encoding="utf-8") == "ran\n" * 2
    # An activated virtual environment whose python3 a checkout replaced is not the machine's Python.
    ran.unlink()
    (tree / ".venv/bin/python3").write_bytes(stand_in.read_bytes())
    (tree / ".venv/bin/python3").chmod(0o755)
    activated = make(tree, "check", venv=None, path=f"{tree / '.venv/bin'}:{os.environ['PATH']}")
    assert activated.returncode != 0 and not ran.exists(), "make checked the tree with the tree's own python3"
    assert "a file of this folder" in activated.stderr, activated.stderr
    for rel, code in smuggled.items():
        ran.unlink(missing_ok=True)
        git("-C", str(tree), "add", "-f", rel)
        refused = make(tree, "check", venv=None)
        assert refused.returncode != 0 and not ran.exists(), f"make ran with {rel} in git"
        assert f"{rel}:1: " in refused.stderr and f"[{code}]" in refused.stderr, refused.stderr
        assert "the repository holds files that make must not run or trust" in refused.stderr
        git("-C", str(tree), "rm", "-q", "--cached", rel)
