"""Reading the books back, as a reader's tools do: the PDF's words with their places (pdftotext), the
EPUB's XHTML, and each note's text as the site shows it (the oracle the books are held to)."""

from __future__ import annotations

import bisect
import html
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from sitebuild import REPO

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_MARGIN = re.compile(r"@page \{\s*margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm;")
MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    """A word of the PDF, on its page (1-based), with its box in points."""

    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return round(self.y1 - self.y0, 1)


_JOINED_AFTER = "-–—/"  # a line may break after these: no space follows them in the compared text
_JOINED_BEFORE = ".,;:!?”’)]-–—"  # a footnote's number splits these from their word: no space before them


def normalise(text: str) -> str:
    """Text as compared: one space between words, none after a hyphen, dash or slash, none before closing
    punctuation."""
    text = " ".join(text.replace("\u00a0", " ").split())
    text = re.sub(rf"([{_JOINED_AFTER}])\s+", r"\1", text)
    return re.sub(rf"\s+([{re.escape(_JOINED_BEFORE)}])", r"\1", text)


@dataclass
class Stream:
    """Words in reading order, searchable as normalised text, each position on its page."""

    words: list[Word] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts: list[str] = []
        self._starts: list[int] = []
        length = 0
        for word in self.words:
            joined = not parts or parts[-1][-1] in _JOINED_AFTER or word.text[0] in _JOINED_BEFORE
            gap = "" if joined else " "
            self._starts.append(length + len(gap))
            parts.append(gap + word.text)
            length += len(parts[-1])
        self.text = "".join(parts)

    def find(self, text: str, start: int = 0) -> int:
        """Where `text` (normalised) starts in the stream, or -1."""
        return self.text.find(normalise(text), start)

    def pages(self, text: str, start: int = 0) -> tuple[int, int, int]:
        """(position, first page, last page) of `text` in the stream; position -1 if it is not there."""
        at = self.find(text, start)
        if at < 0:
            return -1, 0, 0
        end = at + len(normalise(text)) - 1
        return at, self.page_at(at), self.page_at(end)

    def page_at(self, position: int) -> int:
        """The page of the word at a position of the stream."""
        return self.words[bisect.bisect_right(self._starts, position) - 1].page


@dataclass
class Layout:
    """The PDF's words sorted by their part in the page: running text, footnotes, the margin (¶ numbers),
    and the page's furniture (running heads, page numbers)."""

    pages: int
    body: Stream
    notes: Stream
    margin: list[Word]
    heads: list[Word]
    folios: list[Word]
    calls: list[Word]


def _read(pdf: Path, css: Path) -> tuple[list[Word], int, tuple[float, float, float]]:
    """The PDF's words (pdftotext -bbox-layout), its number of pages, and where its pages' content is: (top,
    bottom, left) in points, from the book's stylesheet."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    margins = _MARGIN.search(css.read_text(encoding="utf-8"))
    assert margins, "book.css has no @page margin"
    top, _, bottom, left = (float(m) * MM for m in margins.groups())
    words: list[Word] = []
    chunks = _PAGE.split(xml.stdout)[1:][2::3]
    for number, chunk in enumerate(chunks, start=1):
        for m in _WORD.finditer(chunk):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            words.append(Word(_unescape(m.group(5)), number, x0, y0, x1, y1))
    page_height = float(_PAGE.search(xml.stdout).group(2))  # type: ignore[union-attr]
    return words, len(chunks), (top, page_height - bottom, left)


def layout(pdf: Path, css: Path) -> Layout:
    """Read the PDF once, and sort its words by where and how large they are.

    The running text's size and the footnotes' are the two commonest on the essay's pages (those with a ¶
    number in the margin), the footnotes' the smaller; a footnote's number in the text is smaller still.
    """
    words, pages, (top, bottom, left) = _read(pdf, css)
    inside = [w for w in words if top <= (w.y0 + w.y1) / 2 <= bottom]
    essay_pages = {w.page for w in inside if w.x1 < left and w.text == "¶"}
    counts = Counter(w.height for w in inside if w.x0 >= left - 1 and w.page in essay_pages)
    note_h, body_h = sorted(h for h, _ in counts.most_common(2))
    return Layout(
        pages=pages,
        body=Stream([w for w in inside if abs(w.height - body_h) < 0.3 and w.x0 >= left - 1]),
        notes=Stream([w for w in inside if abs(w.height - note_h) < 0.3 and w.x0 >= left - 1]),
        margin=[w for w in inside if w.x1 < left],
        heads=[w for w in words if (w.y0 + w.y1) / 2 < top],
        folios=[w for w in words if (w.y0 + w.y1) / 2 > bottom],
        calls=[w for w in inside if w.height < 0.7 * body_h and w.x0 >= left - 1],
    )


def content(pdf: Path, css: Path) -> Stream:
    """A PDF's words in reading order without its running heads and page numbers (a handout)."""
    words, _, (top, bottom, _) = _read(pdf, css)
    return Stream([w for w in words if top <= (w.y0 + w.y1) / 2 <= bottom])


def _unescape(text: str) -> str:
    return html.unescape(text)


def page_text(pdf: Path, page: int) -> str:
    """One page's text (pdftotext, reading order)."""
    run = ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(run, capture_output=True, text=True, check=True).stdout


class _NoteBodies(HTMLParser):
    """The text of each note's body on a page of the site: article#note-<id> > .dp-note__body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bodies: dict[str, str] = {}
        self._articles: list[str] = []
        self._depth = 0  # open elements inside the body being read
        self._reading = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self._reading:
            self._depth += tag not in {"br", "img", "hr"}
        elif tag == "article" and a.get("id", "").startswith("note-"):
            self._articles.append(a["id"].removeprefix("note-"))
        elif "dp-note__body" in a.get("class", "").split() and self._articles:
            self._reading, self._depth = self._articles[-1], 1
            self.bodies[self._reading] = ""

    def handle_endtag(self, tag: str) -> None:
        if self._reading:
            self._depth -= 1
            if not self._depth:
                self._reading = ""
        elif tag == "article" and self._articles:
            self._articles.pop()

    def handle_data(self, data: str) -> None:
        if self._reading:
            self.bodies[self._reading] += data


def site_notes(site: Path) -> dict[str, str]:
    """Every note's text as the site's paragraph pages show it, by note id."""
    out: dict[str, str] = {}
    for page in sorted((site / "notes").glob("*/index.html")):
        parser = _NoteBodies()
        parser.feed(page.read_text(encoding="utf-8"))
        out.update({nid: " ".join(text.split()) for nid, text in parser.bodies.items()})
    return out


CSS = REPO / "hooks" / "edition" / "books" / "book.css"
