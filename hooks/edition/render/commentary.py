"""Generated commentary pages: one page per paragraph, and the indexes of notes (paragraph, kind, tag, contributor)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import markup
from ..notes import KINDS, Note
from .essay import paragraph_block
from .links import attr, rel, text
from .notes import highlight_quotes, long_date, note_anchor, note_block, para_page_uri, teaser

if TYPE_CHECKING:
    from ..essay import Paragraph
    from ..model import Edition
    from .inline import Inline

NOTES_INDEX = "notes/index.md"
BY_KIND = "notes/kinds.md"
BY_TAG = "notes/tags.md"
CONTRIBUTORS = "notes/contributors.md"


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
    essay_link = attr(inline.href(edition.settings.essay, para.id))
    text_md = inline.render(highlight_quotes(para, notes))
    section = f'<p class="dp-para-page__section"><em>{text(para.section)}</em></p>' if para.section else ""
    out = [
        f"# Paragraph {para.number}",
        inline.html(section) if section else "",
        paragraph_block(para, text_md, inline, anchor=False, href=inline.href(edition.settings.essay, para.id)),
        inline.html(f'</div>\n<p><a class="md-button" href="{essay_link}">Read ¶ {para.number} in the essay</a></p>'),
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


def _note_line(note: Note, edition: Edition, here: str, *, with_para: bool = True, with_kind: bool = True) -> str:
    """One list line for a note in an index."""
    para = edition.essay.paragraph(note.paragraph)
    href = rel(here, para_page_uri(note.paragraph), note_anchor(note.id))
    bits = []
    if with_kind:
        bits.append(f"**{KINDS[note.kind].label}**")
    bits.append(f"[{text(teaser(note, edition, 90))}]({href})")
    if with_para and para is not None:
        bits.append(f"(¶ {para.number})")
    reply = " ↳ reply" if note.replies_to else ""
    return "- " + " ".join(bits) + reply


def notes_index(edition: Edition) -> str:
    """All notes by paragraph."""
    here = NOTES_INDEX
    out = [
        "# Commentary",
        "",
        f"{len(edition.notes)} notes on {len(edition.essay.paragraphs)} paragraphs. "
        f"Browse them [by kind]({rel(here, BY_KIND)}), [by tag]({rel(here, BY_TAG)}) "
        f"or [by contributor]({rel(here, CONTRIBUTORS)}).",
        "",
    ]
    for para in edition.essay.paragraphs:
        notes = edition.notes_on(para.id)
        out += [
            f"## ¶ {para.number} · {text(opening(para, 70))} {{: #{para.id} }}",
            "",
            f"[The paragraph and its {len(notes)} notes]({rel(here, para_page_uri(para.id))})",
            "",
        ]
        out += [_note_line(n, edition, here, with_para=False) for n in notes]
        out.append("")
    return "\n".join(out)


def kinds_index(edition: Edition) -> str:
    """All notes by kind."""
    here = BY_KIND
    out = ["# Notes by kind", ""]
    groups: dict[str, list[Note]] = defaultdict(list)
    for n in edition.notes.values():
        groups[n.kind].append(n)
    out += [f"- [{k.label}](#kind-{kid}) ({len(groups[kid])}): {k.doc}" for kid, k in KINDS.items()]
    out.append("")
    for kid, kind in KINDS.items():
        out += [f"## {kind.label} {{: #kind-{kid} }}", "", f"*{kind.doc}.*", ""]
        out += [_note_line(n, edition, here, with_kind=False) for n in groups[kid]] or ["No notes of this kind yet."]
        out.append("")
    return "\n".join(out)


def tags_index(edition: Edition) -> str:
    """All notes by tag."""
    here = BY_TAG
    groups: dict[str, list[Note]] = defaultdict(list)
    for n in edition.notes.values():
        for tag in n.tags:
            groups[tag].append(n)
    out = ["# Notes by tag", ""]
    out.append(" · ".join(f"[{text(t)}](#tag-{_slug(t)}) ({len(groups[t])})" for t in sorted(groups)))
    out.append("")
    for tag in sorted(groups):
        out += [f"## {text(tag)} {{: #tag-{_slug(tag)} }}", ""]
        out += [_note_line(n, edition, here) for n in groups[tag]]
        out.append("")
    return "\n".join(out)


def contributors_index(edition: Edition) -> str:
    """Each contributor, with their notes."""
    here = CONTRIBUTORS
    out = ["# Contributors", "", "Everyone credited for a note, with their notes.", ""]
    for cid, person in sorted(edition.contributors.items(), key=lambda kv: kv[1].name.casefold()):
        mine = [n for n in edition.notes.values() if cid in n.authors]
        name = f"[{text(person.name)}]({person.url})" if person.url else text(person.name)
        out += [f"## {text(person.name)} {{: #contributor-{cid} }}", ""]
        if person.url:
            out += [f"Website: {name}", ""]
        if mine:
            first, last = min(n.date for n in mine), max(n.date for n in mine)
            span = long_date(mine[0]) if first == last else f"{first:%B %Y} – {last:%B %Y}"
            out += [f"{len(mine)} note{'s' if len(mine) != 1 else ''} ({span}).", ""]
        out += [_note_line(n, edition, here) for n in mine] or ["No notes yet."]
        out.append("")
    return "\n".join(out)


def _slug(tag: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") or "tag"
