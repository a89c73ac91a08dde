"""The works-cited page (entries with "cited in" backlinks) and the "Cite this" boxes."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..escaping import Markup
from ..notes import KINDS as NOTE_KINDS
from ..works import SECTIONS, Work
from .inline import term_uri
from .links import sanitised
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from ..citations import Citations
    from ..essay import Paragraph
    from ..model import Edition
    from .inline import Inline


def _cited_in(work: Work, edition: Edition, inline: Inline) -> list[Markup]:
    """Links (HTML) to every note, term and path that cites the work (each once, in reading order)."""
    seen: dict[tuple[str, str], Markup] = {}
    link = Markup('<a href="{}">{}{}</a>')
    for use in edition.work_uses(work.key):
        key = (use.owner_kind, use.owner)
        if key in seen:
            continue
        if use.owner_kind == "note" and use.owner in edition.notes:
            note = edition.notes[use.owner]
            para = edition.essay.paragraph(note.paragraph)
            label = f"¶ {para.number if para else '?'} {NOTE_KINDS[note.kind].label.lower()} note"
            href = inline.href(para_page_uri(note.paragraph), note_anchor(note.id))
            seen[key] = Markup('<a href="{}" title="{}">{}</a>').format(href, teaser(note, edition, 80), label)
        elif use.owner_kind == "term" and use.owner in edition.terms:
            seen[key] = link.format(inline.href(term_uri(use.owner)), "glossary: ", edition.terms[use.owner].term)
        elif use.owner_kind == "path" and use.owner in edition.paths:
            rp = edition.paths[use.owner]
            seen[key] = link.format(inline.href(rp.src_uri), "path: ", rp.title)
        elif use.owner_kind == "page":
            seen[key] = link.format(inline.href(use.owner), "", use.owner.removesuffix(".md"))
    return list(seen.values())


def works_cited(edition: Edition, citations: Citations, inline: Inline) -> str:
    """Every entry, by section (primary sources, scholarship), sorted, with its anchor and backlinks."""
    out = [
        "# Works cited",
        "The works the essay names or alludes to, and the scholarship the commentary draws on. Citations in "
        "the notes and glossary link here; each entry lists where it is cited.",
    ]
    sections: dict[str, list[Work]] = {}
    for work in edition.works.values():
        sections.setdefault(work.section, []).append(work)
    order = [s for s in SECTIONS if s in sections] + sorted(s for s in sections if s not in SECTIONS)
    entry = Markup(
        '<div class="dp-work" id="ref-{}"><p class="dp-work__ref">{}</p><p class="dp-work__cited">{}</p></div>'
    )
    for section in order:
        title = SECTIONS.get(section, section.replace("-", " ").title())
        entries = []
        for work in sorted(sections[section], key=lambda w: (citations.reference(w.key).casefold(), w.key)):
            cited = _cited_in(work, edition, inline)
            where = Markup("Cited in: ") + Markup(", ").join(cited) if cited else Markup("Not cited yet.")
            entries.append(entry.format(work.key, sanitised(citations.reference_html(work.key)), where))
        out += [f"## {title} {{: #section-{section} }}", inline.html(Markup("\n").join(entries))]
    return "\n\n".join(out)


# The fields of classic BibTeX (and `url`, which every reference manager reads): the "Cite this" boxes give
# no other, since BibTeX's own styles ignore biblatex's (issue, urldate, subtitle…) without a word.
BIBTEX_FIELDS = (
    "author", "editor", "title", "howpublished", "journal", "edition", "publisher", "address",
    "year", "month", "volume", "number", "pages", "url", "note",
)  # fmt: skip
_FROM_BIBLATEX = {"journaltitle": "journal", "location": "address"}  # the same thing under its BibTeX name


def standard_fields(fields: dict[str, str]) -> dict[str, str]:
    """A .bib entry's fields as classic BibTeX has them: biblatex names renamed, a subtitle joined to the
    title, a date reduced to its year, every other field left out."""
    out = {_FROM_BIBLATEX.get(name, name): value for name, value in fields.items()}
    if out.get("subtitle") and out.get("title"):
        out["title"] = f"{out['title']}: {out['subtitle']}"
    if not out.get("year") and out.get("date"):
        out["year"] = out["date"][:4]
    return {name: out[name] for name in BIBTEX_FIELDS if out.get(name)}


def _bibtex(entry_type: str, key: str, fields: dict[str, str]) -> str:
    """A BibTeX entry of the standard fields only, in a stable order."""
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in standard_fields(fields).items())
    return f"@{entry_type}{{{key},\n{body}\n}}"


_TEX_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def _tex(text: str) -> str:
    """Plain text (a setting, as typed) made safe to put in a BibTeX field."""
    return "".join(_TEX_SPECIAL.get(c, c) for c in text)


def _long_date(day: dt.date) -> str:
    """A date as Chicago writes it: "November 30, 2026"."""
    return f"{day:%B} {day.day}, {day.year}"


def _version(edition: Edition) -> str:
    """ "version 1.1 (November 30, 2026)", or as much of it as mkdocs.yml says."""
    settings = edition.settings
    version = f"version {settings.version}" if settings.version else ""
    if settings.date is None:
        return version
    return f"{version} ({_long_date(settings.date)})" if version else _long_date(settings.date)


def cite_essay(edition: Edition, inline: Inline, para: Paragraph | None = None) -> Markup:
    """A "Cite this" box for the essay (or one paragraph of it): Chicago and BibTeX, each with a copy button.

    Both give the original publication with its own address, then the edition it was read in with this
    page's address: Chicago's "Reprinted in" (a text reproduced in another publication), BibTeX's `note`.
    """
    settings = edition.settings
    work = edition.works.get(settings.essay_key)  # the essay's own entry, named in mkdocs.yml
    if work is None or inline.citations is None:
        return Markup()
    url = inline.absolute(settings.essay, para.id if para else "")
    where = ", ".join(part for part in (_version(edition), f"¶ {para.number}" if para else "") if part)
    chicago = _plain(inline.citations.reference(work.key))  # the works-cited entry, with the original's URL
    chicago += f" Reprinted in {settings.title}" + (f", {where}." if where else ".") + (f" {url}." if url else "")
    fields = dict(work.fields)
    edition_part = ", ".join(
        part
        for part in (
            f"Reprinted in {_tex(settings.title)}",
            f"version {_tex(settings.version)}" if settings.version else "",
            f"paragraph {para.number}" if para else "",
            f"\\url{{{url}}}" if url else "",
        )
        if part
    )
    fields["note"] = f"{fields['note'].rstrip('.')}. {edition_part}" if fields.get("note") else edition_part
    bib = _bibtex(work.type, work.key, fields)
    what = f"paragraph {para.number} of the essay" if para else "the essay"
    return _cite_box(f"Cite {what}", chicago, bib)


def cite_edition(edition: Edition, title: str, year: str) -> Markup:
    """A "Cite this" box for the annotated edition itself (on the home page), naming its version (from
    mkdocs.yml, whose date also gives the year; `year` is used without one) and the essay it annotates
    (from the essay's own entry in bibliography/*.bib, extra.edition.essay_key)."""
    settings = edition.settings
    url = settings.site_url
    if settings.date is not None:
        year = str(settings.date.year)
    version = _version(edition)
    chicago = f"The editors, eds. {year}. *{title}*." + (f" {version[0].upper()}{version[1:]}." if version else "")
    fields = {"editor": "{The editors}", "title": _tex(title), "year": year}
    fields["howpublished"] = "Online edition" + (f", version {_tex(settings.version)}" if settings.version else "")
    if settings.date is not None:
        fields["month"] = f"{settings.date:%B}"
    essay = edition.works.get(settings.essay_key)
    if essay is not None:
        by = prose_names(essay.names("author") or essay.names("editor"))
        venue = next((f for f in VENUES if essay.fields.get(f)), "")
        # "(venue, year)", without what the entry does not say; BibTeX keeps the entry's TeX.
        shown = ", ".join(part for part in (essay.text(venue) if venue else "", essay.year) if part)
        chicago += f" Annotated edition of {by}, “{essay.text('title')}”" + (f" ({shown})." if shown else ".")
        where = ", ".join(part for part in (essay.fields.get(venue, ""), essay.year) if part)
        note = f"Annotated edition of {_tex(by)}, ``{essay.fields.get('title', '')}''"
        fields["note"] = f"{note} ({where})" if where else note
    if url:
        chicago += f" {url}."
        fields["url"] = url
    bib = _bibtex("misc", f"{essay.key}-edition" if essay else "edition", fields)
    return _cite_box("Cite this edition", _plain(chicago), bib)


VENUES = ("journal", "journaltitle", "booktitle", "publisher", "howpublished")  # where a text appeared


def prose_names(people: list[str]) -> str:
    """People as a sentence names them: "A", "A and B", "A, B, and C"."""
    return " and ".join(people) if len(people) < 3 else ", ".join(people[:-1]) + ", and " + people[-1]


def _cite_box(summary: str, chicago: str, bib: str) -> Markup:
    """A collapsed "Cite this" box (HTML): the citation as plain text and as BibTeX, each with a copy button."""
    block = Markup('<div class="language-{} dp-cite-{} highlight"><pre><span></span><code>{}\n</code></pre></div>')
    return Markup(
        '<details class="quote dp-cite"><summary>{}</summary>\n<p>Chicago (author-date):</p>\n{}\n'
        "<p>BibTeX:</p>\n{}\n</details>"
    ).format(summary, block.format("text", "chicago", chicago), block.format("bibtex", "bibtex", bib))


def _plain(markdown_text: str) -> str:
    """Markdown emphasis, escapes and autolink brackets removed, for a citation to copy as plain text."""
    unlinked = re.sub(r"<(https?://[^>\s]+)>", r"\1", markdown_text)
    return unlinked.replace("\\", "").replace("*", "").strip()


def works_cited_page(edition: Edition, inline: Inline) -> str:
    """The works-cited page, with the citations of this build (see `works_cited`)."""
    from ..citations import Citations

    return works_cited(edition, inline.citations or Citations(), inline)
