"""The essay is pinned: its words are compared with a pinned copy at every check and build.

The pinned text (docs/essay/pinned.txt, beside the essay) holds the essay as readers see it, one block
per line: `# Title`, `## Heading`, `* * *` for an untitled break, `{#id} words` for a paragraph. Term
markup is not part of it, so marking a term never trips the pin; changing, adding or removing a word
does. A deliberate correction is recorded with `make pin`, which rewrites the file, so the change shows
in the pull request's diff of that file.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .essay import Essay
from .inventory import PIN_NAME
from .problems import Problem, problem

__all__ = ["PIN_NAME", "compare", "paragraphs", "pinned_text", "write"]
_CONTEXT = 8  # words of context in a message


def pinned_text(essay: Essay) -> str:
    """The pinned form of an essay: one line per block, in reading order."""
    lines = []
    for block in essay.blocks:
        if block.kind == "title":
            lines.append(f"# {block.text}")
        elif block.kind == "heading":
            lines.append(f"## {block.text}")
        elif block.kind == "break":
            lines.append("* * *")
        elif block.paragraph is not None:
            lines.append(f"{{#{block.paragraph.id}}} {' '.join(block.paragraph.text.split())}")
    return "\n\n".join(lines) + "\n"


def write(essay: Essay, target: Path) -> bool:
    """Record the essay's current words as the pinned text; True if the file changed."""
    new = pinned_text(essay)
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    if new != old:
        target.write_text(new, encoding="utf-8")
    return new != old


def paragraphs(pinned: str) -> dict[str, str]:
    """The paragraphs of a pinned text: id → words."""
    out = {}
    for kind, text in _blocks(pinned):
        m = re.match(r"\{#([^}]*)\}\s*", text)
        if kind == "paragraph" and m:
            out[m.group(1)] = text[m.end() :]
    return out


def compare(essay: Essay, pinned: str | None, pin_source: str) -> list[Problem]:
    """Where the essay's words differ from the pinned text, one problem per block, at the essay's line."""
    if pinned is None:
        detail = f"{pin_source} is missing (run `make pin` to record the essay as it is)"
        return [problem("essay-changed", essay.source, 1, detail=detail)]
    want = {key: (kind, text) for key, kind, text in _keyed(_blocks(pinned))}
    have = _keyed(_blocks(pinned_text(essay)))
    lines = {key: block.line for (key, _, _), block in zip(have, essay.blocks, strict=True)}
    problems: list[Problem] = []
    numbers = {p.id: p.number for p in essay.paragraphs}
    for key, kind, text in have:
        if key not in want:
            detail = f"{_label(kind, text, numbers)} is not in the pinned text"
            problems.append(problem("essay-changed", essay.source, lines[key], detail=detail))
        elif _words(want[key][1]) != _words(text):
            detail = f"{_label(kind, text, numbers)}, {_first_difference(want[key][1], text)}"
            problems.append(problem("essay-changed", essay.source, lines[key], detail=detail))
    current = {key for key, _, _ in have}
    for key, (kind, text) in want.items():
        if key not in current:
            detail = f"{_label(kind, text)} of the pinned text is missing (removed, or its id changed?)"
            problems.append(problem("essay-changed", essay.source, 1, detail=detail))
    order_want = [key for key in want if key in current]
    order_have = [key for key, _, _ in have if key in want]
    if not problems and order_want != order_have:
        first = next(k for k, w in zip(order_have, order_want, strict=True) if k != w)
        detail = f"the blocks are in another order, from {_label(*want[first])}"
        problems.append(problem("essay-changed", essay.source, lines[first], detail=detail))
    return problems


def _blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each block of a pinned text; a paragraph's text keeps its `{#id}`."""
    out = []
    for line in (x.strip() for x in text.split("\n")):
        if not line:
            continue
        if line.startswith("## "):
            out.append(("heading", line[3:].strip()))
        elif line.startswith("# "):
            out.append(("title", line[2:].strip()))
        elif re.fullmatch(r"(\*\s*){3,}", line):
            out.append(("break", ""))
        else:
            out.append(("paragraph", line))
    return out


def _keyed(blocks: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Each block with what identifies it across versions: a paragraph's id; other blocks their position."""
    counts: Counter[str] = Counter()
    out = []
    for kind, text in blocks:
        if kind == "paragraph":
            m = re.match(r"\{#([^}]*)\}", text)
            key = "p:" + (m.group(1) if m else text[:40])
        else:
            counts[kind] += 1
            key = f"{kind}:{counts[kind]}"
        out.append((key, kind, text))
    return out


def _label(kind: str, text: str, numbers: dict[str, int] | None = None) -> str:
    if kind == "paragraph":
        m = re.match(r"\{#([^}]*)\}", text)
        pid = m.group(1) if m else text[:20]
        number = (numbers or {}).get(pid)
        return f"paragraph '{pid}'" + (f" (¶ {number})" if number else "")
    return {"title": "the title", "heading": f"the heading '{text}'", "break": "a section break"}[kind]


def _words(text: str) -> list[str]:
    return re.sub(r"^\{#[^}]*\}\s*", "", text).split()


def _first_difference(old: str, new: str) -> str:
    """Where two texts first differ, in words: 'at “…now…” (pinned: “…then…”)'."""
    a, b = _words(old), _words(new)
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start = max(0, i - 2)
    now = " ".join(b[start : i + _CONTEXT]) or "(the end)"
    then = " ".join(a[start : i + _CONTEXT]) or "(the end)"
    return f"at word {i + 1}: “{now}” (pinned: “{then}”)"
