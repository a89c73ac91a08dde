"""Setting values in a YAML file written by a person, in place: only the values change, byte for byte.

`make reanchor` rewrites a note's quote, prefix, suffix and paragraph; `make import` sets the edition's
title, author and dates in mkdocs.yml. Loading and dumping the YAML would lose comments, order and quoting,
so each value is replaced where the YAML parser says it is, and a missing key is added on a line of its own.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence

import yaml

from .sources import CONFIG_LOADER

Value = str | dt.date | Sequence[str]
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def scalar(value: Value, style: str = "") -> str:
    """A value as YAML, in the quoting `style` of the value it replaces (' or ") where that can hold it; else
    plain where YAML reads it back unchanged as text, else double-quoted. A list is written in flow style."""
    if isinstance(value, dt.date):
        return value.isoformat()  # YAML reads it back as a date
    if not isinstance(value, str):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    try:
        plain_ok = value == value.strip() and yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok and value else json.dumps(value, ensure_ascii=False)


def set_values(text: str, changes: Mapping[str, Value], after: Mapping[str, str] | None = None) -> str:
    """`text` (YAML) with each dotted key of `changes` set. A missing key is added under its parent mapping,
    after the key `after` names (or as its parent's last), indented like its siblings."""
    for key, value in changes.items():
        text = _set(text, key, value, (after or {}).get(key, ""))
    return text


def set_front_matter(text: str, changes: Mapping[str, Value], after: Mapping[str, str] | None = None) -> str:
    """A Markdown file with its front matter's top-level keys set (see `set_values`); its body untouched."""
    first = _FENCE.match(text)
    closing = _FENCE.search(text, first.end()) if first else None
    if first is None or closing is None:
        raise ValueError("no front matter")
    head = text[first.end() : closing.start()]
    return text[: first.end()] + set_values(head, changes, after) + text[closing.start() :]


def _set(text: str, dotted: str, value: Value, after: str) -> str:
    node = yaml.compose(text, Loader=CONFIG_LOADER) if text.strip() else None
    *parents, key = dotted.split(".")
    mapping = node
    for name in parents:
        mapping = _child(mapping, name)
        if mapping is None:
            raise KeyError(f"'{'.'.join(parents)}' is not a mapping in this YAML")
    if not isinstance(mapping, yaml.MappingNode) and mapping is not None:
        raise KeyError(f"'{'.'.join(parents) or 'the file'}' is not a mapping")
    pairs = mapping.value if mapping is not None else []
    for key_node, value_node in pairs:
        if key_node.value == key:
            start, end = value_node.start_mark.index, value_node.end_mark.index
            old = text[start:end]
            tail = old[len(old.rstrip()) :]  # a block scalar's value runs to the next key's line
            return text[:start] + scalar(value, old[:1]) + tail + text[end:]
    # Not there: a line of its own, after the named sibling (or the last one), at the siblings' indent.
    if pairs:
        anchor = next((v for k, v in pairs if k.value == after), pairs[-1][1])
        indent = pairs[0][0].start_mark.column
        line_end = text.find("\n", anchor.end_mark.index - 1 if anchor.end_mark.column == 0 else anchor.end_mark.index)
        at = len(text) if line_end < 0 else line_end + 1
    else:
        indent, at = (parents and 2 * len(parents)) or 0, len(text)
    prefix = "" if at == 0 or text[at - 1 : at] == "\n" else "\n"
    return text[:at] + f"{prefix}{' ' * indent}{key}: {scalar(value)}\n" + text[at:]


def _child(node: yaml.Node | None, name: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if k.value == name), None)
