"""Contributed Markdown is converted in a room of its own, once, when the content is loaded.

Each note, term, path guide and question is converted by its own Python-Markdown run, never as part
of a page's Markdown, so nothing in it can reach the rest of the page:

- raw HTML is what Python-Markdown itself takes for HTML (not a guess at where code spans are); it is
  recorded, for a message with its line, and shown as the text it is;
- there are no attribute lists, so a contribution cannot set an id, class, style or handler;
- reference-link definitions belong to the text that defines them;
- heading ids are namespaced (`note-<id>__<slug>`), so they cannot take a paragraph's or the page's ids;
- links to other hosts are kept (http, https, mailto); anything a reader's browser would *load* must be
  on this site;
- the result goes through the nh3 allow-list (`render.sanitise`).

Links to the edition's own pages (marked terms, citations, relative links) are left as tokens and
filled in for each page that shows the text (`render.inline.Inline.body`), because a relative URL
depends on the page. Conversion is memoised, so a page, a rebuild and `make check` reuse it.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as etree

import markdown
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import markup
from .render.sanitise import SCHEMES, same_host, sanitise_contribution

# A token stands for a link to the edition in converted HTML: random per process, so no contribution
# can write one; letters and digits only, so Markdown leaves it alone.
TOKEN = secrets.token_hex(6)
_TOKEN_RE = re.compile(rf"dpx{TOKEN}r(\d+)z")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# attr_list syntax, which this room does not read: it would show as text, so say why instead.
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")  # Python-Markdown's placeholder for an entity or raw HTML
_ATTR_LIST_RE = re.compile(r"\{:?[ \t]*(?:[.#][\w-]+|[\w:-]+=)[^{}\n]*\}")  # no "{" inside: linear


@dataclass(frozen=True)
class Ref:
    """Where a token stands: a marked term, a citation, or a relative link to a page or image of the site."""

    kind: str  # "term", "cite" or "link"
    term: markup.TermRef | None = None
    cite: markup.CiteRef | None = None
    target: str = ""  # for a link: the src_uri it leads to
    anchor: str = ""
    line: int = 0  # 0-based within the text
    written: str = ""  # for a link: its URL as the text has it, to find its line by


@dataclass(frozen=True)
class Body:
    """A contributed text converted to sanitised HTML, with a token for each link into the edition."""

    html: str
    refs: tuple[Ref, ...] = ()

    def fill(self, replace: Any) -> str:
        """The HTML with each token replaced by `replace(ref)` (HTML)."""
        return _TOKEN_RE.sub(lambda m: replace(self.refs[int(m.group(1))]), self.html) if self.refs else self.html


@dataclass(frozen=True)
class Finding:
    """Something refused in a text: its problem code, the offending value, and its line (0-based)."""

    code: str  # "raw-html", "attribute-list", "unsafe-link", "external-resource"
    value: str
    line: int


def token(n: int) -> str:
    """The token for the n-th link of a text."""
    return f"dpx{TOKEN}r{n}z"


class _Room:
    """One Python-Markdown instance, configured for contributions and reused (reset) for every text."""

    def __init__(self) -> None:
        self.raw: list[str] = []
        self.refused: list[tuple[str, str]] = []  # (problem code, URL as written) for each link refused
        self.refs: list[Ref] = []
        self.base = ""
        self.namespace = ""
        self.md = markdown.Markdown(
            extensions=["tables", "admonition", "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight"],
            extension_configs={"pymdownx.highlight": {"use_pygments": True, "pygments_lang_class": True}},
        )
        md = self.md
        block = md.preprocessors["html_block"]
        md.preprocessors.register(_RecordHtmlBlocks(md, block, self), "html_block", 20)
        md.inlinePatterns.register(_RecordInlineHtml(markdown.inlinepatterns.HTML_RE, md, self), "html", 90)
        md.treeprocessors.register(_Links(md, self), "edition_links", -10)  # after every other treeprocessor

    def convert(self, text: str, base: str, namespace: str, refs: list[Ref]) -> str:
        """Convert one text; `refs` are the tokens already in it (marked terms, citations), links follow."""
        self.raw, self.refused, self.refs = [], [], list(refs)
        self.base, self.namespace = base, namespace
        self.md.reset()
        return str(self.md.convert(text))


class _RecordHtmlBlocks(Preprocessor):  # type: ignore[misc]
    """Python-Markdown's own raw-HTML block detection, recording each block and keeping it as text."""

    def __init__(self, md: markdown.Markdown, inner: Preprocessor, room: _Room) -> None:
        super().__init__(md)
        self.inner, self.room = inner, room

    def run(self, lines: list[str]) -> list[str]:
        stash = self.md.htmlStash.rawHtmlBlocks
        before = len(stash)
        out: list[str] = self.inner.run(lines)
        for i in range(before, len(stash)):
            raw = stash[i]
            text = raw if isinstance(raw, str) else etree.tostring(raw, encoding="unicode")
            self.room.raw.append(text)
            stash[i] = "<p>" + html.escape(text) + "</p>"
        return out


