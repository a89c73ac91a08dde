"""Generated commentary pages: one page per paragraph, and the indexes of notes (paragraph, kind, tag, contributor)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import markup, pages
from ..escaping import Markup
from ..notes import KINDS, Note
from .essay import paragraph_block
from .feeds import feed_links
from .links import html_list, md_text, rel
from .notes import highlight_quotes, long_date, note_anchor, note_block, para_page_uri, teaser
from .reader import reader_tools

if TYPE_CHECKING:
    from ..essay import Paragraph
    from ..model import Edition
    from .inline import Inline

NOTES_INDEX, BY_KIND, BY_TAG, CONTRIBUTORS = pages.NOTES_INDEX, pages.BY_KIND, pages.BY_TAG, pages.CONTRIBUTORS_INDEX


def front(title: str, description: str = "") -> str:
    """YAML front matter for a generated page."""
    lines = ["---", f"title: {_yaml(title)}"]
    if description:
        lines.append(f"description: {_yaml(description)}")
    return "\n".join([*lines, "---", ""]) + "\n"


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def opening(para: Paragraph, limit: int = 90) -> str:
    """A paragraph's first sentence (or words), for lists and path stops."""
    return markup.first_sentence(para.text, limit)


def paragraph_page(
    para: Paragraph,
    edition: Edition,
    inline: Inline,
    extra: Callable[[Paragraph], str] = lambda p: "",
) -> str:
    """The page for one paragraph: the text, every note on it in full, and the neighbours."""
    paras = edition.essay.paragraphs
    i = para.number - 1
    notes = edition.notes_on(para.id)
    tops = [n for n in notes if not n.replies_to or n.replies_to not in edition.notes]
    essay_link = inline.href(edition.settings.essay, para.id)
    text_md = inline.render(highlight_quotes(para, notes))
    section = Markup('<p class="dp-para-page__section"><em>{}</em></p>').format(para.section)
    read = Markup('<p><a class="md-button" href="{}">Read ¶ {} in the essay</a></p>').format(essay_link, para.number)
    out = [
        f"# Paragraph {para.number}",
        inline.html(section) if para.section else "",
        paragraph_block(para, text_md, inline, anchor=False, href=essay_link),
        inline.html(read),
        f"## Notes on this paragraph ({len(notes)})",
        inline.html(reader_tools(notes, edition, brief=False)),  # the layers chosen on the essay apply here too
    ]
    out += [note_block(n, edition, inline, compact=False) for n in tops]
    if not notes:
        out.append("No notes on this paragraph yet.")
    nav = []
    if i > 0:
        prev = paras[i - 1]
        link = Markup('<p><a class="dp-prev" href="{}">← ¶ {}: {}</a></p>')
        nav.append(link.format(inline.href(para_page_uri(prev.id)), prev.number, opening(prev, 50)))
    if i + 1 < len(paras):
        nxt = paras[i + 1]
        link = Markup('<p><a class="dp-next" href="{}">¶ {}: {} →</a></p>')
        nav.append(link.format(inline.href(para_page_uri(nxt.id)), nxt.number, opening(nxt, 50)))
    nav_html = Markup('<nav class="dp-para-nav" aria-label="Neighbouring paragraphs">{}</nav>')
    out.append(inline.html(nav_html.format(Markup("").join(nav))))
    out.append(extra(para))
    return "\n\n".join(out) + inline.definitions()


def paragraph_renderer(para: Paragraph, edition: Edition) -> Callable[[Inline, str], str]:
    """What renders a paragraph's own page (with "Cite this paragraph")."""
    from .bibliography import cite_essay

    def render(inline: Inline, source: str) -> str:
        def cite(p: Paragraph) -> str:
            return inline.html(cite_essay(edition, inline, p)) if inline.citations else ""

        return paragraph_page(para, edition, inline, cite)

    return render


def _note_line(
    note: Note, edition: Edition, inline: Inline, *, with_para: bool = True, with_kind: bool = True
) -> Markup:
    """One list item's content (HTML) for a note in an index."""
    para = edition.essay.paragraph(note.paragraph)
    href = inline.href(para_page_uri(note.paragraph), note_anchor(note.id))
    bits = [Markup("<strong>{}</strong>").format(KINDS[note.kind].label)] if with_kind else []
    bits.append(Markup('<a href="{}">{}</a>').format(href, teaser(note, edition, 90)))
    if with_para and para is not None:
        bits.append(Markup("(¶ {})").format(para.number))
    reply = Markup(" ↳ reply") if note.replies_to else Markup()
    return Markup(" ").join(bits) + reply


