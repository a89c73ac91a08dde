"""The parts of a book, as HTML: the title page, the essay, the glossary, the works cited and the paths.

The PDF and the EPUB are made of the same parts. They differ in two things, which the caller passes in:
how a note is called from the text (the PDF puts the whole note there, and the page layout floats it to
the foot of the page; the EPUB links to a footnote after the paragraph), and how a reference to another
part reads (`Book.pageref`: with the page number on paper, a plain link in an e-book).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import markup, pages
from ..escaping import Markup
from ..glossary import KINDS as TERM_KINDS
from ..glossary import Term
from ..notes import KINDS, Note
from ..paths import AUDIENCES, ReadingPath, Stop
from ..render.bibliography import prose_names
from ..render.inline import plain_label
from ..render.notes import author_names, long_date
from ..render.reader import venue
from ..works import SECTIONS
from .content import Book, ident

if TYPE_CHECKING:
    from ..essay import Paragraph

# A reference to another part of a book: its id and the words that name it.
PageRef = Callable[[str, str], Markup]


def section_id(heading: str) -> str:
    """The id of one of the essay's section headings."""
    return "sec-" + markup.slugify(heading, words=8)


def long_day(book: Book) -> str:
    """The version's date as the title page gives it: 30 November 2026 ("" without one)."""
    day = book.edition.settings.date
    return f"{day.day} {day:%B %Y}" if day else ""


def selection(book: Book) -> str:
    """What a book holds of the commentary, when it does not hold all of it (a course, some kinds)."""
    settings = book.edition.settings
    parts = []
    if settings.courses:
        parts.append(
            f"the notes and paths of the course{'s' if len(settings.courses) > 1 else ''} "
            + prose_names(list(settings.courses))
            + " (and those of no course)"
        )
    if book.options.kinds:
        kinds = [KINDS[k].label.lower() for k in KINDS if k in book.options.kinds]
        parts.append(f"only the notes of the kind{'s' if len(kinds) > 1 else ''} {prose_names(kinds)}")
    return "This book holds " + "; ".join(parts) + "." if parts else ""


def title_page(book: Book) -> Markup:
    """Author, first publication, this edition (version, date, address), what it holds, and the rights."""
    edition, settings = book.edition, book.edition.settings
    work = edition.works.get(settings.essay_key)
    lines = [Markup('<h1 class="book-title">{}</h1>').format(edition.essay.title)]
    if work is not None:
        authors = work.names("author") or work.names("editor")
        lines.append(Markup('<p class="book-author">{}</p>').format(prose_names(authors)))
        where = venue(edition)
        if where:
            lines.append(Markup('<p class="book-source">First published in {}</p>').format(where))
    lines.append(Markup('<p class="book-edition">{}</p>').format(settings.title))
    version = ", ".join(x for x in (f"Version {settings.version}" if settings.version else "", long_day(book)) if x)
    if version:
        lines.append(Markup('<p class="book-version">{}</p>').format(version))
    address = book.site_address()
    if address:
        lines.append(Markup('<p class="book-address"><a href="{}">{}</a></p>').format(address, address))
    about: list[Markup | str] = [
        Markup(
            "The essay is given word for word, each paragraph with its ¶ number. Each note is a footnote to "
            "the words it is about, with its kind and authors; replies follow the note they answer. Glossary "
            "terms and citations lead to the glossary and the works cited at the back."
        )
    ]
    if selection(book):
        about.append(selection(book))  # plain text: escaped as it is joined
    lines.append(Markup('<p class="book-about">{}</p>').format(Markup(" ").join(about)))
    rights = []
    original = work.fields.get("url", "") if work is not None else ""
    if original.startswith(("https://", "http://")):
        rights.append(
            Markup('<p><strong>First published at:</strong> <a href="{}">{}</a></p>').format(original, original)
        )
    if settings.copyright:
        rights.append(Markup("<p><strong>Rights:</strong> {}</p>").format(settings.copyright))
    lines.append(Markup('<div class="book-rights">{}</div>').format(Markup("\n").join(rights)))
    return Markup('<section class="title-page" id="title-page">\n{}\n</section>').format(Markup("\n").join(lines))


