"""Works cited: BibTeX entries from bibliography/*.bib, read with their lines for clear messages.

mkdocs-bibtex (through pandoc) formats them; this module only reads and checks them, so that a broken
file or an unknown key is reported as `path:line` before the plugin sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter import read_text
from .problems import Problem, problem
from .schema import is_http_url
from .sources import Source

# Which fields each entry type needs ("a|b": either will do).
REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author|editor", "title", "year|date", "journal|journaltitle|url"),
    "book": ("author|editor", "title", "year|date", "publisher"),
    "incollection": ("author", "title", "booktitle", "year|date", "publisher"),
    "inbook": ("author|editor", "title", "year|date", "publisher"),
    "collection": ("editor", "title", "year|date", "publisher"),
    "phdthesis": ("author", "title", "year|date", "school"),
    "techreport": ("author", "title", "year|date", "institution"),
    "online": ("author|editor", "title", "year|date", "url"),
    "misc": ("author|editor", "title", "year|date", "publisher|url|howpublished"),
}

# Headings of the works-cited page, one per .bib file (the file's stem); others are title-cased.
SECTIONS: dict[str, str] = {
    "primary": "Primary sources",
    "scholarship": "Scholarship",
}


@dataclass(frozen=True)
class Work:
    """One BibTeX entry."""

    key: str
    type: str
    fields: dict[str, str] = field(compare=False, hash=False)
    source: str = ""
    line: int = 0
    section: str = ""  # the .bib file's stem: which part of the works-cited page it belongs to

    @property
    def year(self) -> str:
        """The publication year, as written."""
        return self.fields.get("year") or self.fields.get("date", "")[:4]


class BibSyntaxError(Exception):
    """A .bib file that cannot be read, with the offset where reading stopped."""

    def __init__(self, reason: str, pos: int) -> None:
        super().__init__(reason)
        self.reason, self.pos = reason, pos


def load_file(src: Source) -> tuple[list[Work], list[Problem]]:
    """Parse one .bib file into works; a syntax error becomes one problem at its line."""
    text, problems = read_text(src.path, src.rel)
    if text is None:
        return [], problems
    try:
        entries = parse_bibtex(text)
    except BibSyntaxError as err:
        return [], [problem("bib-syntax", src.rel, text.count("\n", 0, err.pos) + 1, reason=err.reason)]
    problems += pybtex_check(src, text)
    works = []
    for etype, key, fields, pos in entries:
        line = text.count("\n", 0, pos) + 1
        works.append(Work(key, etype, fields, src.rel, line, Path(src.rel).stem))
        for name, value in fields.items():  # pandoc passes raw HTML and any URL through to the page
            if _HTML.search(value):
                problems.append(problem("raw-html", src.rel, line, snippet=f"{name} = {{{value[:40]}}}"))
            elif name == "url" and not is_http_url(value):
                problems.append(problem("unsafe-link", src.rel, line, url=value))
        needs = REQUIRED.get(etype, REQUIRED["misc"])
        missing = [alt.replace("|", " or ") for alt in needs if not any(fields.get(f) for f in alt.split("|"))]
        if missing:
            problems.append(problem("missing-bib-field", src.rel, line, type=etype, key=key, fields=", ".join(missing)))
    return works, problems


_HTML = re.compile(r"<[A-Za-z/!?]")
_NAME = re.compile(r"[A-Za-z][\w:.+/-]*")
_KEY = re.compile(r"[^\s,{}()\"#%'=]+")


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str], int]]:
    """(type, key, fields, offset) for each entry; @comment, @preamble and @string are skipped."""
    entries = []
    pos = 0
    while (at := text.find("@", pos)) >= 0:
        m = _NAME.match(text, at + 1)
        if m is None:
            raise BibSyntaxError("'@' must be followed by an entry type such as @book", at)
        etype = m.group(0).lower()
        i = _skip_ws(text, m.end())
        if etype == "comment":
            pos = i + 1
            continue
        if i >= len(text) or text[i] not in "{(":
            raise BibSyntaxError(f"expected '{{' after @{etype}", i)
        close = "}" if text[i] == "{" else ")"
        if etype in {"preamble", "string"}:
            pos = _matching(text, i) + 1
            continue
        i = _skip_ws(text, i + 1)
        km = _KEY.match(text, i)
        if km is None:
            raise BibSyntaxError(f"@{etype} has no key", i)
        key = km.group(0)
        i = _skip_ws(text, km.end())
        fields: dict[str, str] = {}
        while i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
            if i < len(text) and text[i] == close:
                break
            fm = _NAME.match(text, i)
            if fm is None:
                raise BibSyntaxError(f"expected a field name in @{etype}{{{key}}}", i)
            name = fm.group(0).lower()
            i = _skip_ws(text, fm.end())
            if i >= len(text) or text[i] != "=":
                raise BibSyntaxError(f"expected '=' after field '{name}' in @{etype}{{{key}}}", i)
            value, i = _value(text, _skip_ws(text, i + 1), key)
            if name in fields:
                raise BibSyntaxError(f"field '{name}' appears twice in @{etype}{{{key}}}", fm.start())
            fields[name] = value
            i = _skip_ws(text, i)
        if i >= len(text) or text[i] != close:
            raise BibSyntaxError(f"expected ',' or '{close}' in @{etype}{{{key}}}", i)
        entries.append((etype, key, fields, at))
        pos = i + 1
    return entries


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _matching(text: str, i: int) -> int:
    """The offset of the brace or parenthesis closing the one at `i`."""
    opener, closer = text[i], "}" if text[i] == "{" else ")"
    depth = 0
    for j in range(i, len(text)):
        if text[j] == opener:
            depth += 1
        elif text[j] == closer:
            depth -= 1
            if depth == 0:
                return j
    raise BibSyntaxError(f"unbalanced '{opener}': it is never closed", i)


def _value(text: str, i: int, key: str) -> tuple[str, int]:
    """A field value: {braced}, "quoted", a number or macro, joined with #."""
    parts = []
    while True:
        if i >= len(text):
            raise BibSyntaxError(f"a field value in @{{{key}}} is cut off", i)
        if text[i] == "{":
            end = _matching(text, i)
            parts.append(text[i + 1 : end])
            i = end + 1
        elif text[i] == '"':
            j, depth = i + 1, 0
            while j < len(text) and not (text[j] == '"' and depth == 0):
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            if j >= len(text):
                raise BibSyntaxError(f"unclosed '\"' in @{{{key}}}", i)
            parts.append(text[i + 1 : j])
            i = j + 1
        else:
            m = _KEY.match(text, i)
            if m is None:
                raise BibSyntaxError(f"expected a value in @{{{key}}}", i)
            parts.append(m.group(0))
            i = m.end()
        i = _skip_ws(text, i)
        if i < len(text) and text[i] == "#":
            i = _skip_ws(text, i + 1)
            continue
        return " ".join(" ".join(parts).split()), i


