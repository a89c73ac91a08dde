"""Links between pages, written as Markdown links to source files so that MkDocs resolves and checks them."""

from __future__ import annotations

import functools
import html
import posixpath


@functools.cache  # pure, and asked thousands of times per build with the same pairs
def rel(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from the page built from `from_src` to the page built from `to_src` (both src_uris)."""
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".") if to_src != from_src else ""
    if anchor:
        return f"{target}#{anchor}"
    return target or posixpath.basename(to_src)


def attr(value: str) -> str:
    """A value safe inside a double-quoted attribute_list or HTML attribute."""
    return html.escape(value, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def text(value: str) -> str:
    """Plain text made safe for an HTML block and inert as Markdown."""
    escaped = html.escape(value, quote=False)
    for ch in "\\`*_[]<>#!|":
        escaped = escaped.replace(ch, f"&#{ord(ch)};")
    return escaped
