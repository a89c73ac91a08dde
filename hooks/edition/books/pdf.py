"""The PDFs, laid out by WeasyPrint: the whole edition as a book, and a handout per reading path.

Each is one HTML document with the book's stylesheet (book.css). WeasyPrint makes the bookmarks from the
headings, embeds and subsets the site's text face, and writes a tagged PDF (PDF/UA-1). The files are the
same for the same input: the PDF's dates are the version's (mkdocs.yml's extra.edition.date), and nothing
else in it depends on the time or the machine. WeasyPrint may read only the font files: every other
address is refused, so a book never makes a request.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..escaping import Markup
from . import PAPERS, BookError, Unprintable
from .content import Book, ident
from .handout import Handout, handout
from .sections import contents, essay, glossary, note_head, note_text, paths, title_page, works_cited

if TYPE_CHECKING:
    from ..notes import Note

STYLESHEET = Path(__file__).with_name("book.css")
_DOCUMENT = Markup(
    '<!DOCTYPE html>\n<html lang="{}">\n<head>\n<meta charset="utf-8">\n<title>{}</title>\n'
    '<meta name="author" content="{}">\n<meta name="description" content="{}">\n'
    '<meta name="dcterms.created" content="{}">\n<meta name="dcterms.modified" content="{}">\n'
    "</head>\n<body>\n{}\n</body>\n</html>\n"
)


def document(book: Book, title: str, description: str, body: Markup) -> str:
    """A whole HTML document for WeasyPrint, with the metadata the PDF carries."""
    settings = book.edition.settings
    work = book.edition.works.get(settings.essay_key)
    author = ", ".join(work.names("author")) if work is not None else ""
    day = settings.date.isoformat() if settings.date else "2000-01-01"  # never the build's date
    return str(_DOCUMENT.format(book.options.language, title, author, description, day, day, body))


def book_html(book: Book) -> str:
    """The whole edition as one HTML document: title page, contents, the essay with its notes as footnotes,
    glossary, reading paths and works cited."""

    def pageref(target: str, label: str) -> Markup:  # the stylesheet adds the page number (target-counter)
        return Markup('<a class="pageref" href="{}">{}</a>').format(book.href(target), label)

    def call(note: Note) -> Markup:  # the note itself, floated to the foot of the page by the stylesheet
        return Markup('<span class="footnote" id="{}"><span class="note-head">{}</span>{}</span>').format(
            ident("note", note.id), note_head(book, note), note_text(book, note)
        )

    body = Markup("\n").join(
        [
            title_page(book),
            Markup('<nav class="contents" id="contents">\n<h1>Contents</h1>\n{}\n</nav>').format(contents(book)),
            essay(book, call, lambda para: Markup()),
            glossary(book),
            paths(book),
            works_cited(book, pageref),  # last: its page references make WeasyPrint lay its pages out again
        ]
    )
    title = book.edition.settings.title
    return document(book, title, f"{book.edition.essay.title}, with its notes, glossary, works and paths", body)


def handout_html(one: Handout) -> str:
    """A reading path's handout as one HTML document."""
    title = f"{one.path.title} — {one.edition.settings.title}"
    return document(one, title, one.path.summary, handout(one))


class _Refuse:
    """WeasyPrint's URL fetcher, allowed to read the font files and nothing else."""

    def __init__(self, fonts: Path) -> None:
        from weasyprint.urls import URLFetcher

        self.fonts = fonts.resolve()
        self.inner = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
        self._fail_on_errors = True  # read by WeasyPrint: a refused address stops the book with its reason

    def __call__(self, url: str) -> Any:
        from urllib.request import url2pathname

        path = Path(url2pathname(url.removeprefix("file://"))).resolve() if url.startswith("file://") else None
        if path is None or not path.is_relative_to(self.fonts):
            raise ValueError(f"a book reads only the font files in {self.fonts}, not {url}")
        return self.inner.fetch(url)


@contextmanager
def _warnings() -> Iterator[list[str]]:
    """What WeasyPrint warns of while it works (a font it could not read, a rule it ignored)."""
    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


# WeasyPrint's warning for text that no font of the book has a glyph for (weasyprint/draw/text.py).
_NO_GLYPH = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.)" \(U\+', re.DOTALL)

# What a machine needs for WeasyPrint, where the packages have these names.
NEEDS = "Debian 12 or Ubuntu 24.04 and newer: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


