"""Works cited: BibTeX entries from bibliography/*.bib, read with their lines for clear messages.

pybtex (the parser mkdocs-bibtex uses) reads each file once; mkdocs-bibtex (through pandoc) formats the
entries. This module only checks them, so that a broken file or an unknown key is reported as
`path:line` before the plugin sees it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.backends.plaintext import Backend as PlainText
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.database.input.bibtex import Parser, UndefinedMacro
from pybtex.richtext import Text
from pybtex.scanner import PrematureEOF, PybtexError, PybtexSyntaxError
from pybtex.textutils import normalize_whitespace

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

    def text(self, name: str) -> str:
        """A field as a reader should see it: TeX markup ({braces}, \\&, --, accents) decoded by pybtex."""
        return _plain(self.fields.get(name, ""))

    def names(self, role: str = "author") -> list[str]:
        """The people of a name field (author, editor), each as a reader writes them: "Wayne Price"."""
        people = [Person(name) for name in split_name_list(self.fields.get(role, ""))]
        parts = [p.first_names + p.middle_names + p.prelast_names + p.last_names + p.lineage_names for p in people]
        return [_plain(" ".join(words)) for words in parts]


# pybtex's plain-text backend, by its class: `find_plugin` would scan every installed package's entry points.
_PLAIN_TEXT = PlainText()


@functools.lru_cache(maxsize=4096)
def _plain(latex: str) -> str:
    """BibTeX's TeX as plain text, by pybtex (what it cannot read is kept as written). Remembered: the
    same fields are asked for on many pages."""
    try:
        return str(Text.from_latex(latex).render(_PLAIN_TEXT))
    except PybtexError:
        return latex


def load_file(src: Source) -> tuple[list[Work], list[Problem]]:
    """Parse one .bib file into works with pybtex; a syntax error becomes one problem at its line."""
    text, problems = read_text(src.path, src.rel)
    if text is None:
        return [], problems
    reader = _Reader()
    try:
        reader.parse_string(text)
    except PybtexError as err:
        line, reason = _syntax_error(err, text)
        return [], [problem("bib-syntax", src.rel, line, reason=reason)]
    lines = _entry_lines(text)
    works = []
    for etype, key, fields in reader.entries:
        found = lines.get(key)
        line = found.pop(0) if found else 1  # a repeated key: its first line, then its second
        works.append(Work(key, etype, fields, src.rel, line, Path(src.rel).stem))
        if not re.fullmatch(r"[\w-]+", key):  # the key becomes an anchor (#ref-key) and a citation ([@key])
            reason = f"the key '{key}' may hold only letters, digits, '_' and '-'"
            problems.append(problem("bib-syntax", src.rel, line, reason=reason))
        for role in ("author", "editor"):  # names pybtex cannot split would stop mkdocs-bibtex with a traceback
            try:
                [Person(name) for name in split_name_list(fields.get(role, ""))]
            except PybtexError as err:
                problems.append(problem("bib-syntax", src.rel, line, reason=f"{role} of '{key}': {err}"))
        for name, value in fields.items():  # pandoc passes raw HTML and any URL through to the page
            read = value.replace("{", "").replace("}", "")  # as pandoc reads it: TeX's braces gone
            marked = _HTML.search(read) or _TEX.search(read) or _TEX.search(value)  # TeX's commands end at a brace
            if marked:
                what = marked.string[marked.start() : marked.end() + 12].strip()
                problems.append(problem("bib-markup", src.rel, line, field=name, key=key, what=what))
            elif (name == "url" and not is_http_url(value)) or (name == "doi" and not _DOI.fullmatch(value.strip())):
                problems.append(problem("unsafe-link", src.rel, line, url=value))
        needs = REQUIRED.get(etype, REQUIRED["misc"])
        missing = [alt.replace("|", " or ") for alt in needs if not any(fields.get(f) for f in alt.split("|"))]
        if missing:
            problems.append(problem("missing-bib-field", src.rel, line, type=etype, key=key, fields=", ".join(missing)))
    return works, problems


# Markup in a field: any "<" (pandoc writes it through, and a "{<}span" or "$>$" would close a tag), and HTML's
# named or numbered character references ("&quot;"), which reach the page as they are. BibTeX has its own
# forms for what a reference needs: \& for "&", and the characters themselves.
_HTML = re.compile(r"<|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
# TeX that writes what a field may not hold: a character by its code (^^3c is "<", ^^01 a control character),
# "<" and ">" by name, a picture; and pandoc's fence for a reference (":::"), by which mkdocs-bibtex cuts its
# output into references, so that a field holding one could stand for another work's reference.
_TEX = re.compile(r"\^\^|\\text(?:less|greater)\b|\\includegraphics\b|\\(?:href|url|hyperlink)\b|:::")
# A DOI as registered: "10.", the registrant, "/", the suffix, with no space, bracket or angle bracket (pandoc
# writes it into a link, and "](" in it would end that link early).
_DOI = re.compile(r"10\.\d{4,9}/[^\s\[\]<>\"{}]+")


class _Reader(Parser):  # type: ignore[misc]  # pybtex has no type hints
    """pybtex's BibTeX parser (mkdocs-bibtex's too), keeping every entry as written, in file order.

    pybtex itself refuses a repeated key without saying where; kept here, `validate` names both places.
    Fields stay as written (names are not split into people): they are checked, not formatted.
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[str, str, dict[str, str]]] = []

    def handle_error(self, error: Exception) -> None:
        raise error  # the first error stops reading, whatever pybtex's global strict mode says

    def process_entry(self, entry_type: str, key: str | None, fields: list[tuple[str, list[str]]]) -> None:
        values: dict[str, str] = {}
        for name, parts in fields:
            if name.lower() in values:
                raise _RepeatedField(entry_type.lower(), key or "", name.lower())
            values[name.lower()] = normalize_whitespace(self.flatten_value_list(parts))
        self.entries.append((entry_type.lower(), key or "", values))


