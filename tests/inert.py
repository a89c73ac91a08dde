"""What "inert" means in the tests: nothing in a piece of HTML that could run, load or restyle."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "base", "meta", "link", "style", "svg", "math", "form"}


class _Active(HTMLParser):
    """Elements that could run, load or restyle something, as a browser parses them (not as text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcset", "poster", "ping", "formaction"}:
                self.found.append(f"<{tag} {name}>")
            elif name in {"src", "data"} and re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|/\\)", value or "", re.I):
                self.found.append(f"<{tag} {name}={value}>")
            elif name == "href" and re.match(r"^\s*(?:javascript|vbscript|data|file):", value or "", re.I):
                self.found.append(f"<{tag} href={value}>")


def active_content(fragment: str) -> list[str]:
    """Everything active in an HTML fragment (see `_Active`)."""
    parser = _Active()
    parser.feed(fragment)
    parser.close()
    return parser.found
