"""The essay: its title, headings, section breaks and numbered paragraphs with their declared ids.

Source format (docs/essay/index.md), blocks separated by blank lines:

    # Title
    ## A section heading
    * * *                      (an untitled section break)
    {#kudzu-strategy} The paragraph's text, with [[term-id|marked terms]].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from . import markup
from .frontmatter import PAGE_SCHEMA, check, parse, read_text
from .problems import Problem, problem
from .sources import Source

BREAK_RE = re.compile(r"^(\*\s*){3,}$|^(-\s*){3,}$")
PARA_RE = re.compile(r"^\{#([^}]*)\}\s*(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph of the essay."""

    id: str  # the stable anchor, declared in the source
    number: int  # 1-based, the ¶ number readers see
    markup: str  # the text as written, with term markup
    text: str  # the text as readers see it (term markup removed)
    section: str | None  # the heading it falls under, if any
    source: str
    line: int


@dataclass(frozen=True)
class Block:
    """A block of the essay in reading order."""

    kind: Literal["title", "heading", "break", "paragraph"]
    text: str
    line: int
    paragraph: Paragraph | None = None


@dataclass(frozen=True)
class Essay:
    """The whole essay as the edition publishes it."""

    title: str
    blocks: tuple[Block, ...]
    paragraphs: tuple[Paragraph, ...]
    source: str

    def paragraph(self, pid: str) -> Paragraph | None:
        """The paragraph with id `pid`, if there is one."""
        return self._by_id.get(pid)

    @cached_property
    def _by_id(self) -> dict[str, Paragraph]:  # indexed once: asked for every note, link and stop
        return {p.id: p for p in self.paragraphs}


def load(src: Source) -> tuple[Essay | None, list[Problem]]:
    """Parse the essay source into blocks and paragraphs, with problems for missing, bad or duplicate ids."""
    text, problems = read_text(src.path, src.rel)
    if text is None:
        return None, problems
    doc, fm_problems = parse(text, src.rel, required=False)
    if doc is None:
        return None, fm_problems
    problems += check(doc, PAGE_SCHEMA)[1]  # the theme prints and reads it: declared fields only
    blocks: list[Block] = []
    paragraphs: list[Paragraph] = []
    seen: dict[str, int] = {}
    section: str | None = None
    title = ""
    for start, chunk in _chunks(doc.body, doc.body_line):
        flat = " ".join(line.strip() for line in chunk.splitlines())
        if flat.startswith("# ") and not title:
            title = flat[2:].strip()
            blocks.append(Block("title", title, start))
        elif re.match(r"^#{2,6} ", flat):
            section = flat.lstrip("#").strip()
            blocks.append(Block("heading", section, start))
        elif BREAK_RE.match(flat):
            section = None
            blocks.append(Block("break", "", start))
        else:
            m = PARA_RE.match(flat)
            if m is None:
                problems.append(
                    problem(
                        "missing-paragraph-id",
                        src.rel,
                        start,
                        suggestion=markup.slugify(markup.strip_terms(flat)),
                        start=_opening(markup.strip_terms(flat)),
                    )
                )
                continue
            pid, body = m.group(1), m.group(2).strip()
            if not markup.is_id(pid):
                problems.append(
                    problem(
                        "malformed-paragraph-id",
                        src.rel,
                        start,
                        id=pid,
                        suggestion=markup.slugify(pid.replace("_", " "), words=6)
                        if pid
                        else markup.slugify(markup.strip_terms(body)),
                    )
                )
                continue
            if pid in seen:
                problems.append(
                    problem("duplicate-paragraph-id", src.rel, start, id=pid, other=f"{src.rel}:{seen[pid]}")
                )
                continue
            seen[pid] = start
            for ref in markup.find_terms(body):  # the pin compares the words readers see: they must be these
                if ref.shown is None:
                    problems.append(problem("essay-term-words", src.rel, start, id=ref.id))
            para = Paragraph(
                id=pid,
                number=len(paragraphs) + 1,
                markup=body,
                text=markup.strip_terms(body),
                section=section,
                source=src.rel,
                line=start,
            )
            paragraphs.append(para)
            blocks.append(Block("paragraph", body, start, para))
    if not title:
        problems.append(problem("essay-no-title", src.rel, doc.body_line))
    essay = Essay(title, tuple(blocks), tuple(paragraphs), src.rel)
    return essay, problems


def _opening(text: str, width: int = 30) -> str:
    """The first few words of a paragraph, to show which one a message is about."""
    return text if len(text) <= width else text[:width].rstrip() + "…"


def _chunks(body: str, first_line: int) -> list[tuple[int, str]]:
    """Blank-line separated chunks of `body`, each with its file line."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = first_line
    for offset, line in enumerate(body.split("\n")):
        if line.strip():
            if not current:
                start = first_line + offset
            current.append(line)
        elif current:
            out.append((start, "\n".join(current)))
            current = []
    if current:
        out.append((start, "\n".join(current)))
    return out
