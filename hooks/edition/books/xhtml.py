"""HTML fragments as XHTML, for the EPUB: the same parts as the PDF's, written as well-formed XML.

The fragments are the book's own HTML and contributed texts that nh3 has already serialised (every element
closed, attributes quoted), so a streaming rewrite is enough: void elements closed in place, character
references decoded (XHTML knows only XML's five entities), text and attributes escaped again.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _Rewrite(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], end: str) -> str:
        written = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs)
        return f"<{tag}{written}{end}>"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.out.append(self._tag(tag, attrs, "/"))
        else:
            self.out.append(self._tag(tag, attrs, ""))
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, "/") if tag in VOID else self._tag(tag, attrs, "") + f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.open:
            return  # an end tag for nothing open: HTML drops it, and so does XML
        while self.open:
            last = self.open.pop()
            self.out.append(f"</{last}>")
            if last == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))


def xhtml(fragment: str) -> str:
    """An HTML fragment as XHTML."""
    rewrite = _Rewrite()
    rewrite.feed(fragment)
    rewrite.close()
    return "".join(rewrite.out) + "".join(f"</{tag}>" for tag in reversed(rewrite.open))
