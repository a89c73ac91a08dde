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
import functools
import html
import posixpath
import re
import secrets
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, NamedTuple
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
_TOKEN_PIECE_RE = re.compile(rf"(?:d?p?x)?{TOKEN}(?:r\d*z?)?")  # what is left of a token Markdown cut apart
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
        self.refused: list[tuple[str, str, int]] = []  # (problem code, URL, its visit) for each link refused
        self.visits: list[str] = []  # the URL of every link and image, in document order
        self.visit_of: dict[int, int] = {}  # index in refs of a link → its visit
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
        self.raw, self.refused, self.refs, self.visits, self.visit_of = [], [], list(refs), [], {}
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
        raw = self.backslash_unescape(self.unescape(m.group(1)))  # as Python-Markdown's own processor reads it
        self.room.raw.append(raw)
        return str(self.md.htmlStash.store(html.escape(raw))), m.start(0), m.end(0)


class _Links(Treeprocessor):  # type: ignore[misc]
    """Links and images checked and tokenised; heading ids namespaced; no other id survives."""

    def __init__(self, md: markdown.Markdown, room: _Room) -> None:
        super().__init__(md)
        self.room = room

    def run(self, root: etree.Element) -> None:
        room = self.room
        used: set[str] = set()
        for el in root.iter():
            if el.tag == "a" and el.get("href") is not None:
                self._link(el, "href")
            elif el.tag == "img" and el.get("src") is not None:
                self._link(el, "src")
            if re.fullmatch(r"h[1-6]", str(el.tag)):
                slug = markup.slugify(self._text(el), words=8)
                unique, n = slug, 1
                while unique in used:  # "Vine 2", "Vine", "Vine": vine-2, vine, vine-3 (not vine-2 again)
                    n += 1
                    unique = f"{slug}-{n}"
                used.add(unique)
                el.set("id", f"{room.namespace}__{unique}")
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
        visit = len(room.visits)  # every link and image has a turn, refused or not, for finding lines
        room.visits.append(url)
        plain = _visible(url)
        scheme = _SCHEME_RE.match(plain)
        if attribute == "src":  # a resource: only from this site
            if not same_host(url):
                room.refused.append(("external-resource", url, visit))
                del el.attrib[attribute]
                return
        elif scheme is not None:
            if scheme.group(1).lower() not in SCHEMES:
                room.refused.append(("unsafe-link", url, visit))
                del el.attrib[attribute]
            return
        elif plain.startswith(("//", "#")) or not plain:
            return
        parts = urlsplit(plain)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(room.base), unquote(parts.path)))
        room.refs.append(Ref("link", target=target, anchor=parts.fragment))
        room.visit_of[len(room.refs) - 1] = visit
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
    where = _Locator(text, marked, _ROOM.md.ESCAPED_CHARS)
    findings: list[Finding] = []
    for r in map(where.source, raw):  # one finding per line is enough to point at it
        line = where.line(r)
        if not any(f.line == line for f in findings):
            findings.append(Finding("raw-html", _short(r), line))
    for lo, hi in markup.outside_code(text):
        for m in _ATTR_LIST_RE.finditer(text, lo, hi):
            findings.append(Finding("attribute-list", m.group(0), text.count("\n", 0, m.start())))
    lines = [where.url_line(where.source(url)) for url in _ROOM.visits]  # in turn: equal URLs, their own lines
    findings += [Finding(code, where.source(url), lines[visit]) for code, url, visit in _ROOM.refused]
    all_refs = [
        replace(r, line=lines[_ROOM.visit_of[i]]) if i in _ROOM.visit_of else r for i, r in enumerate(_ROOM.refs)
    ]
    # Ids and classes from syntax that sets them (a fence's {#id .class}, an admonition's extra words)
    # are dropped, and said: a contribution takes no other element's id and no theme class.
    cleaned, dropped = sanitise_contribution(out, namespace)
    for what in dict.fromkeys(map(where.source, dropped)):
        findings.append(Finding("attribute-list", what, where.attribute_line(what)))
    result = Body(cleaned, tuple(all_refs)), tuple(sorted(findings, key=lambda f: f.line))
    _CACHE[key] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