def _note_list(notes: list[Note], edition: Edition, inline: Inline, empty: str, **options: bool) -> str:
    """A list of notes for an index, as an HTML fragment."""
    if not notes:
        return inline.html(Markup("<p>{}</p>").format(empty))
    return inline.html(html_list([_note_line(n, edition, inline, **options) for n in notes]))


def notes_index(edition: Edition, inline: Inline) -> str:
    """All notes by paragraph."""
    here = NOTES_INDEX
    out = [
        "# Commentary",
        "",
        f"{len(edition.notes)} notes on {len(edition.essay.paragraphs)} paragraphs. "
        f"Browse them [by kind]({rel(here, BY_KIND)}), [by tag]({rel(here, BY_TAG)}) "
        f"or [by contributor]({rel(here, CONTRIBUTORS)}).",
    ]
    for para in edition.essay.paragraphs:
        notes = edition.notes_on(para.id)
        link = Markup('<p><a href="{}">The paragraph and its {} notes</a></p>')
        out += [
            f"## ¶ {para.number} · {md_text(opening(para, 70))} {{: #{para.id} }}",
            inline.html(link.format(inline.href(para_page_uri(para.id)), len(notes))),
            _note_list(notes, edition, inline, "No notes yet.", with_para=False),
        ]
    return "\n\n".join(out)


def kinds_index(edition: Edition, inline: Inline) -> str:
    """All notes by kind."""
    groups: dict[str, list[Note]] = defaultdict(list)
    for n in edition.notes.values():
        groups[n.kind].append(n)
    line = Markup('<a href="#kind-{}">{}</a> ({}): {}')
    summary = [line.format(kid, k.label, len(groups[kid]), k.doc) for kid, k in KINDS.items()]
    out = ["# Notes by kind", inline.html(html_list(summary))]
    for kid, kind in KINDS.items():
        out += [
            f"## {kind.label} {{: #kind-{kid} }}",
            inline.html(Markup("<p><em>{}.</em></p>").format(kind.doc)),
            _note_list(groups[kid], edition, inline, "No notes of this kind yet.", with_kind=False),
        ]
    return "\n\n".join(out)


def tags_index(edition: Edition, inline: Inline) -> str:
    """All notes by tag."""
    groups: dict[str, list[Note]] = defaultdict(list)
    for n in edition.notes.values():
        for tag in n.tags:
            groups[tag].append(n)
    link = Markup('<a href="#tag-{}">{}</a> ({})')
    cloud = Markup(" · ").join(link.format(_slug(t), t, len(groups[t])) for t in sorted(groups))
    here = inline.urls.get(BY_TAG, "")
    out = ["# Notes by tag", inline.html(Markup("<p>{}</p>\n{}").format(cloud, feed_links(edition, here)))]
    courses = tuple(sorted({n.course for n in edition.notes.values() if n.course}))
    if groups:
        out.append(inline.html(feed_links(edition, here, "tag", tuple(sorted(groups)))))
    if courses:
        out.append(inline.html(feed_links(edition, here, "course", courses)))
    for tag in sorted(groups):
        out += [f"## {md_text(tag)} {{: #tag-{_slug(tag)} }}", _note_list(groups[tag], edition, inline, "")]
    return "\n\n".join(out)


def contributors_index(edition: Edition, inline: Inline) -> str:
    """Each contributor, with their notes."""
    out = ["# Contributors", "Everyone credited for a note, with their notes."]
    by_author: dict[str, list[Note]] = defaultdict(list)  # in one pass, not a pass per contributor
    for n in edition.notes.values():
        for cid in dict.fromkeys(n.authors):
            by_author[cid].append(n)
    for cid, person in sorted(edition.contributors.items(), key=lambda kv: kv[1].name.casefold()):
        mine = by_author.get(cid, [])
        out.append(f"## {md_text(person.name)} {{: #contributor-{cid} }}")
        about = []
        if person.url:
            about.append(Markup('<p>Website: <a href="{}">{}</a></p>').format(person.url, person.name))
        if mine:
            first, last = min(n.date for n in mine), max(n.date for n in mine)
            span = long_date(mine[0]) if first == last else f"{first:%B %Y} – {last:%B %Y}"
            about.append(Markup("<p>{} note{} ({}).</p>").format(len(mine), "s" if len(mine) != 1 else "", span))
        if about:
            out.append(inline.html(Markup("\n").join(about)))
        out.append(_note_list(mine, edition, inline, "No notes yet."))
    return "\n\n".join(out)


def _slug(tag: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") or "tag"
