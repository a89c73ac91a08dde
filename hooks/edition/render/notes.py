"""Notes as readers see them: in the essay's margin, on a paragraph's page, and quote highlights."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from .. import markup, pages, templates
from ..escaping import Markup
from ..notes import KINDS, Note, quote_positions
from .inline import Inline, plain_text

if TYPE_CHECKING:
    from ..essay import Paragraph
    from ..model import Edition


para_page_uri = pages.paragraph_page


def note_anchor(nid: str) -> str:
    """The HTML id of a note, the same on every page that shows it."""
    return f"note-{nid}"


def long_date(note: Note) -> str:
    """A note's date as readers read it: 25 November 2026."""
    return f"{note.date.day} {note.date:%B %Y}"


def teaser(note: Note, edition: Edition, limit: int = 110) -> str:
    """The first sentence (or words) of a note, as plain text."""
    return markup.first_sentence(plain_text(note.html, edition), limit)


def authors_html(note: Note, edition: Edition) -> Markup:
    """The note's authors, linked where the registry gives a link; each name isolated (<bdi>), so that a name
    written right to left cannot reorder the others or the commas between them."""
    names = []
    for aid in note.authors:
        person = edition.contributors.get(aid)
        if person is None:
            names.append(Markup("<bdi>{}</bdi>").format(aid))
        elif person.url:
            names.append(Markup('<a href="{}"><bdi>{}</bdi></a>').format(person.url, person.name))
        else:
            names.append(Markup("<bdi>{}</bdi>").format(person.name))
    return Markup(", ").join(names)


def note_block(note: Note, edition: Edition, inline: Inline, *, compact: bool, depth: int = 0) -> str:
    """One note and its replies, as one labelled article: its kind and authors, its whole text, then where
    it points (the quoted words), its date and its permalink.

    In the essay's margin (`compact`) the byline is shorter; readers there can shorten the text to its
    opening lines (edition.js), and the same element shows it whole again, so nothing is shown twice.
    The layer filters read `data-kind`, `data-course` and `data-authors`. Only the note's body is Markdown.
    """
    kind = KINDS[note.kind].label
    anchor = note_anchor(note.id)
    permalink = inline.href(para_page_uri(note.paragraph), anchor)
    meta = Markup(
        '{} · <a class="dp-note__permalink" href="{}">Permalink<span class="dp-visually-hidden"> to this {} note'
        "</span></a>"
    ).format(long_date(note), permalink, kind.lower())
    if edition.settings.repo_url and edition.settings.edit_uri:
        edit = edition.settings.repo_url.rstrip("/") + "/" + edition.settings.edit_uri.strip("/") + "/" + note.src_uri
        meta += Markup(' · <a class="dp-note__edit" href="{}">Edit</a>').format(edit)
    if note.quote:
        meta = Markup("On “{}” · ").format(note.quote) + meta
    classes = f"dp-note dp-note--{note.kind}" + (" dp-note--reply" if depth else "")
    body = inline.body(note.html, wrap="dp-note__body")
    if note.withdrawn is not None:  # its permalink stays, saying when and why; its words, folded, stay too
        classes += " dp-note--withdrawn"
        notice = Markup(
            '<p class="dp-note__withdrawn"><strong>Withdrawn</strong> on {} {:%B %Y}: {}</p>'
            "<details><summary>The withdrawn note</summary>"
        ).format(note.withdrawn.date.day, note.withdrawn.date, note.withdrawn.reason)
        body = "\n\n".join([inline.html(notice), body, inline.html(Markup("</details>"))])
    opening = Markup(
        '<article class="{}" id="{}" data-note="{}" data-kind="{}" data-course="{}" data-authors="{}" '
        'aria-labelledby="{}--label" tabindex="0">'
        '<p class="dp-note__head" id="{}--label"><span class="dp-note__kind">{}</span>'
        '<span class="dp-visually-hidden"> note</span>{} <span class="dp-note__by">by {}</span></p>'
    ).format(
        classes,
        anchor,
        note.id,
        note.kind,
        note.course or "",
        " ".join(note.authors),
        anchor,
        anchor,
        kind,
        Markup(' <span class="dp-note__reply">(reply)</span>') if depth else Markup(),
        authors_html(note, edition),
    )
    parts = [
        inline.html(opening),
        body,
        inline.html(Markup('<p class="dp-note__meta">{}</p>').format(meta)),
        *(note_block(r, edition, inline, compact=compact, depth=depth + 1) for r in edition.replies_to(note.id)),
        inline.html(Markup("</article>")),
    ]
    return "\n\n".join(parts)


