"""Building whole sites (the real one and tiny fixtures) in-process, collecting what MkDocs logs."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from edition import offline
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

REPO = Path(__file__).resolve().parents[1]
HOOK = REPO / "hooks" / "edition_hooks.py"
GUARD = REPO / "hooks" / "edition_guard.py"
BOOKS = REPO / "hooks" / "edition_books.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What the real site's downloads are called (extra.edition.file_name in its mkdocs.yml).
FILES = offline.files_of(REPO / "mkdocs.yml")


@dataclass
class BuildResult:
    """What a build did: whether it succeeded and the messages it logged at each level."""

    ok: bool
    errors: list[str]
    warnings: list[str]
    site: Path

    @property
    def problems(self) -> list[str]:
        """Our `path:line: message [code]` lines, errors and warnings, in logged order."""
        return [m for m in self.errors + self.warnings if "[" in m and m.rstrip().endswith("]")]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def make_site(case: str, dest: Path) -> Path:
    """Copy the base fixture site into `dest`, overlay `fixtures/cases/<case>/`, and wire in our hook."""
    shutil.copytree(FIXTURES / "base", dest, dirs_exist_ok=True)
    overlay = FIXTURES / "cases" / case
    if case and overlay.is_dir():
        for path in sorted(overlay.rglob("*")):
            rel = path.relative_to(overlay)
            if path.is_dir() or rel.name.startswith("expected"):  # expected.txt, expected-books.txt
                continue
            target = dest / rel
            if path.name.endswith(".delete"):
                target.with_name(path.name.removesuffix(".delete")).unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    if (overlay / "docs/essay/index.md").is_file() and not (overlay / "docs/essay/pinned.txt").is_file():
        _pin(dest)  # a case that marks terms in the essay, or breaks its ids, is not testing the pin
    config = dest / "mkdocs.yml"
    hooks = f"\nhooks:\n  - {GUARD}\n  - {HOOK}\n"  # as mkdocs.yml lists them (the guard checks this checkout)
    config.write_text(config.read_text(encoding="utf-8") + hooks, encoding="utf-8")
    return dest


def _pin(root: Path) -> None:
    """Record the (changed) essay of a fixture site as its pinned text."""
    from edition import essay, pin
    from edition.sources import Source

    path = root / "docs/essay/index.md"
    text, _ = essay.load(Source(path, "docs/essay/index.md"))
    assert text is not None
    pin.write(text, path.parent / pin.PIN_NAME)


def expected(case: str) -> list[str]:
    """The problem lines a case's build must log, from its expected.txt."""
    text = (FIXTURES / "cases" / case / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def build_site(root: Path, site_dir: Path | None = None, *, strict: bool = True) -> BuildResult:
    """Build the site whose mkdocs.yml is in `root`; never raises for a failed build."""
    site_dir = site_dir or root / "site"
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    ok = True
    # MkDocs keeps plugins that have on_startup (mkdocs-bibtex does) across builds in one process, for
    # `mkdocs serve`; a different site must not inherit the last one's bibliography.
    MkDocsConfig.__dict__["plugins"].plugin_cache.clear()
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        build(config)
    except Abort:
        ok = False
    finally:
        logger.removeHandler(handler)
    errors = [r.getMessage() for r in handler.records if r.levelno >= logging.ERROR]
    warnings = [r.getMessage() for r in handler.records if r.levelno == logging.WARNING]
    return BuildResult(ok, errors, warnings, site_dir)


def build_books(config: Path, out: Path, *options: str, tmp: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`make books` for the site of `config`, into `out`, as its own process (as `make site` runs it); with
    `tmp`, its temporary files go there."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    if tmp is not None:
        tmp.mkdir(parents=True, exist_ok=True)
        env["TMPDIR"] = str(tmp)
    command = [sys.executable, str(BOOKS), str(out), "--config", str(config), *options]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.parent, check=False)
