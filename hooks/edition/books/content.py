"""What a book holds, and where each thing is in it.

A book is the edition as the site publishes it (the course selection is already applied by the model),
less the notes of the kinds a build leaves out, and less whatever only those notes held up (their
replies, the path stops at them, the citations they make). Every reference in a text (a marked term, a
citation, a link to a page of the site) leads to its place in the book; what the book does not hold
leads to its address on the site, or, without a published address, nowhere (its words stay).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import secrets
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from .. import markup, pages, room
from ..escaping import Markup, escape
from ..notes import Note, quote_positions
from ..paths import ReadingPath
from ..render.attribution import is_placeholder
from ..render.inline import plain_label
from ..render.links import sanitised
from . import Options

if TYPE_CHECKING:
    from ..citations import Citations
    from ..essay import Paragraph
    from ..model import Edition
    from ..room import Body, Ref

# A link the book cannot give (a page it does not hold, on a site with no published address): the link is
# taken out and its words kept. Random per process, like room.TOKEN, so no contributed text can write it.
_NOWHERE = f"dp-book-nowhere-{secrets.token_hex(6)}"
_UNLINK = re.compile(rf'<a href="{_NOWHERE}"[^>]*>(.*?)</a>', re.DOTALL)
_IMAGE = re.compile(r"<img [^>]*>")
_ALT = re.compile(r'alt="([^"]*)"')
_CALL = f"dpbook{secrets.token_hex(6)}c"  # letters and digits: Markdown leaves a footnote's place alone
_CALL_RE = re.compile(rf"{_CALL}(\d+)z")


# The id, in a book, of each kind of thing it holds: a paragraph, a note (its footnote), the place in the
# text that calls a note (an EPUB footnote links back to it), a glossary entry, a work (the site's own
# works-cited anchor) and a reading path. The EPUB finds a file by the prefix (epub.FILES).
PREFIXES = {"paragraph": "para", "note": "note", "call": "call", "term": "term", "work": "ref", "path": "path"}


def ident(kind: str, ref: str) -> str:
    """The id in a book of the paragraph, note, note's call, term, work or path `ref`."""
    return f"{PREFIXES[kind]}-{ref}"


