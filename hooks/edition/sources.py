"""Where the content lives: the project's settings from mkdocs.yml and the files of each content kind."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import markup
from .pages import BIBLIOGRAPHY_DIR as BIBLIOGRAPHY
from .problems import Problem, did_you_mean, problem
from .schema import Bad, Field, check_value, describe


@dataclass(frozen=True)
class Source:
    """A content file: its absolute path and its path relative to the repository root (for messages)."""

    path: Path
    rel: str


# Our settings, under `extra: edition:` in mkdocs.yml, typed like every other field.
SETTINGS: dict[str, Field] = {
    "essay": Field("plain", False, "the essay's source, relative to docs_dir"),
    "courses": Field(
        "id", False, "publish only notes and paths of these courses (plus those with no course); empty: all", many=True
    ),
    "margin_notes": Field(
        "number",
        False,
        "at most this many notes per paragraph in the essay's margin; the rest on its page",
        low=1,
        high=100,
    ),
    "pages": Field("plain", False, "the edition's own pages under docs_dir (Markdown), besides the content", many=True),
    "downloads": Field(
        "plain",
        False,
        "those of the edition's own pages that end with a Downloads section (the books, the offline copy, the "
        "annotations); when set, each reading path's page offers its handout too",
        many=True,
    ),
    # The edition's own facts are data, so that an edition of another text changes mkdocs.yml, not code.
    "essay_key": Field(
        "plain",
        False,
        "the essay's own entry in bibliography/*.bib (its key): its author, title and venue for the "
        "“Cite this” boxes, which are left out without it",
        max_length=100,
    ),
    "title": Field("plain", False, "the edition's title, as “Cite this edition” gives it (default: site_name)"),
    "file_name": Field(
        "id",
        False,
        "what the edition's downloads are called: <name>.pdf, <name>.epub and <name>-offline.zip (default: edition)",
    ),
    # Which version of the edition a citation names: a reader who cites ¶ 5 cites the text and notes of one
    # release. Raise both when a release changes what the edition says.
    "version": Field("plain", False, "this version of the edition, as the “Cite this” boxes name it", max_length=40),
    "date": Field("date", False, "the date of this version, as the “Cite this” boxes give it"),
}
SETTINGS_DOC: dict[str, str] = {key: spec.doc for key, spec in SETTINGS.items()}
# What a bad value of each setting should be, in the words of the message.
_WANTED = {
    "courses": "must be a list of course names, e.g. [fall-2026]",
    "margin_notes": "must be a whole number from 1 to 100",
    "pages": "must be a list of Markdown pages under docs/, e.g. [index.md, about.md]",
    "downloads": "must be a list of the pages named in extra.edition.pages, e.g. [index.md, about.md]",
    "file_name": "must be a name of at most 60 lower-case letters, digits and single hyphens, e.g. dual-power-edition",
    "essay_key": "must be the key of a BibTeX entry (letters, digits, '_' and '-'), e.g. price-conceptions",
    # YAML reads an unquoted 1.10 as the number 1.1: a version is text, so it must be quoted.
    "version": 'must be a version in quotes, e.g. "1.1" (of at most 40 characters)',
}


@dataclass(frozen=True)
class Settings:
    """Everything the content model needs to know about the site, read from mkdocs.yml."""

    root: Path  # the folder holding mkdocs.yml
    docs_dir: Path
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    copyright: str = ""  # mkdocs.yml's copyright notice, as plain text: the licence printed pages carry
    offline: bool = False  # this build is the offline copy (Material's offline plugin is on)
    essay: str = "essay/index.md"
    courses: tuple[str, ...] = ()
    margin_notes: int = 12
    pages: tuple[str, ...] = ("index.md",)
    downloads: tuple[str, ...] = ()  # the pages (of `pages`) that end with the Downloads section
    essay_key: str = ""  # the essay's entry in bibliography/*.bib ("": none)
    title: str = ""  # the edition's title (site_name unless set)
    file_name: str = "edition"  # what its downloads are called (books.Files)
    version: str = ""  # this version of the edition ("": not named in citations)
    date: dt.date | None = None  # the date of this version (None: citations give the latest note's year)
    config_file: str = "mkdocs.yml"
    lines: dict[str, int] = field(default_factory=dict)

    def source(self, path: Path) -> Source:
        """A Source for a path inside the project."""
        try:
            rel = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        return Source(path, rel)

    def docs(self, *parts: str) -> Path:
        """A path under docs_dir."""
        return self.docs_dir.joinpath(*parts)


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' !ENV and !!python tags as plain values instead of failing."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return None


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)
CONFIG_LOADER = _TolerantLoader  # how mkdocs.yml is read here (and edited in place by yamledit)


def read_settings(config_file: Path) -> tuple[Settings | None, list[Problem]]:
    """Read our settings from mkdocs.yml, reporting bad ones with their line."""
    rel = config_file.name
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return None, [problem("unreadable-file", rel, 1, reason=str(err))]
    loader = _TolerantLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return None, [
            problem("invalid-front-matter", rel, 1 + (mark.line if mark else 0), reason=str(err).splitlines()[0])
        ]
    finally:
        loader.dispose()
    lines = _key_lines(node)
    return settings_from(config_file.parent, data if isinstance(data, dict) else {}, lines, rel)


def settings_from(
    root: Path, data: dict[str, Any], lines: dict[str, int], rel: str = "mkdocs.yml"
) -> tuple[Settings | None, list[Problem]]:
    """Build Settings from an already-loaded mkdocs.yml mapping (as the hook has it)."""
    problems: list[Problem] = []
    docs_dir = root / str(data.get("docs_dir") or "docs")
    extra = data.get("extra") or {}
    ours = extra.get("edition") if isinstance(extra, dict) else None
    ours = ours or {}
    values: dict[str, Any] = {}

    def where(key: str) -> int:
        return lines.get(f"extra.edition.{key}", lines.get("extra.edition", lines.get("extra", 1)))

    if not isinstance(ours, dict):
        problems.append(problem("bad-setting", rel, where(""), setting="extra.edition", reason="must be a mapping"))
        ours = {}
    for key, value in ours.items():
        spec = SETTINGS.get(str(key))
        if spec is None:
            problems.append(
                problem(
                    "unknown-setting",
                    rel,
                    where(key),
                    setting=f"extra.edition.{key}",
                    hint=did_you_mean(str(key), SETTINGS),
                )
            )
            continue
        if key == "courses" and value is None:
            value = []
        normal, bad = check_value(str(key), spec, value)
        if key in {"courses", "pages", "downloads"} and not isinstance(value, list):
            bad = bad or Bad("bad-field-type", {})
        if key == "margin_notes" and isinstance(normal, float) and not normal.is_integer():
            bad = Bad("bad-field-type", {})
        if key == "file_name" and bad is None and len(str(normal)) > 60:
            bad = Bad("bad-field-type", {})
        if key == "essay_key" and bad is None and not markup.CITE_KEY_RE.fullmatch("@" + str(normal)):
            bad = Bad("bad-field-type", {})
        if bad is not None:
            reason = _WANTED.get(str(key), f"must be {spec.expected()}, not {describe(value)}")
            problems.append(problem("bad-setting", rel, where(key), setting=f"extra.edition.{key}", reason=reason))
            continue
        if key == "essay" and not _inside(docs_dir, normal):
            problems.append(
                problem(
                    "bad-setting",
                    rel,
                    where(key),
                    setting="extra.edition.essay",
                    reason=f"names '{value}', which is not a file under {docs_dir.name}/: "
                    "give the essay's path relative to docs_dir, e.g. essay/index.md",
                )
            )
            continue
        if key == "pages":
            missing = [page for page in normal if not page.endswith(".md") or not _inside(docs_dir, page)]
            if missing:
                reason = f"names '{missing[0]}', which is not a Markdown page under {docs_dir.name}/"
                problems.append(problem("bad-setting", rel, where(key), setting="extra.edition.pages", reason=reason))
                continue
        values[str(key)] = int(normal) if key == "margin_notes" else normal
    stray = [page for page in values.get("downloads", ()) if page not in values.get("pages", Settings.pages)]
    if stray:
        reason = f"names '{stray[0]}', which is not one of the edition's own pages (extra.edition.pages)"
        problems.append(
            problem("bad-setting", rel, where("downloads"), setting="extra.edition.downloads", reason=reason)
        )
    if not (docs_dir / values.get("essay", Settings.essay)).is_file() and "essay" not in ours:
        problems.append(
            problem(
                "bad-setting",
                rel,
                where("essay"),
                setting="extra.edition.essay",
                reason=f"is not set and {docs_dir.name}/{Settings.essay} does not exist: add the essay there",
            )
        )
    problems += _bibtex_files(data.get("plugins"), lines.get("plugins", 1), rel)
    if problems:
        return None, problems
    values.setdefault("title", str(data.get("site_name") or ""))
    settings = Settings(
        root=root,
        docs_dir=docs_dir,
        site_url=str(data.get("site_url") or ""),
        repo_url=str(data.get("repo_url") or ""),
        edit_uri=str(data.get("edit_uri") or ""),
        copyright=" ".join(str(data.get("copyright") or "").split()),
        config_file=rel,
        lines=lines,
        **values,
    )
    return settings, []


def _bibtex_files(plugins: object, line: int, rel: str) -> list[Problem]:
    """mkdocs-bibtex reads its works and its citation style from bibliography/ only: the files the inventory and
    the repository check look at (a style elsewhere could make pandoc read another file, or fetch one)."""
    if not isinstance(plugins, list):
        return []
    options = next((p["bibtex"] for p in plugins if isinstance(p, dict) and "bibtex" in p), None)
    if not isinstance(options, dict):
        return []
    wanted: dict[str, tuple[Callable[[str], bool], str]] = {
        "bib_dir": (lambda v: posixpath.normpath(v) == BIBLIOGRAPHY, f"must be {BIBLIOGRAPHY}"),
        "bib_file": (lambda v: _in_bibliography(v, ".bib"), f"must be a .bib file directly in {BIBLIOGRAPHY}/"),
        "csl_file": (lambda v: _in_bibliography(v, ".csl"), f"must be a .csl file directly in {BIBLIOGRAPHY}/"),
    }
    problems = []
    for key, (ok, reason) in wanted.items():
        value = options.get(key)
        if value is not None and not (isinstance(value, str) and ok(value)):
            problems.append(problem("bad-setting", rel, line, setting=f"plugins.bibtex.{key}", reason=reason))
    return problems


def _in_bibliography(value: str, suffix: str) -> bool:
    path = posixpath.normpath(value)
    return posixpath.dirname(path) == BIBLIOGRAPHY and path.endswith(suffix)


def _inside(docs_dir: Path, rel: str) -> bool:
    """Whether `rel` names a regular file inside docs_dir (no way out through '..' or a link)."""
    path = docs_dir / rel
    try:
        return path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(docs_dir.resolve())
    except (OSError, ValueError):
        return False


def _key_lines(node: yaml.Node | None, prefix: str = "") -> dict[str, int]:
    """The 1-based line of every mapping key, as dotted paths ('extra.edition.essay')."""
    out: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                path = f"{prefix}{key_node.value}"
                out[path] = key_node.start_mark.line + 1
                out.update(_key_lines(value_node, path + "."))
    return out
