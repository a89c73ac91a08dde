"""The files `make note|term|path` starts from (and the site's "Suggest a note" link prefills), written
from the same kinds, audiences and limits that validation uses, so a template never offers a value the
checker refuses."""

from __future__ import annotations

import datetime as dt

from .essay import Paragraph
from .glossary import KINDS as TERM_KINDS
from .glossary import SHORT_LIMIT
from .notes import KINDS as NOTE_KINDS
from .paths import AUDIENCES
from .safety import PLACEHOLDER


def _one_of(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " or " + names[-1]


NOTE_TEMPLATE = (
    """---
paragraph: {paragraph}
# quote: an exact phrase of ¶ {number}, copied character for character (optional; delete this line if unused)
authors: [{author}]
date: {date}
kind: context   # """
    + _one_of(list(NOTE_KINDS))
    + """
tags: []
---
{placeholder} with your note on ¶ {number}, which begins: “{opening}”

Cite works with [@key] (keys are in bibliography/*.bib) and mark glossary terms with [[term-id]].
"""
)

TERM_TEMPLATE = (
    """---
term: {name}
aliases: []
kind: concept   # """
    + _one_of(list(TERM_KINDS))
    + f"""
short: {{placeholder}} with one sentence of at most {SHORT_LIMIT} characters.
related: []
---
{{placeholder}} with the fuller explanation. Cite works with [@key]; mark other terms with [[term-id]].
"""
)

PATH_TEMPLATE = (
    """---
title: {name}
summary: {placeholder} with one or two sentences for the index card.
audience: [undergraduate]   # """
    + _one_of(list(AUDIENCES))
    + """
minutes: 30
stops:
  - paragraph: {first}
    guide: {placeholder} with what to read for at this stop.
    questions:
      - A question for discussion?
---
{placeholder} with the path's introduction.
"""
)


def note_template(para: Paragraph, author: str = "your-id", today: str = "") -> str:
    """The text of a new note on `para`, as `make note` and the site's "Suggest a note" link write it."""
    opening = para.text if len(para.text) < 80 else para.text[:80].rsplit(" ", 1)[0] + "…"
    return NOTE_TEMPLATE.format(
        paragraph=para.id,
        number=para.number,
        author=author,
        date=today or dt.date.today().isoformat(),
        placeholder=PLACEHOLDER,
        opening=opening,
    )
