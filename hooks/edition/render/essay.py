"""The essay page: title, headings, breaks, and every paragraph with its anchor, ¶ link and notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..escaping import Markup
from ..essay import Essay, Paragraph

if TYPE_CHECKING:
    from ..model import Edition
    from .inline import Inline

NUMBER = Markup('<span aria-hidden="true">¶</span><span class="dp-visually-hidden">Paragraph</span>&nbsp;{}')


def paragraph_block(
    para: Paragraph, text_markdown: str, inline: Inline, *, anchor: bool = True, href: str = "", after: str = ""
) -> str:
    """One paragraph: its ¶ number and its text (Markdown) in an HTML block, followed inside it by `after`.

    Its visible ¶ number links to the paragraph itself (or to `href`), so a reader can copy the link.
    """
    ident = Markup(' id="{}"').format(para.id) if anchor else Markup()
    opening = Markup(
        '<div class="dp-para"{} data-para="{}"><p class="dp-para__head">'
        '<a class="dp-para__num" href="{}" title="Link to paragraph {}">{}</a></p>'
    ).format(ident, para.number, href or "#" + para.id, para.number, NUMBER.format(para.number))
    closing = inline.html(Markup("</div>"))
    return "\n\n".join([inline.html(opening), text_markdown + "\n{: .dp-para__text }", after, closing])


def essay_markdown(
    essay: Essay,
    inline: Inline,
    after: Callable[[Paragraph], str] = lambda p: "",
    source: Callable[[Paragraph], str] = lambda p: p.markup,
    front: str = "",
    retired: dict[str, list[str]] | None = None,
) -> str:
    """The whole essay page as Markdown.

    `source` gives a paragraph's markup (with its quote highlights), `inline` renders it, `after` adds
    its notes; `front` (Markdown) follows the title. `retired`: the ids a correction retired, by successor: each
    is an anchor before its successor, so essay/#old-id still leads to the words.
    """
    out: list[str] = [inline.html(Markup('<div class="dp-essay">'))]
    for block in essay.blocks:
        if block.kind == "title":
            out += [f"# {block.text}", front]
        elif block.kind == "heading":
            out.append(f"## {block.text}")
        elif block.kind == "break":
            out.append(inline.html(Markup('<hr class="dp-break">')))
        elif block.paragraph is not None:
            para = block.paragraph
            for old in (retired or {}).get(para.id, []):
                anchor = Markup('<span class="dp-retired" id="{}" data-successor="{}"></span>').format(old, para.id)
                out.append(inline.html(anchor))
            out.append(paragraph_block(para, inline.render(source(para)), inline, after=after(para)))
    out.append(inline.html(Markup("</div>")))
    return "\n\n".join(out) + "\n"


def page(edition: Edition) -> Callable[[Inline, str], str]:
    """The essay's page: its title block and reading tools, every paragraph with its notes beside it (quotes
    highlighted), "Cite this", and the attribution a printout carries."""
    from .attribution import attribution
    from .bibliography import cite_essay
    from .notes import highlight_quotes, margin_notes, notes_aside
    from .reader import reader_tools, title_block

    limit = edition.settings.margin_notes

    def render(inline: Inline, source: str) -> str:
        margins = {p.id: margin_notes(p, edition, limit) for p in edition.essay.paragraphs}

        def after(para: Paragraph) -> str:
            return notes_aside(para, edition, inline, limit)

        def para_markup(para: Paragraph) -> str:  # only notes shown in the margin: their anchors are on this page
            return highlight_quotes(para, margins[para.id])

        shown = [n for notes in margins.values() for n in notes]
        front = inline.html(title_block(edition, inline) + reader_tools(shown, edition))
        retired: dict[str, list[str]] = {}
        for entry in edition.retired.values():
            retired.setdefault(entry.successor, []).append(entry.id)
        body = essay_markdown(edition.essay, inline, after, para_markup, front, retired)
        box = Markup('<div class="dp-cite-box" id="cite">{}</div>')  # "How to cite" in the title block
        cite = inline.html(box.format(cite_essay(edition, inline, None))) if inline.citations else ""
        return body + "\n\n" + cite + inline.html(attribution(edition, inline)) + inline.definitions()

    return render


def own_page(edition: Edition, src_uri: str) -> Callable[[Inline, str], str]:
    """One of the edition's own pages (home, about…): its Markdown with our markup; the home page also
    says how to cite the edition."""
    from .bibliography import cite_edition
    from .feeds import feed_links

    def render(inline: Inline, source: str) -> str:
        rendered = inline.render(source)
        if src_uri == "index.md":  # the home page: the feed of new notes, and how to cite the edition
            rendered += inline.html(feed_links(edition, inline.urls.get(src_uri, "")))
        if src_uri == "index.md" and inline.citations is not None:
            year = max((n.date.year for n in edition.notes.values()), default=2026)
            rendered += inline.html(cite_edition(edition, edition.settings.title, str(year)))
        return rendered + inline.definitions()

    return render