# What is certainly code, for finding lines: a fenced block that opens a line and is closed, and a code span
# within one line. (Not indented code, nor a span across lines: a value there may be taken for prose.)
_FENCE_OPEN_RE = re.compile(r"^([ \t>]*)(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*$")
_SPAN_RE = re.compile(r"(?<![`\\])(`+)(?!`)[^\n]*?(?<![`\\])\1(?!`)")
# Python-Markdown's admonition and details heads (type and classes, before any quoted title), and a fence's
# attribute braces.
_ADMONITION_RE = re.compile(r"^[ \t>]*(?:!!!|\?\?\?\+?) ?([\w-]+(?: +[\w-]+)*)")
_FENCE_BRACES_RE = re.compile(r"\{([^}\n]*)\}")
# Where Markdown reads a link's URL: after "](" (spaces and a line break allowed, and "<"), or after a
# reference definition's "]:".
_URL_SITE_RE = re.compile(r"\]\([ \t]*\n?[ \t]*<?|^[ \t>]*\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?", re.MULTILINE)
_MAX_URL_SITES = 1_000  # beyond this many (no real note has them), a URL's line is its first place outside code
_URL_END = frozenset((" ", "\t", "\n", ")", ">", '"', "'", ""))  # what may follow a URL ("": the text's end)


class _Blocks(NamedTuple):
    code: list[tuple[int, int]]  # spans of certain code, in order
    starts: list[int]  # their starts, for bisect
    heads: dict[str, int]  # "#id" or ".class" set by a fence or an admonition → its line
    fences: list[int]  # the lines that open a fence


