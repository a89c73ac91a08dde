"""The content model: every content kind loaded once, then validated together.

Content files → a model in memory → problems. Allowed values live in one place each: paragraph ids in
the essay, term ids in docs/glossary/, work keys in bibliography/*.bib, contributors in
docs/contributors.yml; every reference is checked against that single source.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import contributors as contributors_mod
from . import essay as essay_mod
from . import glossary, notes, paths, references, works
from .contributors import Contributor
from .essay import Essay
from .glossary import Term, related_both_ways
from .notes import Note
from .paths import ReadingPath
from .problems import Problem, did_you_mean, in_order, problem
from .references import Text, Use, Uses
from .sources import Settings
from .works import Work

NOTES_DIR, GLOSSARY_DIR, PATHS_DIR = "notes", "glossary", "paths"
CONTRIBUTORS_FILE = "contributors.yml"
BIBLIOGRAPHY_DIR = "bibliography"


@dataclass(frozen=True)
class Edition:
    """Everything the site is built from, loaded from the content files and cross-checked."""

    settings: Settings
    essay: Essay
    notes: dict[str, Note] = field(default_factory=dict)  # in reading order: paragraph, date, id
    terms: dict[str, Term] = field(default_factory=dict)  # sorted by display name
    works: dict[str, Work] = field(default_factory=dict)
    paths: dict[str, ReadingPath] = field(default_factory=dict)
    contributors: dict[str, Contributor] = field(default_factory=dict)
    pages: tuple[str, ...] = ()  # other Markdown pages (src_uris), whose markup is checked too
    uses: Uses = field(default_factory=Uses)
    texts: tuple[Text, ...] = ()  # every text with markup, as checked

    def notes_on(self, pid: str) -> list[Note]:
        """The notes about paragraph `pid`, top-level notes first in reading order."""
        return [n for n in self.notes.values() if pid in n.paragraphs]

    def replies_to(self, nid: str) -> list[Note]:
        """The notes that answer note `nid`."""
        return [n for n in self.notes.values() if n.replies_to == nid]

    @functools.cached_property
    def term_names(self) -> dict[str, str]:
        """Each term's display name, by id."""
        return {tid: t.term for tid, t in self.terms.items()}

    @functools.cached_property
    def related_terms(self) -> dict[str, list[str]]:
        """Each term's related terms, both ways round (computed once: every term page asks)."""
        return related_both_ways(self.terms)

    def term_uses(self, tid: str) -> list[Use]:
        """Where term `tid` is marked."""
        return self.uses.terms.get(tid, [])

    def work_uses(self, key: str) -> list[Use]:
        """Where work `key` is cited (or is a path's stop)."""
        return self.uses.works.get(key, [])


def load(settings: Settings) -> tuple[Edition | None, list[Problem]]:
    """Load and validate all content; returns the edition (None if unusable) and every problem found."""
    problems: list[Problem] = []
    essay, found = essay_mod.load(settings.source(settings.docs(settings.essay)))
    problems += found
    if essay is None:
        return None, in_order(problems)

    people, found = contributors_mod.load(settings.source(settings.docs(CONTRIBUTORS_FILE)))
    problems += found

    all_notes: list[Note] = []
    for path in _markdown_files(settings.docs(NOTES_DIR)):
        note, found = notes.load_one(settings.source(path), _uri(settings, path))
        problems += found
        if note is not None and _in_courses(note.course, settings):
            all_notes.append(note)
    problems += notes.validate(all_notes, essay, people)

    all_terms: list[Term] = []
    for path in _markdown_files(settings.docs(GLOSSARY_DIR), recursive=False):
        term, found = glossary.load_one(settings.source(path), _uri(settings, path))
        problems += found
        if term is not None:
            all_terms.append(term)
    problems += glossary.validate(all_terms)

    all_works: list[Work] = []
    for path in sorted((settings.root / BIBLIOGRAPHY_DIR).glob("*.bib")):
        src = settings.source(path)
        found_works, found = works.load_file(src)
        problems += found
        all_works += found_works
    problems += works.validate(all_works)

    all_paths: list[ReadingPath] = []
    for path in _markdown_files(settings.docs(PATHS_DIR), recursive=False):
        rpath, found = paths.load_one(settings.source(path), _uri(settings, path))
        problems += found
        if rpath is not None and _in_courses(rpath.course, settings):
            all_paths.append(rpath)

    order = {p.id: p.number for p in essay.paragraphs}
    note_map = {n.id: n for n in sorted(all_notes, key=lambda n: (order.get(n.paragraph, 10**6), n.date, n.id))}
    term_map = {t.id: t for t in sorted(all_terms, key=lambda t: (t.term.casefold(), t.id))}
    work_map = {w.key: w for w in all_works}
    path_map = {p.id: p for p in sorted(all_paths, key=lambda p: (p.title.casefold(), p.id))}

    pages = _other_pages(settings)
    texts = list(_texts(essay, note_map, term_map, path_map, settings, pages))
    uses, found = references.check(texts, term_map, work_map)
    problems += found
    problems += _check_stops(path_map, essay, note_map, term_map, work_map, uses)
    for tid, term in term_map.items():
        if not uses.terms.get(tid):
            problems.append(problem("unused-term", term.source, 1, id=tid))
    for key, work in work_map.items():
        if not uses.works.get(key):
            problems.append(problem("uncited-work", work.source, work.line, key=key))

    edition = Edition(
        settings=settings,
        essay=essay,
        notes=note_map,
        terms=term_map,
        works=work_map,
        paths=path_map,
        contributors=people,
        pages=tuple(pages),
        uses=uses,
        texts=tuple(texts),
    )
    return edition, in_order(problems)