def parts(book: Book) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The book's parts after the title page: (id, title, [(id, title) of each section]), for the contents."""
    edition = book.edition
    essay = [(section_id(b.text), b.text) for b in edition.essay.blocks if b.kind == "heading"]
    works = [(f"section-{s}", SECTIONS.get(s, s.title())) for s in _work_sections(book)]
    paths = [(ident("path", pid), rp.title) for pid, rp in book.paths.items()]
    out = [("essay", edition.essay.title, essay), ("glossary", "Glossary", [])]
    if paths:
        out.append(("paths", "Reading paths", paths))
    if book.works_cited:
        out.append(("works-cited", "Works cited", works))
    return out


def contents(book: Book, *first: tuple[str, str]) -> Markup:
    """The table of contents as a nested list of links: `first` (id, title), then each part and its sections."""
    item = Markup('<li><a href="{}">{}</a>{}</li>')
    lines = [item.format(book.href(target), title, "") for target, title in first]
    for target, title, sections in parts(book):
        subs = Markup("\n").join(item.format(book.href(s), t, "") for s, t in sections)
        lines.append(item.format(book.href(target), title, Markup("<ol>{}</ol>").format(subs) if sections else ""))
    return Markup("<ol>\n{}\n</ol>").format(Markup("\n").join(lines))


def essay(
    book: Book, call: Callable[[Note], Markup], after: Callable[[Paragraph], Markup], *, tag: str = "div"
) -> Markup:
    """The essay: its title, sections and breaks, and every paragraph with its ¶ number and its notes.

    A paragraph is a `div` where its notes are inside it (the PDF's footnotes hold paragraphs of their own,
    which a `p` cannot), and a `p` where they follow it (`tag`)."""
    edition = book.edition
    out = [Markup('<section class="part essay" id="essay">\n<h1>{}</h1>').format(edition.essay.title)]
    for block in edition.essay.blocks:
        if block.kind == "heading":
            out.append(Markup('<h2 id="{}">{}</h2>').format(section_id(block.text), block.text))
        elif block.kind == "break":
            out.append(Markup('<hr class="break">'))
        elif block.paragraph is not None:
            para = block.paragraph
            out.append(
                Markup('<{} class="para" id="{}"><span class="pnum">¶&#160;{}</span> {}</{}>{}').format(
                    tag, ident("paragraph", para.id), para.number, book.paragraph(para, call), tag, after(para)
                )
            )
    out.append(Markup("</section>"))
    return Markup("\n").join(out)


def note_head(book: Book, note: Note, *, reply: bool = False) -> Markup:
    """A note's first line: its kind, authors and date, and the words of the paragraph it is about."""
    kind = KINDS[note.kind].label
    what = Markup("{} reply").format(kind) if reply else Markup("{} note").format(kind)
    head = Markup('<span class="note-kind">{}</span> by {}, {}').format(
        what, author_names(note, book.edition), long_date(note)
    )
    if note.quote:
        head += Markup(" · on “{}”").format(note.quote)
    return head


def note_text(book: Book, note: Note, *, terms: bool = True) -> Markup:
    """A note's body, then each reply the book holds to it, with its own first line."""
    out = [Markup('<div class="note-body">{}</div>').format(book.fill(note.html, terms=terms))]
    for reply in book.replies(note):
        out.append(
            Markup('<div class="reply" id="{}"><p class="note-head">{}</p>{}</div>').format(
                ident("note", reply.id), note_head(book, reply, reply=True), note_text(book, reply, terms=terms)
            )
        )
    return Markup("\n").join(out)


