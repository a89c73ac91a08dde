"""What the repository may hold: checked before make runs anything, and again by every build and `make check`.

A pull request is reviewed as a diff, and a diff does not show what a binary file does, nor much of what
.gitignore hides. Yet the tools run such files: make runs the programs in .venv/, the build runs the
compiled templates it keeps in .cache/, Python runs a compiled module (a `.so` beside a `.py`, or a `.pyc`
marked "unchecked", which is never compared with its source) instead of the source a reviewer read, and
pytest, mypy and make read configuration files from the top level. So, of the files git tracks:

- none is in a folder that is this machine's own (.venv/, .venv-properdocs/, .cache/, __pycache__/) or is
  compiled Python (`*.pyc`);
- none is binary (a NUL byte in its first 8 KiB, git's own test) outside the folders for images and fonts;
- none is a symbolic link or a submodule;
- every top-level entry is one the project has.

Run as a script by the machine's Python in isolated mode (`python3 -I hooks/edition/tree.py [ROOT]`), before
the virtual environment exists, so this module imports nothing but the standard library: nothing of the tree
it checks runs first. Outside a git work tree nothing is known of what git would track, and nothing is checked;
inside one, a git that cannot answer fails the check rather than passing it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path, PurePosixPath

# The project's top level: the client's list, the files such a project conventionally has, and the theme's
# overrides. A fork that adds another conventional file (say a CITATION.cff) adds its name here.
TOP_LEVEL = frozenset(
    {
        *("docs", "hooks", "bibliography", "tests", "overrides", "mkdocs.yml", "pyproject.toml", "README.md"),
        *("Makefile", ".ci", ".github", "CONTRIBUTING.md", "LICENSE", ".gitignore", ".gitattributes"),
        *("requirements.lock", "requirements-properdocs.lock", "CITATION.cff", "CODE_OF_CONDUCT.md", "SECURITY.md"),
        ".editorconfig",
    }
)
# Folders that are this machine's own, wherever git would put them (compared without case, as a file system
# that ignores case opens `.CACHE/` as `.cache/`), and why a file there must not come from the repository.
MACHINE_OWN = {
    ".venv": "make runs the programs there",
    ".venv-properdocs": "make runs the programs there",
    ".cache": "the build trusts its caches there (its compiled templates run as code), and make runs the HTML "
    "checker there",
    "__pycache__": "Python runs compiled modules from there instead of their source",
}
COMPILED_PYTHON = (".pyc", ".pyo")
# The only places for binary files: images and the theme's fonts (their kinds are checked by the inventory).
BINARY_PLACES = ("docs/assets/images/", "overrides/assets/images/", "overrides/assets/fonts/")
SNIFF = 8000  # bytes git reads to decide that a file is binary

# code → (message, advice); edition.problems puts these in the one catalogue.
MESSAGES = {
    "machine-file": (
        "git tracks this file, but {place} is this machine's own: {why}",
        "Remove it from git, keeping your copy: `git rm -r --cached <path>`. .gitignore keeps these files out; "
        "a pull request must not add one with `git add -f`.",
    ),
    "binary-file": (
        "this file is binary, and binary files belong only in {places}: a reviewer cannot read it, and a "
        "compiled module here would run in place of its source",
        "Remove it from git (`git rm --cached <path>`). Images go in docs/assets/images/; the theme's images and "
        "fonts in overrides/assets/images/ and overrides/assets/fonts/.",
    ),
    "unknown-top-level": (
        "'{name}' is not part of the project's top level",
        "The top level holds docs/, hooks/, bibliography/, tests/, overrides/, mkdocs.yml, pyproject.toml, "
        "README.md and the project's conventional files (listed in hooks/edition/tree.py). A file there such as "
        "pytest.ini, GNUmakefile or yaml.py would change how the tools run: move the file under docs/, hooks/ "
        "or tests/, or remove it.",
    ),
    "tracked-link": (
        "git tracks a {what} here",
        "Commit the file itself: the project holds no symbolic links or submodules.",
    ),
    "tree-unknown": (
        "cannot tell which files git tracks here: {reason}",
        "Run make and the build where `git ls-files` works in this clone (with git installed).",
    ),
}

Finding = tuple[str, str, dict[str, str]]  # (path relative to the root, code, values for its message)


def check(root: Path) -> list[Finding]:
    """Everything wrong with the files git tracks under `root`, in path order; [] outside a work tree."""
    if not any((folder / ".git").exists() for folder in (root.resolve(), *root.resolve().parents)):
        return []
    # Nothing of the caller's git environment (a hook's GIT_INDEX_FILE, GIT_DIR, pathspec modes) may change the
    # answer; any owner's clone may be asked, and no configuration of it runs a program (fsmonitor).
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    command = ["git", "-c", "safe.directory=*", "-c", "core.fsmonitor=false", "-C", str(root)]
    try:
        done = subprocess.run([*command, "ls-files", "-z", "--stage"], capture_output=True, env=env, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        return [(".git", "tree-unknown", {"reason": f"git did not run ({error})"})]
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit status {done.returncode}"]
        return [(".git", "tree-unknown", {"reason": reason[0]})]
    modes = {}
    for record in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if record:  # "<mode> <object> <stage>\t<path>"
            meta, path = record.split("\t", 1)
            modes[path] = meta.split(" ", 1)[0]
    return [finding for path in sorted(modes) for finding in _check_one(root, path, modes[path])]


def _check_one(root: Path, path: str, mode: str) -> list[Finding]:
    parts = PurePosixPath(path).parts
    folded = [part.casefold() for part in parts]
    for i, part in enumerate(folded[:-1]):
        if part in MACHINE_OWN:
            return [(path, "machine-file", {"place": "/".join(parts[: i + 1]) + "/", "why": MACHINE_OWN[part]})]
    if folded[-1] in MACHINE_OWN:  # a link or submodule in the folder's place
        return [(path, "machine-file", {"place": parts[-1] + "/", "why": MACHINE_OWN[folded[-1]]})]
    if folded[-1].endswith(COMPILED_PYTHON):
        return [(path, "machine-file", {"place": "compiled Python", "why": MACHINE_OWN["__pycache__"]})]
    if mode in {"120000", "160000"}:
        return [(path, "tracked-link", {"what": "symbolic link" if mode == "120000" else "submodule"})]
    found: list[Finding] = []
    if parts[0] not in TOP_LEVEL:
        found.append((path, "unknown-top-level", {"name": parts[0]}))
    if not path.startswith(BINARY_PLACES) and _binary(root / path):
        found.append((path, "binary-file", {"places": ", ".join(BINARY_PLACES)}))
    return found


def _binary(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return b"\0" in handle.read(SNIFF)
    except OSError:  # deleted since it was committed, or a folder in its place: nothing to run
        return False


def shown(path: str) -> str:
    """A path as a message shows it: control characters escaped, so a file name cannot fake a line of output."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def main(argv: list[str]) -> int:
    """`tree.py [ROOT]`: print each finding as `path:1: message [code]` with its advice; exit 1 if any."""
    root = Path(argv[0] if argv else ".")
    findings = check(root)
    for path, code, values in findings:
        message, advice = MESSAGES[code]
        print(f"{shown(path)}:1: {message.format(**values)} [{code}]\n    {advice}", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
