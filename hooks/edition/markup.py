"""The edition's two small markups, shared by the essay, notes, glossary and paths.

- A term occurrence: `[[term-id|words as shown]]`, or `[[term-id]]` to show the term's name.
- A citation: `[@key]`, `[@key, p. 12]`, `[@a; @b]` (pandoc's syntax, as mkdocs-bibtex reads it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The characters no XML can hold (control characters but tab and line ends, and two non-characters): the feeds
# and the books are XML, so no text may hold one.
NO_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

TERM_RE = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")

# A bracket holding at least one @key; the key syntax is mkdocs-bibtex's ([\w-]+). The bracket is
# matched first and searched for a key after, so an unclosed "[@a @a @a…" costs linear time.
CITE_BLOCK_RE = re.compile(r"(?<![\\!])\[([^\[\]\n]*)\](?![(\[{:])")
CITE_KEY_RE = re.compile(r"(?<![\w.])@([\w-]+)")

# Code spans and fenced blocks are left alone by both markups.
# The end of a sentence: ., ? or ! with any closing quotes or brackets, then space; not the period of an
# initial or an abbreviation such as "U.S." or "Martin L. King".
SENTENCE_END = re.compile(r"(?<=[.?!])(?<!\b[A-Z]\.)[”’\")]*\s+")
_CODE_RE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.DOTALL)


@dataclass(frozen=True)
class TermRef:
    """One marked term occurrence: which term, the words shown, where in the text."""

    id: str
    shown: str | None  # None: show the term's own name
    start: int
    end: int
    line: int  # 0-based line within the text


@dataclass(frozen=True)
class CiteRef:
    """One citation block such as `[@a, p. 3; @b]`."""

    raw: str  # the whole bracket, as written
    keys: tuple[str, ...]
    start: int
    end: int
    line: int  # 0-based line within the text


def slugify(text: str, words: int = 4) -> str:
    """A valid id made of the first few words of `text` (for suggestions)."""
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words]) or "some-id"


def is_id(value: str) -> bool:
    """Whether `value` is a well-formed id: lower-case letters, digits, single hyphens."""
    return bool(ID_RE.match(value))


def outside_code(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that are not code, where markup is read."""
    spans, pos = [], 0
    for m in _CODE_RE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def find_terms(text: str) -> list[TermRef]:
    """Every `[[…]]` term occurrence outside code, in order."""
    found = []
    for lo, hi in outside_code(text):
        for m in TERM_RE.finditer(text, lo, hi):
            shown = m.group(2)
            found.append(
                TermRef(
                    id=m.group(1).strip(),
                    shown=shown if shown is None else shown.strip(),
                    start=m.start(),
                    end=m.end(),
                    line=text.count("\n", 0, m.start()),
                )
            )
    return found


def find_citations(text: str) -> list[CiteRef]:
    """Every `[@…]` citation block outside code, in order."""
    found = []
    for lo, hi in outside_code(text):
        for m in CITE_BLOCK_RE.finditer(text, lo, hi):
            if "@" not in m.group(1):
                continue
            keys = tuple(CITE_KEY_RE.findall(m.group(1)))
            if keys:
                found.append(CiteRef(m.group(0), keys, m.start(), m.end(), text.count("\n", 0, m.start())))
    return found


def strip_terms(text: str, names: dict[str, str] | None = None) -> str:
    """The text as a reader sees it: term markup replaced by its shown words."""

    def shown(m: re.Match[str]) -> str:
        if m.group(2) is not None:
            return m.group(2).strip()
        term = m.group(1).strip()
        return (names or {}).get(term, term)

    return TERM_RE.sub(shown, text)


def replace_spans(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """Replace non-overlapping (start, end, new) spans of `text`."""
    out, pos = [], 0
    for start, end, new in sorted(replacements):
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def plain_offsets(source: str) -> list[int]:
    """For each offset of the plain text (term markup removed), its offset in `source`; one extra at the end.

    Offsets inside a term's shown words map into those words; the term's id and brackets have none.
    """
    out: list[int] = []
    pos = 0
    for m in TERM_RE.finditer(source):
        out.extend(range(pos, m.start()))
        if m.group(2) is not None:
            lead = len(m.group(2)) - len(m.group(2).lstrip())
            shown = m.group(2).strip()
            first = m.start(2) + lead
            out.extend(range(first, first + len(shown)))
        else:
            out.extend(range(m.start(1), m.end(1)))
        pos = m.end()
    out.extend(range(pos, len(source) + 1))
    return out


def widen_to_terms(source: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span of `source` so that it neither starts nor ends inside a term's markup."""
    for m in TERM_RE.finditer(source):
        if m.start() < start < m.end() or (start == m.start(2) if m.group(2) is not None else False):
            start = m.start()
        if m.start() < end < m.end():
            end = m.end()
    return start, end


def first_sentence(text: str, limit: int) -> str:
    """The first sentence of plain `text`, cut at a word with "…" if longer than `limit` characters."""
    end = SENTENCE_END.search(text)
    first = text[: end.end()].rstrip() if end else text.strip()
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"
