"""The EPUB 3: the same parts as the PDF, one XHTML file each, with every note an EPUB footnote.

A note is called from the words it is about by a `noteref` link, and given after its paragraph as an
`<aside epub:type="footnote">` that links back: e-readers show it as a pop-up, and the rest read it in
place. The package is written by hand (zipfile), so that it is the same for the same input: the mimetype
first and stored, every entry dated with the version's date, the identifier derived from the edition
and the selection, `dcterms:modified` the version's date.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

from ..escaping import Markup, escape
from ..essay import Paragraph
from ..notes import Note
from .content import Book, ident
from .sections import (
    contents,
    essay,
    glossary,
    link,
    note_head,
    note_text,
    paths,
    selection,
    title_page,
    works_cited,
)
from .xhtml import xhtml

STYLESHEET = Path(__file__).with_name("epub.css")
# Which file of the EPUB holds an id, by the id's first word (content.PREFIXES, and the parts' and sections'
# own ids); the rest are on the title page.
FILES = {
    **dict.fromkeys(("para", "note", "call", "essay", "sec"), "essay.xhtml"),
    **dict.fromkeys(("glossary", "term"), "glossary.xhtml"),
    **dict.fromkeys(("paths", "path"), "paths.xhtml"),
    **dict.fromkeys(("works", "ref", "section"), "works.xhtml"),
}

_PAGE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" '
    'xml:lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n<title>{title}</title>\n'
    '<link rel="stylesheet" type="text/css" href="book.css"/>\n</head>\n<body>\n{body}\n</body>\n</html>\n'
)
_CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


def place(target: str) -> str:
    """The file of the EPUB that holds the element with id `target`."""
    return FILES.get(target.split("-", 1)[0], "title.xhtml")


def _page(book: Book, title: str, body: Markup) -> str:
    lang = book.options.language
    return _PAGE.format(lang=escape(lang), title=escape(title), body=xhtml(str(body)))


def _essay(book: Book) -> Markup:
    """The essay, each note called from its words and given after its paragraph, linked both ways."""
    numbers = book.numbers

    def call(note: Note) -> Markup:
        return Markup('<a class="noteref" epub:type="noteref" role="doc-noteref" id="{}" href="{}">{}</a>').format(
            ident("call", note.id), book.href(ident("note", note.id)), numbers[note.id]
        )

    def after(para: Paragraph) -> Markup:
        asides = []
        for _, note in book.calls(para):
            asides.append(
                Markup(
                    '<aside class="footnote" epub:type="footnote" role="doc-footnote" id="{}">'
                    '<p class="note-head"><a class="back" href="{}">{}.</a> {}</p>{}</aside>'
                ).format(
                    ident("note", note.id),
                    book.href(ident("call", note.id)),
                    numbers[note.id],
                    note_head(book, note),
                    note_text(book, note),
                )
            )
        return Markup("\n").join(asides)

    return essay(book, call, after, tag="p")


def _nav(book: Book) -> Markup:
    """The table of contents EPUB readers show (nav.xhtml)."""
    toc = contents(book, ("title-page", "Title page"))
    return Markup('<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>Contents</h1>\n{}\n</nav>').format(toc)


def _package(book: Book, files: list[str]) -> str:
    """package.opf: the metadata, the manifest and the reading order."""
    edition, settings = book.edition, book.edition.settings
    work = edition.works.get(settings.essay_key)
    day = settings.date.isoformat() if settings.date else "2000-01-01"
    seed = "|".join(
        [
            settings.site_url or settings.title,
            settings.version,
            ",".join(settings.courses),
            ",".join(book.options.kinds),
            day,
        ]
    )
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, seed)
    element = Markup("<dc:{0}>{1}</dc:{0}>")
    meta = [
        Markup('<dc:identifier id="uid">urn:uuid:{}</dc:identifier>').format(str(identifier)),
        element.format("title", settings.title),
        element.format("language", book.options.language),
        *(element.format("creator", name) for name in (work.names("author") if work else [])),
        *(element.format("contributor", name) for name in _contributors(book)),
        element.format("date", day),
        element.format("description", selection(book) or edition.essay.title),
        Markup('<meta property="dcterms:modified">{}T00:00:00Z</meta>').format(day),
    ]
    if settings.copyright:
        meta.append(element.format("rights", settings.copyright))
    if work is not None and work.fields.get("url", "").startswith(("https://", "http://")):
        meta.append(element.format("source", work.fields["url"]))
    item = Markup('<item id="{}" href="{}" media-type="application/xhtml+xml"/>')
    manifest = [Markup('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>')]
    manifest += [item.format(f.removesuffix(".xhtml"), f) for f in files]
    manifest.append(Markup('<item id="css" href="book.css" media-type="text/css"/>'))
    spine = [Markup('<itemref idref="{}"/>').format(f.removesuffix(".xhtml")) for f in files]
    spine.insert(1, Markup('<itemref idref="nav"/>'))
    lines = Markup("\n").join
    return Markup(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n{}\n</metadata>\n'
        "<manifest>\n{}\n</manifest>\n"
        "<spine>\n{}\n</spine>\n</package>\n"
    ).format(book.options.language, lines(meta), lines(manifest), lines(spine))


def _contributors(book: Book) -> list[str]:
    """The names of everyone credited for a note in the book, A to Z."""
    people = book.edition.contributors
    ids = {a for note in book.notes.values() for a in note.authors}
    return sorted((people[a].name if a in people else a for a in ids), key=str.casefold)


def write(book: Book, target: Path) -> None:
    """Write the book as an EPUB 3 file."""
    pages = {"title.xhtml": ("Title page", title_page(book)), "essay.xhtml": (book.edition.essay.title, _essay(book))}
    pages["glossary.xhtml"] = ("Glossary", glossary(book))
    if book.paths:
        pages["paths.xhtml"] = ("Reading paths", paths(book))
    if book.works_cited:
        pages["works.xhtml"] = ("Works cited", works_cited(book, lambda ident, label: link(book, ident, label)))
    day = book.edition.settings.date
    stamp = (day.year, day.month, day.day, 0, 0, 0) if day else (2000, 1, 1, 0, 0, 0)
    entries = [
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", _CONTAINER),
        ("EPUB/package.opf", _package(book, list(pages))),
        ("EPUB/nav.xhtml", _page(book, "Contents", _nav(book))),
        *((f"EPUB/{name}", _page(book, title, body)) for name, (title, body) in pages.items()),
        ("EPUB/book.css", STYLESHEET.read_text(encoding="utf-8")),
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as zf:
        for name, text in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"), compresslevel=9)
