"""What a reader holds on to at the top of the essay: the title block, and the reading tools (layers).

Both are HTML fragments. The tools are hidden until edition.js runs, since without it they would do nothing;
without script every note is simply shown.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..escaping import Markup
from ..notes import KINDS, Note
from ..schema import is_http_url
from .bibliography import VENUES, prose_names

if TYPE_CHECKING:
    from ..model import Edition
    from .inline import Inline


def venue(edition: Edition) -> str:
    """Where the essay first appeared, from its entry in the bibliography: "New Politics XIX, no. 2 (Winter
    2023)". Empty when the entry is missing."""
    work = edition.works.get(edition.settings.essay_key)
    if work is None:
        return ""
    name = next((work.text(f) for f in VENUES if work.fields.get(f)), "")
    volume, number = work.text("volume"), work.text("number")
    season = work.text("issue") or work.text("month")
    when = season if work.year and work.year in season else " ".join(x for x in (season, work.year) if x)
    numbered = ", ".join(x for x in (volume, f"no. {number}" if number else "") if x)
    return " ".join(x for x in (name, numbered, f"({when})" if when else "") if x)


def title_block(edition: Edition, inline: Inline) -> Markup:
    """Under the essay's title: its author, where and when it first appeared (linked to the original), this
    edition's version and date, and the ways to cite it and to read about the edition."""
    work = edition.works.get(edition.settings.essay_key)
    settings = edition.settings
    lines = []
    if work is not None:
        authors = work.names("author") or work.names("editor")
        if authors:
            lines.append(Markup('<p class="dp-byline">{}</p>').format(prose_names(authors)))
        where = venue(edition)
        original = work.fields.get("url", "")
        if where and is_http_url(original):
            lines.append(
                Markup('<p class="dp-source">First published in <a href="{}">{}</a>.</p>').format(original, where)
            )
        elif where:
            lines.append(Markup('<p class="dp-source">First published in {}.</p>').format(where))
    version, dated = settings.version, settings.date
    edition_bits = [Markup("This annotated edition")]
    if version:
        edition_bits.append(Markup("version {}").format(version))
    if dated:
        edition_bits.append(Markup("{} {:%B %Y}").format(dated.day, dated))
    links = Markup(' · <a href="#cite">How to cite</a> · <a href="{}">About this edition</a>').format(
        inline.href("about.md") if "about.md" in inline.urls else "#cite"
    )
    lines.append(Markup('<p class="dp-edition-line">{}{}</p>').format(Markup(", ").join(edition_bits), links))
    return Markup('<div class="dp-titleblock">{}</div>').format(Markup("\n").join(lines))


def reader_tools(notes: list[Note], edition: Edition, *, brief: bool = True) -> Markup:
    """The reading tools: reading mode (no highlights), the notes beside the text in full or brief, and the
    layers: which notes are shown, by kind, by course and by contributor, each with its count on this page.

    edition.js remembers the choice across pages and writes it into the address (?kinds=question…), so a
    link can open the essay with questions only. `brief=False` leaves out "Brief notes" (for pages whose
    notes are not in a margin).
    """
    if not notes:
        return Markup()
    kinds = Counter(n.kind for n in notes)
    courses = Counter(n.course for n in notes if n.course)
    people = Counter(a for n in notes for a in n.authors)

    def box(name: str, value: str, label: str, count: int) -> Markup:
        return Markup(
            '<label class="dp-layer"><input type="checkbox" name="{}" value="{}" checked> <bdi>{}</bdi> '
            '<span class="dp-layer__count">({})</span></label>'
        ).format(name, value, label, count)

    groups = [
        ("kinds", "Kinds", [box("kinds", k, KINDS[k].label, kinds[k]) for k in KINDS if kinds[k]]),
        ("courses", "Courses", [box("courses", c, c, n) for c, n in sorted(courses.items())]),
        (
            "by",
            "Contributors",
            [
                box("by", a, edition.contributors[a].name if a in edition.contributors else a, n)
                for a, n in sorted(people.items(), key=lambda kv: kv[0])
            ],
        ),
    ]
    fieldsets = Markup("").join(
        Markup('<fieldset class="dp-layers__group" data-layer="{}"><legend>{}</legend>{}</fieldset>').format(
            key, legend, Markup("").join(boxes)
        )
        for key, legend, boxes in groups
        if boxes
    )
    return Markup(
        '<div class="dp-tools" hidden data-search-exclude>'
        '<button type="button" class="dp-tool" data-tool="reading" aria-pressed="false">Reading mode</button>'
        "{}"
        '<button type="button" class="dp-tool" data-tool="layers" aria-expanded="false" aria-controls="dp-layers">'
        'Layers <span class="dp-tool__shown" data-total="{}">{} notes</span></button>'
        '<div class="dp-layers" id="dp-layers" hidden>{}'
        '<p class="dp-layers__actions"><button type="button" class="dp-tool" data-tool="all">Show every note</button>'
        "</p></div>"
        "</div>"
    ).format(
        Markup('<button type="button" class="dp-tool" data-tool="brief" aria-pressed="false">Brief notes</button>')
        if brief
        else Markup(),
        len(notes),
        len(notes),
        fieldsets,
    )