def author_names(note: Note, edition: Edition) -> str:
    """The note's authors as plain text."""
    return ", ".join(edition.contributors[a].name if a in edition.contributors else a for a in note.authors)


def suggest_url(para: Paragraph, edition: Edition) -> str:
    """GitHub's "new file" page with a note on `para` prefilled, or "" when the site has no repository."""
    settings = edition.settings
    if not settings.repo_url or "github.com" not in settings.repo_url:
        return ""
    parts = settings.edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 and parts[0] in {"edit", "blob"} else "main"
    value = templates.note_template(para, "your-id", "YYYY-MM-DD")  # not the build's date: builds are reproducible
    query = urlencode({"filename": f"{para.id}-your-note.md", "value": value}, quote_via=quote)
    folder = settings.source(settings.docs(pages.NOTES_DIR, para.id)).rel  # where `make note` writes it
    return f"{settings.repo_url.rstrip('/')}/new/{branch}/{folder}?{query}"


def _top_level(para: Paragraph, edition: Edition) -> list[Note]:
    """The notes that start at a paragraph and answer no other note (replies are shown under what they answer).

    A note spanning several paragraphs is shown once on the essay page, at its first paragraph.
    """
    return [
        n
        for n in edition.notes_on(para.id)
        if n.paragraph == para.id and n.withdrawn is None and (not n.replies_to or n.replies_to not in edition.notes)
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
    """The essay page's notes for one paragraph: a bar (a button showing or hiding them, a link to the
    paragraph's own page) and the notes in full, beside the text on wide screens, under it on phones."""
    notes = _top_level(para, edition)
    total = sum(n.withdrawn is None for n in edition.notes_on(para.id))  # a withdrawn note leaves the margin
    page = inline.href(para_page_uri(para.id))
    suggest = suggest_url(para, edition)
    suggest_html = Markup('<a class="dp-suggest" href="{}">Suggest a note</a>').format(suggest) if suggest else Markup()
    more = Markup('<a class="dp-notes-page" href="{}">More on ¶ {}</a>').format(page, para.number)
    if not total:
        return inline.html(Markup('<p class="dp-notes-bar">No notes yet {}</p>').format(suggest_html))
    label = f"{total} note{'s' if total != 1 else ''}"
    bar = Markup(
        '<p class="dp-notes-bar"><button type="button" class="dp-notes-toggle" aria-expanded="true" '
        'aria-controls="notes-{}" data-total="{}"><span class="dp-notes-toggle__count">{}</span>'
        '<span class="dp-visually-hidden"> on paragraph {}</span></button> {} {}</p>'
    ).format(para.id, total, label, para.number, more, suggest_html)
    # Search finds notes on their paragraph's page; indexing them here too would list each twice.
    aside = Markup(
        '<aside class="dp-notes" id="notes-{}" aria-label="Notes on paragraph {}" data-search-exclude>'
    ).format(para.id, para.number)
    blocks = [note_block(n, edition, inline, compact=True) for n in notes[:limit]]
    if len(notes) > limit:
        rest = Markup('<p><a class="dp-notes-more" href="{}">{} more on the paragraph’s page</a></p>')
        blocks.append(inline.html(rest.format(page, len(notes) - limit)))
    return "\n\n".join([inline.html(bar + Markup("\n") + aside), *blocks, inline.html(Markup("</aside>"))])


def highlight_quotes(para: Paragraph, notes: list[Note]) -> str:
    """The paragraph's markup with each quoted phrase marked (`data-notes`: the ids of its notes)."""
    spans: dict[tuple[int, int], list[Note]] = {}
    for note in notes:
        if not note.quote or len(note.paragraphs) != 1 or note.withdrawn is not None:
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
        ids = " ".join(note_anchor(n.id) for n in group)
        # Only a highlight: the note beside the text says which words it is about ("On …"), and edition.js
        # links the two both ways (hover, click) without adding a mark or a target to the text.
        edits.append((start, start, Markup('<mark class="dp-quote" data-notes="{}">').format(ids)))
        edits.append((end, end, Markup("</mark>")))
    return markup.replace_spans(para.markup, edits)