class Book:
    """The edition as one book holds it: its notes and paths, and where each reference leads.

    `place` says in which file of the book an id lies ("" for a book of one document, as the PDF is), so
    that one renderer serves the PDF and the EPUB's several files.
    """

    def __init__(
        self,
        edition: Edition,
        citations: Citations,
        urls: Mapping[str, str],
        options: Options,
        place: Callable[[str], str] = lambda target: "",
    ) -> None:
        self.edition = edition
        self.citations = citations
        self.urls = urls
        self.options = options
        self.place = place
        self.notes = _chosen_notes(edition, options.kinds)
        self.paths = {pid: _without_dropped(rp, self.notes) for pid, rp in edition.paths.items()}
        self.paths = {pid: rp for pid, rp in self.paths.items() if rp.stops}

    # --- What the book holds ---------------------------------------------------------------------------

    def threads(self, para: Paragraph) -> list[Note]:
        """The notes that open a thread at `para` (its replies follow them), in reading order."""
        return [
            n
            for n in self.edition.notes_on(para.id)
            if n.id in self.notes and n.paragraph == para.id and not self._is_reply(n)
        ]

    @functools.cached_property
    def numbers(self) -> dict[str, int]:
        """Each note's number in the book, as its footnote is numbered: the threads in the order the text
        calls them; a reply has the number of the thread it is in."""
        out: dict[str, int] = {}
        for n, note in enumerate((note for p in self.edition.essay.paragraphs for _, note in self.calls(p)), 1):
            queue = [note]
            while queue:
                out[queue[0].id] = n
                queue += Book.replies(self, queue.pop(0))  # every reply the book holds, wherever it is shown
        return out

    def calls(self, para: Paragraph) -> list[tuple[int, Note]]:
        """Where in the paragraph's markup each thread is called, in the text's order: after the words it is
        about (its quote, where the validator found it), else at the paragraph's end."""
        mapping = markup.plain_offsets(para.markup)
        out = []
        for note in self.threads(para):
            found = quote_positions(para, note.quote, note.prefix, note.suffix) if note.quote else []
            end = len(para.markup)
            if len(note.paragraphs) == 1 and len(found) == 1:
                start = mapping[found[0]]
                end = markup.widen_to_terms(para.markup, start, mapping[found[0] + len(note.quote)])[1]
            out.append((end, note))
        return sorted(out, key=lambda call: call[0])

    def replies(self, note: Note) -> list[Note]:
        """The replies the book holds to `note`."""
        return [r for r in self.edition.replies_to(note.id) if r.id in self.notes]

    def _is_reply(self, note: Note) -> bool:
        return bool(note.replies_to) and note.replies_to in self.notes

    @functools.cached_property
    def works_cited(self) -> dict[str, list[tuple[str, str]]]:
        """Each work the book cites or stops at, by key (in the edition's order), with where: (kind, id) of
        each note, term and path citing it, once each, in reading order."""
        out: dict[str, list[tuple[str, str]]] = {}
        for key in self.edition.works:
            where: dict[tuple[str, str], None] = {}  # in order, once each
            for use in self.edition.work_uses(key):
                held = (
                    (use.owner_kind == "note" and use.owner in self.notes)
                    or (use.owner_kind == "term" and use.owner in self.edition.terms)
                    or (use.owner_kind == "path" and use.owner in self.paths)
                )
                if held:
                    where[(use.owner_kind, use.owner)] = None
            if where:
                out[key] = list(where)
        return out

    # --- Where things are -------------------------------------------------------------------------------

    def href(self, target: str) -> str:
        """A link to the element with id `target` in this book."""
        return f"{self.place(target)}#{target}"

    def address(self, src_uri: str, anchor: str = "") -> str:
        """The published address of a page of the site, or "" where the site has none (a placeholder)."""
        url = pages.absolute(self.edition.settings.site_url, self.urls, src_uri, anchor)
        return "" if not url or is_placeholder(url) else url

    def site_address(self) -> str:
        """The edition's published address (site_url), or "" for a placeholder."""
        url = self.edition.settings.site_url
        return "" if is_placeholder(url) else url

    def inside(self, src_uri: str, anchor: str = "") -> str:
        """The id in the book of what a link to a page of the site (and anchor) shows, or ""."""
        edition = self.edition
        if src_uri == edition.settings.essay:
            return ident("paragraph", anchor) if edition.essay.paragraph(anchor) is not None else "essay"
        kind, item = pages.item_of(src_uri) or ("", "")
        if kind == "paragraph" and edition.essay.paragraph(item) is not None:
            nid = anchor.removeprefix("note-")
            shown = anchor.startswith("note-") and nid in self.notes
            return ident("note", nid) if shown else ident("paragraph", item)
        if (kind == "term" and item in edition.terms) or (kind == "path" and item in self.paths):
            return ident(kind, item)
        if src_uri == pages.WORKS_CITED:
            return anchor if anchor.removeprefix("ref-") in self.works_cited else "works-cited"
        return {pages.GLOSSARY_INDEX: "glossary", pages.PATHS_INDEX: "paths"}.get(src_uri, "")

    def link(self, src_uri: str, anchor: str = "") -> str:
        """Where a link to a page of the site leads from the book: inside it, else to the site."""
        target = self.inside(src_uri, anchor)
        return self.href(target) if target else self.address(src_uri, anchor) or _NOWHERE

    # --- Texts ------------------------------------------------------------------------------------------

    def fill(self, body: Body, *, terms: bool = True) -> Markup:
        """A contributed text (converted and sanitised when it was loaded) as HTML for this book: terms
        link to the glossary (`terms=False`: their words only), citations to the works cited, links to
        their place in the book or on the site."""
        filled = body.fill(lambda ref: self._ref(ref, terms))
        return Markup(_IMAGE.sub(_image_words, _UNLINK.sub(r"\1", filled)))

    def _ref(self, ref: Ref, terms: bool) -> Markup:
        """The HTML a token of a converted text stands for, in this book."""
        if ref.kind == "term" and ref.term is not None:
            term = self.edition.terms.get(ref.term.id)
            shown = ref.term.shown or (term.term if term else ref.term.id)
            if term is None or not terms:
                return escape(shown)
            return Markup('<a class="term" href="{}">{}</a>').format(self.href(ident("term", term.id)), shown)
        if ref.kind == "cite" and ref.cite is not None:
            link = Markup('<a class="cite" href="{}">{}</a>')
            parts = self.citations.inline(ref.cite.raw, ref.cite.keys)
            links = [link.format(self.href(ident("work", key)), plain_label(label)) for key, label in parts]
            return Markup("({})").format(Markup("; ").join(links))
        return escape(self.link(ref.target, ref.anchor) if ref.target in self.urls else _NOWHERE)

    def reference(self, key: str) -> Markup:
        """A work's full reference, the text of the site's works-cited page."""
        return sanitised(self.citations.reference_html(key))

    def paragraph(self, para: Paragraph, call: Callable[[Note], Markup], *, terms: bool = True) -> Markup:
        """A paragraph's text as HTML (no <p>), with `call(note)` where each thread is called (`calls`)."""
        calls = self.calls(para)
        spans = [(end, end, f"{_CALL}{n}z") for n, (end, _) in enumerate(calls)]
        body, _ = room.convert(markup.replace_spans(para.markup, spans), self.edition.settings.essay, "essay")
        html = str(self.fill(body, terms=terms)).strip()
        html = html.removeprefix("<p>").removesuffix("</p>") if html.count("<p>") == 1 else html
        return Markup(_CALL_RE.sub(lambda m: str(call(calls[int(m.group(1))][1])), html))


def _image_words(m: re.Match[str]) -> str:
    """An image, as its description: a book carries no image (the site's images are its own files, and a
    book makes no request for anything)."""
    alt = _ALT.search(m.group(0))
    return f"[{alt.group(1)}]" if alt and alt.group(1) else ""


def _chosen_notes(edition: Edition, kinds: tuple[str, ...]) -> dict[str, Note]:
    """The notes of the chosen kinds, in reading order, less the replies to a note left out (the site's
    layers hide a reply with the note it answers)."""
    chosen: dict[str, Note] = {}
    for nid, note in edition.notes.items():
        if kinds and note.kind not in kinds:
            continue
        chain, parent = [], note.replies_to
        while parent and parent in edition.notes and parent not in chain:
            chain.append(parent)
            parent = edition.notes[parent].replies_to
        if all(not kinds or edition.notes[p].kind in kinds for p in chain):
            chosen[nid] = note
    return chosen


def _without_dropped(rp: ReadingPath, notes: dict[str, Note]) -> ReadingPath:
    """A path without its stops at notes the book leaves out."""
    stops = tuple(s for s in rp.stops if s.target != "note" or s.ref in notes)
    return rp if len(stops) == len(rp.stops) else dataclasses.replace(rp, stops=stops)
