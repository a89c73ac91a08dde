"""Reading content files: UTF-8 text, YAML front matter with the line of every field, a Markdown body."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .sources import Source

from . import markup
from .problems import Problem, did_you_mean, problem

MAX_BYTES = 200_000  # a note or term is a few KiB; anything larger is a mistake or an attack

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


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
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), []


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
    try:
        meta, lines = _load_yaml(yaml_text)
    except (yaml.YAMLError, TypeError, ValueError) as err:  # TypeError: e.g. a list used as a key
        # The context mark (where the broken list or key began) is nearer the mistake than the problem mark.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = 1 + (mark.line if mark is not None else 0)  # the YAML text starts on the '---' line
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        if "mapping values are not allowed" in reason:
            reason += " (a text containing ': ' must be put in quotes)"
        return None, [problem("invalid-front-matter", source, line, reason=reason)]
    if meta is None:
        meta, lines = {}, {}
    if not isinstance(meta, dict):
        return None, [problem("front-matter-not-mapping", source, 2)]
    return Document(source, meta, {k: v + 1 for k, v in lines.items()}, body, body_line), []


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when the wheel has it: ~10× faster


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, except that an impossible date (2026-13-45) stays text for the schema to report."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _load_yaml(text: str) -> tuple[Any, dict[str, int]]:
    """Load YAML safely and note the (0-based) line of each top-level key."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
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


# --- field schemas ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One front-matter field: its type, whether it must be present, and what it means."""

    kind: str  # "str", "str-list" (a string or a list of strings), "list", "date", "number", "bool"
    required: bool = False
    doc: str = ""


@dataclass
class Checked:
    """Front-matter values that passed the schema, normalised (str-list → tuple of str)."""

    values: dict[str, Any] = field(default_factory=dict)

    def text(self, key: str, default: str = "") -> str:
        """A string field's value."""
        value = self.values.get(key, default)
        return value if isinstance(value, str) else default

    def texts(self, key: str) -> tuple[str, ...]:
        """A str-list field's values."""
        value = self.values.get(key, ())
        return tuple(value) if isinstance(value, tuple) else ()


_EXPECTED = {
    "str": "a text",
    "str-list": "a text or a list of texts",
    "list": "a list",
    "date": "a date like 2026-11-25",
    "number": "a number",
    "bool": "true or false",
}


def check(
    doc: Document, schema: Mapping[str, Field], skip: frozenset[str] | set[str] = frozenset()
) -> tuple[Checked, list[Problem]]:
    """Check a document's front matter against `schema`: unknown, missing and mistyped fields.

    Fields in `skip` are only checked for presence; their caller checks their value.
    """
    out = Checked()
    problems: list[Problem] = []
    for key, value in doc.meta.items():
        name = str(key)
        spec = schema.get(name)
        if spec is None:
            hint = did_you_mean(name, schema) or " (allowed: " + ", ".join(schema) + ")"
            problems.append(problem("unknown-field", doc.source, doc.line_of(name), field=name, hint=hint))
            continue
        if name in skip:
            continue
        ok, normal = _coerce(spec.kind, value)
        if not ok:
            problems.append(
                problem(
                    "bad-field-type",
                    doc.source,
                    doc.line_of(name),
                    field=name,
                    expected=_EXPECTED[spec.kind],
                    actual=_describe(value),
                )
            )
            continue
        out.values[name] = normal
    for name, spec in schema.items():
        if spec.required and name not in doc.meta:
            problems.append(problem("missing-field", doc.source, doc.start_line, field=name))
    return out, problems


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


def _coerce(kind: str, value: Any) -> tuple[bool, Any]:
    if kind == "str":
        if isinstance(value, str) and value.strip():
            return True, value.strip()
        return False, None
    if kind == "str-list":
        if isinstance(value, str) and value.strip():
            return True, (value.strip(),)
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return True, tuple(v.strip() for v in value)
        return False, None
    if kind == "list":
        return isinstance(value, list), value
    if kind == "date":
        if isinstance(value, dt.datetime):
            return True, value.date()
        if isinstance(value, dt.date):
            return True, value
        if isinstance(value, str):
            try:
                return True, dt.date.fromisoformat(value.strip())
            except ValueError:
                return False, None
        return False, None
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool), value
    if kind == "bool":
        return isinstance(value, bool), value
    raise ValueError(kind)  # a schema bug, not bad content


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"
