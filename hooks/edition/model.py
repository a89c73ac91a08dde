"""The content model: every content kind loaded once, then validated together.

Content files → a model in memory → problems. Allowed values live in one place each: paragraph ids in
the essay, term ids in docs/glossary/, work keys in bibliography/*.bib, contributors in
docs/contributors.yml; every reference is checked against that single source.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import changelog, glossary, inventory, notes, paths, pin, references, retired, works
from . import contributors as contributors_mod
from . import essay as essay_mod
from . import pages as pages_mod
from .changelog import Release
from .contributors import Contributor
from .essay import Essay
from .frontmatter import PAGE_SCHEMA, check, parse, read_text
from .glossary import Term, related_both_ways
from .notes import Note
from .paths import ReadingPath
from .problems import Problem, did_you_mean, in_order, problem
from .references import Text, Use, Uses
from .retired import Retired
from .sources import Settings
from .works import Work

CONTRIBUTORS_FILE = inventory.CONTRIBUTORS_FILE
BIBLIOGRAPHY = pages_mod.BIBLIOGRAPHY_DIR


@dataclass(frozen=True)
class Edition:
    """Everything the site is built from, loaded from the content files and cross-checked."""

    settings: Settings
    essay: Essay
    retired: dict[str, Retired] = field(default_factory=dict)  # paragraph ids retired by corrections
    releases: tuple[Release, ...] = ()  # the edition's versions, newest first (docs/changelog.yml)
    notes: dict[str, Note] = field(default_factory=dict)  # in reading order: paragraph, date, id
    terms: dict[str, Term] = field(default_factory=dict)  # sorted by display name
    works: dict[str, Work] = field(default_factory=dict)
    paths: dict[str, ReadingPath] = field(default_factory=dict)
    contributors: dict[str, Contributor] = field(default_factory=dict)
    pages: tuple[str, ...] = ()  # other Markdown pages (src_uris), whose markup is checked too
    uses: Uses = field(default_factory=Uses)
    texts: tuple[Text, ...] = ()  # every published text with markup
    assets: tuple[str, ...] = ()  # images under docs/ (src_uris), published as they are

    def notes_on(self, pid: str) -> list[Note]:
        """The notes about paragraph `pid`, top-level notes first in reading order."""
        return list(self._notes_by_paragraph.get(pid, ()))

    def replies_to(self, nid: str) -> list[Note]:
        """The notes that answer note `nid`."""
        return list(self._replies_by_note.get(nid, ()))

    # Indexes, built at first use (every paragraph page and margin asks; a scan per call was quadratic).
    # Tuples, so that the model stays as loaded whatever a caller does with what it is given.
    @functools.cached_property
    def _notes_by_paragraph(self) -> dict[str, tuple[Note, ...]]:
        by_paragraph: dict[str, list[Note]] = {}
        for note in self.notes.values():  # in reading order, so each list is too
            for pid in dict.fromkeys(note.paragraphs):
                by_paragraph.setdefault(pid, []).append(note)
        return {pid: tuple(found) for pid, found in by_paragraph.items()}

    @functools.cached_property
    def _replies_by_note(self) -> dict[str, tuple[Note, ...]]:
        replies: dict[str, list[Note]] = {}
        for note in self.notes.values():
            if note.replies_to:
                replies.setdefault(note.replies_to, []).append(note)
        return {nid: tuple(found) for nid, found in replies.items()}

    @functools.cached_property
    def term_names(self) -> dict[str, str]:
        """Each term's display name, by id."""
        return {tid: t.term for tid, t in self.terms.items()}

    @functools.cached_property
    def related_terms(self) -> dict[str, list[str]]:
        """Each term's related terms, both ways round (computed once: every term page asks)."""
        return related_both_ways(self.terms)

    def term_uses(self, tid: str) -> list[Use]:
        """Where term `tid` is marked (a list of the caller's own: the model's stays as loaded)."""
        return list(self.uses.terms.get(tid, ()))

    def work_uses(self, key: str) -> list[Use]:
        """Where work `key` is cited (or is a path's stop), in a list of the caller's own."""
        return list(self.uses.works.get(key, ()))

    def works_cited_by(self, owner_kind: str, owner: str) -> list[str]:
        """The keys of the works one text cites (a term's, say), each once, in the order of the works' first
        citations anywhere (a list of the caller's own)."""
        return list(self._works_by_owner.get((owner_kind, owner), ()))

    @functools.cached_property
    def _works_by_owner(self) -> dict[tuple[str, str], tuple[str, ...]]:
        # Every term page asks: a scan of every citation per page grew with terms × citations.
        by_owner: dict[tuple[str, str], dict[str, None]] = {}
        for key, uses in self.uses.works.items():
            for use in uses:
                by_owner.setdefault((use.owner_kind, use.owner), {})[key] = None
        return {owner: tuple(keys) for owner, keys in by_owner.items()}


def load(settings: Settings) -> tuple[Edition | None, list[Problem]]:
    """Load and validate all content; returns the edition (None if unusable) and every problem found.

    Everything is validated, whatever the course selection; only what the selection publishes is in the
    edition, so content of another course is not published at all.
    """
    problems: list[Problem] = []
    inv, found = inventory.take(settings.root, settings.docs_dir, settings.essay, settings.pages)
    problems += found
    essay, found = essay_mod.load(settings.source(settings.docs(settings.essay)))
    problems += found
    if essay is None:
        return None, in_order(problems)
    problems += _check_pin(essay, settings)
    retired_ids, found = retired.load(settings.source(settings.docs(settings.essay).parent / retired.RETIRED_NAME))
    problems += found + retired.validate(retired_ids, essay)

    people, found = contributors_mod.load(settings.source(settings.docs(CONTRIBUTORS_FILE)))
    problems += found

    all_notes: list[Note] = []
    for uri in inv.notes:
        note, found = notes.load_one(settings.source(settings.docs(uri)), uri)
        problems += found
        if note is not None:
            all_notes.append(note)
    problems += notes.validate(all_notes, essay, people, retired_ids)
    releases, found = changelog.load(settings.source(settings.docs(inventory.CHANGELOG_FILE)), settings)
    problems += found
    note_ids = [n.id for n in all_notes]
    for release in releases:
        for nid in release.corrected:
            if nid not in note_ids:
                where = settings.source(settings.docs(inventory.CHANGELOG_FILE)).rel
                problems.append(problem("unknown-note", where, release.line, id=nid, hint=did_you_mean(nid, note_ids)))

    all_terms: list[Term] = []
    for uri in inv.terms:
        term, found = glossary.load_one(settings.source(settings.docs(uri)), uri)
        problems += found
        if term is not None:
            all_terms.append(term)
    problems += glossary.validate(all_terms)

    all_works: list[Work] = []
    broken_keys: set[str] = set()  # keys of a .bib file that could not be read: not "unknown" where cited
    for rel in inv.bib_files:
        src = settings.source(settings.root / rel)
        found_works, found = works.load_file(src)
        problems += found
        all_works += found_works
        if any(p.code == "bib-syntax" for p in found):
            broken_keys |= works.keys_in(src.path)
    problems += works.validate(all_works)
    known = {w.key for w in all_works} | broken_keys
    if settings.essay_key and settings.essay_key not in known:
        hint = did_you_mean(settings.essay_key, known)
        reason = f"names '{settings.essay_key}', which is no entry of {BIBLIOGRAPHY}/*.bib{hint}"
        line = settings.lines.get("extra.edition.essay_key", 1)
        problems.append(
            problem("bad-setting", settings.config_file, line, setting="extra.edition.essay_key", reason=reason)
        )

    all_paths: list[ReadingPath] = []
    for uri in inv.paths:
        rpath, found = paths.load_one(settings.source(settings.docs(uri)), uri)
        problems += found
        if rpath is not None:
            all_paths.append(rpath)

    order = {p.id: p.number for p in essay.paragraphs}
    note_map = {n.id: n for n in sorted(all_notes, key=lambda n: (order.get(n.paragraph, 10**6), n.date, n.id))}
    term_map = {t.id: t for t in sorted(all_terms, key=lambda t: (t.term.casefold(), t.id))}
    work_map = {w.key: w for w in all_works}
    path_map = {p.id: p for p in sorted(all_paths, key=lambda p: (p.title.casefold(), p.id))}

    pages = [uri for uri in inv.pages if uri != settings.essay]
    found, page_texts = _check_pages(pages, settings)  # each page read once, here
    problems += found
    site = {*inv.pages, *inv.terms, *inv.paths, *inv.assets, *pages_mod.INDEXES}
    site |= {pages_mod.paragraph_page(p.id) for p in essay.paragraphs}
    problems += _check_links([*all_notes, *all_terms, *all_paths], site)
    # Every text is checked (a note of another course is still reviewed) ...
    texts = _texts(essay, note_map, term_map, path_map, page_texts)
    known_works = {**dict.fromkeys(broken_keys), **work_map}
    all_uses, found = references.check(texts, term_map, known_works)
    problems += found
    problems += _check_stops(path_map, essay, note_map, term_map, known_works, all_uses)
    for tid, term in term_map.items():
        if not all_uses.terms.get(tid):
            problems.append(problem("unused-term", term.source, 1, id=tid))
    for key, work in work_map.items():
        if not all_uses.works.get(key):
            problems.append(problem("uncited-work", work.source, work.line, key=key))

    # ... but only what the course selection publishes is in the edition.
    shown_notes = {nid: n for nid, n in note_map.items() if _in_courses(n.course, settings)}
    shown_paths = {
        pid: _published_stops(rp, shown_notes) for pid, rp in path_map.items() if _in_courses(rp.course, settings)
    }
    shown_texts = _texts(essay, shown_notes, term_map, shown_paths, page_texts)
    uses, _ = references.check(shown_texts, term_map, work_map)
    _check_stops(shown_paths, essay, shown_notes, term_map, work_map, uses)

    edition = Edition(
        settings=settings,
        essay=essay,
        retired=retired_ids,
        releases=releases,
        notes=shown_notes,
        terms=term_map,
        works=work_map,
        paths=shown_paths,
        contributors=people,
        pages=tuple(pages),
        uses=uses,
        texts=tuple(shown_texts),
        assets=tuple(inv.assets),
    )
    return edition, in_order(problems)


