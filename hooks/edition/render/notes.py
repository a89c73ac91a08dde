"""Notes as readers see them: in the essay's margin, on a paragraph's page, and quote highlights."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from .. import inventory, markup, scaffold
from ..notes import KINDS, Note, quote_positions
from .inline import Inline, plain_text
from .links import attr, text

if TYPE_CHECKING:
    from ..essay import Paragraph
    from ..model import Edition


para_page_uri = inventory.paragraph_page


def note_anchor(nid: str) -> str:
    """The HTML id of a note, the same on every page that shows it."""
    return f"note-{nid}"


def long_date(note: Note) -> str:
    """A note's date as readers read it: 25 November 2026."""
    return f"{note.date.day} {note.date:%B %Y}"


def teaser(note: Note, edition: Edition, limit: int = 110) -> str:
    """The first sentence (or words) of a note, as plain text."""
    return markup.first_sentence(plain_text(note.html, edition), limit)


def authors_html(note: Note, edition: Edition) -> str:
    """The note's authors, linked where the registry gives a link."""
    names = []
    for aid in note.authors:
        person = edition.contributors.get(aid)
        if person is None:
            names.append(text(aid))
        elif person.url:
            names.append(f'<a href="{attr(person.url)}">{text(person.name)}</a>')
        else:
            names.append(text(person.name))
    return ", ".join(names)


def note_block(note: Note, edition: Edition, inline: Inline, *, compact: bool, depth: int = 0) -> str:
    """One note and its replies: a collapsible teaser in the margin (`compact`), an article on its page.

    Only the note's body is Markdown; the element around it, its head and its byline are HTML fragments.
    """
    kind = KINDS[note.kind].label
    permalink = inline.href(para_page_uri(note.paragraph), note_anchor(note.id))
    meta = (
        f"{authors_html(note, edition)} · {long_date(note)} · "
        f'<a class="dp-note__permalink" href="{attr(permalink)}" aria-label="Permalink to this note">Permalink</a>'
    )
    if edition.settings.repo_url and edition.settings.edit_uri:
        edit = edition.settings.repo_url.rstrip("/") + "/" + edition.settings.edit_uri.strip("/") + "/" + note.src_uri
        meta += f' · <a class="dp-note__edit" href="{attr(edit)}">Edit</a>'
    if note.quote:
        meta = f"On “{text(note.quote)}” · " + meta
    classes = f"dp-note dp-note--{note.kind}" + (" dp-note--reply" if depth else "")
    if compact:
        tag = "details"
        head = (
            f'<summary><span class="dp-note__kind">{kind}</span> '
            f'<span class="dp-note__teaser">{text(teaser(note, edition))}</span></summary>'
        )
    else:
        tag = "article"
        head = f'<p class="dp-note__head"><span class="dp-note__kind">{kind}</span></p>'
    opening = f'<{tag} class="{classes}" id="{note_anchor(note.id)}" data-note="{attr(note.id)}">{head}'
    parts = [
        inline.html(opening),
        inline.body(note.html),
        inline.html(f'<p class="dp-note__meta">{meta}</p>'),
        *(note_block(r, edition, inline, compact=compact, depth=depth + 1) for r in edition.replies_to(note.id)),
        inline.html(f"</{tag}>"),
    ]
    return "\n\n".join(parts)


def suggest_url(para: Paragraph, edition: Edition) -> str:
    """GitHub's "new file" page with a note on `para` prefilled, or "" when the site has no repository."""
    settings = edition.settings
    if not settings.repo_url or "github.com" not in settings.repo_url:
        return ""
    parts = settings.edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 and parts[0] in {"edit", "blob"} else "main"
    value = scaffold.note_template(para, "your-id", "YYYY-MM-DD")  # not the build's date: builds are reproducible
    query = urlencode({"filename": f"{para.id}-your-note.md", "value": value}, quote_via=quote)
    return f"{settings.repo_url.rstrip('/')}/new/{branch}/docs/notes/{para.id}?{query}"


