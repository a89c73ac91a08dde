"""Reading-path pages (introduction, stops with guides and questions, a printable handout) and their index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..notes import KINDS as NOTE_KINDS
from ..paths import AUDIENCES, ReadingPath, Stop
from .bibliography import _absolute
from .commentary import opening
from .inline import WORKS_CITED, term_uri
from .links import attr, rel, text
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from ..model import Edition
    from .inline import Inline

PATHS_INDEX = "paths/index.md"


def _minutes(rp: ReadingPath) -> str:
    return f"{rp.minutes:g} minutes" if rp.minutes else ""


def stop_target(stop: Stop, edition: Edition) -> tuple[str, str]:
    """(src_uri, anchor) of the page a stop lands on."""
    if stop.target == "paragraph":
        return edition.settings.essay, stop.ref
    if stop.target == "note":
        note = edition.notes[stop.ref]
        return para_page_uri(note.paragraph), note_anchor(note.id)
    if stop.target == "term":
        return term_uri(stop.ref), ""
    return WORKS_CITED, f"ref-{stop.ref}"


def _preview(stop: Stop, edition: Edition, inline: Inline) -> tuple[str, str]:
    """(label, preview Markdown) of what a stop points to; paragraphs also give their full text for print."""
    if stop.target == "paragraph":
        para = edition.essay.paragraph(stop.ref)
        assert para is not None
        label = f"¶ {para.number}"
        screen = f"“{text(opening(para, 160))}”"
        full = "\n".join(["", text(para.text), "{: .dp-print-only .dp-stop__fulltext }", ""])
        return label, "\n".join([screen, "{: .dp-screen-only .dp-stop__preview }", full])
    if stop.target == "note":
        note = edition.notes[stop.ref]
        para = edition.essay.paragraph(note.paragraph)
        label = f"{NOTE_KINDS[note.kind].label} note on ¶ {para.number if para else '?'}"
        return label, text(teaser(note, edition, 240)) + "\n{: .dp-stop__preview }"
    if stop.target == "term":
        term = edition.terms[stop.ref]
        return f"Glossary: {text(term.term)}", text(term.short) + "\n{: .dp-stop__preview }"
    ref = inline.citations.reference(stop.ref) if inline.citations else stop.ref
    label = inline.citations.labels.get(stop.ref, stop.ref) if inline.citations else stop.ref
    return f"Work: {label}", ref + "\n{: .dp-stop__preview }"


def path_page(rp: ReadingPath, edition: Edition, inline: Inline) -> str:
    """A path's page: its introduction, then each stop with its guide, questions and a link to walk it."""
    here = rp.src_uri
    audience = ", ".join(AUDIENCES.get(a, a) for a in rp.audience)
    facts = " · ".join(x for x in [f"For {audience.lower()}", _minutes(rp), f"{len(rp.stops)} stops"] if x)
    first_uri, first_anchor = stop_target(rp.stops[0], edition)
    out = [
        f"# {text(rp.title)}",
        "",
        facts,
        "{: .dp-path__facts }",
        "",
        text(rp.summary),
        "{: .dp-path__summary }",
        "",
        inline.render(rp.body.strip()),
        "",
        f"[Start walking: step 1 of {len(rp.stops)}]({rel(here, first_uri, first_anchor)})"
        '{: .md-button .md-button--primary .dp-path__start data-step="1" }',
        "",
        f'<ol class="dp-stops" data-path="{attr(rp.id)}" data-title="{attr(rp.title)}" markdown>',
        "",
    ]
    for n, stop in enumerate(rp.stops, start=1):
        uri, anchor = stop_target(stop, edition)
        label, preview = _preview(stop, edition, inline)
        href = rel(here, uri, anchor)
        url = _absolute(edition, uri, anchor)
        questions = [f"1. {inline.render(q)}" for q in stop.questions]
        out += [
            f'<li class="dp-stop" id="stop-{n}" markdown="block">',
            "",
            f'### Step {n}: [{label}]({href}){{: .dp-stop__go data-step="{n}" }}',
            "",
            preview,
            "",
            inline.render(stop.guide),
            "{: .dp-stop__guide }",
            "",
        ]
        if questions:
            out += ["**Questions**", "{: .dp-stop__qhead }", "", *questions, "{: .dp-stop__questions }", ""]
        if url:
            out += [f'<span class="dp-print-only dp-stop__url">{text(url)}</span>', ""]
        out += ["</li>", ""]
    out += ["</ol>", ""]
    return "\n".join(out) + inline.definitions()


def paths_index(edition: Edition) -> str:
    """Cards for every path: title, audience, time, number of stops, summary."""
    here = PATHS_INDEX
    out = [
        "# Reading paths",
        "",
        "Guided routes through the essay for courses and reading groups. Open a path to see its stops, then "
        "walk it: a bar at the top of each page shows where you are, with the previous and next step.",
        "",
        '<div class="grid cards dp-path-cards" markdown>',
        "",
    ]
    for rp in edition.paths.values():
        audience = ", ".join(AUDIENCES.get(a, a) for a in rp.audience)
        paras = sum(s.target == "paragraph" for s in rp.stops)
        out += [
            f"-   **[{text(rp.title)}]({rel(here, rp.src_uri)})**",
            "",
            f"    {audience} · {_minutes(rp) or 'untimed'} · {len(rp.stops)} stops ({paras} paragraphs)",
            "",
            f"    {text(rp.summary)}",
            "",
        ]
    if not edition.paths:
        out.append("No reading paths yet.")
    out += ["</div>", ""]
    return "\n".join(out)
