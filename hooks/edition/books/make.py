"""A build of the books: the edition's PDF and EPUB and every path's handout, into one downloads folder.

The edition's PDF is most of the work (WeasyPrint lays out some seventy pages, the notes at their feet);
the EPUB and the handouts are made meanwhile in a second process, forked once the model is loaded, so
that a machine with two cores makes them all in the time of the one.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..notes import KINDS
from ..problems import did_you_mean
from . import HANDOUTS, PAPERS, BookError, Options, epub, files, handout_name, pdf
from .content import Book, ident
from .handout import Handout

if TYPE_CHECKING:
    from ..citations import Citations
    from ..model import Edition


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
    """Write the books into the folder `out`; return the files written. A stale handout (of a path this
    build does not publish) is removed."""
    check(options)
    names = files(edition.settings.file_name)
    printer = pdf.Printer(fonts, options.paper)  # before the fork: a missing library stops both at once
    book = Book(edition, citations, urls, options)
    replies = {r.id for note in book.notes.values() for r in book.replies(note)}  # inside their note's footnote

    def the_rest() -> list[Path]:
        target = out / names.epub
        epub.write(Book(edition, citations, urls, options, epub.place), target)
        written = [target]
        own = pdf.Printer(fonts, options.paper)  # its own fonts: the parent's temporary files are the parent's
        for pid, rp in edition.paths.items():
            written.append(out / handout_name(pid))
            own.write(pdf.handout_html(Handout(edition, citations, urls, options, rp)), written[-1])
        return written

    wait = _meanwhile(the_rest)
    main = out / names.pdf
    try:
        printer.write(pdf.book_html(book), main, [ident("note", nid) for nid in book.numbers if nid not in replies])
    except BaseException:
        wait(stop=True)
        raise
    written = [main, *wait()]
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
            send.send(("refused", str(err)))
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
            raise BookError(str(value))
        if status == "failed":
            raise RuntimeError(f"making the EPUB and the handouts failed:\n{value}")
        return [Path(path) for path in value]

    return wait
