"""MkDocs hook, listed first in mkdocs.yml: what the repository holds, checked before the edition is imported.

`make` checks it before anything runs; this is for `mkdocs build` and `mkdocs serve` run directly. MkDocs loads
the hooks in their order, and a hook that fails to load stops it there, before the next: so the `edition`
package, where a pull request could have put a compiled module in place of a source file, is never imported
when this check fails. The check (edition/tree.py) is loaded by its path, without its package, and imports
only the standard library.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.config.base import ValidationError

_CHECKER = Path(__file__).resolve().parent / "edition" / "tree.py"


def _check() -> None:
    spec = importlib.util.spec_from_file_location("_edition_tree_check", _CHECKER)
    if spec is None or spec.loader is None:  # pragma: no cover - the file is part of the project
        raise ValidationError(f"cannot load {_CHECKER}")
    tree = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tree)
    findings = tree.report(tree.check(_CHECKER.parents[2]))
    if findings:
        raise ValidationError(
            "the repository holds files that the build must not run or trust; the edition was not loaded:\n" + findings
        )


_check()
