"""The essay page: title, headings, breaks, and every paragraph with its anchor, ¶ link and notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..essay import Essay, Paragraph
from .links import attr

if TYPE_CHECKING:
    from .inline import Inline

NUMBER = '<span aria-hidden="true">¶</span><span class="dp-visually-hidden">Paragraph</span>&nbsp;{n}'


def paragraph_block(
    para: Paragraph, text_markdown: str, inline: Inline, *, anchor: bool = True, href: str = "", after: str = ""
) -> str:
    """One paragraph: its ¶ number and its text (Markdown) in an HTML block, followed inside it by `after`.

    Its visible ¶ number links to the paragraph itself (or to `href`), so a reader can copy the link.
    """
    ident = f' id="{para.id}"' if anchor else ""
    number = NUMBER.format(n=para.number)
    opening = (
        f'<div class="dp-para"{ident} data-para="{para.number}"><p class="dp-para__head">'
        f'<a class="dp-para__num" href="{attr(href or "#" + para.id)}" title="Link to paragraph {para.number}">'
        f"{number}</a></p>"
    )
    return "\n\n".join([inline.html(opening), text_markdown + "\n{: .dp-para__text }", after, inline.html("</div>")])


def essay_markdown(
    essay: Essay,
    inline: Inline,
    after: Callable[[Paragraph], str] = lambda p: "",
    source: Callable[[Paragraph], str] = lambda p: p.markup,
) -> str:
    """The whole essay page as Markdown.

    `source` gives a paragraph's markup (with its quote highlights), `inline` renders it, `after` adds
    its notes.
    """
    out: list[str] = [inline.html('<div class="dp-essay">')]
    for block in essay.blocks:
        if block.kind == "title":
            out.append(f"# {block.text}")
        elif block.kind == "heading":
            out.append(f"## {block.text}")
        elif block.kind == "break":
            out.append(inline.html('<hr class="dp-break">'))
        elif block.paragraph is not None:
            para = block.paragraph
            out.append(paragraph_block(para, inline.render(source(para)), inline, after=after(para)))
    out.append(inline.html("</div>"))
    return "\n\n".join(out) + "\n"
