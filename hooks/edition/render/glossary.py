"""Glossary pages: each term's page (definition, body, backlinks in context, related terms, works) and the A–Z index."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import markup, pages
from ..citations import Citations
from ..escaping import Markup, escape
from ..glossary import KINDS, Term
from ..notes import KINDS as NOTE_KINDS
from .inline import WORKS_CITED, term_uri
from .links import NOT_SEARCHED, html_list, md_text, sanitised
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from ..model import Edition
    from .inline import Inline

GLOSSARY_INDEX = pages.GLOSSARY_INDEX


def term_renderer(term: Term, edition: Edition) -> Callable[[Inline, str], str]:
    """What renders a term's page (its file's Markdown was read when the content was loaded)."""
    return lambda inline, source: term_page(term, edition, inline)


def keyword_in_context(source: str, start: int, edition: Edition) -> Markup:
    """The sentence of `source` holding the term markup at `start`, as HTML with that term highlighted."""
    bounds = [0] + [m.end() for m in markup.SENTENCE_END.finditer(source)] + [len(source)]
    lo = max(b for b in bounds if b <= start)
    hi = min(b for b in bounds if b > start)
    names = edition.term_names
    pieces: list[Markup] = []
    pos = lo
    for ref in markup.find_terms(source[lo:hi]):
        ref_start = lo + ref.start
        pieces.append(escape(markup.strip_terms(source[pos:ref_start], names)))
        shown = ref.shown or names.get(ref.id, ref.id)
        pieces.append(Markup('<mark class="dp-kwic">{}</mark>').format(shown) if ref_start == start else escape(shown))
        pos = lo + ref.end
    pieces.append(escape(markup.strip_terms(source[pos:hi], names)))
    return Markup("".join(pieces).strip())


def term_page(term: Term, edition: Edition, inline: Inline) -> str:
    """A term's page: the contributor's Markdown body, and around it lists the hooks write as HTML."""
    head = [
        Markup('<p class="dp-term-kind">{}</p>').format(KINDS[term.kind][0]),
        Markup('<p class="dp-term-short">{}</p>').format(term.short),
    ]
    if term.aliases:
        aliases = Markup(", ").join(Markup("<em>{}</em>").format(a) for a in term.aliases)
        head.append(Markup('<p class="dp-term-aliases">Also: {}</p>').format(aliases))
    out = [f"# {md_text(term.term)} {{: #title }}", inline.html(Markup("\n").join(head)), inline.body(term.html), ""]

    uses = edition.term_uses(term.id)
    lines: list[Markup] = []
    for use in uses:
        para = edition.essay.paragraph(use.owner) if use.owner_kind == "essay" else None
        if para is not None:
            href = inline.href(edition.settings.essay, para.id)
            kwic = keyword_in_context(para.markup, use.start, edition)
            lines.append(Markup('<a class="dp-kwic__para" href="{}">¶ {}</a> {}').format(href, para.number, kwic))
    none = Markup("<p>Not marked in the essay itself.</p>")
    out += ["## In the essay" + NOT_SEARCHED, inline.html(html_list(lines) if lines else none)]

    lines = []
    for nid in dict.fromkeys(u.owner for u in uses if u.owner_kind == "note"):
        note = edition.notes[nid]
        para = edition.essay.paragraph(note.paragraph)
        href = inline.href(para_page_uri(note.paragraph), note_anchor(nid))
        where = Markup(" (¶ {})").format(para.number) if para else Markup()
        line = Markup('<strong>{}</strong> <a href="{}">{}</a>{}')
        lines.append(line.format(NOTE_KINDS[note.kind].label, href, teaser(note, edition, 90), where))
    none = Markup("<p>No note marks this term yet.</p>")
    out += ["## In the commentary" + NOT_SEARCHED, inline.html(html_list(lines) if lines else none)]

    related = edition.related_terms[term.id]
    if related:
        line = Markup('<a href="{}">{}</a>: {}')
        terms = edition.terms
        lines = [line.format(inline.href(term_uri(rid)), terms[rid].term, terms[rid].short) for rid in related]
        out += ["## Related terms" + NOT_SEARCHED, inline.html(html_list(lines))]

    cited = edition.works_cited_by("term", term.id)
    if cited:
        refs = inline.citations or Citations()
        line = Markup('{} <a href="{}" title="In the works cited">↗</a>')
        lines = [
            line.format(sanitised(refs.reference_html(key)), inline.href(WORKS_CITED, "ref-" + key))
            for key in sorted(cited, key=lambda k: refs.reference(k).casefold())
        ]
        out += ["## Works cited" + NOT_SEARCHED, inline.html(html_list(lines))]
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
    bar = Markup(" ").join(
        Markup('<a href="#letter-{}">{}</a>').format(_anchor(L), L)
        if L in groups
        else Markup("<span>{}</span>").format(L)
        for L in alphabet
    )
    button = Markup('<button type="button" class="dp-filter" data-kind="{}" aria-pressed="false">{} ({})</button>')
    buttons = Markup("").join(button.format(k, labels[1], counts[k]) for k, labels in KINDS.items() if counts[k])
    out = [
        "# Glossary",
        f"{len(edition.terms)} entries on the concepts, people, organisations and events the essay draws on. "
        "Terms marked in the essay link here; hover or focus one to read its short definition.",
        inline.html(
            Markup(
                '<nav class="dp-letters" aria-label="Glossary letters">{}</nav>\n'
                '<div class="dp-filters" role="group" aria-label="Show only one kind of entry" hidden>'
                '<button type="button" class="dp-filter" data-kind="" aria-pressed="true">All ({})</button>{}</div>'
            ).format(bar, len(edition.terms), buttons)
        ),
    ]
    entry = Markup(
        '<div class="dp-entry" data-kind="{}"><dt><a href="{}">{}</a> <span class="dp-entry__kind">{}</span></dt>'
        "<dd>{}</dd></div>"
    )
    for letter in sorted(groups):
        entries = Markup("\n").join(
            entry.format(term.kind, inline.href(term_uri(term.id)), term.term, KINDS[term.kind][0], term.short)
            for term in groups[letter]
        )
        out += [
            f"## {letter} {{: #letter-{_anchor(letter)} }}",
            inline.html(Markup('<dl class="dp-glossary">\n{}\n</dl>').format(entries)),
        ]
    return "\n\n".join(out)
