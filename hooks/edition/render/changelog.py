"""The changelog page: each version of the edition, newest first, with what it changed in the text and the
notes it added, corrected and withdrawn (the notes added and withdrawn found from the notes' own dates)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..changelog import anchor
from ..escaping import Markup
from .links import html_list, md_text
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from ..model import Edition
    from ..notes import Note
    from .inline import Inline


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _links(notes: list[Note], edition: Edition, inline: Inline) -> Markup:
    """A list of links to notes' permalinks, each with its paragraph's number and opening words."""
    items = []
    for note in notes:
        para = edition.essay.paragraph(note.paragraph)
        href = inline.href(para_page_uri(note.paragraph), note_anchor(note.id))
        items.append(
            Markup('<a href="{}">{}</a> (¶ {})').format(href, teaser(note, edition, 90), para.number if para else "?")
        )
    return html_list(items)


def changelog_page(edition: Edition, inline: Inline) -> str:
    """The page: the version citations name, then every release with its changes."""
    settings = edition.settings
    notes = list(edition.notes.values())
    out = ["# Changes"]
    current = Markup("“Cite this” names the version of the edition you read")
    if settings.version:
        current += Markup(": this is version {}").format(settings.version)
        current += Markup(", of {}").format(_day(settings.date)) if settings.date else Markup()
    out.append(inline.html(Markup("<p>{}. Each version is listed here with what it changed.</p>").format(current)))
    releases = edition.releases
    if releases:
        newer = [n for n in notes if n.date > releases[0].date]
        if newer:
            out += [f"## Since version {md_text(releases[0].version)}", "Notes added since the last release:"]
            out.append(inline.html(_links(newer, edition, inline)))
    else:
        out.append("No release is recorded yet (docs/changelog.yml).")
    for i, release in enumerate(releases):
        since = releases[i + 1].date if i + 1 < len(releases) else dt.date.min
        slug = anchor(release.version)
        out.append(f"## Version {md_text(release.version)} · {_day(release.date)} {{: #{slug} }}")
        parts = [Markup("<p>{}</p>").format(release.summary)] if release.summary else []
        added = [n for n in notes if since < n.date <= release.date]
        withdrawn = [n for n in notes if n.withdrawn and since < n.withdrawn.date <= release.date]
        corrected = [edition.notes[nid] for nid in release.corrected if nid in edition.notes]
        sections = [
            ("The text", html_list([Markup("{}").format(line) for line in release.text]) if release.text else None),
            (f"Notes added ({len(added)})", _links(added, edition, inline) if added else None),
            (f"Notes corrected ({len(corrected)})", _links(corrected, edition, inline) if corrected else None),
            (f"Notes withdrawn ({len(withdrawn)})", _links(withdrawn, edition, inline) if withdrawn else None),
        ]
        for title, body in sections:
            if body is not None:
                parts.append(Markup('<p class="dp-changes__what"><strong>{}</strong></p>{}').format(title, body))
        if len(parts) == (1 if release.summary else 0):
            parts.append(Markup("<p>No change to the text or the notes.</p>"))
        out.append(inline.html(Markup('<div class="dp-changes">{}</div>').format(Markup("\n").join(parts))))
    return "\n\n".join(out)
