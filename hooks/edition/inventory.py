"""Every file has an owner: the inventory of docs/, bibliography/ and overrides/.

A file is a known content kind (the essay and its pinned text, a note, a term, a path, the contributors
registry, a .bib file or the citation style), one of the edition's own pages (listed in
`extra.edition.pages`), a theme file of the project, or a static asset of an allowed type in an allowed
folder. Anything else, and any symbolic link, is refused with `unknown-file`, so that nothing is
published or built without having been validated. Beyond those folders, what git tracks is checked by
`tree` (no file of the machine's own folders, no binary outside the image and font folders, nothing
unknown at the top level). `make check` and the build take the same inventory.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import tree
from .pages import BIBLIOGRAPHY_DIR, GENERATED_DIRS, GLOSSARY_DIR, NOTES_DIR, PATHS_DIR
from .problems import Problem, problem

CONTRIBUTORS_FILE = "contributors.yml"
CHANGELOG_FILE = "changelog.yml"  # the edition's releases, beside the contributors registry
OVERRIDES_DIR = "overrides"
PIN_NAME = "pinned.txt"  # the essay's pinned text, beside the essay
RETIRED_NAME = "retired.yml"  # paragraph ids retired by corrections, beside the essay


# Static files a contribution may add under docs/: folder → allowed suffixes, each with the bytes it starts with.
IMAGES = {suffix: tree.SIGNATURES[suffix] for suffix in (".png", ".jpg", ".jpeg", ".gif", ".webp")}
DOCS_ASSETS = {"assets/images": IMAGES}
# The theme's own files under overrides/: folder → allowed suffixes (templates are the project's code).
THEME_FILES: dict[str, frozenset[str]] = {
    "": frozenset({".html"}),
    "partials": frozenset({".html"}),
    "assets/javascripts": frozenset({".js"}),
    "assets/javascripts/vendor": frozenset({".js", ".txt"}),
    "assets/stylesheets": frozenset({".css"}),
    "assets/fonts": frozenset({".woff2", ".woff", ".txt", ".css"}),
    "assets/images": frozenset({".png", ".ico"}),  # no SVG: served from the site, it could carry script
}
# Which list of the inventory each kind of file under docs/ goes into.
_LISTS = {"note": "notes", "term": "terms", "path": "paths", "page": "pages", "asset": "assets", "data": "data"}
_MARKDOWN_LIKE = {".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".txt", ".rst"}


@dataclass
class Inventory:
    """The files of each kind, as paths relative to docs_dir (src_uris) or to the repository root."""

    notes: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # the edition's own pages, as listed in the settings
    assets: list[str] = field(default_factory=list)
    bib_files: list[str] = field(default_factory=list)  # relative to the repository root
    data: list[str] = field(default_factory=list)  # under docs/ but never published (registry, pinned text)


def take(root: Path, docs_dir: Path, essay: str, pages: tuple[str, ...]) -> tuple[Inventory, list[Problem]]:
    """Sort every file under docs/, bibliography/ and overrides/ into its kind; refuse the rest, and what git
    tracks that the repository may not hold (`tree.check`)."""
    inv = Inventory()
    problems: list[Problem] = []
    docs_rel = _rel(docs_dir, root)
    pin = posixpath.join(posixpath.dirname(essay), PIN_NAME)

    def refuse(rel: str, why: str) -> None:
        problems.append(problem("unknown-file", rel, 1, name=posixpath.basename(rel), suggestion=why))

    trees = [(docs_dir, docs_rel, "docs"), (root / BIBLIOGRAPHY_DIR, BIBLIOGRAPHY_DIR, "bib")]
    trees.append((root / OVERRIDES_DIR, OVERRIDES_DIR, "theme"))
    for folder, prefix, owner in trees:
        for uri, is_link in _walk(folder):
            rel = posixpath.join(prefix, uri) if prefix else uri
            if is_link:
                refuse(rel, "symbolic links are not accepted: put the file itself here")
                continue
            kind = _CLASSIFY[owner](uri, essay, pin, pages, docs_dir)
            if kind.startswith("refuse:"):
                refuse(rel, kind.removeprefix("refuse:"))
            elif kind == "bib":
                inv.bib_files.append(rel)
            elif kind != "theme":
                getattr(inv, _LISTS[kind]).append(uri)
    problems += [problem(code, rel, line, **values) for rel, line, code, values in tree.check(root)]
    return inv, problems


def _bib_kind(uri: str, *_: object) -> str:
    """A file under bibliography/: a .bib file of works, or the citation style."""
    if "/" not in uri and uri.endswith(".bib"):
        return "bib"
    if "/" not in uri and uri.endswith(".csl"):
        return "theme"  # read by mkdocs-bibtex, never published
    return "refuse:bibliography/ holds only .bib files (works) and the .csl citation style"


def _theme_kind(uri: str, *_: object) -> str:
    """A file under overrides/: the theme's own templates and assets, each type in its folder."""
    folder, suffix = posixpath.dirname(uri), PurePosixPath(uri).suffix.lower()
    if suffix in THEME_FILES.get(folder, frozenset()):
        return "theme"
    allowed = "; ".join(f"{f or '.'}/: {', '.join(sorted(s))}" for f, s in THEME_FILES.items())
    return f"refuse:theme files have these places and types only: {allowed}"


