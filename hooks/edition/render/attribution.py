"""What a printed page says of itself: whose text it is, where it first appeared, under which terms, and
where the edition lives.

A printed essay or path handout leaves the site: on paper it must still name the author, the original
publication and its address, the licence (mkdocs.yml's `copyright`) and the edition's real address. The
block is shown in print only (`dp-print-only`). Addresses are printed from the address the reader loaded
(overrides/assets/javascripts/print.js fills every `data-dp-address`), and from the build's site_url only
where the page was not loaded from a real host (the offline copy, from the disk); a placeholder is never
printed: an address that leads nowhere is worse on a handout than none.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..escaping import Markup
from .bibliography import VENUES, prose_names

if TYPE_CHECKING:
    from ..model import Edition
    from .inline import Inline

# Hosts that stand for no real site: the example domains, the reserved top-level names (RFC 2606, 6761)
# and this machine. A local build's site_url is https://example.org/dual-power-edition/ (mkdocs.yml's
# default). print.js applies the same rule to the address the reader loaded: keep the two in step.
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net", "localhost")
PLACEHOLDER_TLDS = ("example", "invalid", "test", "localhost")


def is_placeholder(url: str) -> bool:
    """Whether `url` has no host, or one that is an example, reserved or this machine's."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return True
    if not host:
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return ip.is_loopback or ip.is_unspecified
    domains = any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)
    return domains or host.rsplit(".", 1)[-1] in PLACEHOLDER_TLDS


def address(inline: Inline, to_src: str, anchor: str = "") -> Markup:
    """The address of a page (and anchor) to print: the site_url address unless it is a placeholder, in a
    span that print.js refills from the address the reader loaded (this page's link to it, resolved there)."""
    url = inline.absolute(to_src, anchor)
    return Markup('<span data-dp-address="{}">{}</span>').format(
        inline.href(to_src, anchor), "" if is_placeholder(url) else url
    )


def address_line(inline: Inline, css: str, to_src: str, anchor: str = "", label: str = "") -> Markup:
    """A paragraph printing a page's address (see `address`), hidden while it has none to print: print.js
    shows it when it fills the address in."""
    span = address(inline, to_src, anchor)
    hidden = Markup() if span.striptags() else Markup(" hidden")
    lead = Markup("<strong>{}:</strong> ").format(label) if label else Markup()
    return Markup('<p class="{}"{}>{}{}</p>').format(css, hidden, lead, span)


def essay_source(edition: Edition) -> tuple[str, Markup]:
    """(author, source) of the text the edition reproduces, from its entry in bibliography/*.bib."""
    work = edition.works.get(edition.settings.essay_key)
    if work is None:
        return "", Markup()
    author = prose_names(work.names("author") or work.names("editor"))
    venue = next((work.text(f) for f in VENUES if work.fields.get(f)), "")
    details = [f"vol. {work.text('volume')}" if work.fields.get("volume") else ""]
    details.append(f"no. {work.text('number')}" if work.fields.get("number") else "")
    details.append(" ".join(part for part in (work.text("month"), work.year) if part))
    url = work.fields.get("url", "")
    source = Markup("“{}”, first published{}{}{}").format(
        work.text("title"),
        Markup(" in <em>{}</em>").format(venue) if venue else "",
        "".join(f", {part}" for part in details if part),
        Markup(": {}").format(url) if url else "",
    )
    return author, source


def attribution(edition: Edition, inline: Inline) -> Markup:
    """The print-only attribution block of a page (HTML): author, source, licence, and this edition with its
    version and address."""
    settings = edition.settings
    line = Markup('<p class="dp-attribution__{}"><strong>{}:</strong> {}</p>')
    author, source = essay_source(edition)
    lines = []
    if author:
        lines.append(line.format("author", "Author", author))
    if source:
        lines.append(line.format("source", "Source", source))
    if settings.copyright:
        lines.append(line.format("licence", "Licence", settings.copyright))
    version = f", version {settings.version}" if settings.version else ""
    edition_line = Markup("<em>{}</em>{}").format(settings.title, version)
    lines.append(line.format("edition", "This edition", edition_line))
    lines.append(address_line(inline, "dp-attribution__address", inline.src_uri, label="Online at"))
    return Markup('<div class="dp-print-only dp-attribution">\n{}\n</div>').format(Markup("\n").join(lines))
