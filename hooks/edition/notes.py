"""Commentary notes: one Markdown file per note under docs/notes/<paragraph-id>/<note-id>.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import anchoring, markup
from .anchoring import Candidate
from .contributors import Contributor
from .essay import Essay, Paragraph
from .frontmatter import Field, Item, read_item
from .problems import Problem, did_you_mean, problem
from .retired import Retired
from .safety import check_document
from .schema import check_mapping
from .sources import Source


@dataclass(frozen=True)
class Kind:
    """A kind of note: its label and the W3C Web Annotation motivation it maps to."""

    label: str
    motivation: str
    doc: str


# The fixed list of kinds a note may have (documented in CONTRIBUTING.md).
KINDS: dict[str, Kind] = {
    "context": Kind("Context", "describing", "background a reader needs: who, when, what was meant"),
    "history": Kind("History", "describing", "the history behind a claim or an example"),
    "argument": Kind("Argument", "commenting", "reconstructs or extends the essay's reasoning"),
    "critique": Kind("Critique", "assessing", "a reasoned objection, or the other side's best case"),
    "connection": Kind("Connection", "linking", "links the passage to other texts, debates or cases"),
    "question": Kind("Question", "questioning", "a discussion question for a course, with guidance"),
}

# A withdrawn note keeps its permalink, which says when and why; it leaves the essay's margin.
WITHDRAWN: dict[str, Field] = {
    "date": Field("date", True, "when the note was withdrawn"),
    "reason": Field("plain", True, "why, in a sentence readers see where the note was", max_length=300),
}

# The front matter of a note, field by field.
SCHEMA: dict[str, Field] = {
    "paragraph": Field("id", True, "the paragraph id (or a list of ids) the note is about", many=True, max_items=5),
    "quote": Field("plain", False, "an exact phrase of that paragraph the note is about", max_length=600),
    "prefix": Field("plain", False, "the words just before the quote, when it occurs more than once"),
    "suffix": Field("plain", False, "the words just after the quote, when it occurs more than once"),
    "authors": Field("id", True, "contributor ids from docs/contributors.yml", many=True, max_items=10),
    "date": Field("date", True, "when the note was written, ISO 8601 (2026-11-25)"),
    "kind": Field("choice", True, "what the note does", choices=tuple(KINDS), unknown="unknown-kind"),
    "tags": Field("id", False, "lower-case topic tags, like 'russian-revolution'", many=True, max_items=10),
    "replies_to": Field("id", False, "the id of the note this one answers"),
    "course": Field("id", False, "the course this note was written for (see extra.edition.courses)"),
    "withdrawn": Field(
        "record", False, "set when the note is withdrawn: its permalink then says when and why", records=WITHDRAWN
    ),
}


@dataclass(frozen=True)
class Withdrawal:
    """When and why a note was withdrawn."""

    date: dt.date
    reason: str


@dataclass(frozen=True, kw_only=True)
class Note(Item):
    """One commentary note, as written in its file."""

    id: str
    paragraphs: tuple[str, ...]
    quote: str
    prefix: str
    suffix: str
    authors: tuple[str, ...]
    date: dt.date
    kind: str
    tags: tuple[str, ...]
    replies_to: str
    course: str
    withdrawn: Withdrawal | None = None

    @property
    def paragraph(self) -> str:
        """The first (usually only) paragraph the note is about."""
        return self.paragraphs[0]


def load_one(src: Source, src_uri: str) -> tuple[Note | None, list[Problem]]:
    """Parse and schema-check one note file."""
    doc, values, problems = read_item(src, SCHEMA)
    if doc is None:
        return None, problems
    nid = src.path.stem
    if not doc.body.strip():
        problems.append(problem("empty-body", src.rel, doc.body_line))
    html, found = check_document(doc, src_uri, f"note-{nid}")
    problems += found
    kind = values.text("kind")
    for affix in ("prefix", "suffix"):
        if affix in values.values and "quote" not in values.values:
            problems.append(problem("affix-without-quote", src.rel, doc.line_of(affix), field=affix))
    withdrawn = None
    if isinstance(values.values.get("withdrawn"), dict):
        line = doc.line_of("withdrawn")

        def report(code: str, key: str, found: dict[str, object]) -> None:
            if "field" in found:
                found = {**found, "field": f"withdrawn.{found['field']}"}
            problems.append(problem(code, src.rel, line, **found))

        fields = check_mapping(values.values["withdrawn"], WITHDRAWN, report)
        if "date" in fields.values and "reason" in fields.values:
            withdrawn = Withdrawal(fields.values["date"], fields.text("reason"))
    if not values.texts("paragraph") or not markup.is_id(nid):
        return None, problems
    # Other problems do not stop the note from being checked against the rest: one run shows them all.
    note = Note(
        id=nid,
        paragraphs=values.texts("paragraph"),
        quote=values.text("quote"),
        prefix=str(doc.meta.get("prefix", "")) if "prefix" in values.values else "",  # spaces matter here
        suffix=str(doc.meta.get("suffix", "")) if "suffix" in values.values else "",
        authors=values.texts("authors"),
        date=values.values.get("date", dt.date(1970, 1, 1)),
        kind=kind,
        tags=values.texts("tags"),
        replies_to=values.text("replies_to"),
        course=values.text("course"),
        withdrawn=withdrawn,
        body=doc.body,
        html=html,
        source=src.rel,
        line=1,
        body_line=doc.body_line,
        src_uri=src_uri,
        lines=doc.lines,
    )
    return note, problems


def validate(
    notes: list[Note],
    essay: Essay,
    contributors: dict[str, Contributor],
    retired: dict[str, Retired] | None = None,
) -> list[Problem]:
    """Check notes against the essay, the contributors and each other (ids, replies, quotes)."""
    problems: list[Problem] = []
    retired = retired or {}
    para_ids = [p.id for p in essay.paragraphs]
    by_id: dict[str, Note] = {}
    for note in notes:
        where = note.lines
        if note.id in by_id:
            problems.append(
                problem("duplicate-id", note.source, 1, kind="note", id=note.id, other=f"{by_id[note.id].source}:1")
            )
            continue
        by_id[note.id] = note
        for pid in note.paragraphs:
            if pid in retired and essay.paragraph(pid) is None:
                problems.append(_retired(note, pid, essay, retired))
            elif essay.paragraph(pid) is None:
                problems.append(
                    problem(
                        "unknown-paragraph",
                        note.source,
                        where.get("paragraph", 1),
                        id=pid,
                        hint=did_you_mean(pid, para_ids),
                    )
                )
        folder = Path(note.src_uri).parent.name
        if essay.paragraph(note.paragraph) is not None and folder != note.paragraph:
            problems.append(
                problem(
                    "wrong-folder",
                    note.source,
                    where.get("paragraph", 1),
                    folder=folder,
                    id=note.paragraph,
                    expected=f"{Path(note.source).parent.parent.as_posix()}/{note.paragraph}/",
                )
            )
        for author in note.authors:
            if author not in contributors:
                problems.append(
                    problem(
                        "unknown-author",
                        note.source,
                        where.get("authors", 1),
                        id=author,
                        hint=did_you_mean(author, contributors),
                    )
                )
        if note.quote and note.withdrawn is None:  # a withdrawn note's words are history: never highlighted
            problems += _check_quote(note, essay, where)
    for note in by_id.values():
        if note.replies_to:
            line = note.lines.get("replies_to", 1)
            if note.replies_to not in by_id:
                problems.append(
                    problem(
                        "unknown-note", note.source, line, id=note.replies_to, hint=did_you_mean(note.replies_to, by_id)
                    )
                )
            else:
                chain = _reply_chain(note, by_id)
                if chain:
                    problems.append(problem("circular-reply", note.source, line, chain=" → ".join(chain)))
    return problems


def fixes(note: Note, essay: Essay, retired: dict[str, Retired]) -> list[Candidate]:
    """Where the note could be anchored now, best first: for a quote, the passages most like it (its own
    paragraph, or its successor, first on a near tie); without one, the successor of its retired paragraph."""
    home = [retired[p].successor if p in retired and essay.paragraph(p) is None else p for p in note.paragraphs]
    if note.quote:
        return anchoring.candidates(essay, note.quote, note.prefix, note.suffix, home)
    para = essay.paragraph(home[0])
    return [Candidate(para.id, para.number, "", "", "", 1.0)] if para is not None else []


def _action(best: Candidate) -> str:
    if best.score >= anchoring.THRESHOLD:
        return "run `make reanchor` to take it"
    least = f"{anchoring.THRESHOLD:.0%}"
    return f"check it and edit the note by hand (`make reanchor` takes only matches at least {least} alike)"


def _retired(note: Note, pid: str, essay: Essay, retired: dict[str, Retired]) -> Problem:
    """A note on a paragraph that a correction retired: where its words are now."""
    entry = retired[pid]
    new = essay.paragraph(entry.successor)
    found = fixes(note, essay, retired) if new is not None else []
    suggestion = ""
    if found and note.quote:
        best = found[0]
        moved = "" if best.paragraph == entry.successor else f" (in '{best.paragraph}', ¶ {best.number})"
        suggestion = f"; the closest passage is {best.describe()}{moved}, {best.score:.0%} alike"
    action = _action(found[0]) if found else "name another paragraph by hand"
    return problem(
        "retired-paragraph",
        note.source,
        note.lines.get("paragraph", 1),
        id=pid,
        where=f"{entry.source}:{entry.line}",
        successor=entry.successor,
        number=new.number if new else "?",
        suggestion=suggestion,
        action=action,
    )


def _check_quote(note: Note, essay: Essay, where: dict[str, int]) -> list[Problem]:
    if len(note.paragraphs) > 1:
        return [problem("quote-multi-paragraph", note.source, where.get("quote", 1), count=len(note.paragraphs))]
    para = essay.paragraph(note.paragraph)
    if para is None:
        return []
    found = quote_positions(para, note.quote, note.prefix, note.suffix)
    line = where.get("quote", 1)
    if not found:
        hint = ""
        if _fold(note.quote) in _fold(para.text) and note.quote not in para.text:
            hint = ": check the quotation marks, apostrophes and dashes (“ ” ’ —)"
        elif best := anchoring.candidates(essay, note.quote, note.prefix, note.suffix, [para.id])[:1]:
            moved = "" if best[0].paragraph == para.id else f" in paragraph '{best[0].paragraph}' (¶ {best[0].number})"
            suggestion, score, action = best[0].describe(), f"{best[0].score:.0%}".rstrip("%"), _action(best[0])
            return [
                problem(
                    "stale-quote",
                    note.source,
                    line,
                    quote=note.quote,
                    id=para.id,
                    number=para.number,
                    suggestion=suggestion,
                    where=moved,
                    score=score,
                    action=action,
                )
            ]
        return [
            problem("quote-not-found", note.source, line, quote=note.quote, id=para.id, number=para.number, hint=hint)
        ]
    if len(found) > 1:
        return [
            problem(
                "quote-ambiguous", note.source, line, quote=note.quote, count=len(found), id=para.id, number=para.number
            )
        ]
    return []


def _fold(text: str) -> str:
    """Text with typographic quotes and dashes made plain, to explain a near miss."""
    table: dict[str, str | int | None] = {"“": '"', "”": '"', "’": "'", "‘": "'", "—": "-", "–": "-"}
    return text.translate(str.maketrans(table)).lower()


def quote_positions(para: Paragraph, quote: str, prefix: str = "", suffix: str = "") -> list[int]:
    """Start offsets (in the paragraph's plain text) where the quote occurs with its prefix and suffix."""
    text, out, start = para.text, [], 0
    while (pos := text.find(quote, start)) >= 0:
        start = pos + 1
        if prefix and not text[:pos].endswith(prefix):
            continue
        if suffix and not text[pos + len(quote) :].startswith(suffix):
            continue
        out.append(pos)
    return out


def _reply_chain(note: Note, by_id: dict[str, Note]) -> list[str]:
    """The ids around a cycle that `note` starts, or an empty list if its replies end."""
    seen = [note.id]
    current = note
    while current.replies_to and current.replies_to in by_id:
        nxt = current.replies_to
        if nxt == note.id:
            return [*seen, nxt]
        if nxt in seen:
            return []  # a cycle further up; it is reported at a note that is part of it
        seen.append(nxt)
        current = by_id[nxt]
    return []
