"""The edition as books: a PDF of the whole edition, an EPUB of the same, and a printable handout per
reading path, made from the loaded model (the same notes, terms, works and paths as the site).

Where they go and what they are called is decided here, once: the site's Downloads sections link to
these paths, `make site` writes the files there, and the offline copy carries them. Nothing here imports
MkDocs (hooks/edition_books.py loads the site and hands the model over) or WeasyPrint until a PDF is made.
"""

from __future__ import annotations

from dataclasses import dataclass

DOWNLOADS = "downloads"  # the site's folder of files to download; a build of the books writes into one


@dataclass(frozen=True)
class Files:
    """What the edition's downloads are called (file names in the downloads folder), and where the site
    offers them (paths in the site): `files(name)` makes them from the edition's name."""

    pdf: str
    epub: str
    offline: str  # the offline copy, a zip
    folder: str  # the folder the offline copy unpacks into
    pdf_path: str
    epub_path: str
    offline_path: str


def files(name: str) -> Files:
    """The downloads of the edition named `name` (`extra.edition.file_name`: an edition of another text
    renames them in mkdocs.yml, not here)."""
    pdf, epub, offline = f"{name}.pdf", f"{name}.epub", f"{name}-offline.zip"
    return Files(pdf, epub, offline, name, f"{DOWNLOADS}/{pdf}", f"{DOWNLOADS}/{epub}", f"{DOWNLOADS}/{offline}")


PAPERS = {"a4": "A4", "letter": "letter"}  # the make variable's value → CSS page size


HANDOUTS = "handouts"  # their folder in the downloads folder


def handout_name(path_id: str) -> str:
    """A reading path's handout, in the downloads folder."""
    return f"{HANDOUTS}/{path_id}.pdf"


def handout_path(path_id: str) -> str:
    """Where the site offers a reading path's handout."""
    return f"{DOWNLOADS}/{handout_name(path_id)}"


class BookError(Exception):
    """A book could not be made; the message says why and what to do."""


class Unprintable(BookError):
    """A PDF's text holds characters that none of its fonts has (WeasyPrint would print an empty box for
    each): the message, and the characters in the order met. It survives pickling (from the process that
    makes the handouts), characters and all."""

    def __init__(self, message: str, characters: tuple[str, ...]) -> None:
        super().__init__(message, characters)
        self.characters = characters

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Options:
    """What a build of the books chooses: the paper (PDFs) and the kinds of note they hold."""

    paper: str = "a4"  # a key of PAPERS
    kinds: tuple[str, ...] = ()  # note kinds (notes.KINDS); empty: every kind
    language: str = "en"  # the books' language (the site's, theme.language)
