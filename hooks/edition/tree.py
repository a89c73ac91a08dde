"""What the repository may hold: checked before make runs anything, and again by every build and `make check`.

A pull request is reviewed as a diff, and a diff does not show what a binary file does, nor much of what
.gitignore hides. Yet the tools run such files: make runs the programs in .venv/, the build runs the
compiled templates it keeps in .cache/, Python runs a compiled module (a `.so` beside a `.py`, or a `.pyc`
marked "unchecked", which is never compared with its source) instead of the source a reviewer read, and
pytest, mypy and make read configuration files from the top level. So, of the files git tracks:

- none is in a folder that is this machine's own (.venv/, .venv-properdocs/, .cache/, __pycache__/) or is
  compiled Python (`*.pyc`), and none is a module Python runs at every start (sitecustomize, usercustomize:
  a file, a package or a compiled module);
- none is binary (a NUL byte anywhere) but the images and fonts in their folders, each starting as its kind
  of file does: a zip archive put after some text still runs as a program (`python file` runs its
  `__main__.py`), so git's own test (a NUL in the first 8 KiB) is not enough;
- no code reads otherwise than it runs: code is UTF-8 text and declares no other encoding (in UTF-7, a line
  that reads as a comment can run), holds no bidirectional control character ("Trojan Source"), no line or
  paragraph separator (which ends a JavaScript comment) and no carriage return that ends no line (Python
  and JavaScript start a line there, a diff does not), and Python is not indented with tabs;
- no .gitattributes hides a file's changes from diffs (`-diff`, `linguist-generated`…) or rewrites it
  (`filter`), and the top-level one unmarks every file as generated (`* -linguist-generated`), since GitHub
  also hides the diff of a file whose content looks generated to it;
- none is a text file larger than GitHub shows the diff of, a citation style that makes pandoc read another
  (from a file or the web, at every build), a tool's configuration below the top level
  (where it would configure the tool for what is below it: a hooks/.ruff.toml that selects nothing), a lock
  line other than `name==version`, or a font other than those SHA256SUMS.txt lists beside them;
- none is a symbolic link or a submodule;
- every top-level entry is one the project has.

For a pull request, CI also checks its change from its base (`--changes BASE`): no larger than GitHub shows.

Run as a script by the machine's Python in isolated mode (`python3 -I hooks/edition/tree.py [ROOT]`), before
the virtual environment exists, so this module imports nothing but the standard library: nothing of the tree
it checks runs first. Outside a git work tree nothing is known of what git would track, and nothing is checked;
inside one, a git that cannot answer fails the check rather than passing it.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Dict, Tuple  # noqa: UP035 - the guard runs on the machine's python3, which may be older

# The project's top level: the client's list, the files such a project conventionally has, and the theme's
# overrides. A fork that adds another conventional file (say a CITATION.cff) adds its name here.
TOP_LEVEL = frozenset(
    {
        *("docs", "hooks", "bibliography", "tests", "overrides", "mkdocs.yml", "pyproject.toml", "README.md"),
        *("Makefile", ".ci", ".github", "CONTRIBUTING.md", "LICENSE", "LICENSE.md", ".gitignore", ".gitattributes"),
        *("requirements.lock", "requirements-properdocs.lock", "CITATION.cff", "CODE_OF_CONDUCT.md", "SECURITY.md"),
        *("CHANGELOG.md", ".editorconfig", ".mailmap", ".git-blame-ignore-revs"),
    }
)
# What the tools write for themselves: the build's caches (.cache/edition: formatted citations, and compiled
# templates, which run as code), the HTML checker, test logs.
CACHE_DIR = ".cache"
# Folders that are this machine's own, wherever git would put them (compared without case, as a file system
# that ignores case opens `.CACHE/` as `.cache/`), and why a file there must not come from the repository.
MACHINE_OWN = {
    ".venv": "make runs the programs there",
    ".venv-properdocs": "make runs the programs there",
    CACHE_DIR: "the build trusts its caches there (its compiled templates run as code), and make runs the HTML "
    "checker there",
    "__pycache__": "Python runs compiled modules from there instead of their source",
}
COMPILED_PYTHON = (".pyc", ".pyo")
STARTUP_MODULES = frozenset({"sitecustomize", "usercustomize"})  # run by every Python on the path, unasked
# Where code lives: every tracked text outside the content folders (whose texts the inventory checks as content).
CONTENT_DIRS = ("docs/", "bibliography/")
# Characters that make code run otherwise than a diff shows it: bidirectional controls ("Trojan Source"),
# and line and paragraph separators, which end a JavaScript comment; a carriage return that ends no line
# ends one for Python and JavaScript, not for a diff.
HIDDEN = {**dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "bidirectional control character")}
HIDDEN.update({"\u2028": "line separator", "\u2029": "paragraph separator"})
HIDDEN_RE = re.compile(f"[{''.join(HIDDEN)}]")
CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")  # PEP 263, on one of the first two lines
# The first two lines as Python reads them for that: ended by "\r\n", "\r" or "\n" (the pattern always matches).
FIRST_TWO = re.compile(rb"([^\r\n]*)(?:\r\n?|\n)?([^\r\n]*)")
# Attributes that hide a file's changes in diffs (git's and GitHub's) or change what is checked out.
HIDING = frozenset(
    {"diff", "binary", "linguist-generated", "linguist-vendored", "filter", "working-tree-encoding", "ident"}
)
# GitHub also hides the diff of a file it takes for generated by its content (a "DO NOT EDIT" header, a line
# too long on average…) unless .gitattributes unmarks it: the top-level one must, for every file. Unmarking
# hides nothing, and is the one use of these attributes allowed.
UNMARK = "* -linguist-generated"
UNMARKED = frozenset({"-linguist-generated", "-linguist-vendored"})
# The only places for binary files: images and the theme's fonts, each of a kind whose first bytes are known.
BINARY_PLACES = ("docs/assets/images/", "overrides/assets/images/", "overrides/assets/fonts/")
SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
    ".woff2": (b"wOF2",),
    ".woff": (b"wOFF",),
}
# A font changes how every page reads, and no diff shows one: each is listed with its SHA-256 in this file beside
# them, checked against the file of the package it comes from.
FONT_SUMS = "overrides/assets/fonts/SHA256SUMS.txt"
FONTS = (".woff2", ".woff")
# GitHub shows no diff of a file past 20,000 lines or 500 KB: a change to a larger file could not be reviewed.
# A file's diff can hold it twice (every line out, every line in), so every text stays within less than half.
GITHUB_LINES, GITHUB_BYTES = 20_000, 500_000
MOST_LINES, MOST_BYTES = 8_000, 200_000
# And no more of a pull request than 300 files, 20,000 lines and 1 MB of diff: past that, part of it is not shown.
MOST_FILES_CHANGED, MOST_LINES_CHANGED, MOST_DIFF_BYTES = 300, 20_000, 1_000_000
# Files that configure a tool for the folder they are in and those below it, read without being asked: below
# the top level they could silence the checks (a hooks/.ruff.toml that selects nothing) or send an installer
# elsewhere. The tools are configured once, at the top level.
TOOL_CONFIGS = {
    **dict.fromkeys(("pyproject.toml", "ruff.toml", ".ruff.toml"), "ruff"),
    **dict.fromkeys(("setup.cfg", "tox.ini", "pytest.ini", ".pytest.ini"), "pytest"),
    **dict.fromkeys(("mypy.ini", ".mypy.ini"), "mypy"),
    **dict.fromkeys(("pip.conf", "pip.ini"), "pip"),
    ".npmrc": "npm",
    ".editorconfig": "every editor",
    "actionlint.yaml": "actionlint",
    "actionlint.yml": "actionlint",
}
# A citation style's <link>s that only describe it (CSL 1.0: its own address, the style it was derived from, its
# documentation); any other, such as "independent-parent", makes pandoc read the style it names from a local file
# or fetch it from the web, at every build.
STYLE_LINK = re.compile(r"<(?:[\w.-]+:)?link\b[^>]*>", re.S)
STYLE_LINKS = frozenset({"self", "template", "documentation"})
# The locks hold one pinned package a line (`name==version`, extras allowed, as `pip freeze` writes them): pip
# would also read options there (another index, a file or URL to install, environment variables in them), even
# after an environment marker.
LOCKS = ("requirements.lock", "requirements-properdocs.lock")
LOCK_LINE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9._,-]+\])?==[A-Za-z0-9.+!_-]+")

# code → (message, advice); edition.problems puts these in the one catalogue.
MESSAGES = {
    "machine-file": (
        "git tracks this file, but {place} is this machine's own: {why}",
        "Delete it, and never build with it if it came with someone else's change: `git rm -r <path>`. If you "
        "committed your own by mistake, `git rm -r --cached <path>` takes it out of git and keeps your copy.",
    ),
    "binary-file": (
        "{what}, and the only binary files the project holds are images and fonts in {places}, each of the "
        "kind its name says: a reviewer cannot read any other, and a compiled module or an archive would run "
        "in place of the source they read",
        "Delete it (`git rm <path>`), and never build with it if it came with someone else's change. Images go "
        "in docs/assets/images/, the theme's images and fonts in overrides/assets/; a test makes its own binary "
        "fixtures; text is saved as UTF-8.",
    ),
    "disguised-code": (
        "{what}: it would run otherwise than it reads",
        "Save code as plain UTF-8 text: no coding line naming another encoding, no bidirectional control "
        "characters or line separators, lines ending in \\n (or \\r\\n), and Python indented with spaces. "
        "If this came with someone else's change, do not build with it.",
    ),
    "too-large-to-review": (
        f"this file has {{lines}} lines and {{size}} KB, past the {MOST_LINES:,} lines and {MOST_BYTES // 1000} KB a "
        f"file may have, so that a change to it stays within what GitHub shows of a diff ({GITHUB_LINES:,} lines, "
        f"{GITHUB_BYTES // 1000} KB)",
        "Split it into files within those bounds.",
    ),
    "change-too-large": (
        "the change from {base} touches {files} files and {lines} lines ({size} KB of diff): GitHub shows no more "
        f"of a pull request than {MOST_FILES_CHANGED} files, {MOST_LINES_CHANGED:,} lines or "
        f"{MOST_DIFF_BYTES // 1_000_000} MB, so part of it could not be reviewed",
        "Split it into pull requests GitHub can show in full.",
    ),
    "style-link": (
        "the citation style links to another: {link}; pandoc would read that file or fetch that address at every "
        "build, and format every citation by it",
        "Use an independent style, whole in this file (as the Zotero Style Repository publishes them): keep only "
        'its links that describe it (rel="self", "template" or "documentation").',
    ),
    "tool-config": (
        "'{name}' configures {tool} for the files below it, where nobody looks for it",
        "Delete it: the tools are configured once, at the top level (pyproject.toml, the Makefile).",
    ),
    "lock-line": (
        "'{entry}' is not `name==version`: pip reads options in a lock too (another index, a file or a URL "
        "to install, environment variables)",
        "Keep one pinned package a line, as `make lock` writes them; pip's options belong in the Makefile.",
    ),
    "font-unlisted": (
        "{what}: a font changes how every page reads, and no diff shows it",
        f"Take a font unchanged from its published package, check it against the package's own file, and add its "
        f"SHA-256 to {FONT_SUMS} (`sha256sum NEW.woff2 >> SHA256SUMS.txt` there); if this came with someone "
        "else's change, do not build with it.",
    ),
    "hides-diff": (
        "{what}: a change to a file could pass review unseen, or not as it is",
        f"Keep the line `{UNMARK}` in the top-level .gitattributes, and remove any line that hides or rewrites "
        "files (diff, binary, linguist-generated, filter…) and any .gitattributes below the top level: every "
        "file must be reviewable as text in a pull request's diff.",
    ),
    "unknown-top-level": (
        "'{name}' is not part of the project's top level",
        "The top level holds docs/, hooks/, bibliography/, tests/, overrides/, mkdocs.yml, pyproject.toml, "
        "README.md and the project's conventional files, listed in hooks/edition/tree.py (TOP_LEVEL). A file "
        "there such as pytest.ini, GNUmakefile or yaml.py changes how the tools run: move the file under "
        "docs/, hooks/ or tests/, or, for a conventional file the project reviews and wants, add its name there.",
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

Finding = Tuple[str, int, str, Dict[str, str]]  # noqa: UP006 - (path from the root, line, code, message values)


def check(root: Path) -> list[Finding]:
    """Everything wrong with the files git tracks under `root` (file by file in path order, then the fonts'
    list and the .gitattributes git must track); [] outside a work tree."""
    where = root.resolve()
    if not any((folder / ".git").exists() for folder in (where, *where.parents)):
        return []
    # Nothing of the caller's git environment (a hook's GIT_INDEX_FILE, GIT_DIR, pathspec modes) may change the
    # answer; any owner's clone may be asked, and no configuration of it runs a program (fsmonitor).
    try:
        command = [*_git(root), "ls-files", "-z", "--stage"]
        done = subprocess.run(command, capture_output=True, env=_env(), timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        return [(".git", 1, "tree-unknown", {"reason": f"git did not run ({error})"})]
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit status {done.returncode}"]
        return [(".git", 1, "tree-unknown", {"reason": reason[0]})]
    modes: Dict[str, str] = {}  # noqa: UP006
    for record in os.fsdecode(done.stdout).split("\0"):  # as the file system names them, in any locale
        if record:  # "<mode> <object> <stage>\t<path>"
            meta, path = record.split("\t", 1)
            modes[path] = meta.split(" ", 1)[0]
    found = [finding for path in sorted(modes) for finding in _check_one(root, path, modes[path])]
    found += _fonts(root, [path for path in sorted(modes) if path.startswith(BINARY_PLACES)], FONT_SUMS in modes)
    if ".gitattributes" not in modes:
        what = f"no .gitattributes says `{UNMARK}`, so GitHub hides the diff of a file whose content looks generated"
        found.append((".gitattributes", 1, "hides-diff", {"what": what}))
    return found


def _check_one(root: Path, path: str, mode: str) -> list[Finding]:
    parts = PurePosixPath(path).parts
    folded = [part.casefold() for part in parts]
    for i, part in enumerate(folded[:-1]):
        if part in MACHINE_OWN:
            return [(path, 1, "machine-file", {"place": "/".join(parts[: i + 1]) + "/", "why": MACHINE_OWN[part]})]
    if folded[-1] in MACHINE_OWN:  # a link or submodule in the folder's place
        return [(path, 1, "machine-file", {"place": parts[-1] + "/", "why": MACHINE_OWN[folded[-1]]})]
    if folded[-1].endswith(COMPILED_PYTHON):
        return [(path, 1, "machine-file", {"place": "compiled Python", "why": MACHINE_OWN["__pycache__"]})]
    for i, part in enumerate(folded):  # sitecustomize.py, sitecustomize/__init__.py, sitecustomize.*.so
        if part.split(".", 1)[0] in STARTUP_MODULES:
            why = "Python runs it at every start, unasked, wherever it is on the path"
            return [(path, 1, "machine-file", {"place": "/".join(parts[: i + 1]), "why": why})]
    if mode in {"120000", "160000"}:
        return [(path, 1, "tracked-link", {"what": "symbolic link" if mode == "120000" else "submodule"})]
    if len(parts) > 1 and folded[-1] in TOOL_CONFIGS:
        return [(path, 1, "tool-config", {"name": parts[-1], "tool": TOOL_CONFIGS[folded[-1]]})]
    found: list[Finding] = []
    if parts[0] not in TOP_LEVEL:
        found.append((path, 1, "unknown-top-level", {"name": parts[0]}))
    suffix = PurePosixPath(folded[-1]).suffix
    if path.startswith(BINARY_PLACES) and suffix in SIGNATURES:
        data = _read(root / path, 16)
        if data and not data.startswith(SIGNATURES[suffix]):
            what = f"this file's content is not {suffix[1:].upper()}, as its name says"
            return [*found, (path, 1, "binary-file", {"what": what, "places": _places()})]
        return found
    data = _read(root / path)
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        return [*found, (path, line, "binary-file", {"what": "this file is binary", "places": _places()})]
    if parts[-1] == ".gitattributes":
        found += _attributes(path, data)
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if lines > MOST_LINES or len(data) > MOST_BYTES:
        return [*found, (path, 1, "too-large-to-review", {"lines": str(lines), "size": str(len(data) // 1000)})]
    if path in LOCKS:
        found += _lock(path, data)
    if folded[-1].endswith(".csl"):
        found += _style(path, data)
    if not path.startswith(CONTENT_DIRS):  # code, and the theme's and tools' text, which runs or is run
        found += _disguised(path, data)
    return found


def _style(path: str, data: bytes) -> list[Finding]:
    """A citation style's links to other styles, which pandoc would read from a file or fetch from the web."""
    text = data.decode("utf-8", "replace")
    found: list[Finding] = []
    for link in STYLE_LINK.finditer(text):
        rels = re.findall(r"""(?<![\w:.-])rel\s*=\s*(["'])(.*?)\1""", link.group(0), re.S)
        if not rels or any(rel not in STYLE_LINKS for _, rel in rels):
            line = text.count("\n", 0, link.start()) + 1
            found.append((path, line, "style-link", {"link": " ".join(link.group(0).split())[:200]}))
    return found