def _markdown_files(folder: Path, recursive: bool = True) -> list[Path]:
    """Content files of one kind; index.md pages and hidden files are not content items."""
    if not folder.is_dir():
        return []
    found = folder.rglob("*.md") if recursive else folder.glob("*.md")
    return sorted(p for p in found if p.name != "index.md" and not p.name.startswith((".", "_")))


def _uri(settings: Settings, path: Path) -> str:
    return path.relative_to(settings.docs_dir).as_posix()


def _in_courses(course: str, settings: Settings) -> bool:
    """Whether content written for `course` is shown (all is shown unless the build selects courses)."""
    return not course or not settings.courses or course in settings.courses


def _other_pages(settings: Settings) -> list[str]:
    """Every Markdown page under docs/ that is not the essay or a content item."""
    out = []
    for path in sorted(settings.docs_dir.rglob("*.md")):
        uri = _uri(settings, path)
        top = uri.split("/", 1)[0]
        if uri == settings.essay or (top in {NOTES_DIR, GLOSSARY_DIR, PATHS_DIR} and path.name != "index.md"):
            continue
        out.append(uri)
    return out


def _texts(
    essay: Essay,
    note_map: dict[str, Note],
    term_map: dict[str, Term],
    path_map: dict[str, ReadingPath],
    settings: Settings,
    pages: list[str],
) -> list[Text]:
    """Every text that may hold term or citation markup, in reading order."""
    out = [Text("essay", p.id, p.markup, p.source, p.line) for p in essay.paragraphs]
    out += [Text("note", n.id, n.body, n.source, n.body_line) for n in note_map.values()]
    out += [Text("term", t.id, t.body, t.source, t.body_line) for t in term_map.values()]
    for rp in path_map.values():
        out.append(Text("path", rp.id, rp.body, rp.source, rp.body_line))
        for stop in rp.stops:
            out.append(Text("path", rp.id, "\n".join([stop.guide, *stop.questions]), rp.source, stop.line))
    for uri in pages:
        src = settings.source(settings.docs(uri))
        out.append(Text("page", uri, src.path.read_text(encoding="utf-8", errors="replace"), src.rel, 1))
    return out


def _check_stops(
    path_map: dict[str, ReadingPath],
    essay: Essay,
    note_map: dict[str, Note],
    term_map: dict[str, Term],
    work_map: dict[str, Work],
    uses: Uses,
) -> list[Problem]:
    """Each stop names something that exists; a term or work stop counts as a use of it."""
    problems = []
    known = {
        "paragraph": ("unknown-paragraph", [p.id for p in essay.paragraphs]),
        "note": ("unknown-note", list(note_map)),
        "term": ("unknown-term", list(term_map)),
        "work": ("unknown-work", list(work_map)),
    }
    for rp in path_map.values():
        for stop in rp.stops:
            code, ids = known[stop.target]
            if stop.ref not in ids:
                problems.append(problem(code, rp.source, stop.line, id=stop.ref, hint=did_you_mean(stop.ref, ids)))
            elif stop.target == "term":
                uses.terms[stop.ref].append(Use("path", rp.id, rp.source, stop.line))
            elif stop.target == "work":
                uses.works[stop.ref].append(Use("path", rp.id, rp.source, stop.line))
    return problems
