"""The built essay page: every paragraph verbatim, in order, with a unique anchor and a ¶ link."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from edition import essay
from edition.sources import Source
from sitebuild import REPO, BuildResult


class _Paragraphs(HTMLParser):
    """Collects each `.dp-para` block's id, its ¶ link and the text of its `.dp-para__text`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[dict[str, str]] = []
        self.ids: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._in_text = 0
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if a.get("id"):
            self.ids.append(a["id"])
        classes = a.get("class", "").split()
        if "dp-para" in classes:
            self.paras.append({"id": a.get("id", ""), "href": "", "text": ""})
        elif "dp-para__num" in classes and self.paras:
            self.paras[-1]["href"] = a.get("href", "")
        elif "dp-para__text" in classes:
            self._in_text = 1
        elif self._in_text and tag == "p":
            self._in_text += 1
        if tag in {"h1", "h2"}:
            self._heading = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._in_text:
            self._in_text -= 1
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.paras[-1]["text"] += data
        if self._heading and data != "¶":
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def parse(path: Path) -> _Paragraphs:
    parser = _Paragraphs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_paragraph_verbatim_in_order_with_anchor(real_site: BuildResult) -> None:
    """The essay page shows the 18 paragraphs' exact words, in order, each with its own anchor and ¶ link."""
    loaded, _ = essay.load(Source(REPO / "docs/essay/index.md", "docs/essay/index.md"))
    assert loaded is not None
    page = parse(real_site.site / "essay" / "index.html")
    assert [p["id"] for p in page.paras] == [p.id for p in loaded.paragraphs]
    for shown, para in zip(page.paras, loaded.paragraphs, strict=True):
        assert re.sub(r"\s+", " ", shown["text"]).strip() == para.text
        assert shown["href"] == f"#{para.id}"
    assert len(page.ids) == len(set(page.ids)), "every anchor on the page is unique"


def test_headings_are_headings(real_site: BuildResult) -> None:
    """The title is the page's h1 and the two section headings are h2."""
    page = parse(real_site.site / "essay" / "index.html")
    assert ("h1", "Conceptions of Dual Power and Prefigurative Politics") in page.headings
    h2 = [text for tag, text in page.headings if tag == "h2"]
    assert h2[:2] == ["Alternate-institution Approach", "Criticisms of Revolutionary Dualism"]


def test_no_request_to_another_host(real_site: BuildResult) -> None:
    """No page loads a script, stylesheet, font, image or frame from another host."""
    pattern = re.compile(
        r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=[\"']((?:https?:)?//[^\"']+)",
        re.IGNORECASE,
    )
    offenders = []
    for page in real_site.site.rglob("*.html"):
        for m in pattern.finditer(page.read_text(encoding="utf-8")):
            tag = m.group(0)
            if "<link" in tag and re.search(r"rel=[\"'](?:canonical|alternate)", tag):
                continue  # a link relation, not a request
            offenders.append(f"{page.relative_to(real_site.site)}: {m.group(1)}")
    for css in real_site.site.rglob("*.css"):
        for m in re.finditer(r"url\((['\"]?)((?:https?:)?//[^)'\"]+)", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(real_site.site)}: {m.group(2)}")
    assert offenders == []