class Printer:
    """WeasyPrint, with the book's stylesheet and fonts loaded once for every PDF of a build."""

    def __init__(self, fonts: Path, paper: str) -> None:
        try:
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration
        except (ImportError, OSError) as err:  # WeasyPrint missing, or Pango and its libraries not found
            first = str(err).splitlines()[0] if str(err) else type(err).__name__
            raise BookError(
                f"WeasyPrint cannot run here: it needs Pango 1.44 or newer and HarfBuzz 4.1 or newer with its "
                f"subsetter ({NEEDS}) and the pinned weasyprint from requirements.lock ({first})"
            ) from None
        from weasyprint.text import ffi

        # WeasyPrint subsets fonts with HarfBuzz 4.1's subsetter when it has one, and otherwise warns once per
        # font (which stops a book): say so at once, and what to install, by the test WeasyPrint itself makes.
        if ffi.harfbuzz_subset is None or not ffi.harfbuzz.hb_version_atleast(4, 1, 0):
            raise BookError(
                "WeasyPrint cannot subset the books' fonts here: it needs HarfBuzz 4.1 or newer with its "
                f"subsetter ({NEEDS})"
            )
        fonts = fonts.resolve()
        if not all((fonts / name).is_file() for name in font_files()):
            raise BookError(f"the text face's files are not in {fonts} (see book.css for their names)")
        self.weasyprint = weasyprint
        self.fetcher = _Refuse(fonts)
        self.fonts = FontConfiguration()
        css = STYLESHEET.read_text(encoding="utf-8") + f"\n@page {{ size: {PAPERS[paper]}; }}\n"
        with self._strictly("the book's stylesheet"):
            self.css = weasyprint.CSS(
                string=css, base_url=fonts.as_uri() + "/", url_fetcher=self.fetcher, font_config=self.fonts
            )

    @contextmanager
    def _strictly(self, what: str) -> Iterator[None]:
        """WeasyPrint at work on `what`: anything it warns of, or an address it was refused, stops the book."""
        with _warnings() as found:
            try:
                yield
            except self.weasyprint.urls.FatalURLFetchingError as err:
                raise BookError(f"{what}: {err}: a book reads only the text face's files, and asks no host") from None
        if found:
            message = f"{what}: " + "; ".join(dict.fromkeys(found))
            missing = tuple(dict.fromkeys(m.group(1) for w in found for m in _NO_GLYPH.finditer(w)))
            raise Unprintable(message, missing) if missing else BookError(message)

    def write(self, html: str, target: Path, footnotes: Collection[str] = ()) -> None:
        """Lay out an HTML document and write it as a tagged PDF; any warning of WeasyPrint's stops it.

        `footnotes` are the ids of the document's footnotes. WeasyPrint 70 can lose a footnote whose call it
        pushes to the next page (its `footnote-policy: line`) in some breaks; a lost one is laid out again
        under the default policy, and one lost twice stops the book.
        """
        with self._strictly(target.name):
            document = self._render(html, ())
            lost = [footnote for footnote in footnotes if footnote not in _anchors(document)]
            if lost:
                document = self._render(html, lost)
                lost = [footnote for footnote in footnotes if footnote not in _anchors(document)]
            if lost:
                raise BookError(f"{target.name}: WeasyPrint could not place the footnotes {', '.join(lost)}")
            pdf = document.write_pdf(pdf_variant="pdf/ua-1")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)

    def _render(self, html: str, lost: Collection[str]) -> Any:
        """The laid-out document; footnotes lost before are floated under the default policy."""
        sheets = [self.css]
        if lost:
            rules = "".join(f"#{footnote} {{ footnote-policy: auto; }}\n" for footnote in lost)
            sheets.append(self.weasyprint.CSS(string=rules, font_config=self.fonts))
        return self.weasyprint.HTML(string=html, url_fetcher=self.fetcher).render(
            stylesheets=sheets, font_config=self.fonts
        )


def _anchors(document: Any) -> set[str]:
    """The ids that are somewhere in a laid-out document."""
    return {anchor for page in document.pages for anchor in page.anchors}


def font_files() -> list[str]:
    """The font files book.css names."""
    import re

    return re.findall(r'url\("([^"]+\.woff2)"\)', STYLESHEET.read_text(encoding="utf-8"))
