"""Contributions are untrusted: find raw HTML and unsafe links in their Markdown before anything renders.

This is the first line of defence (a clear message for the contributor). The second is `sanitise` in
`render/sanitise.py`, which strips anything active from the rendered HTML of contributed text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .frontmatter import Document
from .markup import outside_code
from .problems import Problem, problem

# A tag, closing tag, comment, declaration or processing instruction. Markdown autolinks
# (<https://…>, <mailto:…>) are not HTML and are checked as links instead.
_HTML_RE = re.compile(r"<(?!(?:https?|mailto):)(?:[A-Za-z][\w:-]*[\s/>]|[A-Za-z][\w:-]*$|/[A-Za-z]|!|\?)")
# attr_list syntax ({: .class key=value}), which could add attributes (event handlers, styles) to elements.
_ATTR_LIST_RE = re.compile(r"\{:?[ \t]*(?:[.#][\w-]+|[\w:-]+=)[^}\n]*\}")
_ENTITY_SCRIPT_RE = re.compile(r"&#0*(?:60|x0*3c);", re.IGNORECASE)  # an escaped '<' used to smuggle a tag

# Link destinations: inline [text](dest), images ![alt](dest), reference definitions [id]: dest, autolinks <dest>.
_INLINE_LINK_RE = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\)|\t)*)")  # a tab inside a scheme still runs
_REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Finding:
    """Something unsafe in a text: what it is and on which line (0-based, within the text)."""

    code: str  # "raw-html", "attribute-list" or "unsafe-link"
    value: str
    line: int


def scan(text: str) -> list[Finding]:
    """Raw HTML and links with a scheme other than http(s)/mailto, outside code spans and blocks."""
    found: list[Finding] = []
    for lo, hi in outside_code(text):
        chunk = text[lo:hi]

        def line(pos: int, base: int = lo) -> int:
            return text.count("\n", 0, base + pos)

        for m in _HTML_RE.finditer(chunk):
            end = chunk.find(">", m.start())
            snippet = chunk[m.start() : end + 1 if 0 <= end < m.start() + 60 else m.start() + 30]
            found.append(Finding("raw-html", snippet.strip(), line(m.start())))
        for m in _ATTR_LIST_RE.finditer(chunk):
            found.append(Finding("attribute-list", m.group(0), line(m.start())))
        for m in _ENTITY_SCRIPT_RE.finditer(chunk):
            found.append(Finding("raw-html", m.group(0), line(m.start())))
        for regex in (_INLINE_LINK_RE, _REF_DEF_RE, _AUTOLINK_RE):
            for m in regex.finditer(chunk):
                dest = _unescape(m.group(1))
                if not is_safe_url(dest):
                    found.append(Finding("unsafe-link", m.group(1), line(m.start(1))))
    return found


def _unescape(url: str) -> str:
    """What a browser would see: entities and percent-escapes decoded, control characters and spaces dropped."""
    decoded = unquote(html.unescape(url))
    return re.sub(r"[\x00-\x20\x7f]", "", decoded)


def is_safe_url(url: str) -> bool:
    """Whether a link destination is http(s), mailto, or relative (no scheme)."""
    m = _SCHEME_RE.match(_unescape(url))
    return m is None or m.group(1).lower() in SAFE_SCHEMES


# The text `make note|term|path` leaves for the contributor to replace.
PLACEHOLDER = "Replace this paragraph"


def check_document(doc: Document) -> list[Problem]:
    """Raw HTML, unsafe links and leftover template text in a contributed file, each at its file line."""
    out = []
    for key, value in doc.meta.items():
        if any(PLACEHOLDER in s for s in _strings(value)):
            out.append(problem("template-text", doc.source, doc.line_of(str(key)), placeholder=PLACEHOLDER))
    if PLACEHOLDER in doc.body:
        line = doc.body_line + doc.body[: doc.body.index(PLACEHOLDER)].count("\n")
        out.append(problem("template-text", doc.source, line, placeholder=PLACEHOLDER))
    for f in scan(doc.body):
        if f.code == "unsafe-link":
            out.append(problem("unsafe-link", doc.source, doc.body_line + f.line, url=f.value))
        else:
            out.append(problem(f.code, doc.source, doc.body_line + f.line, snippet=f.value))
    for key, value in doc.meta.items():  # HTML smuggled through any front-matter text
        for text in _strings(value):
            if any(f.code == "raw-html" for f in scan(text)):
                out.append(problem("raw-html", doc.source, doc.line_of(str(key)), snippet=text[:40]))
                break
    return out


def _strings(value: object) -> list[str]:
    """Every string inside a front-matter value (lists and mappings included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []
