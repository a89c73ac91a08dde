"""The edition's own content meets its promises: coverage of every paragraph, glossary, works and paths."""

from __future__ import annotations

import re

import pytest
from edition import build
from edition.markup import find_citations, find_terms
from edition.model import Edition
from sitebuild import REPO


@pytest.fixture(scope="module")
def edition() -> Edition:
    current, problems = build.start(REPO / "mkdocs.yml")
    assert current is not None and problems == []
    return current.edition


def test_every_paragraph_has_at_least_two_notes(edition: Edition) -> None:
    """At least 2 notes on each of the 18 paragraphs, and at least 45 in all."""
    counts = {p.id: len(edition.notes_on(p.id)) for p in edition.essay.paragraphs}
    assert min(counts.values()) >= 2, counts
    assert len(edition.notes) >= 45


def test_notes_are_substantial_varied_and_cited(edition: Edition) -> None:
    """Each note has 60+ words; all six kinds are used; 10+ are questions; 70%+ cite a work."""
    for note in edition.notes.values():
        words = len(re.findall(r"\w+", note.body))
        assert words >= 60, f"{note.source}: {words} words"
    kinds = [n.kind for n in edition.notes.values()]
    assert set(kinds) == {"context", "history", "argument", "critique", "connection", "question"}
    assert kinds.count("question") >= 10
    citing = sum(bool(find_citations(n.body)) for n in edition.notes.values())
    assert citing / len(edition.notes) >= 0.7
    assert all(n.authors == ("editors",) for n in edition.notes.values()), "the project's notes are the editors'"


def test_glossary_covers_the_essay(edition: Edition) -> None:
    """40+ entries, and 25+ distinct terms marked in the essay itself."""
    assert len(edition.terms) >= 40
    marked = {ref.id for p in edition.essay.paragraphs for ref in find_terms(p.markup)}
    assert len(marked) >= 25


def test_works_are_dated_and_all_cited(edition: Edition) -> None:
    """35+ works, each with a year, each cited at least once."""
    assert len(edition.works) >= 35
    for work in edition.works.values():
        assert re.match(r"^\d{4}$", work.year), work.key
        assert edition.work_uses(work.key), work.key


def test_the_works_each_text_cites_are_indexed_as_cited(edition: Edition) -> None:
    """The index behind a term page's works (`works_cited_by`, built once) gives, for every text that cites,
    what a scan of every citation gives, in the same order; terms are among the texts that cite."""
    uses = edition.uses.works
    citing = {(use.owner_kind, use.owner) for found in uses.values() for use in found}
    assert any(kind == "term" for kind, _ in citing)
    for owner in citing:
        scanned = [key for key, found in uses.items() if any((u.owner_kind, u.owner) == owner for u in found)]
        assert edition.works_cited_by(*owner) == scanned, owner
    assert edition.works_cited_by("term", "no-such-term") == []


def test_reading_paths_are_real_routes(edition: Edition) -> None:
    """4+ paths, each with 6+ stops of which 5+ are paragraphs, and with questions."""
    assert len(edition.paths) >= 4
    for path in edition.paths.values():
        assert len(path.stops) >= 6, path.id
        assert sum(s.target == "paragraph" for s in path.stops) >= 5, path.id
        assert any(s.questions for s in path.stops), path.id
