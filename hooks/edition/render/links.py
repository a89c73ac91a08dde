"""Links between pages.

Markdown the hooks hand to MkDocs links to source files (`rel`), so that MkDocs resolves and checks the
links. HTML the hooks write themselves (see `Inline.html`) links to the pages' final URLs
(`relative_url`), as MkDocs computed them; the link checker that `make test` runs checks those.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re

from ..escaping import Markup
from .sanitise import sanitise

# At the end of a Markdown heading (attr_list): Material's search leaves out its section, as it leaves out a
# block with data-search-exclude. What a page repeats from elsewhere (a term's lines quoted from the essay,
# the notes and works it lists) is searched once, where it lives: the results lead there, and the index that
# every page's reader downloads and indexes holds each text once.
NOT_SEARCHED = " { data-search-exclude }"


@functools.cache  # pure, and asked thousands of times per build with the same pairs
def rel(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from the page built from `from_src` to the page built from `to_src` (both src_uris)."""
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".") if to_src != from_src else ""
    if anchor:
        return f"{target}#{anchor}"
    return target or posixpath.basename(to_src)


@functools.cache
def relative_url(url: str, base: str) -> str:
    """Site URL `url` as seen from the page at site URL `base` (both as MkDocs' `File.url` gives them).

    MkDocs' own rule (`get_relative_url`): "glossary/x/" seen from "notes/p/" is "../../glossary/x/".
    """
    base_dir = base if not base or base.endswith("/") else posixpath.dirname(base) + "/"
    relative = posixpath.relpath("/" + url, "/" + base_dir)
    return relative + "/" if url.endswith("/") or not url else relative


def html_list(items: list[Markup]) -> Markup:
    """A bulleted list in HTML, each item already HTML."""
    return Markup("<ul>\n{}\n</ul>").format(Markup("\n").join(Markup("<li>{}</li>").format(i) for i in items))


def sanitised(fragment: str) -> Markup:
    """HTML another tool wrote (pandoc's references), made safe by the allow-list and marked so."""
    return Markup(sanitise(fragment))


def attr(value: str) -> str:
    """A value safe inside a double-quoted value of an attribute list in the page's Markdown (`{: key="…" }`):
    Markdown, which `Markup` does not write. HTML fragments are `Markup` templates."""
    return html.escape(value, quote=True).replace("{", "&#123;").replace("}", "&#125;")


# What Python-Markdown (with attr_list) would read as markup in a line of text.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_text(value: str) -> str:
    """Plain text for a line of the page's Markdown (a heading): shown exactly as typed.

    Markdown punctuation is backslash-escaped (so no `&#91;` reaches the table of contents or the
    search index), and `&` and `<` are written as entities, since Markdown has no escape for them.
    """
    # "@" too: mkdocs-bibtex reads "[x@y]" in a page's Markdown as a citation, escaped bracket or not.
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace("@", "&#64;")
    return _MD_SPECIAL.sub(r"\\\1", escaped)
