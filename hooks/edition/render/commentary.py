"""Generated commentary pages: one page per paragraph, and the indexes of notes (paragraph, kind, tag, contributor)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import inventory, markup
from ..notes import KINDS, Note
from .essay import paragraph_block
from .links import attr, html_list, md_text, rel, text
from .notes import highlight_quotes, long_date, note_anchor, note_block, para_page_uri, teaser

if TYPE_CHECKING:
    from ..essay import Paragraph
    from ..model import Edition
    from .inline import Inline

NOTES_INDEX, BY_KIND, BY_TAG = inventory.NOTES_INDEX, inventory.BY_KIND, inventory.BY_TAG
CONTRIBUTORS = inventory.CONTRIBUTORS_INDEX


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
    section = f'<p class="dp-para-page__section"><em>{text(para.section)}</em></p>' if para.section else ""
    out = [
        f"# Paragraph {para.number}",
        inline.html(section) if section else "",
        paragraph_block(para, text_md, inline, anchor=False, href=essay_link),
        inline.html(f'<p><a class="md-button" href="{attr(essay_link)}">Read ¶ {para.number} in the essay</a></p>'),
        f"## Notes on this paragraph ({len(notes)})",
    ]
    out += [note_block(n, edition, inline, compact=False) for n in tops]
    if not notes:
        out.append("No notes on this paragraph yet.")
    nav = []
    if i > 0:
        prev = paras[i - 1]
        href = attr(inline.href(para_page_uri(prev.id)))
        nav.append(f'<p><a class="dp-prev" href="{href}">← ¶ {prev.number}: {text(opening(prev, 50))}</a></p>')
    if i + 1 < len(paras):
        nxt = paras[i + 1]
        href = attr(inline.href(para_page_uri(nxt.id)))
        nav.append(f'<p><a class="dp-next" href="{href}">¶ {nxt.number}: {text(opening(nxt, 50))} →</a></p>')
    out.append(inline.html(f'<nav class="dp-para-nav" aria-label="Neighbouring paragraphs">{"".join(nav)}</nav>'))
    out.append(extra(para))
    return "\n\n".join(out) + inline.definitions()


def _note_line(note: Note, edition: Edition, inline: Inline, *, with_para: bool = True, with_kind: bool = True) -> str:
    """One list item's content (HTML) for a note in an index."""
    para = edition.essay.paragraph(note.paragraph)
    href = attr(inline.href(para_page_uri(note.paragraph), note_anchor(note.id)))
    bits = [f"<strong>{KINDS[note.kind].label}</strong>"] if with_kind else []
    bits.append(f'<a href="{href}">{text(teaser(note, edition, 90))}</a>')
    if with_para and para is not None:
        bits.append(f"(¶ {para.number})")
    reply = " ↳ reply" if note.replies_to else ""
    return " ".join(bits) + reply


def _note_list(notes: list[Note], edition: Edition, inline: Inline, empty: str, **options: bool) -> str:
    """A list of notes for an index, as an HTML fragment."""
    if not notes:
        return inline.html(f"<p>{empty}</p>")
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
        page = attr(inline.href(para_page_uri(para.id)))
        out += [
            f"## ¶ {para.number} · {md_text(opening(para, 70))} {{: #{para.id} }}",
            inline.html(f'<p><a href="{page}">The paragraph and its {len(notes)} notes</a></p>'),
            _note_list(notes, edition, inline, "No notes yet.", with_para=False),
        ]
    return "\n\n".join(out)


def kinds_index(edition: Edition, inline: Inline) -> str:
    """All notes by kind."""
    groups: dict[str, list[Note]] = defaultdict(list)
    for n in edition.notes.values():
        groups[n.kind].append(n)
    summary = [f'<a href="#kind-{kid}">{k.label}</a> ({len(groups[kid])}): {text(k.doc)}' for kid, k in KINDS.items()]
    out = ["# Notes by kind", inline.html(html_list(summary))]
    for kid, kind in KINDS.items():
        out += [
            f"## {kind.label} {{: #kind-{kid} }}",
            inline.html(f"<p><em>{text(kind.doc)}.</em></p>"),
            _note_list(groups[kid], edition, inline, "No notes of this kind yet.", with_kind=False),
        ]
    return "\n\n".join(out)


def tags_index(edition: Edition, inline: Inline) -> str:
    """All notes by tag."""
    groups: dict[str, list[Note]] = defaultdict(list)
    for n in edition.notes.values():
        for tag in n.tags:
            groups[tag].append(n)
    cloud = " · ".join(f'<a href="#tag-{_slug(t)}">{text(t)}</a> ({len(groups[t])})' for t in sorted(groups))
    out = ["# Notes by tag", inline.html(f"<p>{cloud}</p>")]
    for tag in sorted(groups):
        out += [f"## {md_text(tag)} {{: #tag-{_slug(tag)} }}", _note_list(groups[tag], edition, inline, "")]
    return "\n\n".join(out)


def contributors_index(edition: Edition, inline: Inline) -> str:
    """Each contributor, with their notes."""
    out = ["# Contributors", "Everyone credited for a note, with their notes."]
    for cid, person in sorted(edition.contributors.items(), key=lambda kv: kv[1].name.casefold()):
        mine = [n for n in edition.notes.values() if cid in n.authors]
        out.append(f"## {md_text(person.name)} {{: #contributor-{cid} }}")
        about = []
        if person.url:
            about.append(f'<p>Website: <a href="{attr(person.url)}">{text(person.name)}</a></p>')
        if mine:
            first, last = min(n.date for n in mine), max(n.date for n in mine)
            span = long_date(mine[0]) if first == last else f"{first:%B %Y} – {last:%B %Y}"
            about.append(f"<p>{len(mine)} note{'s' if len(mine) != 1 else ''} ({span}).</p>")
        if about:
            out.append(inline.html("\n".join(about)))
        out.append(_note_list(mine, edition, inline, "No notes yet."))
    return "\n\n".join(out)


def _slug(tag: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") or "tag"