def _letter(name: str) -> str:
    first = unicodedata.normalize("NFD", name.lstrip("“\"'‘"))[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def link(book: Book, target: str, label: str) -> Markup:
    """A link to another part of the book (the element with id `target`)."""
    return Markup('<a href="{}">{}</a>').format(book.href(target), label)


def glossary(book: Book) -> Markup:
    """Every term, A to Z: its kind and definition, its other names, where the essay marks it, related terms
    and the works its entry on the site cites. (The entries' fuller texts stay on the site: in print they
    would double the book's length and the time it takes to make.)"""
    edition = book.edition
    address = book.address(pages.GLOSSARY_INDEX)
    fuller = Markup(' at <a href="{}">{}</a>').format(address, address) if address else ""
    out = [
        Markup('<section class="part glossary" id="glossary">\n<h1>Glossary</h1>'),
        Markup(
            "<p>The concepts, people, organisations and events the essay and its notes mark, with their "
            "definitions. The fuller entries are on the edition’s website{}.</p>"
        ).format(fuller),
    ]
    letter = ""
    for term in edition.terms.values():
        if _letter(term.term) != letter:
            letter = _letter(term.term)
            out.append(Markup('<h2 class="letter">{}</h2>').format(letter))
        out.append(
            Markup(
                '<div class="entry" id="{}"><h3>{} <span class="entry-kind">{}</span></h3>\n'
                '<p class="entry-short">{}</p>{}</div>'
            ).format(ident("term", term.id), term.term, TERM_KINDS[term.kind][0], term.short, _entry_more(book, term))
        )
    out.append(Markup("</section>"))
    return Markup("\n").join(out)


def _entry_more(book: Book, term: Term) -> Markup:
    """A glossary entry's other names, where the essay marks it, related terms and the works it cites."""
    edition = book.edition
    where = [
        link(book, ident("paragraph", u.owner), f"¶ {para.number}")
        for u in edition.term_uses(term.id)
        if u.owner_kind == "essay" and (para := edition.essay.paragraph(u.owner)) is not None
    ]
    related = [link(book, ident("term", r), edition.terms[r].term) for r in edition.related_terms[term.id]]
    cited = dict.fromkeys(k for ref in term.html.refs if ref.kind == "cite" and ref.cite for k in ref.cite.keys)
    works = [link(book, ident("work", k), plain_label(book.citations.labels.get(k, k))) for k in cited]
    extra = []
    if term.aliases:
        extra.append(
            Markup("Also: {}.").format(Markup(", ").join(Markup("<em>{}</em>").format(a) for a in term.aliases))
        )
    for label, links in (("In the essay", list(dict.fromkeys(where))), ("See also", related), ("Works", works)):
        if links:
            extra.append(Markup("{}: {}.").format(label, Markup(", ").join(links)))
    return Markup('\n<p class="entry-where">{}</p>').format(Markup(" ").join(extra)) if extra else Markup()


def _work_sections(book: Book) -> list[str]:
    found = {book.edition.works[key].section for key in book.works_cited}
    return [s for s in SECTIONS if s in found] + sorted(s for s in found if s not in SECTIONS)


def _cited_in(book: Book, kind: str, owner: str, pageref: PageRef) -> Markup:
    """One place a work is cited, as a reference to it."""
    edition = book.edition
    if kind == "note":
        note = edition.notes[owner]
        para = edition.essay.paragraph(note.paragraph)
        label = f"¶ {para.number if para else '?'}, note {book.numbers[owner]}"
        return pageref(ident("note", owner), label)
    if kind == "term":
        return pageref(ident("term", owner), f"glossary: {edition.terms[owner].term}")
    return pageref(ident("path", owner), f"path: {book.paths[owner].title}")


def _book_order(book: Book, kind: str, owner: str) -> tuple[int, int]:
    """Where a note, glossary entry or path comes in the book, to list the places a work is cited in order."""
    if kind == "note":
        return 0, book.numbers[owner]
    if kind == "term":
        return 1, list(book.edition.terms).index(owner)
    return 2, list(book.paths).index(owner)


def works_cited(book: Book, pageref: PageRef) -> Markup:
    """Every work the book cites, by section, with the site's Chicago text and where the book cites it."""
    citations = book.citations
    out = [
        Markup('<section class="part works-cited" id="works-cited">\n<h1>Works cited</h1>'),
        Markup("<p>The works the essay names or alludes to, and the scholarship the commentary draws on.</p>"),
    ]
    for section in _work_sections(book):
        out.append(Markup('<h2 id="section-{}">{}</h2>').format(section, SECTIONS.get(section, section.title())))
        keys = [k for k in book.works_cited if book.edition.works[k].section == section]
        for key in sorted(keys, key=lambda k: (citations.reference(k).casefold(), k)):
            places = sorted(book.works_cited[key], key=lambda place: _book_order(book, *place))
            where = Markup("; ").join(_cited_in(book, kind, owner, pageref) for kind, owner in places)
            out.append(
                Markup(
                    '<div class="work" id="{}"><p class="work-ref">{}</p><p class="work-cited">Cited in {}.</p></div>'
                ).format(ident("work", key), book.reference(key), where)
            )
    out.append(Markup("</section>"))
    return Markup("\n").join(out)


def stop_label(book: Book, stop: Stop) -> str:
    """What a stop points to, in words: "¶ 5", "Critique note on ¶ 5", "Glossary: Soviets", "Work: Marx 1976"."""
    edition = book.edition
    if stop.target == "paragraph":
        para = edition.essay.paragraph(stop.ref)
        return f"¶ {para.number if para else '?'}"
    if stop.target == "note":
        note = edition.notes[stop.ref]
        para = edition.essay.paragraph(note.paragraph)
        return f"{KINDS[note.kind].label} note on ¶ {para.number if para else '?'} (note {book.numbers[note.id]})"
    if stop.target == "term":
        return f"Glossary: {edition.terms[stop.ref].term}"
    return f"Work: {plain_label(book.citations.labels.get(stop.ref, stop.ref))}"


def path_facts(rp: ReadingPath) -> str:
    """Who a path is for, how long it takes, how many stops it has."""
    audience = ", ".join(AUDIENCES.get(a, a) for a in rp.audience)
    minutes = f"{rp.minutes:g} minutes" if rp.minutes else ""
    return " · ".join(x for x in (f"For {audience.lower()}", minutes, f"{len(rp.stops)} stops") if x)


def guide(book: Book, stop: Stop, *, terms: bool = True) -> Markup:
    """A stop's guide: what to read for there."""
    return Markup('<div class="stop-guide">{}</div>').format(book.fill(stop.guide_html, terms=terms))


def questions(book: Book, stop: Stop, *, terms: bool = True) -> Markup:
    """A stop's questions, numbered (nothing without any)."""
    if not stop.questions_html:
        return Markup()
    items = Markup("\n").join(Markup("<li>{}</li>").format(book.fill(q, terms=terms)) for q in stop.questions_html)
    return Markup('<p class="stop-qhead">Questions</p>\n<ol class="stop-questions">\n{}\n</ol>').format(items)


def paths(book: Book) -> Markup:
    """Every reading path: its facts, summary and introduction, then each stop with its guide and questions."""
    out = [Markup('<section class="part paths" id="paths">\n<h1>Reading paths</h1>')]
    for pid, rp in book.paths.items():
        out.append(
            Markup(
                '<section class="path" id="{}"><h2>{}</h2>\n<p class="path-facts">{}</p>\n'
                '<p class="path-summary">{}</p>\n<div class="path-intro">{}</div>\n<ol class="stops">'
            ).format(ident("path", pid), rp.title, path_facts(rp), rp.summary, book.fill(rp.html))
        )
        for n, stop in enumerate(rp.stops, start=1):
            out.append(
                Markup('<li class="stop"><p class="stop-head">Step {}: {}</p>\n{}\n{}</li>').format(
                    n,
                    link(book, ident(stop.target, stop.ref), stop_label(book, stop)),
                    guide(book, stop),
                    questions(book, stop),
                )
            )
        out.append(Markup("</ol></section>"))
    out.append(Markup("</section>"))
    return Markup("\n").join(out)