def _docs_kind(uri: str, essay: str, pin: str, pages: tuple[str, ...], docs_dir: Path) -> str:
    """What a file under docs/ is, or 'refuse:<what to do instead>'."""
    parts = uri.split("/")
    name, suffix = parts[-1], PurePosixPath(uri).suffix.lower()
    if name.startswith("."):
        return "refuse:hidden files are not part of the edition: delete it"
    if uri == essay:
        return "page"
    if uri in (pin, posixpath.join(posixpath.dirname(essay), RETIRED_NAME), CONTRIBUTORS_FILE, CHANGELOG_FILE):
        return "data"
    if suffix in {".html", ".htm", ".xhtml", ".svg", ".js", ".css"}:
        return "refuse:contributions are Markdown (.md), not HTML, SVG, script or style; the theme is in overrides/"
    folder = posixpath.dirname(uri)
    if folder in DOCS_ASSETS:
        magic = DOCS_ASSETS[folder].get(suffix)
        if magic is None:
            return f"refuse:images in {folder}/ may be {', '.join(DOCS_ASSETS[folder])}"
        with open(docs_dir / uri, "rb") as handle:
            head = handle.read(16)
        if not head.startswith(magic):
            return f"refuse:its content is not a {suffix[1:].upper()} image: save it in that format"
        return "asset"
    if suffix in _MARKDOWN_LIKE:
        return f"refuse:Markdown files end in .md: rename it to {name.rsplit('.', 1)[0]}.md"
    if suffix != ".md":
        return "refuse:only Markdown pages (.md) and images in assets/images/ belong under docs/"
    top = parts[0]
    if top == NOTES_DIR:
        if len(parts) == 3 and name != "index.md":
            return "note"
        if name == "index.md" and len(parts) <= 3:
            return "refuse:index.md pages under notes/ are made by the build: give the note its own file name"
        return "refuse:a note goes in docs/notes/<paragraph-id>/<note-id>.md"
    if top in (GLOSSARY_DIR, PATHS_DIR):
        kind = "term" if top == GLOSSARY_DIR else "path"
        if len(parts) == 2 and name != "index.md":
            return kind
        if len(parts) == 2:
            return f"refuse:{top}/index.md is made by the build: remove this file"
        return f"refuse:a {kind} goes directly in docs/{top}/<{kind}-id>.md, not in a subfolder"
    if uri in pages and top not in GENERATED_DIRS:
        return "page"
    if top == BIBLIOGRAPHY_DIR:
        return "refuse:the works-cited page is made by the build from bibliography/*.bib: remove this file"
    return (
        "refuse:it is not one of the edition's pages: commentary goes in notes/, glossary/ or paths/; "
        "a page of the edition's own must be listed in extra.edition.pages in mkdocs.yml"
    )


_CLASSIFY: dict[str, Callable[..., str]] = {"docs": _docs_kind, "bib": _bib_kind, "theme": _theme_kind}


def _walk(folder: Path) -> list[tuple[str, bool]]:
    """Every file (and every symbolic link) below `folder`: (POSIX path relative to it, is a link)."""
    out: list[tuple[str, bool]] = []
    if not folder.exists() or folder.is_symlink():
        return [("", True)] if folder.is_symlink() else []
    for here, dirs, files in os.walk(folder, followlinks=False):
        base = Path(here).relative_to(folder).as_posix()
        for name in sorted(dirs):
            if (Path(here) / name).is_symlink():
                out.append((posixpath.join(base, name) if base != "." else name, True))
        dirs[:] = sorted(d for d in dirs if not (Path(here) / d).is_symlink())
        for name in sorted(files):
            rel = posixpath.join(base, name) if base != "." else name
            out.append((rel, (Path(here) / name).is_symlink()))
    return sorted(out)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
