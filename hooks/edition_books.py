"""`make books` (and the books of `make site`): the edition as a PDF, an EPUB and a handout per reading path.

    python hooks/edition_books.py OUT [--paper a4|letter] [--kinds question,context] [--config mkdocs.yml]

A thin adapter, like edition_hooks.py: it loads the site the way `mkdocs build` does, as far as its files
(mkdocs.yml with its environment variables, every content file checked strictly by our hook, every page's
address, the citations formatted by mkdocs-bibtex), and hands what the hook loaded to `edition.books`,
which knows nothing of MkDocs. A build that cannot make the books says why, in one message, and exits 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from edition.books import BookError, Options, Unprintable
from edition.books.make import check, make, where_unprintable
from edition.offline import human_size
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files

if TYPE_CHECKING:
    from edition.build import Build

HOOK = "edition_hooks.py"


def _load(config_file: Path) -> tuple[Build, Path, str]:
    """The build our hook loaded, the text face's folder and the site's language."""
    config = load_config(str(config_file), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_files(get_files(config), config=config)
    # MkDocs lists each hook module among the plugins, under the name mkdocs.yml gives it.
    hook = next((plugin for name, plugin in config.plugins.items() if name.endswith(HOOK)), None)
    if hook is None:
        raise MkDocsException(f"{config_file.name} does not load hooks/{HOOK}: the edition is not there")
    loaded = cast("Callable[[], Build]", getattr(hook, "loaded_build"))  # noqa: B009 - a module, typed as a plugin
    fonts = Path(config.theme.custom_dir or config_file.parent / "overrides") / "assets" / "fonts"
    return loaded(), fonts, str(config.theme.get("language") or "en")


def _listed(characters: Iterable[str]) -> str:
    return ", ".join(f"'{c}'" for c in characters)


def main(argv: list[str] | None = None) -> int:
    """Build the books into the folder given; print what was written."""
    parser = argparse.ArgumentParser(prog="edition_books.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write into (the site's downloads/, or books/)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--paper", default="a4", help="a4 (the default) or letter")
    parser.add_argument("--kinds", default="", help="only the notes of these kinds, comma-separated (default: all)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    logging.getLogger("weasyprint").propagate = False  # what it warns of stops a book, and is said then, once
    started = time.perf_counter()
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    options = Options(paper=args.paper.strip().lower(), kinds=kinds)
    try:
        check(options)  # before loading anything: a mistyped make variable is said at once
        current, fonts, language = _load(args.config.resolve())
        options = dataclasses.replace(options, language=language)
        if current.citations is None:
            raise BookError("mkdocs-bibtex is not configured in mkdocs.yml: the works cited cannot be formatted")
        try:
            written = make(current.edition, current.citations, current.urls, args.out, options, fonts)
        except Unprintable as err:
            found, nowhere = where_unprintable(current.edition.settings, err.characters)
            if not found:  # in no file: said as WeasyPrint said it
                raise
            for p in found:
                print(p, file=sys.stderr)
            located = _listed(c for c in err.characters if c not in nowhere)
            said = f"their fonts cannot print {located}: see the lines above"
            if nowhere:
                said += f"; nor {_listed(nowhere)}, which no file holds (text the build made: {err})"
            raise BookError(said) from None
    except (MkDocsException, BookError) as err:
        print(f"make books: the books were not made: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"make books: the books were not made: {err.strerror or err}: {err.filename or ''}", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path} ({human_size(path.stat().st_size)})")
    print(f"{len(written)} books in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