class _RecordInlineHtml(HtmlInlineProcessor):  # type: ignore[misc]
    """Python-Markdown's own inline raw-HTML detection, recording each tag and keeping it as text."""

    def __init__(self, pattern: str, md: markdown.Markdown, room: _Room) -> None:
        super().__init__(pattern, md)
        self.room = room

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:
        raw = m.group(1)
        self.room.raw.append(raw)
        return str(self.md.htmlStash.store(html.escape(raw))), m.start(0), m.end(0)


class _Links(Treeprocessor):  # type: ignore[misc]
    """Links and images checked and tokenised; heading ids namespaced; no other id survives."""

    def __init__(self, md: markdown.Markdown, room: _Room) -> None:
        super().__init__(md)
        self.room = room

    def run(self, root: etree.Element) -> None:
        room = self.room
        used: dict[str, int] = {}
        for el in root.iter():
            if el.tag == "a" and el.get("href") is not None:
                self._link(el, "href")
            elif el.tag == "img" and el.get("src") is not None:
                self._link(el, "src")
            if re.fullmatch(r"h[1-6]", str(el.tag)):
                slug = markup.slugify(self._text(el), words=8)
                used[slug] = used.get(slug, 0) + 1
                suffix = f"-{used[slug]}" if used[slug] > 1 else ""
                el.set("id", f"{room.namespace}__{slug}{suffix}")
            elif "id" in el.attrib:
                del el.attrib["id"]

    def _text(self, el: etree.Element) -> str:
        """An element's text as shown, with the entities Python-Markdown keeps aside put back."""
        stash = self.md.htmlStash.rawHtmlBlocks
        text = "".join(el.itertext())
        return _STASHED.sub(lambda m: html.unescape(str(stash[int(m.group(1))])), text)

    def _link(self, el: etree.Element, attribute: str) -> None:
        room = self.room
        url = el.get(attribute, "")
        plain = _visible(url)
        scheme = _SCHEME_RE.match(plain)
        if attribute == "src":  # a resource: only from this site
            if not same_host(url):
                room.refused.append(("external-resource", url))
                del el.attrib[attribute]
                return
        elif scheme is not None:
            if scheme.group(1).lower() not in SCHEMES:
                room.refused.append(("unsafe-link", url))
                del el.attrib[attribute]
            return
        elif plain.startswith(("//", "#")) or not plain:
            return
        parts = urlsplit(plain)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(room.base), unquote(parts.path)))
        room.refs.append(Ref("link", target=target, anchor=parts.fragment, written=url))
        el.set(attribute, token(len(room.refs) - 1))


def _visible(url: str) -> str:
    """What a browser would make of a URL: entities and percent-escapes decoded, controls and spaces dropped."""
    return re.sub(r"[\x00-\x20\x7f]", "", unquote(html.unescape(url)))


_ROOM: _Room | None = None
_CACHE: OrderedDict[tuple[str, str, str], tuple[Body, tuple[Finding, ...]]] = OrderedDict()
_CACHE_SIZE = 50_000


