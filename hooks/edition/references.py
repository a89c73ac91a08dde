"""Cross-references: every marked term and citation in every text, checked and turned into backlinks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import markup
from .problems import Problem, did_you_mean, problem


@dataclass(frozen=True)
class Text:
    """A piece of Markdown with our markup, and where it came from."""

    owner_kind: str  # "essay", "note", "term", "path", "page"
    owner: str  # paragraph id, note id, term id, path id or page src_uri
    text: str
    source: str
    line: int  # the file line of the text's first line


@dataclass(frozen=True)
class Use:
    """One place that marks a term or cites a work."""

    owner_kind: str
    owner: str
    source: str
    line: int
    start: int = 0  # offset of the markup in its text (for keyword-in-context lines)


@dataclass
class Uses:
    """Who marks each term and cites each work, in reading order."""

    terms: dict[str, list[Use]] = field(default_factory=lambda: defaultdict(list))
    works: dict[str, list[Use]] = field(default_factory=lambda: defaultdict(list))


def check(
    texts: Iterable[Text], term_ids: Mapping[str, object], work_keys: Mapping[str, object]
) -> tuple[Uses, list[Problem]]:
    """Check every term and citation reference; collect the uses of each term and work."""
    uses = Uses()
    problems: list[Problem] = []
    for t in texts:
        for ref in markup.find_terms(t.text):
            line = t.line + ref.line
            if ref.id not in term_ids:
                problems.append(problem("unknown-term", t.source, line, id=ref.id, hint=did_you_mean(ref.id, term_ids)))
            else:
                uses.terms[ref.id].append(Use(t.owner_kind, t.owner, t.source, line, ref.start))
        for cite in markup.find_citations(t.text):
            line = t.line + cite.line
            for key in cite.keys:
                if key not in work_keys:
                    problems.append(problem("unknown-work", t.source, line, id=key, hint=did_you_mean(key, work_keys)))
                else:
                    uses.works[key].append(Use(t.owner_kind, t.owner, t.source, line, cite.start))
    return uses, problems
