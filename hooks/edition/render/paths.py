"""Reading-path pages (introduction, stops with guides and questions, a printable handout) and their index."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import pages
from ..citations import Citations
from ..escaping import Markup
from ..notes import KINDS as NOTE_KINDS
from ..paths import AUDIENCES, ReadingPath, Stop
from . import downloads
from .attribution import address_line, attribution
from .commentary import opening
from .inline import WORKS_CITED, plain_label, term_uri
from .links import html_list, md_text, rel, sanitised
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from ..model import Edition
    from .inline import Inline

PATHS_INDEX = pages.PATHS_INDEX


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


def _preview(stop: Stop, edition: Edition, inline: Inline) -> tuple[str, Markup]:
    """(label as plain text, preview HTML) of what a stop points to; paragraphs also give their full text
    for print."""
    preview = Markup('<p class="dp-stop__preview">{}</p>')
    if stop.target == "paragraph":
        para = edition.essay.paragraph(stop.ref)
        assert para is not None
        screen = Markup('<p class="dp-screen-only dp-stop__preview">“{}”</p>').format(opening(para, 160))
        full = Markup('<p class="dp-print-only dp-stop__fulltext" data-search-exclude>{}</p>').format(para.text)
        return f"¶ {para.number}", screen + Markup("\n") + full
    if stop.target == "note":
        note = edition.notes[stop.ref]
        para = edition.essay.paragraph(note.paragraph)
        label = f"{NOTE_KINDS[note.kind].label} note on ¶ {para.number if para else '?'}"
        return label, preview.format(teaser(note, edition, 240))
    if stop.target == "term":
        term = edition.terms[stop.ref]
        return f"Glossary: {term.term}", preview.format(term.short)
    citations = inline.citations or Citations()
    label = plain_label(citations.labels.get(stop.ref, stop.ref))
    return f"Work: {label}", preview.format(sanitised(citations.reference_html(stop.ref)))


def path_renderer(rp: ReadingPath, edition: Edition) -> Callable[[Inline, str], str]:
    """What renders a path's page (its file's Markdown was read when the content was loaded)."""
    return lambda inline, source: path_page(rp, edition, inline)


def path_page(rp: ReadingPath, edition: Edition, inline: Inline) -> str:
    """A path's page: its introduction, then each stop with its guide, questions and a link to walk it.

    Headings and what contributors wrote (the introduction, guides, questions) are Markdown; the rest is
    HTML fragments.
    """
    audience = ", ".join(AUDIENCES.get(a, a) for a in rp.audience)
    facts = " · ".join(x for x in [f"For {audience.lower()}", _minutes(rp), f"{len(rp.stops)} stops"] if x)
    start = inline.href(*stop_target(rp.stops[0], edition))
    out = [
        f"# {md_text(rp.title)} {{: #title }}",
        inline.html(
            Markup('<p class="dp-path__facts">{}</p>\n<p class="dp-path__summary">{}</p>').format(facts, rp.summary)
        ),
        inline.html(
            attribution(edition, inline) + (downloads.handout(rp, inline) if edition.settings.downloads else "")
        ),
        inline.body(rp.html),
        inline.html(
            Markup(
                '<p><a class="md-button md-button--primary dp-path__start" data-step="1" href="{}">'
                "Start walking: step 1 of {}</a></p>\n"
                '<ol class="dp-stops" data-path="{}" data-title="{}">'
            ).format(start, len(rp.stops), rp.id, rp.title)
        ),
    ]
    for n, stop in enumerate(rp.stops, start=1):
        uri, anchor = stop_target(stop, edition)
        label, preview = _preview(stop, edition, inline)
        href = rel(rp.src_uri, uri, anchor)
        out += [
            inline.html(Markup('<li class="dp-stop" id="stop-{}">').format(n)),
            f'## Step {n}: [{md_text(label)}]({href}){{: .dp-stop__go data-step="{n}" }}',  # h2 under the h1
            inline.html(preview),
            inline.body(stop.guide_html, wrap="dp-stop__guide"),
        ]
        if stop.questions:
            items = Markup("\n").join(Markup("<li>{}</li>").format(inline.body_inline(q)) for q in stop.questions_html)
            out.append(
                inline.html(
                    Markup(
                        '<p class="dp-stop__qhead"><strong>Questions</strong></p>\n'
                        '<div class="dp-stop__questions"><ol>\n{}\n</ol></div>'
                    ).format(items)
                )
            )
        printed = address_line(inline, "dp-print-only dp-stop__url", uri, anchor)
        out.append(inline.html(printed + Markup("</li>")))
    out.append(inline.html(Markup("</ol>")))
    return "\n\n".join(out) + inline.definitions()


def paths_index(edition: Edition, inline: Inline) -> str:
    """Cards for every path: title, audience, time, number of stops, summary."""
    cards = []
    card = Markup('<p><strong><a href="{}">{}</a></strong></p>\n<p>{} · {} · {} stops ({} paragraphs)</p>\n<p>{}</p>')
    for rp in edition.paths.values():
        audience = ", ".join(AUDIENCES.get(a, a) for a in rp.audience)
        paras = sum(s.target == "paragraph" for s in rp.stops)
        when = _minutes(rp) or "untimed"
        cards.append(card.format(inline.href(rp.src_uri), rp.title, audience, when, len(rp.stops), paras, rp.summary))
    listing = (
        Markup('<div class="grid cards dp-path-cards">{}</div>').format(html_list(cards))
        if cards
        else Markup("<p>No reading paths yet.</p>")
    )
    return "\n\n".join(
        [
            "# Reading paths",
            "Guided routes through the essay for courses and reading groups. Open a path to see its stops, "
            "then walk it: a card above each stop gives its guide and questions, with the previous and next step "
            "(keys P and N).",
            inline.html(listing),
        ]
    )
