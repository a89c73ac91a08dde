"""Atom feeds of the notes, written with feedgen: every note, and one feed per course and per tag.

Newest first, a withdrawn note last updated on the day it was withdrawn. Nothing depends on the build's
clock: every date comes from the notes, so the same content always gives the same bytes. A feed's addresses
are absolute (site_url): without one, no feed is written.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator

from .. import markup, pages
from ..escaping import Markup
from ..notes import KINDS, Note
from .inline import plain_text
from .links import relative_url
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import Edition

FEED_TYPE = "application/atom+xml"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def updated(note: Note) -> dt.date:
    """The day a note last changed, as its feed entry says: withdrawn, or written."""
    return note.withdrawn.date if note.withdrawn else note.date


def feeds(edition: Edition, urls: Mapping[str, str]) -> dict[str, str]:
    """Every feed of the edition (site path → Atom XML), or none without a site_url."""
    settings = edition.settings
    if not settings.site_url:
        return {}
    notes = sorted(edition.notes.values(), key=lambda n: (updated(n), n.date, n.id), reverse=True)
    out = {pages.FEED: _feed(edition, urls, pages.FEED, f"{settings.title}: new notes", notes)}
    # Each course's and tag's notes, newest first, grouped in one pass (not a pass over the notes per name).
    groups: dict[str, dict[str, list[Note]]] = {"course": {}, "tag": {}}
    for n in notes:
        if n.course:
            groups["course"].setdefault(n.course, []).append(n)
        for tag in dict.fromkeys(n.tags):
            groups["tag"].setdefault(tag, []).append(n)
    for kind, by_name in groups.items():
        for name in sorted(by_name):
            path = pages.feed_file(kind, name)
            out[path] = _feed(edition, urls, path, f"{settings.title}: notes, {kind} {name}", by_name[name])
    return out


def _feed(edition: Edition, urls: Mapping[str, str], path: str, title: str, notes: list[Note]) -> str:
    settings = edition.settings
    site = settings.site_url.rstrip("/") + "/"
    fg = FeedGenerator()
    fg.id(site + path)
    fg.title(title)
    fg.author({"name": settings.title})
    fg.link(href=site + path, rel="self", type=FEED_TYPE)
    fg.link(href=pages.absolute(settings.site_url, urls, pages.NOTES_INDEX) or site, rel="alternate")
    fg.language("en")
    last = max((updated(n) for n in notes), default=settings.date or dt.date(2000, 1, 1))
    fg.updated(_moment(last))
    for note in notes:  # newest first, in the order added
        para = edition.essay.paragraph(note.paragraph)
        link = pages.absolute(settings.site_url, urls, para_page_uri(note.paragraph), note_anchor(note.id))
        entry = fg.add_entry(order="append")
        entry.id(link or f"{site}#{note_anchor(note.id)}")
        heading = f"{KINDS[note.kind].label} on ¶ {para.number if para else '?'}: {teaser(note, edition, 80)}"
        heading = markup.NO_XML.sub("", heading)  # no XML holds one; the check refuses them, this keeps the build
        entry.title(f"Withdrawn: {heading}" if note.withdrawn else heading)
        if link:
            entry.link(href=link)
        people = edition.contributors
        entry.author([{"name": people[a].name if a in people else a} for a in note.authors])
        entry.published(_moment(note.date))
        entry.updated(_moment(updated(note)))
        text = plain_text(note.html, edition)
        if note.withdrawn:
            text = f"Withdrawn on {note.withdrawn.date}: {note.withdrawn.reason}\n\n{text}"
        entry.content(markup.NO_XML.sub("", text), type="text")
        for category in (note.kind, *note.tags):
            entry.category(term=category)
    return str(fg.atom_str(pretty=True).decode("utf-8"))


def head_link(edition: Edition, page_url: str) -> str:
    """The <link> to the feed of every note, for a page's head (relative to the page at `page_url`); none in the
    offline copy, where Material's look for a sitemap beside it would fail from the disk."""
    if not edition.settings.site_url or edition.settings.offline:
        return ""
    link = Markup('<link rel="alternate" type="{}" title="{}" href="{}">')
    return str(link.format(FEED_TYPE, f"{edition.settings.title}: new notes", relative_url(pages.FEED, page_url)))


def feed_links(edition: Edition, page_url: str, kind: str = "", names: tuple[str, ...] = ()) -> Markup:
    """Links for people to the feed of every note (or to those of some courses or tags), from a page."""
    if not edition.settings.site_url:
        return Markup()
    if not kind:
        link = Markup('<p class="dp-feed">Follow new notes in a feed reader: <a href="{}" type="{}">Atom feed</a></p>')
        return link.format(relative_url(pages.FEED, page_url), FEED_TYPE)
    links = [Markup('<a href="{}" type="{}">{}</a>').format(relative_url(pages.feed_file(kind, n), page_url),
                                                           FEED_TYPE, n) for n in names]  # fmt: skip
    return Markup('<p class="dp-feed">Atom feeds by {}: {}</p>').format(kind, Markup(" · ").join(links))