def _top_level(para: Paragraph, edition: Edition) -> list[Note]:
    """The notes that start at a paragraph and answer no other note (replies are shown under what they answer).

    A note spanning several paragraphs is shown once on the essay page, at its first paragraph.
    """
    return [
        n
        for n in edition.notes_on(para.id)
        if n.paragraph == para.id and (not n.replies_to or n.replies_to not in edition.notes)
    ]


def margin_notes(para: Paragraph, edition: Edition, limit: int) -> list[Note]:
    """Every note the essay's margin shows for `para`: the first `limit` threads, replies included."""
    shown: list[Note] = []
    queue = _top_level(para, edition)[:limit]
    while queue:
        note = queue.pop(0)
        shown.append(note)
        queue.extend(edition.replies_to(note.id))
    return shown


def notes_aside(para: Paragraph, edition: Edition, inline: Inline, limit: int) -> str:
    """The essay page's notes for one paragraph: a count/toggle bar and the margin column."""
    notes = _top_level(para, edition)
    total = len(edition.notes_on(para.id))
    page = attr(inline.href(para_page_uri(para.id)))
    suggest = suggest_url(para, edition)
    suggest_html = f' · <a class="dp-suggest" href="{attr(suggest)}">Suggest a note</a>' if suggest else ""
    discuss = f'<a class="dp-notes-page" href="{page}">Discuss ¶ {para.number}</a>{suggest_html}'
    if not total:
        return inline.html(f'<p class="dp-notes-bar">No notes yet · {discuss}</p>')
    label = f"{total} note{'s' if total != 1 else ''}"
    bar = (
        f'<p class="dp-notes-bar"><button type="button" class="dp-notes-toggle" aria-expanded="false" '
        f'aria-controls="notes-{para.id}">{label}<span class="dp-visually-hidden"> on paragraph {para.number}'
        f"</span></button> {discuss}</p>"
    )
    # Search finds notes on their paragraph's page; indexing them here too would list each twice.
    aside = (
        f'<aside class="dp-notes" id="notes-{para.id}" aria-label="Notes on paragraph {para.number}" '
        "data-search-exclude>"
    )
    blocks = [note_block(n, edition, inline, compact=True) for n in notes[:limit]]
    if len(notes) > limit:
        more = f'<p><a class="dp-notes-more" href="{page}">{len(notes) - limit} more on the paragraph’s page</a></p>'
        blocks.append(inline.html(more))
    return "\n\n".join([inline.html(bar + "\n" + aside), *blocks, inline.html("</aside>")])


def highlight_quotes(para: Paragraph, notes: list[Note]) -> str:
    """The paragraph's markup with each quoted phrase marked, and a link from the mark to its note."""
    spans: dict[tuple[int, int], list[Note]] = {}
    for note in notes:
        if not note.quote or len(note.paragraphs) != 1:
            continue
        found = quote_positions(para, note.quote, note.prefix, note.suffix)
        if len(found) == 1:
            spans.setdefault((found[0], found[0] + len(note.quote)), []).append(note)
    if not spans:
        return para.markup
    mapping = markup.plain_offsets(para.markup)
    edits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for (lo, hi), group in sorted(spans.items()):
        start, end = markup.widen_to_terms(para.markup, mapping[lo], mapping[hi])
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue  # overlapping phrases: the first keeps the highlight, both notes keep their quote
        taken.append((start, end))
        ids = " ".join(n.id for n in group)
        refs = "".join(
            f'<a class="dp-quote__ref" href="#{note_anchor(n.id)}" '
            f'aria-label="{attr(KINDS[n.kind].label)} note on “{attr(n.quote)}”"></a>'
            for n in group
        )
        edits.append((start, start, f'<mark class="dp-quote" data-notes="{attr(ids)}">'))
        edits.append((end, end, f"</mark>{refs}"))
    return markup.replace_spans(para.markup, edits)
