"""Reading content files: UTF-8 text, YAML front matter with the line of every field, a Markdown body.

YAML from contributors is refused at the event level when it holds aliases, anchors, tags or deep
nesting, before anything is composed, so hostile YAML costs milliseconds; a repeated key is refused too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .sources import Source

from . import markup
from .problems import Problem, problem
from .room import Body
from .schema import Checked, Field, check_mapping

MAX_BYTES = 200_000  # a note or term is a few KiB; anything larger is a mistake or an attack
MAX_DEPTH = 6  # front matter is shallow: a path's stops (a list of mappings of lists) is the deepest

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)

__all__ = [
    "PAGE_SCHEMA",
    "Checked",
    "Document",
    "Field",
    "Item",
    "load_yaml",
    "parse",
    "read_item",
    "read_mapping",
    "read_text",
]


@dataclass(frozen=True)
class Document:
    """A content file split into its front matter and body, with line numbers."""

    source: str  # POSIX path relative to the repository root
    meta: dict[str, Any]
    lines: dict[str, int]  # the line of each front-matter key (1-based, in the file)
    body: str
    body_line: int  # the file line where the body starts
    start_line: int = 1  # where the front matter starts

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, or of the front matter itself when the key is absent."""
        return self.lines.get(key, self.start_line)


@dataclass(frozen=True, kw_only=True)
class Item:
    """What every content item (note, term, path) carries: its body and where each part came from."""

    body: str  # Markdown, with term and citation markup
    html: Body = field(compare=False)  # the body converted once, in a room of its own (see room.py)
    source: str  # relative to the repository root
    line: int  # where the front matter starts
    body_line: int
    src_uri: str  # relative to docs_dir
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)  # line of each field


