"""Our inline markup (terms, citations) turned into ordinary Markdown links, as seen from one page."""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import markup, pages
from ..escaping import Markup, escape
from .links import attr, md_text, rel, relative_url
from .sanitise import text_only

if TYPE_CHECKING:
    from ..citations import Citations
    from ..model import Edition
    from ..room import Body, Ref

WORKS_CITED = pages.WORKS_CITED


# A fragment of HTML is held out of the page's Markdown as a paragraph of its own,
# `dp-fragment-<token>-N`, and put back into the converted page (`fill`). The token is random (one per
# process, never published), so no text a contributor writes can stand for a fragment.
TOKEN = secrets.token_hex(8)
_FRAGMENT = re.compile(rf"<p>dp-fragment-{TOKEN}-(\d+)</p>")
# Placeholders that follow one another, each a paragraph of its own (a blank line before, between and after):
# Python-Markdown would convert each (and run every inline pattern over it), only to join them with "\n".
_RUN = re.compile(rf"(?:\A|(?<=\n\n))dp-fragment-{TOKEN}-(\d+)\n(?:\n+dp-fragment-{TOKEN}-\d+\n)+(?=\n|\Z)")
_NUMBER = re.compile(rf"dp-fragment-{TOKEN}-(\d+)")
_ID = re.compile(r'\sid="([^"]+)"')


def fill(html: str, fragments: list[str]) -> str:
    """The converted page with each fragment's placeholder replaced by the fragment."""
    return _FRAGMENT.sub(lambda m: fragments[int(m.group(1))], html) if fragments else html


def anchor_ids(fragments: list[str]) -> set[str]:
    """The HTML ids the fragments hold (so that MkDocs can check links to them)."""
    return {ident for fragment in fragments for ident in _ID.findall(fragment)}


term_uri = pages.term_page


def def_id(tid: str) -> str:
    """The id of the hidden element holding a term's short definition on a page."""
    return f"dp-def-{tid}"


# A cited work's and a linked paragraph's previews have prefixes of their own: under "dp-def-", a term whose id
# is "ref-<key>" would take a work's (the first element with an id is the one a script finds).
def work_def_id(key: str) -> str:
    """The id of the hidden element holding a cited work's full reference on a page."""
    return f"dp-work-{key}"


def opening_def_id(pid: str) -> str:
    """The id of the hidden element holding the opening of a paragraph a note links to."""
    return f"dp-opening-{pid}"


