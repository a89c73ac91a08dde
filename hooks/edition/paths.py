"""Reading paths: guided routes through paragraphs, notes, terms and works (docs/paths/<path-id>.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import markup
from .frontmatter import Field, Item, read_item
from .problems import Problem, did_you_mean, problem
from .room import Body
from .safety import check_document, check_markdown
from .schema import check_value
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
MAX_MINUTES = 600

SCHEMA: dict[str, Field] = {
    "title": Field("plain", True, "the path's title", max_length=120),
    "summary": Field("plain", True, "one or two sentences for the index card", max_length=400),
    "audience": Field("choice", True, "who it is for", many=True, choices=tuple(AUDIENCES), unknown="unknown-audience"),
    "minutes": Field("number", False, "estimated time in minutes", low=1, high=MAX_MINUTES),
    "stops": Field("records", True, "the ordered stops: each names one paragraph, note, term or work", max_items=60),
    "course": Field("id", False, "the course this path was written for"),
}

# Each stop, field by field.
STOP_SCHEMA: dict[str, Field] = {
    "paragraph": Field("id", False, "a paragraph id of the essay"),
    "note": Field("id", False, "a note id"),
    "term": Field("id", False, "a glossary term id"),
    "work": Field("plain", False, "a work's key in bibliography/*.bib", max_length=100),
    "guide": Field("markdown", True, "what to read for here (Markdown)", max_length=2000),
    "questions": Field("markdown", False, "questions for discussion (Markdown)", many=True, max_length=1000),
}


@dataclass(frozen=True)
class Stop:
    """One step of a path."""

    target: str  # "paragraph", "note", "term" or "work"
    ref: str  # the id or key it names
    guide: str  # Markdown: what to do or look for here
    questions: tuple[str, ...]
    line: int
    guide_html: Body = field(compare=False)
    questions_html: tuple[Body, ...] = field(compare=False)


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
    doc, values, problems = read_item(src, SCHEMA, skip={"minutes", "audience"})
    if doc is None:
        return None, problems
    minutes_raw = doc.meta.get("minutes")
    pid = src.path.stem
    html, found = check_document(doc, src_uri, f"path-{pid}")
    problems += found
    minutes = 0.0
    if minutes_raw is not None:
        value, bad = check_value("minutes", SCHEMA["minutes"], minutes_raw)
        if bad is None:
            minutes = float(value)
        else:
            problems.append(problem("bad-minutes", src.rel, doc.line_of("minutes"), value=repr(minutes_raw)))
    audience: list[str] = []
    for aud in doc.meta.get("audience") or []:  # each unknown audience is reported, not only the first
        value, bad = check_value("audience", SCHEMA["audience"], aud)
        if bad is not None:
            problems.append(problem(bad.code, src.rel, doc.line_of("audience"), **bad.values))
        else:
            audience += value
    stops: list[Stop] = []
    raw_stops = values.values.get("stops")
    if "stops" in doc.meta and not raw_stops:
        problems.append(problem("empty-path", src.rel, doc.line_of("stops")))
    for n, raw in enumerate(raw_stops or [], start=1):
        line = doc.lines.get(f"stops[{n - 1}]", doc.line_of("stops"))
        stop, found = _stop(raw, n, line, src.rel, src_uri, f"path-{pid}-stop-{n}")  # ids unique on the page
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
            audience=tuple(audience),
            minutes=minutes,
            stops=tuple(stops),
            course=values.text("course"),
            body=doc.body,
            html=html,
            source=src.rel,
            line=1,
            body_line=doc.body_line,
            src_uri=src_uri,
            lines=doc.lines,
        ),
        problems,
    )


def _stop(raw: object, n: int, line: int, source: str, base: str, namespace: str) -> tuple[Stop | None, list[Problem]]:
    """One stop: exactly one target, a guide, optional questions."""

    def bad(reason: str) -> tuple[None, list[Problem]]:
        return None, [problem("bad-stop", source, line, n=n, reason=reason)]

    if not isinstance(raw, dict):
        return bad("must be a set of 'key: value' lines (paragraph:, guide:, questions:)")
    unknown = sorted(str(k) for k in raw if k not in STOP_SCHEMA)
    if unknown:
        return bad(f"has unknown field(s) {', '.join(unknown)}{did_you_mean(unknown[0], STOP_SCHEMA)}")
    named = [t for t in TARGETS if t in raw]
    if len(named) != 1:
        what = "nothing" if not named else " and ".join(named)
        return bad(f"names {what}: name exactly one of paragraph, note, term or work")
    if "guide" not in raw:
        return bad("needs a 'guide': a sentence or two on what to read for")
    values: dict[str, object] = {}
    for key, value in raw.items():
        normal, wrong = check_value(str(key), STOP_SCHEMA[str(key)], value)
        if wrong is not None:
            reason = {"bad-field-type": "has '{field}' that is not {expected}"}.get(wrong.code)
            if reason is None:  # too long, too many, control characters: the catalogue's own words
                return None, [problem(wrong.code, source, line, **wrong.values)]
            return bad(reason.format(**wrong.values))
        values[str(key)] = normal
    target = named[0]
    questions = values.get("questions", ())
    assert isinstance(questions, tuple)
    guide_html, problems = check_markdown(str(values["guide"]), source, line, base, namespace)
    questions_html = []
    for q in questions:
        q_html, found = check_markdown(q, source, line, base, namespace)
        questions_html.append(q_html)
        problems += found
    stop = Stop(target, str(values[target]), str(values["guide"]), questions, line, guide_html, tuple(questions_html))
    return stop, problems
