"""The Downloads section (on the pages `extra.edition.downloads` names): the edition as a book (PDF) and an
e-book (EPUB), the whole site as a zip to read without a connection, and the commentary as W3C Web
Annotations; and on each reading path's page, its handout (PDF).

The files are written after the pages (the export by the build's last step, the books and the zip by
`make site` once the build is done), so the links lead to where they will be, and leave each size empty for
`offline.fill_sizes` to write once the file exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..books import files, handout_path
from ..escaping import Markup
from ..offline import SIZE_ATTRIBUTE
from .annotations import FILENAME as ANNOTATIONS
from .attribution import is_placeholder
from .links import relative_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..model import Edition
    from ..paths import ReadingPath
    from .inline import Inline

# A download: its link, its format and (filled in later) its size, and what it is.
_LINK = Markup('<a href="{}" download>{}</a> ({}<span class="dp-size" ' + SIZE_ATTRIBUTE + '="{}"></span>): {}')


def _zip(edition: Edition, inline: Inline, zip_path: str) -> Markup:
    """The offline copy's entry (`zip_path` in the site). The offline copy cannot hold itself: there the entry
    links to the zip on the published site, where a reader who has the copy can get it again or pass it on;
    without a published address (a local build's placeholder) it says so instead of linking to nowhere."""
    what = (
        "the whole site, for a classroom with a poor connection: unzip it and open index.html; pages, notes, "
        "glossary and search work from the disk, and the books are in it"
    )
    site_url = edition.settings.site_url
    if not edition.settings.offline:
        return _item(inline, zip_path, "Offline copy", "zip", what)
    if is_placeholder(site_url):
        return Markup("<li>Offline copy: you are reading it. The zip is offered on the edition’s website.</li>")
    published = site_url.rstrip("/") + "/" + zip_path
    return Markup('<li><a href="{}">Offline copy</a> (zip, on the edition’s website): {}</li>').format(published, what)


def _link(inline: Inline, path: str, label: str, kind: str, what: str) -> Markup:
    """A download (`path` in the site): its link, format, size (filled in later) and use."""
    return _LINK.format(relative_url(path, inline.urls[inline.src_uri]), label, kind, path, what)


def _item(inline: Inline, path: str, label: str, kind: str, what: str) -> Markup:
    """A download as an item of the Downloads section's list."""
    return Markup("<li>{}</li>").format(_link(inline, path, label, kind, what))


def section(edition: Edition, inline: Inline) -> str:
    """The section as Markdown (its heading, for the table of contents) and an HTML list."""
    names = files(edition.settings.file_name)
    books = [
        _item(
            inline,
            names.pdf_path,
            "The edition as a book",
            "PDF",
            "the essay with every note as a footnote on the page of its paragraph, then the glossary, the reading "
            "paths and the works cited; to print or to read offline",
        ),
        _item(
            inline,
            names.epub_path,
            "The edition as an e-book",
            "EPUB",
            "the same for e-readers, where the notes open as pop-ups from the words they are about",
        ),
    ]
    annotations = _item(
        inline,
        ANNOTATIONS,
        "Annotations",
        "W3C Web Annotations, JSON-LD",
        "every note, anchored to the words of its paragraph, for annotation tools and research",
    )
    items = Markup("\n").join([*books, _zip(edition, inline, names.offline_path), annotations])
    return "\n\n## Downloads\n\n" + inline.html(Markup('<ul class="dp-downloads">\n{}\n</ul>').format(items))


def renderer(render: Callable[[Inline, str], str], edition: Edition) -> Callable[[Inline, str], str]:
    """A page's renderer, followed by the Downloads section."""
    return lambda inline, source: render(inline, source) + section(edition, inline)


def handout(rp: ReadingPath, inline: Inline) -> Markup:
    """A path page's link to its handout (PDF), with its size (filled in later). Offered where the edition
    offers its downloads (`extra.edition.downloads`): `make site` makes them all."""
    link = _link(inline, handout_path(rp.id), "Handout", "PDF", "this path to print, with the full text of every stop")
    return Markup('<p class="dp-path__handout">{}</p>').format(link)
