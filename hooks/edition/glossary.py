"""The glossary: one Markdown file per term under docs/glossary/<term-id>.md."""

from __future__ import annotations

from dataclasses import dataclass

from . import markup
from .frontmatter import Field, Item, read_item
from .problems import Problem, did_you_mean, problem
from .safety import check_document
from .sources import Source

SHORT_LIMIT = 200

# The kinds of term: (label, plural label).
KINDS: dict[str, tuple[str, str]] = {
    "concept": ("Concept", "Concepts"),
    "person": ("Person", "People"),
    "organisation": ("Organisation", "Organisations"),
    "event": ("Event", "Events"),
    "place": ("Place", "Places"),
    "work": ("Work", "Works"),
}

SCHEMA: dict[str, Field] = {
    "term": Field("plain", True, "the term as displayed", max_length=80),
    "aliases": Field("plain", False, "other forms of the term used in the texts", many=True, max_length=80),
    "kind": Field("choice", True, "what the term names", choices=tuple(KINDS), unknown="unknown-kind"),
    # `short` has its own length check below, for a message that says what to do.
    "short": Field(
        "plain", True, f"a one-sentence definition, at most {SHORT_LIMIT} characters (tooltips)", max_length=2000
    ),
    "related": Field("id", False, "ids of related terms", many=True),
}


@dataclass(frozen=True, kw_only=True)
class Term(Item):
    """One glossary entry, as written in its file."""

    id: str
    term: str
    aliases: tuple[str, ...]
    kind: str
    short: str
    related: tuple[str, ...]


def load_one(src: Source, src_uri: str) -> tuple[Term | None, list[Problem]]:
    """Parse and schema-check one term file."""
    doc, values, problems = read_item(src, SCHEMA)
    if doc is None:
        return None, problems
    tid = src.path.stem
    html, found = check_document(doc, src_uri, f"term-{tid}")
    problems += found
    if not doc.body.strip():
        problems.append(problem("empty-body", src.rel, doc.body_line))
    kind = values.text("kind")
    short = " ".join(values.text("short").split())
    if len(short) > SHORT_LIMIT:
        problems.append(problem("short-too-long", src.rel, doc.line_of("short"), length=len(short), limit=SHORT_LIMIT))
    if not markup.is_id(tid) or not values.text("term"):
        return None, problems
    term = Term(
        id=tid,
        term=values.text("term"),
        aliases=values.texts("aliases"),
        kind=kind,
        short=short,
        related=values.texts("related"),
        body=doc.body,
        html=html,
        source=src.rel,
        line=1,
        body_line=doc.body_line,
        src_uri=src_uri,
        lines=doc.lines,
    )
    return term, problems


def validate(terms: list[Term]) -> list[Problem]:
    """Check terms against each other: duplicates, aliases claimed twice, related terms."""
    problems: list[Problem] = []
    names: dict[str, Term] = {}
    for t in terms:
        key = t.term.casefold()
        if key in names:
            problems.append(
                problem(
                    "duplicate-term",
                    t.source,
                    t.lines.get("term", 1),
                    term=t.term,
                    other=f"{names[key].source}:{names[key].lines.get('term', 1)}",
                )
            )
        else:
            names[key] = t
    claimed: dict[str, Term] = {}
    for t in terms:
        for alias in t.aliases:
            key = alias.casefold()
            owner = claimed.get(key) or (names.get(key) if names.get(key) is not t else None)
            if owner is not None and owner is not t:
                problems.append(
                    problem(
                        "duplicate-alias",
                        t.source,
                        t.lines.get("aliases", 1),
                        alias=alias,
                        other=owner.id,
                        where=f"{owner.source}:{owner.lines.get('aliases', owner.lines.get('term', 1))}",
                    )
                )
            else:
                claimed[key] = t
    ids = {t.id for t in terms}
    for t in terms:
        line = t.lines.get("related", 1)
        for rid in t.related:
            if rid == t.id:
                problems.append(problem("self-related", t.source, line, id=t.id))
            elif rid not in ids:
                problems.append(problem("unknown-term", t.source, line, id=rid, hint=did_you_mean(rid, ids)))
    return problems


def related_both_ways(terms: dict[str, Term]) -> dict[str, list[str]]:
    """Each term's related terms, including those that name it without being named back, sorted by name."""
    out: dict[str, set[str]] = {tid: set() for tid in terms}
    for t in terms.values():
        for rid in t.related:
            if rid in terms and rid != t.id:
                out[t.id].add(rid)
                out[rid].add(t.id)
    return {tid: sorted(rel, key=lambda r: terms[r].term.casefold()) for tid, rel in out.items()}
