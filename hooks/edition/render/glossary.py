"""Glossary pages: each term's page (definition, body, backlinks in context, related terms, works) and the A–Z index."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING

from .. import inventory, markup
from ..citations import Citations
from ..glossary import KINDS, Term
from ..notes import KINDS as NOTE_KINDS
from .inline import WORKS_CITED, term_uri
from .links import attr, html_list, md_text, text
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from ..model import Edition
    from .inline import Inline

GLOSSARY_INDEX = inventory.GLOSSARY_INDEX


def keyword_in_context(source: str, start: int, edition: Edition) -> str:
    """The sentence of `source` holding the term markup at `start`, as Markdown with that term highlighted."""
    bounds = [0] + [m.end() for m in markup.SENTENCE_END.finditer(source)] + [len(source)]
    lo = max(b for b in bounds if b <= start)
    hi = min(b for b in bounds if b > start)
    names = edition.term_names
    pieces, pos = [], lo
    for ref in markup.find_terms(source[lo:hi]):
        ref_start = lo + ref.start
        pieces.append(text(markup.strip_terms(source[pos:ref_start], names)))
        shown = text(ref.shown or names.get(ref.id, ref.id))
        pieces.append(f'<mark class="dp-kwic">{shown}</mark>' if ref_start == start else shown)
        pos = lo + ref.end
    pieces.append(text(markup.strip_terms(source[pos:hi], names)))
    return "".join(pieces).strip()


def term_page(term: Term, edition: Edition, inline: Inline) -> str:
    """A term's page: the contributor's Markdown body, and around it lists the hooks write as HTML."""
    head = [f'<p class="dp-term-kind">{KINDS[term.kind][0]}</p>', f'<p class="dp-term-short">{text(term.short)}</p>']
    if term.aliases:
        head.append(f'<p class="dp-term-aliases">Also: {", ".join(f"<em>{text(a)}</em>" for a in term.aliases)}</p>')
    out = [f"# {md_text(term.term)}", inline.html("\n".join(head)), inline.body(term.html), ""]

    uses = edition.term_uses(term.id)
    lines = []
    for use in uses:
        para = edition.essay.paragraph(use.owner) if use.owner_kind == "essay" else None
        if para is not None:
            href = inline.href(edition.settings.essay, para.id)
            kwic = keyword_in_context(para.markup, use.start, edition)
            lines.append(f'<a class="dp-kwic__para" href="{attr(href)}">¶ {para.number}</a> {kwic}')
    out += ["## In the essay", inline.html(html_list(lines) if lines else "<p>Not marked in the essay itself.</p>")]

    lines = []
    for nid in dict.fromkeys(u.owner for u in uses if u.owner_kind == "note"):
        note = edition.notes[nid]
        para = edition.essay.paragraph(note.paragraph)
        href = inline.href(para_page_uri(note.paragraph), note_anchor(nid))
        lines.append(
            f"<strong>{NOTE_KINDS[note.kind].label}</strong> "
            f'<a href="{attr(href)}">{text(teaser(note, edition, 90))}</a>' + (f" (¶ {para.number})" if para else "")
        )
    out += ["## In the commentary", inline.html(html_list(lines) if lines else "<p>No note marks this term yet.</p>")]

    related = edition.related_terms[term.id]
    if related:
        lines = [
            f'<a href="{attr(inline.href(term_uri(rid)))}">{text(edition.terms[rid].term)}</a>: '
            f"{text(edition.terms[rid].short)}"
            for rid in related
        ]
        out += ["## Related terms", inline.html(html_list(lines))]

    cited = list(
        dict.fromkeys(
            key
            for key, uses in edition.uses.works.items()
            if any(u.owner_kind == "term" and u.owner == term.id for u in uses)
        )
    )
    if cited:
        refs = inline.citations or Citations()
        lines = [
            f'{refs.reference_html(key)} <a href="{attr(inline.href(WORKS_CITED, "ref-" + key))}" '
            f'title="In the works cited">↗</a>'
            for key in sorted(cited, key=lambda k: refs.reference(k).casefold())
        ]
        out += ["## Works cited", inline.html(html_list(lines))]
    return "\n".join(out) + inline.definitions()


def _letter(name: str) -> str:
    """The index letter of a term: its first letter without accents, or '#'."""
    first = unicodedata.normalize("NFD", name.lstrip("“\"'‘"))[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _anchor(letter: str) -> str:
    return letter.lower() if letter != "#" else "other"


def glossary_index(edition: Edition, inline: Inline) -> str:
    """The A–Z index, with a letter bar, a filter by kind, and each entry's short definition."""
    groups: dict[str, list[Term]] = defaultdict(list)
    for term in edition.terms.values():
        groups[_letter(term.term)].append(term)
    counts: dict[str, int] = defaultdict(int)
    for term in edition.terms.values():
        counts[term.kind] += 1
    alphabet = [*(chr(c) for c in range(ord("A"), ord("Z") + 1)), *(["#"] if "#" in groups else [])]
    bar = " ".join(f'<a href="#letter-{_anchor(L)}">{L}</a>' if L in groups else f"<span>{L}</span>" for L in alphabet)
    buttons = "".join(
        f'<button type="button" class="dp-filter" data-kind="{k}" aria-pressed="false">'
        f"{labels[1]} ({counts[k]})</button>"
        for k, labels in KINDS.items()
        if counts[k]
    )
    out = [
        "# Glossary",
        f"{len(edition.terms)} entries on the concepts, people, organisations and events the essay draws on. "
        "Terms marked in the essay link here; hover or focus one to read its short definition.",
        inline.html(
            f'<nav class="dp-letters" aria-label="Glossary letters">{bar}</nav>\n'
            f'<div class="dp-filters" role="group" aria-label="Show only one kind of entry" hidden>'
            f'<button type="button" class="dp-filter" data-kind="" aria-pressed="true">All ({len(edition.terms)})'
            f"</button>{buttons}</div>"
        ),
    ]
    for letter in sorted(groups):
        entries = "\n".join(
            f'<div class="dp-entry" data-kind="{attr(term.kind)}">'
            f'<dt><a href="{attr(inline.href(term_uri(term.id)))}">{text(term.term)}</a> '
            f'<span class="dp-entry__kind">{KINDS[term.kind][0]}</span></dt>'
            f"<dd>{text(term.short)}</dd></div>"
            for term in groups[letter]
        )
        out += [
            f"## {letter} {{: #letter-{_anchor(letter)} }}",
            inline.html(f'<dl class="dp-glossary">\n{entries}\n</dl>'),
        ]
    return "\n\n".join(out)
