"""The guarantee: every page's content and every contributed fragment go through nh3's allow-list.

Validation explains what is refused, with a line number; this module guarantees that whatever gets
past it stays inert. nh3 (the Python binding of Rust's Ammonia) parses the HTML as a browser would and
keeps only the elements, attributes and URL schemes listed here. Nothing here lists what is forbidden:
anything not allowed is dropped. Resources (`src`) must come from this site: a relative URL that stays
on the host; links (`href`) may go anywhere over http(s) or mailto.
"""

from __future__ import annotations

import re

import nh3

# What the edition's pages are made of: Python-Markdown's output, the theme's content markup, and the
# hooks' own structure (notes, margins, paths, glossary, cite boxes).
TAGS = frozenset(
    {
        *[
            "a",
            "abbr",
            "article",
            "aside",
            "b",
            "bdi",
            "blockquote",
            "br",
            "button",
            "caption",
            "cite",
            "code",
            "dd",
            "del",
            "details",
            "div",
            "dl",
            "dt",
            "em",
        ],
        *[
            "figcaption",
            "figure",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "i",
            "img",
            "ins",
            "kbd",
            "li",
            "mark",
            "nav",
            "ol",
            "p",
            "pre",
            "q",
            "s",
            "samp",
            "section",
        ],
        *[
            "small",
            "span",
            "strong",
            "sub",
            "summary",
            "sup",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "time",
            "tr",
            "u",
            "ul",
            "var",
            "wbr",
        ],
    }
)
# The reading tools' checkboxes (layers): the hooks' own markup only. Contributions never get these.
FORM_TAGS = frozenset({"fieldset", "legend", "label", "input"})
# Dropped together with everything inside them (the rest of what is not allowed keeps its text).
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "embed", "svg", "math", "noscript", "textarea", "select"}
)
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "hidden", "lang", "dir", "role", "tabindex"},
    "a": {"href", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "button": {"type"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "details": {"open"},
    "time": {"datetime"},
    "input": {"type", "name", "value", "checked"},
}
SCHEMES = frozenset({"http", "https", "mailto"})
RESOURCE_ATTRIBUTES = frozenset({"src"})  # the only resource attribute allowed at all (srcset, poster… are not)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def same_host(url: str) -> bool:
    """Whether a resource URL stays on this site: relative, with no scheme and no host (`//…`)."""
    plain = _INVISIBLE.sub("", url).replace("\\", "/")  # browsers read "\" as "/" and drop controls
    return not plain.startswith("//") and not _SCHEME.match(plain)


# Material's own script finds its parts by these: an id of its own ("__config", "__search"…) or a data-md-*
# attribute ("data-md-component"). Nothing on a page may take them: the first element with an id is the one
# the script reads, so a "__config" in the content would be read as the site's settings.
_MATERIALS_ID = "__"  # Python-Markdown's own ids may start with one "_" ("_1" for a heading in Cyrillic)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in RESOURCE_ATTRIBUTES and not same_host(value):
        return None
    if attribute == "id" and value.startswith(_MATERIALS_ID):
        return None
    if attribute.startswith("data-md-"):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS | FORM_TAGS),
    clean_content_tags=set(DROP_WITH_CONTENT),
    attributes=ATTRIBUTES,
    attribute_filter=_filter,
    generic_attribute_prefixes={"data-", "aria-"},
    url_schemes=set(SCHEMES),
    link_rel=None,  # the edition's own links need no rel; nh3 would add it to every one
    strip_comments=True,
)


def sanitise(content: str) -> str:
    """`content` with only allowed elements, attributes and URLs: nothing that runs, loads or styles."""
    return _CLEANER.clean(content)


_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=set(DROP_WITH_CONTENT), attributes={}, link_rel=None)


def text_only(fragment: str) -> str:
    """HTML with every tag removed and the text escaped: for titles the theme prints as HTML."""
    return _TEXT_ONLY.clean(fragment)


# --- Contributions: the same allow-list, and ids and classes of their own only -------------------------

# Classes a contribution's Markdown may produce: admonitions and collapsible blocks of the standard types,
# code blocks (language-…, Pygments' short token classes). Not the theme's (md-…) or the edition's (dp-…):
# a class from those could restyle or cover the page.
ADMONITIONS = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    ]
)
# A fence's classes: Pygments' table of line numbers (linenums) adds "normal", "special" and "code", which
# the theme styles only inside that table.
_CODE_CLASSES = frozenset(
    {
        "highlight",
        "highlighttable",
        "linenos",
        "linenodiv",
        "normal",
        "special",
        "code",
        "filename",
        "admonition",
        "admonition-title",
    }
)
# A fence's language is any name superfences reads there (```Python, ```C#, ```html+jinja): behind
# "language-" it can be no class of the theme's or the edition's.
_TOKEN_CLASS = re.compile(r"^(?:[a-z]{1,3}[0-9]?|language-[\w#.+-]{1,40})$")


class _Refused:
    """What the contribution cleaner dropped (for a message), and the id namespace of the current text."""

    namespace = ""
    dropped: list[str] = []  # noqa: RUF012 - reset for each text by `sanitise_contribution`


def _contribution_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        if value.startswith(f"{_Refused.namespace}__"):
            return value
        _Refused.dropped.append(f"#{value}")
        return None
    if attribute == "class":
        tokens = value.split()
        kept = [t for t in tokens if t in ADMONITIONS or t in _CODE_CLASSES or _TOKEN_CLASS.match(t)]
        _Refused.dropped += [f".{t}" for t in tokens if t not in kept]
        return " ".join(kept) or None
    return _filter(tag, attribute, value)


_CONTRIBUTION_CLEANER = nh3.Cleaner(
    tags=set(TAGS | FORM_TAGS),
    clean_content_tags=set(DROP_WITH_CONTENT),
    attributes=ATTRIBUTES,
    attribute_filter=_contribution_filter,
    generic_attribute_prefixes=set(),  # no data-… or aria-…: those are the edition's own
    url_schemes=set(SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def sanitise_contribution(fragment: str, namespace: str) -> tuple[str, list[str]]:
    """A contribution's HTML through the allow-list, keeping only ids in its own `namespace` and only the
    classes of admonitions and code; returns the HTML and what was dropped ("#id", ".class")."""
    _Refused.namespace, _Refused.dropped = namespace, []
    return _CONTRIBUTION_CLEANER.clean(fragment), list(_Refused.dropped)
