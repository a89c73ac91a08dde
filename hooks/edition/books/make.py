"""A build of the books: the edition's PDF and EPUB and every path's handout, into one downloads folder.

The edition's PDF is most of the work (WeasyPrint lays out some seventy pages, the notes at their feet);
the EPUB and the handouts are made meanwhile in a second process, forked once the model is loaded, so
that a machine with two cores makes them all in the time of the one.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import traceback
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..notes import KINDS
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


def where_unprintable(settings: Settings, characters: Collection[str]) -> list[Problem]:
    """Each line of the project's text files (mkdocs.yml, docs/, bibliography/) that holds a character the
    books cannot print: `path:line: ... [unprintable-character]`, in file and line order."""
    wanted = set(characters)
    files = [settings.root / settings.config_file]
    for folder in (settings.docs_dir, settings.root / "bibliography"):
        files += sorted(p for p in folder.rglob("*") if p.suffix in _TEXT_FILES and p.is_file())
    found: list[Problem] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # the checker has read every one of them already
            continue
        if wanted.isdisjoint(text):
            continue
        rel = settings.source(path).rel
        for number, line in enumerate(text.split("\n"), start=1):
            missing = [f"'{c}' (U+{ord(c):04X})" for c in dict.fromkeys(line) if c in wanted]
            if missing:
                found.append(problem("unprintable-character", rel, number, characters=", ".join(missing)))
    return found