class Inline:
    """Renders term and citation markup for the page built from `src_uri`, remembering the terms used."""

    def __init__(self, edition: Edition, src_uri: str, citations: Citations | None, urls: Mapping[str, str]) -> None:
        self.edition = edition
        self.src_uri = src_uri
        self.citations = citations
        self.urls = urls  # src_uri → site URL of every page, as MkDocs computed them
        self.terms_used: dict[str, None] = {}  # ordered set
        self.works_used: dict[str, None] = {}  # works cited on this page, previewed like terms
        self.paras_used: dict[str, str] = {}  # paragraph id → the href a contributed link to it has here
        self.fragments: list[str] = []

    def html(self, fragment: Markup) -> str:
        """A block of HTML written by the hooks, as a placeholder paragraph for the page's Markdown.

        Python-Markdown never sees the fragment: lists of links and the like are most of what the hooks
        generate, and converting them as Markdown was most of the build's time. Links in a fragment come
        from `href`. Only `Markup` is accepted: every value in a fragment was escaped by its type
        (`Markup.format`), or is HTML the edition made safe (a converted, sanitised contribution).
        """
        self.fragments.append(fragment)
        return f"\n\ndp-fragment-{TOKEN}-{len(self.fragments) - 1}\n\n"

    def gathered(self, markdown: str) -> str:
        """The page's Markdown with each run of placeholders made one, standing for the run's fragments joined
        as Python-Markdown would join their paragraphs: the page it converts is the same, only shorter."""

        def one(run: re.Match[str]) -> str:
            numbers = [int(n) for n in _NUMBER.findall(run.group(0))]
            self.fragments[numbers[0]] = "\n".join(self.fragments[n] for n in numbers)
            for n in numbers[1:]:
                self.fragments[n] = ""  # its HTML is in the first; its ids stay counted there
            return f"dp-fragment-{TOKEN}-{numbers[0]}\n"

        return _RUN.sub(one, markdown)

    def href(self, to_src: str, anchor: str = "") -> str:
        """A link, for HTML written by the hooks, from this page to the page built from `to_src`."""
        if to_src not in self.urls:  # only in a build that already failed validation
            return "#"
        if to_src == self.src_uri and anchor:  # within the page: the anchor alone
            return f"#{anchor}"
        target = relative_url(self.urls[to_src], self.urls[self.src_uri])  # the page itself: "./" or "x.html"
        return f"{target}#{anchor}" if anchor else target

    def absolute(self, to_src: str, anchor: str = "") -> str:
        """The published address of a page (and anchor): site_url + the URL MkDocs computed ("" without
        a site_url)."""
        return pages.absolute(self.edition.settings.site_url, self.urls, to_src, anchor)

    def render(self, source: str) -> str:
        """`source` with every `[[term]]` and `[@key]` replaced by Markdown links."""
        spans = [(t.start, t.end, self.term(t)) for t in markup.find_terms(source)]
        spans += [(c.start, c.end, self.cite(c)) for c in markup.find_citations(source)]
        return markup.replace_spans(source, spans)

    def term(self, ref: markup.TermRef) -> str:
        """A marked term: a link to its page, described by its short definition (tooltip on hover/focus)."""
        term = self.edition.terms.get(ref.id)
        if term is None:  # only in a build that already failed validation
            return ref.shown or ref.id
        self.terms_used[ref.id] = None
        shown = md_text(ref.shown or term.term)  # plain text, into the page's Markdown: shown as typed
        href = rel(self.src_uri, term_uri(ref.id))
        return f'[{shown}]({href}){{: .dp-term data-term="{attr(ref.id)}" aria-describedby="{def_id(ref.id)}" }}'

    def cite(self, ref: markup.CiteRef) -> str:
        """A citation: "(Author Year)" as mkdocs-bibtex formats it, each work linked to its works-cited entry."""
        parts = self.citations.inline(ref.raw, ref.keys) if self.citations else [(k, k) for k in ref.keys]
        links = []
        self.works_used.update(dict.fromkeys(ref.keys))
        for key, label in parts:
            href = rel(self.src_uri, WORKS_CITED, f"ref-{key}")
            links.append(f"[{md_text(plain_label(label))}]({href}){{: .dp-cite }}")
        return "(" + "; ".join(links) + ")"

    def body(self, body: Body, *, wrap: str = "") -> str:
        """A contributed text, converted when it was loaded, as an HTML fragment for this page: its tokens
        become links to terms, works and pages as seen from here. `wrap` is a class for a wrapping div."""
        filled = self.filled(body)
        return self.html(Markup('<div class="{}">{}</div>').format(wrap, filled) if wrap else filled)

    def filled(self, body: Body) -> Markup:
        """A converted contribution's HTML for this page (sanitised when it was converted)."""
        return Markup(body.fill(self._ref))

    def body_inline(self, body: Body) -> Markup:
        """A short contributed text (a question) as inline HTML: its one paragraph without the <p>."""
        filled = self.filled(body).strip()
        if filled.startswith("<p>") and filled.endswith("</p>") and filled.count("<p>") == 1:
            return Markup(filled[3:-4])
        return Markup(filled)

    def _ref(self, ref: Ref) -> Markup:
        """The HTML a token of a converted text stands for, on this page."""
        if ref.kind == "term" and ref.term is not None:
            term = self.edition.terms.get(ref.term.id)
            shown = ref.term.shown or (term.term if term else ref.term.id)
            if term is None:
                return escape(shown)
            self.terms_used[term.id] = None
            return Markup('<a class="dp-term" href="{}" data-term="{}" aria-describedby="{}">{}</a>').format(
                self.href(term_uri(term.id)), term.id, def_id(term.id), shown
            )
        if ref.kind == "cite" and ref.cite is not None:
            keys = ref.cite.keys
            parts = self.citations.inline(ref.cite.raw, keys) if self.citations else [(k, k) for k in keys]
            link = Markup('<a class="dp-cite" href="{}">{}</a>')
            links = [link.format(self.href(WORKS_CITED, f"ref-{key}"), plain_label(label)) for key, label in parts]
            self.works_used.update(dict.fromkeys(keys))
            return Markup("({})").format(Markup("; ").join(links))
        if ref.target in self.urls:
            href = self.href(ref.target, ref.anchor)
            para = self._paragraph_of(ref.target, ref.anchor)
            if para:
                self.paras_used[para] = href
            return escape(href)
        return Markup("#")  # only in a build that already failed validation

    def _paragraph_of(self, target: str, anchor: str) -> str:
        """The essay paragraph a contributed link leads to (the essay at its anchor, or its own page), or ""."""
        essay = self.edition.essay
        if target == self.edition.settings.essay:
            return anchor if essay.paragraph(anchor) is not None else ""
        kind, item = pages.item_of(target) or ("", "")
        return item if kind == "paragraph" and essay.paragraph(item) is not None else ""

    def definitions(self) -> str:
        """What the cross-references on this page preview, hidden: each term's short definition (referenced
        by aria-describedby), each cited work's full reference, and the opening of each paragraph a note
        links to (edition.js shows them on hover, focus or tap)."""
        if not (self.terms_used or self.works_used or self.paras_used):
            return ""
        item = Markup('<span id="{}" data-term-name="{}">{}</span>')
        terms = self.edition.terms
        items = [item.format(def_id(tid), terms[tid].term, terms[tid].short) for tid in self.terms_used]
        if self.citations is not None:
            for key in self.works_used:
                label = plain_label(self.citations.labels.get(key, key))
                reference = html.unescape(text_only(self.citations.reference_html(key)))
                items.append(item.format(work_def_id(key), label, " ".join(reference.split())))
        para = Markup('<span id="{}" data-term-name="¶ {}" data-href="{}">{}</span>')
        for pid, href in self.paras_used.items():
            found = self.edition.essay.paragraph(pid)
            if found is not None:
                opening = markup.first_sentence(found.text, 220)
                items.append(para.format(opening_def_id(pid), found.number, href, opening))
        hidden = Markup('<div class="dp-defs" hidden data-search-exclude>{}</div>')
        return self.html(hidden.format(Markup("").join(items)))


