"""The works-cited page (entries with "cited in" backlinks) and the "Cite this" boxes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import Markup

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


def _bibtex(work: Work, key: str | None = None) -> str:
    """A BibTeX entry for a work, fields in a stable order."""
    order = ["author", "editor", "title", "journal", "volume", "number", "issue", "year", "publisher", "url", "note"]
    fields = sorted(work.fields, key=lambda f: (order.index(f) if f in order else len(order), f))
    body = ",\n".join(f"  {f} = {{{work.fields[f]}}}" for f in fields if f != "keywords")
    return f"@{work.type}{{{key or work.key},\n{body}\n}}"


def cite_essay(edition: Edition, inline: Inline, para: Paragraph | None = None) -> Markup:
    """A "Cite this" box for the essay (or one paragraph of it): Chicago and BibTeX, each with a copy button."""
    work = edition.works.get(edition.settings.essay_key)  # the essay's own entry, named in mkdocs.yml
    if work is None or inline.citations is None:
        return Markup()
    chicago = _plain(inline.citations.reference(work.key))
    url = inline.absolute(edition.settings.essay, para.id if para else "")
    if para is not None:
        chicago = chicago.rstrip(".") + f", ¶ {para.number}."
    if url:
        chicago += f" {url}."
    fields = dict(work.fields)
    if url:
        fields["url"] = url
    if para is not None:
        fields["note"] = f"Paragraph {para.number}"
    bib = _bibtex(Work(work.key, work.type, fields, work.source, work.line, work.section))
    what = f"paragraph {para.number} of the essay" if para else "the essay"
    return _cite_box(f"Cite {what}", chicago, bib)


def cite_edition(edition: Edition, title: str, year: str) -> Markup:
    """A "Cite this" box for the annotated edition itself (on the home page), naming the essay it annotates
    from the essay's own entry in bibliography/*.bib (extra.edition.essay_key)."""
    url = edition.settings.site_url
    chicago = f"The editors, eds. {year}. *{title}*."
    fields = {"editor": "{The editors}", "title": title, "year": year}
    essay = edition.works.get(edition.settings.essay_key)
    if essay is not None:
        by = _names(essay.names("author") or essay.names("editor"))
        venue = next((essay.fields[f] for f in _VENUES if essay.fields.get(f)), "")
        chicago += f" Annotated edition of {by}, “{essay.text('title')}.”"
        # BibTeX keeps the entry's TeX; "(venue, year)" without what the entry does not say.
        where = ", ".join(part for part in (venue, essay.year) if part)
        note = f"Annotated edition of {by}, ``{essay.fields.get('title', '')}''"
        fields["note"] = f"{note} ({where})" if where else note
    if url:
        chicago += f" {url}."
        fields["url"] = url
    bib = _bibtex(Work(f"{essay.key}-edition" if essay else "edition", "online", fields))
    return _cite_box("Cite this edition", _plain(chicago), bib)


_VENUES = ("journal", "journaltitle", "booktitle", "publisher", "howpublished")  # where a text appeared


def _names(people: list[str]) -> str:
    """People as a sentence names them: "A", "A and B", "A, B, and C"."""
    return " and ".join(people) if len(people) < 3 else ", ".join(people[:-1]) + ", and " + people[-1]


def _cite_box(summary: str, chicago: str, bib: str) -> Markup:
    """A collapsed "Cite this" box (HTML): the citation as plain text and as BibTeX, each with a copy button."""
    block = Markup('<div class="language-{} dp-cite-{} highlight"><pre><span></span><code>{}\n</code></pre></div>')
    return Markup(
        '<details class="quote"><summary>{}</summary>\n<p>Chicago (author-date):</p>\n{}\n'
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