class _RepeatedField(PybtexError):  # type: ignore[misc]
    """A field given twice in one entry (pybtex's own error for this says no line)."""

    def __init__(self, etype: str, key: str, name: str) -> None:
        super().__init__(f"field '{name}' appears twice in @{etype}{{{key}}}")
        self.key = key


def _syntax_error(err: PybtexError, text: str) -> tuple[int, str]:
    """The line and the reason of a pybtex error, for a person: an unclosed brace is named where it
    opens, not at the end of the file where pybtex noticed it."""
    if isinstance(err, _RepeatedField):
        return (_entry_lines(text).get(err.key) or [1])[0], str(err)
    if isinstance(err, PrematureEOF) and (opened := _unclosed(text, err.error_context_info[0] or 0)) is not None:
        return text.count("\n", 0, opened) + 1, "unbalanced '{': it is never closed"
    if isinstance(err, UndefinedMacro):  # a bare word as a value: BibTeX reads it as an @string's name
        return err.lineno or 1, f"'{err.args[0]}' is not a defined @string: put the value in {{braces}}"
    if isinstance(err, PybtexSyntaxError):  # "syntax error in line 3: '}' expected": the line goes in front
        return err.lineno or 1, f"{err.error_type}: {err.args[0]}"
    return 1, str(err)


def _unclosed(text: str, start: int) -> int | None:
    """The offset of the innermost '{' after `start` that is never closed (None if all are)."""
    stack: list[int] = []
    for i in range(start, len(text)):
        if text[i] == "{":
            stack.append(i)
        elif text[i] == "}" and stack:
            stack.pop()
    return stack[-1] if stack else None


# An entry's `@type{key,` (or `@type{key}`), its key as pybtex reads keys: up to a space, comma or brace.
_ENTRY_KEY = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^\s,{}()]+)\s*[,})]")


def _entry_lines(text: str) -> dict[str, list[int]]:
    """The line of each `@type{key,` in the file, by key (in order: a repeated key has several)."""
    lines: dict[str, list[int]] = {}
    for m in _ENTRY_KEY.finditer(text):
        if m.group(1).lower() not in {"comment", "string", "preamble"}:
            lines.setdefault(m.group(2), []).append(text.count("\n", 0, m.start()) + 1)
    return lines


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
    """Keys defined twice, across or within files (ignoring case, as pybtex does: it would refuse them)."""
    problems: list[Problem] = []
    seen: dict[str, Work] = {}
    for w in works:
        if w.key.lower() in seen:
            first = seen[w.key.lower()]
            problems.append(
                problem("duplicate-work", w.source, w.line, key=w.key, other=f"{first.source}:{first.line}")
            )
        else:
            seen[w.key.lower()] = w
    return problems
