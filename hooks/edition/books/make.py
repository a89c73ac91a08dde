"""A build of the books: the edition's PDF and EPUB and every path's handout, into one downloads folder.

The edition's PDF is most of the work (WeasyPrint lays out some seventy pages, the notes at their feet);
the EPUB and the handouts are made meanwhile in a second process, forked once the model is loaded, so
that a machine with two cores makes them all in the time of the one.
"""

from __future__ import annotations

import html
import multiprocessing
import re
import shutil
import tempfile
import traceback
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..notes import KINDS
from ..pages import BIBLIOGRAPHY_DIR as BIBLIOGRAPHY  # the folder of .bib files too (sources.py)
from ..problems import Problem, did_you_mean, problem
from . import HANDOUTS, PAPERS, BookError, Options, epub, files, handout_name, pdf
from .content import Book, ident
from .handout import Handout

if TYPE_CHECKING:
    from ..citations import Citations
    from ..model import Edition
    from ..sources import Settings

# The files a book's text comes from: mkdocs.yml, and the text files of docs/ and bibliography/.
_TEXT_FILES = {".md", ".yml", ".yaml", ".bib", ".txt"}


def check(options: Options) -> None:
    """Refuse a selection no book can be made of, saying what would do."""
    if options.paper not in PAPERS:
        raise BookError(f"PAPER is '{options.paper}', which is no paper size here: use a4 (the default) or letter")
    for kind in options.kinds:
        if kind not in KINDS:
            hint = did_you_mean(kind, KINDS) or "."
            raise BookError(f"KINDS names '{kind}', which is no kind of note{hint} The kinds are: {', '.join(KINDS)}.")


def make(
    edition: Edition, citations: Citations, urls: Mapping[str, str], out: Path, options: Options, fonts: Path
) -> list[Path]:
    """Write the books into the folder `out`; return the files written. They are made in a temporary folder
    and moved into `out` once every one is made, so a build that fails leaves `out` as it was. A stale
    handout (of a path this build does not publish) is removed."""
    check(options)
    names = files(edition.settings.file_name)
    printer = pdf.Printer(fonts, options.paper)  # before the fork: a missing library stops both at once
    book = Book(edition, citations, urls, options)
    replies = {r.id for note in book.notes.values() for r in book.replies(note)}  # inside their note's footnote
    with tempfile.TemporaryDirectory(prefix="edition-books-") as folder:
        stage = Path(folder)

        def the_rest() -> list[Path]:
            # This process ends without cleaning up after itself: its temporary files (WeasyPrint's copies
            # of the fonts) go in the stage, which the parent removes.
            tempfile.tempdir = folder
            target = stage / names.epub
            epub.write(Book(edition, citations, urls, options, epub.place), target)
            made = [target]
            own = pdf.Printer(fonts, options.paper)  # its own fonts: the parent's temporary files are the parent's
            for pid, rp in edition.paths.items():
                made.append(stage / handout_name(pid))
                own.write(pdf.handout_html(Handout(edition, citations, urls, options, rp)), made[-1])
            return made

        wait = _meanwhile(the_rest)
        main = stage / names.pdf
        try:
            notes = [ident("note", nid) for nid in book.numbers if nid not in replies]
            printer.write(pdf.book_html(book), main, notes)
        except BaseException:
            wait(stop=True)
            raise
        written = []
        for made in [main, *wait()]:
            written.append(out / made.relative_to(stage))
            written[-1].parent.mkdir(parents=True, exist_ok=True)
            shutil.move(made, written[-1])
    for stale in sorted((out / HANDOUTS).glob("*.pdf")):
        if stale not in written:
            stale.unlink()
    return written


def _meanwhile(work: Callable[[], list[Path]]) -> Callable[..., list[Path]]:
    """Start `work` in a forked process; return what waits for it and gives its result (or its error), or,
    with `stop=True`, stops it."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run() -> None:
        try:
            send.send(("ok", [str(path) for path in work()]))
        except BookError as err:
            send.send(("refused", err))
        except BaseException:  # a bug: its traceback is the parent's to show
            send.send(("failed", traceback.format_exc()))

    process = context.Process(target=run, name="books")
    process.start()
    send.close()

    def wait(stop: bool = False) -> list[Path]:
        if stop:
            process.terminate()
            process.join()
            return []
        try:
            status, value = receive.recv()
        except EOFError:
            status, value = "refused", "the process making the EPUB and the handouts stopped without a word"
        process.join()
        if status == "refused":
            raise value if isinstance(value, BookError) else BookError(str(value))
        if status == "failed":
            raise RuntimeError(f"making the EPUB and the handouts failed:\n{value}")
        return [Path(path) for path in value]

    return wait


def where_unprintable(settings: Settings, characters: Collection[str]) -> tuple[list[Problem], list[str]]:
    """Each line of the project's text files (mkdocs.yml, docs/, bibliography/) that holds a character the
    books cannot print, as typed or as an escape that stands for it (an HTML character reference, a YAML
    escape in double quotes): `path:line: ... [unprintable-character]`, in file and line order; and the
    characters no file holds (text the build made), which the books say as they are."""
    wanted = set(characters)
    files = [settings.root / settings.config_file]
    for folder in (settings.docs_dir, settings.root / BIBLIOGRAPHY):
        files += sorted(p for p in folder.rglob("*") if p.suffix in _TEXT_FILES and p.is_file())
    found: list[Problem] = []
    located: set[str] = set()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # the checker has read every one of them already
            continue
        if wanted.isdisjoint(_as_printed(text)):
            continue
        rel = settings.source(path).rel
        for number, line in enumerate(text.split("\n"), start=1):
            missing = [c for c in dict.fromkeys(_as_printed(line)) if c in wanted]
            if missing:
                located.update(missing)
                shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
                found.append(problem("unprintable-character", rel, number, characters=shown))
    return found, [c for c in characters if c not in located]


# An escape in a YAML double-quoted string: \x, \u or \U and the character's number in hexadecimal.
_YAML_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")


def _as_printed(text: str) -> str:
    """The characters a text may print: as typed, with its HTML character references decoded, and with its
    YAML escapes decoded (a search may find a character in one reading the others do not hold)."""

    def unescape(match: re.Match[str]) -> str:
        number = int(next(group for group in match.groups() if group), 16)
        return chr(number) if number <= 0x10FFFF else ""

    return text + html.unescape(text) + _YAML_ESCAPE.sub(unescape, text)