def plain_label(label: str) -> str:
    """A citation label as pandoc wrote it (Markdown), as plain text: no escapes, no emphasis marks."""
    return label.replace("\\", "").replace("*", "")


_PLAIN: dict[tuple[str, tuple[str, ...]], str] = {}  # a note's teaser is asked for on many pages


def plain_text(body: Body, edition: Edition) -> str:
    """A converted contribution as readers read it, in plain text: terms by their shown words, without
    citations or markup (for teasers and tooltips). Remembered by the text and the words its terms show."""
    shown = tuple(
        r.term.shown or edition.term_names.get(r.term.id, r.term.id)
        for r in body.refs
        if r.kind == "term" and r.term is not None
    )
    key = (body.html, shown)
    if key not in _PLAIN:
        words = iter(shown)

        def ref(r: Ref) -> str:
            return next(words) if r.kind == "term" and r.term is not None else ""

        converted = html.unescape(text_only(body.fill(ref)))
        tidy = re.sub(r"\s+([.,;:)])", r"\1", re.sub(r"\(\s*\)", "", " ".join(converted.split())))
        if len(_PLAIN) > 20_000:  # `mkdocs serve` keeps this module: never let it grow without bound
            _PLAIN.clear()
        _PLAIN[key] = tidy
    return _PLAIN[key]