def _fonts(root: Path, binary: list[str], listed: bool) -> list[Finding]:
    """Each font, listed in FONT_SUMS with its SHA-256."""
    fonts = [path for path in binary if path.casefold().endswith(FONTS)]
    sums: Dict[str, str] = {}  # noqa: UP006 - file name → SHA-256, as sha256sum writes them
    if listed:
        for line in _read(root / FONT_SUMS).decode("utf-8", "replace").splitlines():
            digest, _, name = line.partition(" ")
            sums[name.lstrip(" *")] = digest.lower()
    found: list[Finding] = []
    for path in fonts:
        digest = hashlib.sha256(_read(root / path)).hexdigest()
        listed_as = sums.get(path.rsplit("/", 1)[-1])
        if listed_as != digest:
            what = "this font is not listed in " if listed_as is None else "this font is not the one listed in "
            found.append((path, 1, "font-unlisted", {"what": what + FONT_SUMS}))
    return found


def _lock(path: str, data: bytes) -> list[Finding]:
    """Each line of a lock that is not a comment or one pinned package."""
    found: list[Finding] = []
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        text = line.split(" #", 1)[0].strip()
        if text and not text.startswith("#") and not LOCK_LINE.fullmatch(text):
            found.append((path, number, "lock-line", {"entry": text[:80]}))
    return found