def _check_links(items: list[Note | Term | ReadingPath], site: set[str]) -> list[Problem]:
    """Every relative link in a contributed text leads to a page or image of the site."""
    problems = []
    for item in items:
        bodies = [(item.html, item.body_line)]
        if isinstance(item, ReadingPath):
            bodies += [(b, s.line) for s in item.stops for b in (s.guide_html, *s.questions_html)]
        for body, first in bodies:
            for ref in body.refs:
                if ref.kind == "link" and ref.target not in site:
                    hint = did_you_mean(ref.target, site)
                    problems.append(problem("unknown-link", item.source, first + ref.line, url=ref.target, hint=hint))
    return problems


def _check_pin(essay: Essay, settings: Settings) -> list[Problem]:
    """The essay's words against its pinned text."""
    pin_path = settings.docs(settings.essay).parent / inventory.PIN_NAME
    source = settings.source(pin_path).rel
    text = pin_path.read_text(encoding="utf-8") if pin_path.is_file() and not pin_path.is_symlink() else None
    return pin.compare(essay, text, source)


def _published_stops(rp: ReadingPath, shown_notes: dict[str, Note]) -> ReadingPath:
    """A path without the stops at notes that this build does not publish (another course's)."""
    stops = tuple(s for s in rp.stops if s.target != "note" or s.ref in shown_notes)
    return rp if len(stops) == len(rp.stops) else dataclasses.replace(rp, stops=stops)


def _in_courses(course: str, settings: Settings) -> bool:
    """Whether content written for `course` is published (all is, unless the build selects courses)."""
    return not course or not settings.courses or course in settings.courses


def _texts(
    essay: Essay,
    note_map: dict[str, Note],
    term_map: dict[str, Term],
    path_map: dict[str, ReadingPath],
    page_texts: dict[str, Text],
) -> list[Text]:
    """Every text that may hold term or citation markup, in reading order."""
    out = [Text("essay", p.id, p.markup, p.source, p.line) for p in essay.paragraphs]
    out += [Text("note", n.id, n.body, n.source, n.body_line) for n in note_map.values()]
    out += [Text("term", t.id, t.body, t.source, t.body_line) for t in term_map.values()]
    for rp in path_map.values():
        out.append(Text("path", rp.id, rp.body, rp.source, rp.body_line))
        for stop in rp.stops:
            out.append(Text("path", rp.id, "\n".join([stop.guide, *stop.questions]), rp.source, stop.line))
    return out + list(page_texts.values())


def _check_pages(pages: list[str], settings: Settings) -> tuple[list[Problem], dict[str, Text]]:
    """The edition's own pages: readable text, and front matter of the declared fields only; with the
    text of each readable page, for its term and citation markup."""
    problems: list[Problem] = []
    texts: dict[str, Text] = {}
    for uri in pages:
        src = settings.source(settings.docs(uri))
        text, found = read_text(src.path, src.rel)
        problems += found
        if text is None:
            continue
        texts[uri] = Text("page", uri, text, src.rel, 1)
        doc, found = parse(text, src.rel, required=False)
        problems += found
        if doc is not None:
            problems += check(doc, PAGE_SCHEMA)[1]
    return problems, texts


def _check_stops(
    path_map: dict[str, ReadingPath],
    essay: Essay,
    note_map: dict[str, Note],
    term_map: dict[str, Term],
    work_map: Mapping[str, object],
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