_ENTRY_KEY = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^\s,{}()\"#%'=]+)\s*,")


def keys_in(path: Path) -> set[str]:
    """The entry keys a .bib file seems to define, read loosely: for a file too broken to parse, so that
    its one syntax error is not followed by an "unknown work" for every citation of its entries."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {
        m.group(2) for m in _ENTRY_KEY.finditer(text) if m.group(1).lower() not in {"comment", "string", "preamble"}
    }


def validate(works: list[Work]) -> list[Problem]:
    """Keys defined twice, across or within files."""
    problems: list[Problem] = []
    seen: dict[str, Work] = {}
    for w in works:
        if w.key in seen:
            first = seen[w.key]
            problems.append(
                problem("duplicate-work", w.source, w.line, key=w.key, other=f"{first.source}:{first.line}")
            )
        else:
            seen[w.key] = w
    return problems


def pybtex_check(src: Source, text: str) -> list[Problem]:
    """What pybtex (mkdocs-bibtex's parser) would choke on, as a problem instead of a traceback."""
    from pybtex.database import parse_string  # the plugin's own parser: read it the same way
    from pybtex.scanner import PybtexError

    try:
        parse_string(text, "bibtex")
    except PybtexError as err:
        line = getattr(err, "lineno", None) or 1
        return [problem("bib-syntax", src.rel, int(line), reason=str(err).splitlines()[0])]
    return []
