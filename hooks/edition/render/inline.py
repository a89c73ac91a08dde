"""Our inline markup (terms, citations) turned into ordinary Markdown links, as seen from one page."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import markup
from .links import attr, rel, relative_url, text

if TYPE_CHECKING:
    from ..citations import Citations
    from ..model import Edition

WORKS_CITED = "bibliography/index.md"


# A fragment of HTML is held out of the page's Markdown as a paragraph of its own,
# `dp-fragment-<token>-N`, and put back into the converted page (`fill`). The token is random (one per
# process, never published), so no text a contributor writes can stand for a fragment.
TOKEN = secrets.token_hex(8)
_FRAGMENT = re.compile(rf"<p>dp-fragment-{TOKEN}-(\d+)</p>")
_ID = re.compile(r'\sid="([^"]+)"')


def fill(html: str, fragments: list[str]) -> str:
    """The converted page with each fragment's placeholder replaced by the fragment."""
    return _FRAGMENT.sub(lambda m: fragments[int(m.group(1))], html) if fragments else html


def anchor_ids(fragments: list[str]) -> set[str]:
    """The HTML ids the fragments hold (so that MkDocs can check links to them)."""
    return {ident for fragment in fragments for ident in _ID.findall(fragment)}


def term_uri(tid: str) -> str:
    """The src_uri of a term's page."""
    return f"glossary/{tid}.md"


def def_id(tid: str) -> str:
    """The id of the hidden element holding a term's short definition on a page."""
    return f"dp-def-{tid}"


class Inline:
    """Renders term and citation markup for the page built from `src_uri`, remembering the terms used."""

    def __init__(self, edition: Edition, src_uri: str, citations: Citations | None, urls: Mapping[str, str]) -> None:
        self.edition = edition
        self.src_uri = src_uri
        self.citations = citations
        self.urls = urls  # src_uri → site URL of every page, as MkDocs computed them
        self.terms_used: dict[str, None] = {}  # ordered set
        self.fragments: list[str] = []

    def html(self, fragment: str) -> str:
        """A block of HTML written by the hooks, as a placeholder paragraph for the page's Markdown.

        Python-Markdown never sees the fragment: lists of links and the like are most of what the hooks
        generate, and converting them as Markdown was most of the build's time. Links in a fragment come
        from `href`.
        """
        self.fragments.append(fragment)
        return f"\n\ndp-fragment-{TOKEN}-{len(self.fragments) - 1}\n\n"

    def href(self, to_src: str, anchor: str = "") -> str:
        """A link, for HTML written by the hooks, from this page to the page built from `to_src`."""
        target = relative_url(self.urls[to_src], self.urls[self.src_uri]) if to_src != self.src_uri else ""
        return f"{target}#{anchor}" if anchor else target or "./"

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
        shown = ref.shown or term.term
        href = rel(self.src_uri, term_uri(ref.id))
        return f'[{shown}]({href}){{: .dp-term data-term="{attr(ref.id)}" aria-describedby="{def_id(ref.id)}" }}'

    def cite(self, ref: markup.CiteRef) -> str:
        """A citation: "(Author Year)" as mkdocs-bibtex formats it, each work linked to its works-cited entry."""
        parts = self.citations.inline(ref.raw, ref.keys) if self.citations else [(k, k) for k in ref.keys]
        links = []
        for key, label in parts:
            href = rel(self.src_uri, WORKS_CITED, f"ref-{key}")
            links.append(f"[{label}]({href}){{: .dp-cite }}")
        return "(" + "; ".join(links) + ")"

    def definitions(self) -> str:
        """The hidden short definitions of the terms used on this page, referenced by aria-describedby."""
        if not self.terms_used:
            return ""
        items = "".join(
            f'<span id="{def_id(tid)}" data-term-name="{attr(self.edition.terms[tid].term)}">'
            f"{text(self.edition.terms[tid].short)}</span>"
            for tid in self.terms_used
        )
        return self.html(f'<div class="dp-defs" hidden data-search-exclude>{items}</div>')


def strip_markup(source: str, edition: Edition) -> str:
    """Plain text of a Markdown snippet: terms by their shown words, citations and emphasis removed."""
    names = edition.term_names
    plain = markup.strip_terms(source, names)
    plain = re.sub(r"\s*\[[^\[\]]*@[\w-][^\[\]]*\]", "", plain)
    plain = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", plain)
    plain = re.sub(r"[*_`>#]+", "", plain)
    return " ".join(plain.split())
