"""The second line of defence: strip anything active from a page's rendered content.

Validation already refuses raw HTML and unsafe links in contributions, with a message. This pass runs on
the HTML that Markdown produced for every page's content (not on the theme's template), so that nothing
a contribution smuggles past the validators (through Markdown that expands into HTML, entities, or a bug
of ours) can reach a reader: no script, no event handler, no javascript: or data: URL, no frame.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..safety import is_safe_url

# Elements dropped with everything inside them.
DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "template",
    "noscript",
    "svg",
    "math",
}
# Elements dropped, keeping their content.
DROP_TAG = {"form", "input", "textarea", "select", "option", "link", "meta", "base", "param", "source", "track"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "srcset"}
_TAG_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping: list[str] = []  # open elements whose content is being dropped

    def _attrs(self, attrs: list[tuple[str, str | None]]) -> str:
        kept = []
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on") or name in {"style", "formaction", "srcdoc"}:
                continue
            if value is not None and name in URL_ATTRS and not is_safe_url(value):
                continue
            if value is None:
                kept.append(f" {name}")
            else:
                kept.append(f' {name}="{html.escape(value, quote=True)}"')
        return "".join(kept)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not _TAG_NAME.match(tag):  # "<a<script>": not a real tag, so shown as the text it is
            self.handle_data(self.get_starttag_text() or "")
            return
        if self.skipping:
            if tag in DROP_WITH_CONTENT and tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in DROP_WITH_CONTENT:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in DROP_TAG:
            return
        self.out.append(f"<{tag}{self._attrs(attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not _TAG_NAME.match(tag):
            self.handle_data(self.get_starttag_text() or "")
            return
        if self.skipping or tag in DROP_WITH_CONTENT or tag in DROP_TAG:
            return
        self.out.append(f"<{tag}{self._attrs(attrs)} />")

    def handle_endtag(self, tag: str) -> None:
        if not _TAG_NAME.match(tag):
            return
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in DROP_WITH_CONTENT or tag in DROP_TAG:
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:  # text that only looked like markup ("<a<script>") is escaped, never re-emitted
            self.out.append(html.escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass  # comments can hide conditional markup; nothing of ours needs them

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


_ACTIVE = re.compile(
    r"<(script|style|iframe|object|embed|svg|math|form)|\s(on\w+|style)\s*=|javascript:|data:|vbscript:|&#", re.I
)


def sanitise(content: str) -> str:
    """`content` without scripts, event handlers, unsafe URLs or frames (unchanged when it has none)."""
    if not _ACTIVE.search(content):
        return content  # the common case: nothing to do, and the HTML stays byte for byte as rendered
    parser = _Sanitiser()
    parser.feed(content)
    parser.close()
    return "".join(parser.out)
