"""Retired paragraph ids (docs/essay/retired.yml, beside the essay): each old id with its successor.

When a correction splits, merges or removes a paragraph, its id leaves the essay but not the web: a link to
essay/#old-id or to its page notes/old-id/ keeps working, leading to the paragraph that holds its words now.
`make pin` records every id that leaves the essay here, with the paragraph most like it as its successor (a
person may choose another). An id once published is never given to another paragraph.

    # old id: the paragraph that holds its words now
    feudal-analogy: feudalism-analogy
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import markup
from .essay import Essay
from .frontmatter import read_mapping
from .inventory import RETIRED_NAME
from .problems import Problem, did_you_mean, problem
from .sources import Source

__all__ = ["RETIRED_NAME", "Retired", "load", "record", "successor", "validate"]
HEADER = "# Paragraph ids retired by corrections of the essay: old id: the paragraph that holds its words now.\n"


@dataclass(frozen=True)
class Retired:
    """One retired paragraph id and the paragraph its links lead to now."""

    id: str
    successor: str
    source: str
    line: int


def load(src: Source) -> tuple[dict[str, Retired], list[Problem]]:
    """Read the registry (none: no id has been retired)."""
    data, lines, problems = read_mapping(src)
    out: dict[str, Retired] = {}
    for key, value in data.items():
        old, line = str(key), lines.get(str(key), 1)
        if not markup.is_id(old):
            problems.append(problem("bad-retired", src.rel, line, id=old, reason="is not a valid paragraph id"))
        elif not isinstance(value, str) or not markup.is_id(value.strip()):
            reason = "must name its successor, the id of a paragraph of the essay (old-id: new-id)"
            problems.append(problem("bad-retired", src.rel, line, id=old, reason=reason))
        else:
            out[old] = Retired(old, value.strip(), src.rel, line)
    return out, problems


def validate(retired: dict[str, Retired], essay: Essay) -> list[Problem]:
    """Successors are paragraphs of the essay; no paragraph carries a retired id."""
    problems = []
    ids = [p.id for p in essay.paragraphs]
    for entry in retired.values():
        if entry.successor not in ids:
            reason = f"names '{entry.successor}' as its successor, which is no paragraph of the essay"
            reason += did_you_mean(entry.successor, ids)
            problems.append(problem("bad-retired", entry.source, entry.line, id=entry.id, reason=reason))
    for para in essay.paragraphs:
        if para.id in retired:
            where = f"{retired[para.id].source}:{retired[para.id].line}"
            problems.append(problem("reused-paragraph-id", para.source, para.line, id=para.id, where=where))
    return problems


_WORDS = re.compile(r"\w+")


def successor(old_text: str, essay: Essay) -> str:
    """The paragraph holding most of a retired paragraph's words (a merge keeps them all; a split, most)."""
    words = set(_WORDS.findall(old_text.lower()))

    def share(text: str) -> float:
        return len(words & set(_WORDS.findall(text.lower()))) / max(len(words), 1)

    return max(essay.paragraphs, key=lambda p: (share(p.text), -p.number)).id


def record(gone: dict[str, str], essay: Essay, target: Path, known: dict[str, Retired]) -> list[tuple[str, str]]:
    """Add the ids that left the essay (id → its words in the old pinned text) to the registry, each with the
    paragraph most like it as successor; returns what was added."""
    added = [(old, successor(text, essay)) for old, text in gone.items() if old not in known]
    if added and essay.paragraphs:
        existing = target.read_text(encoding="utf-8") if target.is_file() else HEADER
        if existing and not existing.endswith("\n"):
            existing += "\n"
        target.write_text(existing + "".join(f"{old}: {new}\n" for old, new in added), encoding="utf-8")
    return added
