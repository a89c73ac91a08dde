"""One schema mechanism for everything a person writes: front matter, the contributors registry, settings.

Each field has a declared type (choice, id, plain text, Markdown, date, bounded number, URL, or records
with a schema of their own), optionally a list of that type. A value either passes, normalised, or
gives a problem that says what was expected. Plain text is shown exactly as typed (escaped wherever it
is printed), so markup in it is refused with a message rather than shown as code.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from . import markup

# Markup in a plain-text field: an HTML tag, comment or declaration, a character reference, our term or
# citation markup, or a Markdown link. This only explains; escaping is what keeps plain text inert.
_PLAIN_MARKUP = re.compile(r"<[A-Za-z/!?]|&#?\w+;|\[\[|\[@|\]\(")
ID_LIMIT = 80
# Invisible: control characters, bidirectional overrides, zero-width characters and separators, the byte-order mark.
# (Not the zero-width joiners U+200C and U+200D, nor the directional marks, which Persian, Arabic, Indic words and
# emoji need.)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]")
DATE_FLOOR = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Field:
    """One field: its type, whether it must be present, whether it is a list, and what it means."""

    kind: str  # "choice", "id", "plain", "markdown", "date", "number", "url", "record", "records"
    required: bool = False
    doc: str = ""
    many: bool = False  # a list of `kind` (a single value counts as a list of one)
    choices: tuple[str, ...] = ()  # for "choice"
    low: float = 0  # for "number": the inclusive bounds
    high: float = 0
    max_length: int = 300  # for "plain" and "markdown"; "url" has its own
    max_items: int = 40  # for lists
    records: Mapping[str, Field] | None = None  # for "record" and "records": the schema of each record
    unknown: str = ""  # for "choice": the problem code for a value not among the choices (default: a type error)

    def expected(self) -> str:
        """What the field wants, in words, for messages and the contributor guide."""
        one = {
            "choice": "one of " + ", ".join(self.choices),
            "id": "an id (lower-case letters, digits and single hyphens)",
            "plain": f"a plain text of at most {self.max_length} characters",
            "markdown": f"a Markdown text of at most {self.max_length} characters",
            "date": f"a date like 2026-11-25, from {DATE_FLOOR} to today",
            "number": f"a number from {self.low:g} to {self.high:g}",
            "url": "an http(s) address",
            "record": "a set of 'key: value' fields (" + ", ".join(self.records or {}) + ")",
            "records": "a list of 'key: value' records",
        }[self.kind]
        return f"{one}, or a list of them" if self.many else one


@dataclass
class Checked:
    """Values that passed their schema, normalised (a list field → tuple)."""

    values: dict[str, Any] = field(default_factory=dict)

    def text(self, key: str, default: str = "") -> str:
        """A single text field's value."""
        value = self.values.get(key, default)
        return value if isinstance(value, str) else default

    def texts(self, key: str) -> tuple[str, ...]:
        """A list field's values."""
        value = self.values.get(key, ())
        return tuple(value) if isinstance(value, tuple) else ()


@dataclass(frozen=True)
class Bad:
    """Why a value was refused: the problem code and its template values."""

    code: str
    values: dict[str, object]


def today() -> dt.date:
    """The latest date a contribution may carry (tomorrow's, so no time zone is refused its today)."""
    return dt.date.today() + dt.timedelta(days=1)


def describe(value: Any) -> str:
    """A value as a message quotes it."""
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


def check_value(name: str, spec: Field, value: Any) -> tuple[Any, Bad | None]:
    """`value` normalised, or why it does not fit `spec`."""
    if spec.many or spec.kind == "records":
        items = value if isinstance(value, list) else [value]
        if spec.kind == "records" and not isinstance(value, list):
            return None, Bad("bad-field-type", {"field": name, "expected": spec.expected(), "actual": describe(value)})
        if len(items) > spec.max_items:
            return None, Bad("too-many-items", {"field": name, "count": len(items), "limit": spec.max_items})
        out = []
        for item in items:
            one, bad = _one(name, spec, item)
            if bad is not None:
                return None, bad
            out.append(one)
        return tuple(out), None
    return _one(name, spec, value)


def _one(name: str, spec: Field, value: Any) -> tuple[Any, Bad | None]:
    def wrong() -> tuple[None, Bad]:
        return None, Bad("bad-field-type", {"field": name, "expected": spec.expected(), "actual": describe(value)})

    kind = spec.kind
    if kind in {"record", "records"}:  # each record's own fields are checked by the caller, against `records`
        return (value, None) if isinstance(value, dict) else wrong()
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return wrong()
        if not spec.low <= value <= spec.high:
            return wrong()
        return value, None
    if kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        elif isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                return wrong()
        if not isinstance(value, dt.date) or not DATE_FLOOR <= value <= today():
            return wrong()
        return value, None
    if not isinstance(value, str) or not value.strip():
        return wrong()
    text = value.strip()
    if _CONTROL.search(text):
        return None, Bad("control-character", {"field": name})
    if kind == "id":  # a tag or a course names a file (its feed): kept well under a file name's 255 bytes
        if len(text) > ID_LIMIT:
            return None, Bad("text-too-long", {"field": name, "length": len(text), "limit": ID_LIMIT})
        return (text, None) if markup.is_id(text) else wrong()
    if kind == "choice":
        if text in spec.choices:
            return text, None
        if spec.unknown:
            from .problems import one_of

            return None, Bad(spec.unknown, {name: text, "hint": one_of(text, spec.choices)})
        return wrong()
    if kind == "url":
        return (text, None) if is_http_url(text) else wrong()
    if len(text) > spec.max_length:
        return None, Bad("text-too-long", {"field": name, "length": len(text), "limit": spec.max_length})
    if kind == "plain":
        text = re.sub(r"[ \t]*[\n\r\t][ \t\n\r]*", " ", text)  # one line: a title cannot start a new block
        m = _PLAIN_MARKUP.search(text)
        if m is not None:
            return None, Bad("markup-in-plain-text", {"field": name, "snippet": text[m.start() : m.start() + 12]})
        return text, None
    if kind == "markdown":
        return text, None
    raise ValueError(kind)  # a schema bug, not bad content


def is_http_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) address with a host, no credentials and no spaces."""
    if len(url) > 2000 or re.search(r"[\s\x00-\x1f\\]", url):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in {"http", "https"} and bool(parts.hostname) and "@" not in parts.netloc
    except ValueError:
        return False


def check_mapping(
    data: Mapping[Any, Any],
    schema: Mapping[str, Field],
    report: Callable[[str, str, dict[str, object]], None],
    skip: frozenset[str] | set[str] = frozenset(),
) -> Checked:
    """Check a mapping against `schema`: unknown, missing and mistyped fields go to `report(code, key, values)`.

    Fields in `skip` are only checked for presence; their caller checks their value.
    """
    from .problems import did_you_mean

    out = Checked()
    for key, value in data.items():
        name = str(key)
        spec = schema.get(name)
        if spec is None:
            hint = did_you_mean(name, schema) or " (allowed: " + ", ".join(schema) + ")"
            report("unknown-field", name, {"field": name, "hint": hint})
            continue
        if name in skip:
            continue
        normal, bad = check_value(name, spec, value)
        if bad is not None:
            report(bad.code, name, bad.values)
            continue
        out.values[name] = normal
    for name, spec in schema.items():
        if spec.required and name not in data:
            report("missing-field", "", {"field": name})
    return out
