"""The essay page: title, headings, breaks, and every paragraph with its anchor, ¶ link and notes."""

from __future__ import annotations

from collections.abc import Callable

from ..essay import Essay, Paragraph
from .links import attr


def para_number_link(para: Paragraph, href: str | None = None) -> str:
    """The visible ¶ number, a link to the paragraph itself (readers copy it to cite the paragraph)."""
    target = href or f"#{para.id}"
    return (
        f'<p class="dp-para__head"><a class="dp-para__num" href="{attr(target)}" '
        f'title="Link to paragraph {para.number}">'
        f'<span aria-hidden="true">¶</span><span class="dp-visually-hidden">Paragraph</span>'
        f"&nbsp;{para.number}</a></p>"
    )


def paragraph_block(
    para: Paragraph,
    text_markdown: str,
    *,
    anchor: bool = True,
    number_href: str | None = None,
    after: str = "",
) -> str:
    """One paragraph as an HTML block whose text is Markdown (md_in_html), with room for notes after it."""
    ident = f' id="{para.id}"' if anchor else ""
    parts = [
        f'<div class="dp-para"{ident} data-para="{para.number}" markdown>',
        para_number_link(para, number_href),
        "",
        text_markdown,
        "{: .dp-para__text }",
        "",
    ]
    if after:
        parts += [after, ""]
    parts.append("</div>")
    return "\n".join(parts)


def essay_markdown(
    essay: Essay,
    inline: Callable[[str], str],
    after: Callable[[Paragraph], str] = lambda p: "",
) -> str:
    """The whole essay page as Markdown: `inline` renders a paragraph's markup, `after` adds its notes."""
    out: list[str] = []
    for block in essay.blocks:
        if block.kind == "title":
            out.append(f"# {block.text}")
        elif block.kind == "heading":
            out.append(f"## {block.text}")
        elif block.kind == "break":
            out.append('<hr class="dp-break">')
        elif block.paragraph is not None:
            para = block.paragraph
            out.append(paragraph_block(para, inline(para.markup), after=after(para)))
    return "\n\n".join(out) + "\n"