def read_text(path: Path, source: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8, refusing huge or undecodable files with a problem instead of an exception."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [problem("unreadable-file", source, 1, reason=err.strerror or str(err))]
    if len(data) > MAX_BYTES:
        return None, [problem("file-too-large", source, 1, size=len(data), limit=MAX_BYTES)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [problem("unreadable-file", source, line, reason=f"it is not UTF-8 (byte {err.start})")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [problem("unreadable-file", source, line, reason="it holds a NUL character: it is not text")]
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), []


def parse(text: str, source: str, *, required: bool = True) -> tuple[Document | None, list[Problem]]:
    """Split `text` into front matter and body; YAML errors become problems with their file line."""
    if not text.startswith("---"):
        if required:
            return None, [problem("missing-front-matter", source, 1)]
        return Document(source, {}, {}, text, 1), []
    first = _FENCE.match(text)
    closing = _FENCE.search(text, first.end()) if first else None
    if first is None or closing is None:
        return None, [problem("missing-front-matter", source, 1)]
    yaml_text = text[first.end() : closing.start()]
    body = text[closing.end() :].removeprefix("\n")
    body_line = text[: closing.end()].count("\n") + 2
    meta, lines, problems = load_yaml(yaml_text, source, first_line=1)  # the YAML text starts on the '---' line
    if problems:
        return None, problems
    if meta is None:
        meta, lines = {}, {}
    if not isinstance(meta, dict):
        return None, [problem("front-matter-not-mapping", source, 2)]
    return Document(source, meta, lines, body, body_line), []


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when the wheel has it: ~10× faster


class _Refused(Exception):
    """YAML refused before it is composed, or a repeated key; `line` is 0-based within the YAML text."""

    def __init__(self, reason: str, line: int, first: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line
        self.first = line if first is None else first  # for a repeated key: where it was first written


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, except that an impossible date (2026-13-45) stays text for the schema to report."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _refuse_expansions(text: str) -> None:
    """Refuse aliases, anchors, explicit tags and deep nesting in the event stream, before composing.

    A kilobyte of aliases can stand for gigabytes once expanded ("billion laughs"); contributors never
    need them, so refusing them here costs milliseconds instead of minutes later.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Base):
        line = event.start_mark.line if event.start_mark is not None else 0
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("aliases (*name) are not allowed: write the value out in full", line)
        if getattr(event, "anchor", None):
            raise _Refused("anchors (&name) are not allowed: write the value out in full", line)
        if tag:
            raise _Refused(f"tags ({tag}) are not allowed: write a plain value", line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(f"nesting deeper than {MAX_DEPTH} levels is not allowed", line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _refuse_duplicate_keys(node: yaml.Node) -> None:
    """Refuse a mapping that repeats a key (YAML would silently keep the last value)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            if key_node.tag != "tag:yaml.org,2002:str":  # `1:` and `0x1:` are one key; `<<:` merges
                raise _Refused(
                    f"'{key or key_node.tag}' is not a name: keys are words, like title:", key_node.start_mark.line
                )
            if key and key in seen:
                reason = f"key '{key}' appears twice (also on line {{first}}): keep one"
                raise _Refused(reason, key_node.start_mark.line, seen[key])
            seen[key] = key_node.start_mark.line
            _refuse_duplicate_keys(value_node)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(item)


def _compose(text: str) -> tuple[Any, dict[str, int]]:
    """Load YAML safely; note the (0-based) line of each top-level key and of each item of a list."""
    _refuse_expansions(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _refuse_duplicate_keys(node)
        lines: dict[str, int] = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    lines.setdefault(str(key_node.value), key_node.start_mark.line)
                    if isinstance(value_node, yaml.SequenceNode):  # e.g. a path's stops: "stops[2]"
                        for i, item in enumerate(value_node.value):
                            lines.setdefault(f"{key_node.value}[{i}]", item.start_mark.line)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def load_yaml(text: str, source: str, first_line: int = 1) -> tuple[Any, dict[str, int], list[Problem]]:
    """YAML text whose first line is file line `first_line`: its data, the file line of each top-level
    key, and problems (refused or broken YAML is one problem at its line, never an exception)."""
    try:
        data, lines = _compose(text)
    except _Refused as err:
        reason = err.reason.replace("{first}", str(first_line + err.first))
        return None, {}, [problem("invalid-front-matter", source, first_line + err.line, reason=reason)]
    except (yaml.YAMLError, TypeError, ValueError, RecursionError) as err:  # TypeError: a list used as a key
        # The context mark (where the broken list or key began) is nearer the mistake than the problem mark.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        reason = getattr(err, "problem", None) or (str(err).splitlines() or ["unreadable YAML"])[0]
        if "mapping values are not allowed" in reason:
            reason += " (a text containing ': ' must be put in quotes)"
        return None, {}, [problem("invalid-front-matter", source, line, reason=reason)]
    return data, {k: v + first_line for k, v in lines.items()}, []


def read_mapping(src: Source) -> tuple[dict[Any, Any], dict[str, int], list[Problem]]:
    """A YAML registry (contributors, retired ids, the changelog): its mapping (empty when the file is absent
    or empty), the line of each top-level key, and problems (a file that is no mapping is one)."""
    if not src.path.exists():
        return {}, {}, []
    text, problems = read_text(src.path, src.rel)
    if text is None:
        return {}, {}, problems
    data, lines, problems = load_yaml(text, src.rel)
    if problems or data is None:
        return {}, {}, problems
    if not isinstance(data, dict):
        return {}, {}, [problem("front-matter-not-mapping", src.rel, 1)]
    return data, lines, []


# The front matter of a page the edition shows as written (its own pages, the essay): what the theme prints or
# reads of it, each of a declared type; anything else is refused.
PAGE_SCHEMA: dict[str, Field] = {
    "title": Field("plain", False, "the page's title, as the browser tab and search show it", max_length=120),
    "description": Field("plain", False, "a one-sentence summary for search engines", max_length=300),
    "hide": Field("choice", False, "parts of the theme to hide", many=True, choices=("navigation", "toc", "footer")),
}


def check(
    doc: Document, schema: Mapping[str, Field], skip: frozenset[str] | set[str] = frozenset()
) -> tuple[Checked, list[Problem]]:
    """Check a document's front matter against `schema` (see `schema.check_mapping`)."""
    problems: list[Problem] = []

    def report(code: str, key: str, values: dict[str, object]) -> None:
        problems.append(problem(code, doc.source, doc.line_of(key) if key else doc.start_line, **values))

    return check_mapping(doc.meta, schema, report, skip), problems


def read_item(
    src: Source, schema: Mapping[str, Field], skip: frozenset[str] | set[str] = frozenset()
) -> tuple[Document | None, Checked, list[Problem]]:
    """Read one content item (a note, term or path): text, front matter against `schema`, id from its name."""
    text, problems = read_text(src.path, src.rel)
    if text is None:
        return None, Checked(), problems
    doc, found = parse(text, src.rel)
    if doc is None:
        return None, Checked(), problems + found
    values, found = check(doc, schema, skip)
    problems += found
    stem = src.path.stem
    if not markup.is_id(stem):
        problems.append(problem("bad-id", src.rel, 1, name=stem, suggestion=markup.slugify(stem, words=6)))
    return doc, values, problems
