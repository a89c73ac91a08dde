"""Reading paths: guided routes through paragraphs, notes, terms and works (docs/paths/<path-id>.md)."""

from __future__ import annotations

from dataclasses import dataclass

from . import markup
from .frontmatter import Field, Item, read_item
from .problems import Problem, did_you_mean, one_of, problem
from .safety import check_document
from .sources import Source

# Who a path is written for (documented in CONTRIBUTING.md).
AUDIENCES: dict[str, str] = {
    "newcomers": "Newcomers",
    "undergraduate": "Undergraduate",
    "graduate": "Graduate",
    "organisers": "Organisers",
}

# What a stop can point to, in the order the message lists them.
TARGETS = ("paragraph", "note", "term", "work")
STOP_FIELDS = {*TARGETS, "guide", "questions"}

SCHEMA: dict[str, Field] = {
    "title": Field("str", True, "the path's title"),
    "summary": Field("str", True, "one or two sentences for the index card"),
    "audience": Field("str-list", True, "who it is for: " + ", ".join(AUDIENCES)),
    "minutes": Field("number", False, "estimated time in minutes, a positive number"),
    "stops": Field("list", True, "the ordered stops: each names one paragraph, note, term or work"),
    "course": Field("str", False, "the course this path was written for"),
}


@dataclass(frozen=True)
class Stop:
    """One step of a path."""

    target: str  # "paragraph", "note", "term" or "work"
    ref: str  # the id or key it names
    guide: str  # Markdown: what to do or look for here
    questions: tuple[str, ...]
    line: int


@dataclass(frozen=True, kw_only=True)
class ReadingPath(Item):
    """A reading path, as written in its file."""

    id: str
    title: str
    summary: str
    audience: tuple[str, ...]
    minutes: float
    stops: tuple[Stop, ...]
    course: str


def load_one(src: Source, src_uri: str) -> tuple[ReadingPath | None, list[Problem]]:
    """Parse and check one path file on its own (references are checked with the whole model)."""
    # `minutes` is checked here rather than by the schema, for a message that says what is wanted.
    doc, values, problems = read_item(src, SCHEMA, skip={"minutes"})
    if doc is None:
        return None, problems
    minutes_raw = doc.meta.get("minutes")
    pid = src.path.stem
    problems += check_document(doc)
    minutes = 0.0
    if minutes_raw is not None:
        if isinstance(minutes_raw, int | float) and not isinstance(minutes_raw, bool) and minutes_raw > 0:
            minutes = float(minutes_raw)
        else:
            problems.append(problem("bad-minutes", src.rel, doc.line_of("minutes"), value=repr(minutes_raw)))
    for aud in values.texts("audience"):
        if aud not in AUDIENCES:
            problems.append(
                problem(
                    "unknown-audience",
                    src.rel,
                    doc.line_of("audience"),
                    audience=aud,
                    hint=one_of(aud, AUDIENCES),
                )
            )
    stops: list[Stop] = []
    raw_stops = values.values.get("stops")
    if "stops" in doc.meta and not raw_stops:
        problems.append(problem("empty-path", src.rel, doc.line_of("stops")))
    for n, raw in enumerate(raw_stops or [], start=1):
        line = doc.lines.get(f"stops[{n - 1}]", doc.line_of("stops"))
        stop, found = _stop(raw, n, line, src.rel)
        problems += found
        if stop is not None:
            stops.append(stop)
    first_seen: dict[tuple[str, str], int] = {}
    for n, stop in enumerate(stops, start=1):
        key = (stop.target, stop.ref)
        if key in first_seen:
            problems.append(
                problem(
                    "duplicate-stop", src.rel, stop.line, n=n, first=first_seen[key], what=f"{stop.target} '{stop.ref}'"
                )
            )
        else:
            first_seen[key] = n
    if not markup.is_id(pid) or not stops:
        return None, problems
    return (
        ReadingPath(
            id=pid,
            title=values.text("title"),
            summary=values.text("summary"),
            audience=values.texts("audience"),
            minutes=minutes,
            stops=tuple(stops),
            course=values.text("course"),
            body=doc.body,
            source=src.rel,
            line=1,
            body_line=doc.body_line,
            src_uri=src_uri,
            lines=doc.lines,
        ),
        problems,
    )


def _stop(raw: object, n: int, line: int, source: str) -> tuple[Stop | None, list[Problem]]:
    """One stop: exactly one target, a guide, optional questions."""

    def bad(reason: str) -> tuple[None, list[Problem]]:
        return None, [problem("bad-stop", source, line, n=n, reason=reason)]

    if not isinstance(raw, dict):
        return bad("must be a set of 'key: value' lines (paragraph:, guide:, questions:)")
    unknown = sorted(str(k) for k in raw if k not in STOP_FIELDS)
    if unknown:
        return bad(f"has unknown field(s) {', '.join(unknown)}{did_you_mean(unknown[0], STOP_FIELDS)}")
    named = [t for t in TARGETS if t in raw]
    if len(named) != 1:
        what = "nothing" if not named else " and ".join(named)
        return bad(f"names {what}: name exactly one of paragraph, note, term or work")
    target = named[0]
    ref = raw[target]
    if not isinstance(ref, str) or not ref.strip():
        return bad(f"'{target}' must be an id")
    guide = raw.get("guide")
    if not isinstance(guide, str) or not guide.strip():
        return bad("needs a 'guide': a sentence or two on what to read for")
    questions = raw.get("questions") or []
    if isinstance(questions, str):
        questions = [questions]
    if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip() for q in questions):
        return bad("has 'questions' that are not a list of texts")
    return Stop(target, ref.strip(), guide.strip(), tuple(q.strip() for q in questions), line), []