class _Locator:
    """Finds the line where a value Python-Markdown reported is written in one contributed text.

    A value is looked for outside code (raw HTML and links are never inside it); its places there are handed
    out in turn, so the second of two equal values gets its own line, and the last is reused once they run
    out. Only a value written nowhere but in code is placed there.
    """

    def __init__(self, text: str, marked: list[Ref], escapable: Iterable[str]) -> None:
        self.text = text
        self.marked = marked
        self.escapable = frozenset(escapable)
        self.seen: dict[str, tuple[list[int], int | None]] = {}  # value → where it is outside code, first in it
        self.given: dict[str, int] = {}  # value → how many of its places outside code were handed out

    # The text is read only when something in it must be placed (most texts have nothing refused and no link).

    @functools.cached_property
    def blocks(self) -> _Blocks:
        """The text's certain code, and the ids and classes its fences and admonitions set."""
        text = self.text
        code: list[tuple[int, int]] = []
        heads: dict[str, int] = {}  # "#id" or ".class" set by a fence or an admonition → its line
        fences: list[int] = []  # the lines that open a fence
        lines = text.split("\n")
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line) + 1)
        closers: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}  # lines that could close a fence
        for j, line in enumerate(lines):
            if m := _FENCE_CLOSE_RE.match(line):
                closers[m.group(1)[0]].append((j, len(m.group(1))))
        passed: dict[tuple[str, int], int] = {}  # (fence character, length) → closers already behind

        def closing(number: int, fence: str) -> int | None:
            """The line closing a fence opened at `number` (openers come in order, so no closer is read twice
            for one kind of fence)."""
            candidates, key = closers[fence[0]], (fence[0], len(fence))
            k = passed.get(key, 0)
            while k < len(candidates) and (candidates[k][0] <= number or candidates[k][1] < len(fence)):
                k += 1
            passed[key] = k
            return candidates[k][0] if k < len(candidates) else None

        number = 0
        while number < len(lines):
            line = lines[number]
            if (opening := _FENCE_OPEN_RE.match(line)) and not (opening.group(2)[0] == "`" and "`" in opening.group(3)):
                end = closing(number, opening.group(2))
                if end is not None:  # an unclosed fence is no fence to Python-Markdown
                    code.append((offsets[number], offsets[end + 1]))
                    fences.append(number)
                    _fence_head(heads, opening.group(3), number)
                    number = end + 1
                    continue
            if admonition := _ADMONITION_RE.match(line):  # its classes are lower-cased
                for word in admonition.group(1).split():
                    heads.setdefault("." + word.lower(), number)
            code += [(offsets[number] + m.start(), offsets[number] + m.end()) for m in _SPAN_RE.finditer(line)]
            number += 1
        return _Blocks(code, [lo for lo, _ in code], heads, fences)

    @functools.cached_property
    def backslashes(self) -> dict[int, int]:
        """Where each run of backslashes ends → where it starts."""
        return {m.end(): m.start() for m in re.finditer(r"\\+", self.text)}

    @functools.cached_property
    def sites(self) -> list[int]:
        """Where Markdown reads a link's URL (see _URL_SITE_RE)."""
        return [m.end() for m in _URL_SITE_RE.finditer(self.text)]

    def source(self, value: str) -> str:
        """`value` with each token of a marked term or citation put back as written in the text."""

        def back(m: re.Match[str]) -> str:
            n = int(m.group(1))
            ref = self.marked[n] if n < len(self.marked) else None
            at = ref.term or ref.cite if ref else None
            return self.text[at.start : at.end] if at else m.group(0)

        return _TOKEN_PIECE_RE.sub("…", _TOKEN_RE.sub(back, value))

    def _in_code(self, pos: int) -> bool:
        blocks = self.blocks
        span = bisect.bisect_right(blocks.starts, pos) - 1
        return span >= 0 and pos < blocks.code[span][1]

    def _next(self, key: str, positions: Callable[[], Iterable[int]]) -> int | None:
        """The line of the next of `positions` outside code (the last one again when all were handed out), or
        of the first in code, or None if there is none. `key` names the value looked for."""
        if key not in self.seen:
            inside, outside = None, []
            for at in positions():
                if not self._in_code(at):
                    outside.append(at)
                elif inside is None:
                    inside = at
            self.seen[key] = (outside, inside)
        outside, inside = self.seen[key]
        if not outside:
            return None if inside is None else self.text.count("\n", 0, inside)
        n = self.given.get(key, 0)
        self.given[key] = n + 1
        return self.text.count("\n", 0, outside[min(n, len(outside) - 1)])

    def _occurrences(self, needle: str) -> Iterator[int]:
        """Where `needle` is written; not where a backslash escapes its first character (as Markdown reads it)."""
        escapable = needle[0] in self.escapable
        pos = self.text.find(needle)
        while pos >= 0:
            if not escapable or (pos - self.backslashes.get(pos, pos)) % 2 == 0:
                yield pos
            pos = self.text.find(needle, pos + len(needle))  # not overlapping: a run of one character is one

    def found(self, value: str) -> int | None:
        """The 0-based line of `value` (or of its first line, or of it unescaped), or None if it is nowhere."""
        first = value.split("\n", 1)[0].split("…", 1)[0].strip()  # "…" where Markdown cut a token apart
        for needle in dict.fromkeys((value, first, html.unescape(value))):
            if needle and (line := self._next(needle, functools.partial(self._occurrences, needle))) is not None:
                return line
        return None

    def line(self, value: str) -> int:
        """As `found`, with 0 for a value written nowhere."""
        found = self.found(value)
        return 0 if found is None else found

    def url_line(self, url: str) -> int:
        """The line of a link's or image's URL where Markdown reads one (see _URL_SITE_RE), written as it is or
        with some of its punctuation escaped by a backslash; else where it is first written outside code."""
        if not url or len(self.sites) > _MAX_URL_SITES:
            return self.line(url)

        def plain() -> Iterator[int]:
            for p in self.sites:
                if self.text.startswith(url, p) and self.text[p + len(url) : p + len(url) + 1] in _URL_END:
                    yield p

        def escaped() -> Iterator[int]:
            pieces = (f"(?>\\\\?{re.escape(c)})" if c in self.escapable else re.escape(c) for c in url)
            written = re.compile("".join(pieces))  # atomic: a run of backslashes has one reading, not 2ⁿ
            for p in self.sites:
                if (m := written.match(self.text, p)) and self.text[m.end() : m.end() + 1] in _URL_END:
                    yield p

        line = self._next("url " + url, plain)
        if line is None:
            line = self._next("escaped url " + url, escaped)
        return self.line(url) if line is None else line

    def attribute_line(self, what: str) -> int:
        """The line of the fence or admonition that set a dropped id or class (`what`: "#id" or ".class"); a
        class no head names (one the highlighter adds inside a fence) is put at the first fence."""
        for key in (what, what.lower()):
            if key in self.blocks.heads:
                return self.blocks.heads[key]
        found = self.found(what[1:])
        if found is None and self.blocks.fences:
            return self.blocks.fences[0]
        return 0 if found is None else found


def _fence_head(heads: dict[str, int], info: str, number: int) -> None:
    """Record the ids and classes a fence's info string sets: a bare language, and {#id .class key=value}."""
    braces = _FENCE_BRACES_RE.search(info)
    bare = (info[: braces.start()] if braces else info).split()
    if bare:  # ```python: the language, which becomes the class language-python
        heads.setdefault(".language-" + bare[0], number)
    words = braces.group(1).split() if braces else []
    classes = [w for w in words if w.startswith(".")]
    if classes and not bare:  # ```{.python …}: the first class is the language
        heads.setdefault(".language-" + classes[0][1:], number)
    for word in words:
        if word[:1] in "#.":
            heads.setdefault(word, number)
            heads.setdefault(html.unescape(word), number)


def _short(raw: str) -> str:
    first = raw.strip().split("\n", 1)[0]
    return first if len(first) <= 60 else first[:60] + "…"
