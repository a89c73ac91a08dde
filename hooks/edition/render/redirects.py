"""The page left at the address of a retired paragraph's page: it sends the reader on to its successor.

A small page of its own, not a theme page: a refresh to the successor (without script), and a script that
keeps the part after '#' (a note's permalink, notes/old-id/#note-x, leads to the same note), with a link
for anyone whose browser does neither.
"""

from __future__ import annotations

from ..escaping import Markup

STUB = Markup(
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>¶ {number} has moved</title>\n'
    '<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={href}">\n'
    '<link rel="canonical" href="{href}">\n<script>location.replace({href_js} + location.hash)</script>\n</head>\n'
    "<body>\n<p>A correction of the text moved this paragraph’s words: its notes are now on "
    '<a href="{href}">the page of ¶ {number}</a>.</p>\n</body>\n</html>\n'
)


def stub(href: str, number: int) -> str:
    """The page, sending the reader to `href` (a relative link)."""
    href_js = Markup('"{}"').format(href.replace("\\", "").replace('"', ""))  # an id and a path: never quotes
    return str(STUB.format(href=href, number=number, href_js=href_js))