def _places() -> str:
    kinds = ", ".join(sorted({suffix[1:].upper() for suffix in SIGNATURES}))
    return f"{', '.join(BINARY_PLACES)} ({kinds})"


def _read(path: Path, limit: int = -1) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except OSError:  # deleted since it was committed, or a folder in its place: nothing to run
        return b""


def _disguised(path: str, data: bytes) -> list[Finding]:
    """Code that is not UTF-8, declares another encoding, holds a character that hides how it runs (bidirectional
    controls, separators, a carriage return that ends no line), or is Python indented with tabs or form feeds."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return [(path, line, "disguised-code", {"what": "it is not UTF-8 text"})]
    found: list[Finding] = []
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # after a byte-order mark, if any
    first_two = FIRST_TWO.match(data, start)
    assert first_two is not None  # every group of the pattern may be empty
    for group in (1, 2):
        cookie = CODING.match(first_two.group(group))
        name = cookie.group(1).decode("ascii", "replace") if cookie else "utf-8"
        if name.lower().replace("_", "-") not in {"utf-8", "utf8", "utf-8-sig"}:
            line = data.count(b"\n", 0, first_two.start(group)) + 1  # as a diff numbers it
            found.append((path, line, "disguised-code", {"what": f"it declares the encoding {name}"}))
    hidden = HIDDEN_RE.search(text)  # one is enough to refuse the file
    if hidden:
        what = f"it holds the {HIDDEN[hidden.group()]} U+{ord(hidden.group()):04X}"
        found.append((path, text.count("\n", 0, hidden.start()) + 1, "disguised-code", {"what": what}))
    lone = re.search(r"\r(?!\n)", text)
    if lone:
        what = "it holds a carriage return that ends no line, where Python and JavaScript start one"
        found.append((path, text.count("\n", 0, lone.start()) + 1, "disguised-code", {"what": what}))
    if path.endswith(".py"):
        tab = re.search(r"(?m)^ *[\t\f]", text)
        if tab:
            what = "it indents with a tab or a form feed, which Python counts otherwise than a diff shows them"
            found.append((path, text.count("\n", 0, tab.start()) + 1, "disguised-code", {"what": what}))
    return found


def _attributes(path: str, data: bytes) -> list[Finding]:
    """A .gitattributes below the top level, or a line of one that hides or rewrites files."""
    if path != ".gitattributes":
        return [(path, 1, "hides-diff", {"what": "a .gitattributes below the top level"})]
    found: list[Finding] = []
    lines = data.decode("utf-8", "replace").splitlines()
    if UNMARK not in (line.strip() for line in lines):
        what = f"it does not say `{UNMARK}`, so GitHub hides the diff of a file whose content looks generated"
        found.append((path, 1, "hides-diff", {"what": what}))
    for number, line in enumerate(lines, start=1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        hiding = sorted({w.lstrip("-!").split("=", 1)[0] for w in words[1:] if w not in UNMARKED} & HIDING)
        if hiding:
            what = f"it sets {', '.join(hiding)}"
            found.append((path, number, "hides-diff", {"what": what}))
    return found


def shown(path: str) -> str:
    """A path as a message shows it: control characters escaped, so a file name cannot fake a line of output."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def report(findings: list[Finding]) -> str:
    """The findings as lines of `path:line: message [code]`, each followed by its advice."""
    lines = []
    for path, line, code, values in findings:
        message, advice = MESSAGES[code]
        values = {key: shown(value) for key, value in values.items()}
        lines.append(f"{shown(path)}:{line}: {message.format(**values)} [{code}]\n    {advice}")
    return "\n".join(lines)


