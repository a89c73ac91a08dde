"""A reading path as a handout to print: whose text it is and where it lives, then every stop whole.

A handout leaves the edition behind: it carries the attribution a printed page needs (author, source,
licence, the edition and the path's address), and the full text of every stop (the paragraph, the note
with its replies, the glossary entry, the work's reference) beside its guide and questions. Its citations
lead to its own short list of works cited; a link to anything else leads to the site, or nowhere.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import pages
from ..escaping import Markup
from ..glossary import KINDS as TERM_KINDS
from ..paths import ReadingPath, Stop
from ..render.attribution import essay_source
from .content import Book, ident
from .sections import guide, note_head, note_text, path_facts, questions, stop_label

if TYPE_CHECKING:
    from ..citations import Citations
    from ..model import Edition
    from ..notes import Note
    from ..room import Body
    from . import Options


class Handout(Book):
    """The edition as one path's handout holds it: the path's stops, and the works they cite.

    A path is its author's sequence: its handout keeps every stop, whatever kinds of note a build of the
    books chooses (those choose what the edition's PDF and EPUB hold)."""

    def __init__(
        self, edition: Edition, citations: Citations, urls: Mapping[str, str], options: Options, rp: ReadingPath
    ) -> None:
        super().__init__(edition, citations, urls, dataclasses.replace(options, kinds=()))
        self.path = rp
        self.stop_ids = {(s.target, s.ref): f"stop-{n}" for n, s in enumerate(self.path.stops, start=1)}

    def replies(self, note: Note) -> list[Note]:
        """The replies shown under `note`: those the path does not stop at itself (each text once, at its own
        stop: shown twice, its headings' anchors would be defined twice)."""
        return [r for r in super().replies(note) if ("note", r.id) not in self.stop_ids]

    def inside(self, src_uri: str, anchor: str = "") -> str:
        """The stop that shows what a link leads to, or the handout's works cited; else "" (the site)."""
        found = super().inside(src_uri, anchor)
        kind, _, ident = found.partition("-")
        target = {"para": "paragraph", "note": "note", "term": "term"}.get(kind)
        if target and (target, ident) in self.stop_ids:
            return self.stop_ids[target, ident]
        return found if kind == "ref" and ident in self.cited else ""

    @functools.cached_property
    def cited(self) -> list[str]:
        """The works the handout cites or stops at, in the edition's order."""
        keys = {s.ref for s in self.path.stops if s.target == "work"}
        for body in self._bodies():
            keys |= {k for ref in body.refs if ref.kind == "cite" and ref.cite for k in ref.cite.keys}
        return [key for key in self.edition.works if key in keys]

    def _bodies(self) -> list[Body]:
        """Every contributed text the handout shows."""
        out = [self.path.html]
        for stop in self.path.stops:
            out += [stop.guide_html, *stop.questions_html]
            if stop.target == "note":
                thread = [self.edition.notes[stop.ref]]
                while thread:
                    note = thread.pop(0)
                    out.append(note.html)
                    thread += self.replies(note)
            elif stop.target == "term":
                out.append(self.edition.terms[stop.ref].html)
        return out


def attribution(handout: Handout) -> Markup:
    """Author, source, licence, this edition and the path's address (as far as each is known)."""
    edition = handout.edition
    settings = edition.settings
    author, source = essay_source(edition)
    line = Markup("<p><strong>{}:</strong> {}</p>")
    lines = [line.format("Author", author)] if author else []
    if source:
        lines.append(line.format("Source", source))
    if settings.copyright:
        lines.append(line.format("Licence", settings.copyright))
    version = f", version {settings.version}" if settings.version else ""
    lines.append(line.format("This edition", Markup("<em>{}</em>{}").format(settings.title, version)))
    address = handout.address(pages.path_page(handout.path.id))
    if address:
        lines.append(line.format("Online at", Markup('<a href="{}">{}</a>').format(address, address)))
    return Markup('<div class="attribution">\n{}\n</div>').format(Markup("\n").join(lines))


def stop_text(handout: Handout, stop: Stop) -> Markup:
    """The whole of what a stop points to."""
    edition = handout.edition
    box = Markup('<div class="stop-text">{}</div>')
    if stop.target == "paragraph":
        para = edition.essay.paragraph(stop.ref)
        assert para is not None
        text = handout.paragraph(para, lambda note: Markup(), terms=False)
        return box.format(Markup('<p><span class="pnum">¶&#160;{}</span> {}</p>').format(para.number, text))
    if stop.target == "note":
        note = edition.notes[stop.ref]
        head = Markup('<p class="note-head">{}</p>').format(note_head(handout, note))
        return box.format(head + note_text(handout, note, terms=False))
    if stop.target == "term":
        term = edition.terms[stop.ref]
        short = Markup("<p><strong>{}</strong> ({}): {}</p>").format(
            term.term, TERM_KINDS[term.kind][0].lower(), term.short
        )
        return box.format(short + handout.fill(term.html, terms=False))
    return box.format(Markup("<p>{}</p>").format(handout.reference(stop.ref)))


def handout(handout: Handout) -> Markup:
    """The handout's body: title, facts, attribution, introduction, the stops, and the works it cites."""
    rp = handout.path
    out = [
        Markup(
            '<article class="handout">\n<h1>{}</h1>\n<p class="path-facts">{}</p>\n<p class="path-summary">{}</p>'
        ).format(rp.title, path_facts(rp), rp.summary),
        attribution(handout),
        Markup('<div class="path-intro">{}</div>\n<ol class="stops">').format(handout.fill(rp.html, terms=False)),
    ]
    for n, stop in enumerate(rp.stops, start=1):
        out.append(
            Markup('<li class="stop" id="stop-{}"><h2>Step {}: {}</h2>\n{}\n{}\n{}</li>').format(
                n,
                n,
                stop_label(handout, stop),
                guide(handout, stop, terms=False),
                stop_text(handout, stop),
                questions(handout, stop, terms=False),
            )
        )
    out.append(Markup("</ol>"))
    if handout.cited:
        refs = Markup("\n").join(
            Markup('<p class="work-ref" id="{}">{}</p>').format(ident("work", key), handout.reference(key))
            for key in sorted(handout.cited, key=lambda k: (handout.citations.reference(k).casefold(), k))
        )
        out.append(Markup('<section class="handout-works"><h2>Works cited</h2>\n{}\n</section>').format(refs))
    out.append(Markup("</article>"))
    return Markup("\n").join(out)
