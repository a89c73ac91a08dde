"""The essay page: title, headings, breaks, and every paragraph with its anchor, ¶ link and notes."""

from __future__ import annotations

from collections.abc import Callable

from ..essay import Essay, Paragraph

NUMBER = '<span aria-hidden="true">¶</span><span class="dp-visually-hidden">Paragraph</span>&nbsp;{n}'


def paragraph_block(
    para: Paragraph,
    text_markdown: str,
    *,
    anchor: bool = True,
    number_md: str | None = None,
    after: str = "",
) -> str:
    """One paragraph as an HTML block whose text is Markdown (md_in_html), with room for notes after it.

    Its visible ¶ number links to the paragraph itself, so a reader can copy the link to cite it.
    """
    ident = f' id="{para.id}"' if anchor else ""
    number = number_md or f"[{NUMBER.format(n=para.number)}](#{para.id})"
    parts = [
        f'<div class="dp-para"{ident} data-para="{para.number}" markdown>',
        "",
        f'{number}{{: .dp-para__num title="Link to paragraph {para.number}" }}',
        "{: .dp-para__head }",
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
    source: Callable[[Paragraph], str] = lambda p: p.markup,
) -> str:
    """The whole essay page as Markdown.

    `source` gives a paragraph's markup (with its quote highlights), `inline` renders it, `after` adds
    its notes.
    """
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
            out.append(paragraph_block(para, inline(source(para)), after=after(para)))
    return '<div class="dp-essay" markdown>\n\n' + "\n\n".join(out) + "\n\n</div>\n"