def changes(root: Path, base: str) -> list[Finding]:
    """A change from `base` to HEAD larger than GitHub shows of a pull request, or [] (a finding at "." if git
    cannot compare them)."""
    command = [*_git(root), "diff", "--no-color", "--no-ext-diff", "--no-textconv", base, "HEAD"]
    files = lines = size = 0
    try:
        numstat = subprocess.run([*command, "--numstat", "-z"], capture_output=True, env=_env(), timeout=120)
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env()) as diff:
            assert diff.stdout is not None
            for chunk in iter(lambda: diff.stdout.read(1 << 16), b""):  # type: ignore[union-attr]
                size += len(chunk)
    except (OSError, subprocess.SubprocessError) as error:
        return [(".", 1, "tree-unknown", {"reason": f"git did not compare with {base} ({error})"})]
    if numstat.returncode != 0 or diff.returncode != 0:
        reason = numstat.stderr.decode("utf-8", "replace").strip().splitlines() or ["git diff failed"]
        return [(".", 1, "tree-unknown", {"reason": reason[0]})]
    records = iter(numstat.stdout.split(b"\0"))
    for record in records:  # "<added>\t<deleted>\t<path>", or for a rename "<added>\t<deleted>\t" and two paths
        fields = record.split(b"\t", 2)
        if len(fields) < 3:
            continue
        if not fields[2]:
            next(records, None), next(records, None)
        files += 1
        lines += sum(int(n) for n in fields[:2] if n.isdigit())  # "-" for a binary file
    if files > MOST_FILES_CHANGED or lines > MOST_LINES_CHANGED or size > MOST_DIFF_BYTES:
        values = {"files": str(files), "lines": str(lines), "size": str(size // 1000), "base": base}
        return [(".", 1, "change-too-large", values)]
    return []


def _git(root: Path) -> list[str]:
    """git, asked about `root` whoever owns it, with no configured program run (fsmonitor)."""
    return ["git", "-c", "safe.directory=*", "-c", "core.fsmonitor=false", "-C", str(root)]


def _env() -> Dict[str, str]:  # noqa: UP006
    """This process's environment without the caller's GIT_* variables (a hook's GIT_INDEX_FILE, GIT_DIR…)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def main(argv: list[str]) -> int:
    """`tree.py [--changes BASE] [ROOT]`: print each finding as `path:line: message [code]` with its advice; exit
    1 if any. With --changes, also refuse a change from BASE (a pull request's base) too large to review."""
    base = None
    if "--changes" in argv:
        at = argv.index("--changes")
        if at + 1 >= len(argv):
            print("tree.py: --changes needs the base to compare with (a commit)", file=sys.stderr)
            return 2
        base, argv = argv[at + 1], argv[:at] + argv[at + 2 :]
    root = Path(argv[0] if argv else ".")
    findings = check(root) + (changes(root, base) if base else [])
    if findings:
        print(report(findings), file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
