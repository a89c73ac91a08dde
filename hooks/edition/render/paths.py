"""Reading-path pages (introduction, stops with guides and questions, a printable handout) and their index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import inventory
from ..citations import Citations
from ..notes import KINDS as NOTE_KINDS
from ..paths import AUDIENCES, ReadingPath, Stop
from .bibliography import _absolute
from .commentary import opening
from .inline import WORKS_CITED, term_uri
from .links import attr, html_list, md_text, rel, text
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from ..model import Edition
    from .inline import Inline

PATHS_INDEX = inventory.PATHS_INDEX


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
    """(label, preview HTML) of what a stop points to; paragraphs also give their full text for print."""
    if stop.target == "paragraph":
        para = edition.essay.paragraph(stop.ref)
        assert para is not None
        screen = f'<p class="dp-screen-only dp-stop__preview">“{text(opening(para, 160))}”</p>'
        full = f'<p class="dp-print-only dp-stop__fulltext">{text(para.text)}</p>'
        return f"¶ {para.number}", screen + "\n" + full
    if stop.target == "note":
        note = edition.notes[stop.ref]
        para = edition.essay.paragraph(note.paragraph)
        label = f"{NOTE_KINDS[note.kind].label} note on ¶ {para.number if para else '?'}"
        return label, f'<p class="dp-stop__preview">{text(teaser(note, edition, 240))}</p>'
    if stop.target == "term":
        term = edition.terms[stop.ref]
        return f"Glossary: {text(term.term)}", f'<p class="dp-stop__preview">{text(term.short)}</p>'
    citations = inline.citations or Citations()
    label = citations.labels.get(stop.ref, stop.ref)
    return f"Work: {text(label)}", f'<p class="dp-stop__preview">{citations.reference_html(stop.ref)}</p>'


def path_page(rp: ReadingPath, edition: Edition, inline: Inline) -> str:
    """A path's page: its introduction, then each stop with its guide, questions and a link to walk it.

    Headings and what contributors wrote (the introduction, guides, questions) are Markdown; the rest is
    HTML fragments.
    """
    audience = ", ".join(AUDIENCES.get(a, a) for a in rp.audience)
    facts = " · ".join(x for x in [f"For {audience.lower()}", _minutes(rp), f"{len(rp.stops)} stops"] if x)
    start = attr(inline.href(*stop_target(rp.stops[0], edition)))
    out = [
        f"# {md_text(rp.title)}",
        inline.html(f'<p class="dp-path__facts">{facts}</p>\n<p class="dp-path__summary">{text(rp.summary)}</p>'),
        inline.body(rp.html),
        inline.html(
            f'<p><a class="md-button md-button--primary dp-path__start" data-step="1" href="{start}">'
            f"Start walking: step 1 of {len(rp.stops)}</a></p>\n"
            f'<ol class="dp-stops" data-path="{attr(rp.id)}" data-title="{attr(rp.title)}">'
        ),
    ]
    for n, stop in enumerate(rp.stops, start=1):
        uri, anchor = stop_target(stop, edition)
        label, preview = _preview(stop, edition, inline)
        href = rel(rp.src_uri, uri, anchor)
        out += [
            inline.html(f'<li class="dp-stop" id="stop-{n}">'),
            f'### Step {n}: [{md_text(label)}]({href}){{: .dp-stop__go data-step="{n}" }}',
            inline.html(preview),
            inline.body(stop.guide_html, wrap="dp-stop__guide"),
        ]
        if stop.questions:
            items = "\n".join(f"<li>{inline.body_inline(q)}</li>" for q in stop.questions_html)
            out.append(
                inline.html(
                    '<p class="dp-stop__qhead"><strong>Questions</strong></p>\n'
                    f'<div class="dp-stop__questions"><ol>\n{items}\n</ol></div>'
                )
            )
        url = _absolute(edition, uri, anchor)
        out.append(inline.html((f'<p class="dp-print-only dp-stop__url">{text(url)}</p>' if url else "") + "</li>"))
    out.append(inline.html("</ol>"))
    return "\n\n".join(out) + inline.definitions()


def paths_index(edition: Edition, inline: Inline) -> str:
    """Cards for every path: title, audience, time, number of stops, summary."""
    cards = []
    for rp in edition.paths.values():
        audience = ", ".join(AUDIENCES.get(a, a) for a in rp.audience)
        paras = sum(s.target == "paragraph" for s in rp.stops)
        cards.append(
            f'<p><strong><a href="{attr(inline.href(rp.src_uri))}">{text(rp.title)}</a></strong></p>\n'
            f"<p>{audience} · {_minutes(rp) or 'untimed'} · {len(rp.stops)} stops ({paras} paragraphs)</p>\n"
            f"<p>{text(rp.summary)}</p>"
        )
    listing = (
        f'<div class="grid cards dp-path-cards">{html_list(cards)}</div>' if cards else "<p>No reading paths yet.</p>"
    )
    return "\n\n".join(
        [
            "# Reading paths",
            "Guided routes through the essay for courses and reading groups. Open a path to see its stops, "
            "then walk it: a bar at the top of each page shows where you are, with the previous and next step.",
            inline.html(listing),
        ]
    )