def convert(text: str, base: str, namespace: str) -> tuple[Body, tuple[Finding, ...]]:
    """A contributed Markdown text as a `Body`, and what in it is refused.

    `base` is the text's own src_uri (relative links are read from there); `namespace` prefixes the ids
    of its headings.
    """
    key = (text, base, namespace)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    global _ROOM
    if _ROOM is None:
        _ROOM = _Room()
    marked: list[Ref] = []
    spans = []
    for t in markup.find_terms(text):
        spans.append((t.start, t.end, token(len(marked))))
        marked.append(Ref("term", term=t, line=t.line))
    for c in markup.find_citations(text):
        spans.append((c.start, c.end, token(len(marked))))
        marked.append(Ref("cite", cite=c, line=c.line))
    source = markup.replace_spans(text, spans)
    out = _ROOM.convert(source, base, namespace, marked)
    raw = _ROOM.raw
    where = _Locator(text)
    findings: list[Finding] = []
    for r in raw:  # one finding per line is enough to point at it
        line = where.line(r)
        if not any(f.line == line for f in findings):
            findings.append(Finding("raw-html", _short(r), line))
    for lo, hi in markup.outside_code(text):
        for m in _ATTR_LIST_RE.finditer(text, lo, hi):
            findings.append(Finding("attribute-list", m.group(0), text.count("\n", 0, m.start())))
    findings += [Finding(code, url, where.line(url)) for code, url in _ROOM.refused]
    all_refs = [r if r.kind != "link" else _with_line(r, where) for r in _ROOM.refs]
    # Ids and classes from syntax that sets them (a fence's {#id .class}, an admonition's extra words)
    # are dropped, and said: a contribution takes no other element's id and no theme class.
    cleaned, dropped = sanitise_contribution(out, namespace)
    for what in dict.fromkeys(dropped):
        findings.append(Finding("attribute-list", what, _attribute_line(text, what)))
    result = Body(cleaned, tuple(all_refs)), tuple(sorted(findings, key=lambda f: f.line))
    _CACHE[key] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def _with_line(ref: Ref, where: _Locator) -> Ref:
    """A link's ref with the line of its URL as written (or, failing that, of its last path segment)."""
    line = where.found(ref.written) if ref.written else None
    if line is None:
        line = where.line(ref.target.rsplit("/", 1)[-1] or ref.anchor)
    return Ref(ref.kind, target=ref.target, anchor=ref.anchor, line=line, written=ref.written)


class _Locator:
    """Finds the line where a value Python-Markdown reported is written. Values are looked for outside code
    first (raw HTML and links are never inside it), and a value met again is looked for after the place
    it was last found, so that the second of two equal values gets its own line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.prose = markup.outside_code(text)
        self.starts = [lo for lo, _ in self.prose]
        self.after: dict[str, int] = {}

    def line(self, value: str) -> int:
        """The 0-based line of `value` (or of its first line, or of it unescaped); 0 if it is nowhere."""
        found = self.found(value)
        return 0 if found is None else found

    def found(self, value: str) -> int | None:
        """The 0-based line of `value` (or of its first line, or of it unescaped), or None if it is nowhere."""
        for needle in (value, value.split("\n", 1)[0].strip(), html.unescape(value)):
            if needle and (pos := self._find(needle)) is not None:
                self.after[needle] = pos + len(needle)
                return self.text.count("\n", 0, pos)
        return None

    def _find(self, needle: str) -> int | None:
        start = self.after.get(needle, 0)
        pos = first = self.text.find(needle, start)
        while pos >= 0:  # each occurrence from `start` on, until one is outside code
            span = bisect.bisect_right(self.starts, pos) - 1
            if span >= 0 and pos < self.prose[span][1]:
                return pos
            pos = self.text.find(needle, pos + 1)
        if first >= 0:
            return first
        pos = self.text.find(needle)
        return pos if pos >= 0 else None


# The opening line of a fence, an admonition or a collapsible block: the syntax that gives ids and classes
# without an attribute list.
_BLOCK_HEAD_RE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,}|!!!|\?\?\?\+?)[^\n]*", re.MULTILINE)


def _attribute_line(text: str, what: str) -> int:
    """The 0-based line of the block opening that gave a dropped id or class (`what`: "#id" or ".class"):
    written as such in a fence's braces, or as a bare word after an admonition's type."""
    name = re.compile(rf"(?<![\w-]){re.escape(what[1:])}(?![\w-])")
    for m in _BLOCK_HEAD_RE.finditer(text):
        if name.search(m.group(0)):
            return text.count("\n", 0, m.start())
    return _Locator(text).line(what[1:])


def _short(raw: str) -> str:
    first = raw.strip().split("\n", 1)[0]
    return first if len(first) <= 60 else first[:60] + "…"
