"""The works-cited page (entries with "cited in" backlinks) and the "Cite this" boxes."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..notes import KINDS as NOTE_KINDS
from ..works import SECTIONS, Work
from .inline import term_uri
from .links import attr, text
from .notes import note_anchor, para_page_uri, teaser

if TYPE_CHECKING:
    from ..citations import Citations
    from ..essay import Paragraph
    from ..model import Edition
    from .inline import Inline

ESSAY_KEY = "price-conceptions"  # the essay's own entry in bibliography/primary.bib


def _cited_in(work: Work, edition: Edition, inline: Inline) -> list[str]:
    """Links (HTML) to every note, term and path that cites the work (each once, in reading order)."""
    seen: dict[tuple[str, str], str] = {}
    for use in edition.work_uses(work.key):
        key = (use.owner_kind, use.owner)
        if key in seen:
            continue
        if use.owner_kind == "note" and use.owner in edition.notes:
            note = edition.notes[use.owner]
            para = edition.essay.paragraph(note.paragraph)
            label = f"¶ {para.number if para else '?'} {NOTE_KINDS[note.kind].label.lower()} note"
            href = inline.href(para_page_uri(note.paragraph), note_anchor(note.id))
            seen[key] = f'<a href="{attr(href)}" title="{attr(teaser(note, edition, 80))}">{label}</a>'
        elif use.owner_kind == "term" and use.owner in edition.terms:
            href = inline.href(term_uri(use.owner))
            seen[key] = f'<a href="{attr(href)}">glossary: {text(edition.terms[use.owner].term)}</a>'
        elif use.owner_kind == "path" and use.owner in edition.paths:
            rp = edition.paths[use.owner]
            seen[key] = f'<a href="{attr(inline.href(rp.src_uri))}">path: {text(rp.title)}</a>'
        elif use.owner_kind == "page":
            seen[key] = f'<a href="{attr(inline.href(use.owner))}">{text(use.owner.removesuffix(".md"))}</a>'
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
    for section in order:
        title = SECTIONS.get(section, section.replace("-", " ").title())
        entries = []
        for work in sorted(sections[section], key=lambda w: (citations.reference(w.key).casefold(), w.key)):
            cited = _cited_in(work, edition, inline)
            entries.append(
                f'<div class="dp-work" id="ref-{attr(work.key)}">'
                f'<p class="dp-work__ref">{citations.reference_html(work.key)}</p>'
                f'<p class="dp-work__cited">{("Cited in: " + ", ".join(cited)) if cited else "Not cited yet."}</p>'
                "</div>"
            )
        out += [f"## {title} {{: #section-{section} }}", inline.html("\n".join(entries))]
    return "\n\n".join(out)


def _bibtex(work: Work, key: str | None = None) -> str:
    """A BibTeX entry for a work, fields in a stable order."""
    order = ["author", "editor", "title", "journal", "volume", "number", "issue", "year", "publisher", "url", "note"]
    fields = sorted(work.fields, key=lambda f: (order.index(f) if f in order else len(order), f))
    body = ",\n".join(f"  {f} = {{{work.fields[f]}}}" for f in fields if f != "keywords")
    return f"@{work.type}{{{key or work.key},\n{body}\n}}"


def cite_essay(edition: Edition, citations: Citations, para: Paragraph | None = None) -> str:
    """A "Cite this" box for the essay (or one paragraph of it): Chicago and BibTeX, each with a copy button."""
    work = edition.works.get(ESSAY_KEY)
    if work is None:
        return ""
    chicago = _plain(citations.reference(ESSAY_KEY))
    url = _absolute(edition, edition.settings.essay, para.id if para else "")
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


def cite_edition(edition: Edition, title: str, year: str) -> str:
    """A "Cite this" box for the annotated edition itself (on the home page)."""
    url = edition.settings.site_url
    chicago = (
        f"The editors, eds. {year}. *{title}*. "
        "Annotated edition of Wayne Price, “Conceptions of Dual Power and Prefigurative Politics.”"
    )
    if url:
        chicago += f" {url}."
    fields = {
        "editor": "{The editors}",
        "title": title,
        "year": year,
        "note": "Annotated edition of Wayne Price, ``Conceptions of Dual Power and Prefigurative Politics'' "
        "(New Politics, 2023)",
    }
    if url:
        fields["url"] = url
    bib = _bibtex(Work("dual-power-edition", "online", fields))
    return _cite_box("Cite this edition", _plain(chicago), bib)


def _cite_box(summary: str, chicago: str, bib: str) -> str:
    """A collapsed "Cite this" box (HTML): the citation as plain text and as BibTeX, each with a copy button."""

    def block(language: str, kind: str, body: str) -> str:
        code = f"<pre><span></span><code>{html.escape(body)}\n</code></pre>"
        return f'<div class="language-{language} dp-cite-{kind} highlight">{code}</div>'

    return "\n".join(
        [
            f'<details class="quote"><summary>{html.escape(summary)}</summary>',
            "<p>Chicago (author-date):</p>",
            block("text", "chicago", chicago),
            "<p>BibTeX:</p>",
            block("bibtex", "bibtex", bib),
            "</details>",
        ]
    )


def _plain(markdown_text: str) -> str:
    """Markdown emphasis and escapes removed, for a citation to copy as plain text."""
    return markdown_text.replace("\\", "").replace("*", "").strip()


def _absolute(edition: Edition, src_uri: str, anchor: str = "") -> str:
    """The published address of a page (and anchor), from site_url; empty without a site_url."""
    base = edition.settings.site_url
    if not base:
        return ""
    path = src_uri.removesuffix(".md")
    path = path.removesuffix("index") if path.endswith("index") else path + "/"
    return base.rstrip("/") + "/" + path + (f"#{anchor}" if anchor else "")
