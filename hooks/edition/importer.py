"""`make import`: any text, plain or Markdown, as the edition's essay with a declared id on every paragraph.

Reading: blocks are separated by blank lines. A Markdown `# Title` (or `Title` over `=====`) is the title,
`##`…`######` (or a line over `-----`) a heading, and a line of `* * *`, `***`, `---`, `___`, `#`, `§` or `⁂`
a section break. In plain text, a first block of one short line is the title, and a later one-line block
that does not end like a sentence is a heading. Every other block is a paragraph; its lines are joined.

Ids: every paragraph's id is made of its two most distinctive words (frequent in it and rare in the rest of
the text, common English words aside; on a tie, the earlier), in the order the paragraph uses them, slugged:
`kudzu-strategy`. A third word, then
a number, tells apart two paragraphs that would get the same id. The same text always gives the same ids.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_BREAK = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|#|§|⁂|~\s*~\s*~)$")
_SETEXT = re.compile(r"^(.+)\n(=+|-+)\s*$")
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’][^\W\d_])*")

# Common English words: never an id's word, however rare in the text.
STOPWORDS = frozenset(
    """
    a about above after again against all also although always am among an and another any are as at be
    because been before being below between both but by can cannot could did do does doing done down during
    each either else even ever every few first for from further had has have having he her here hers herself
    him himself his how however i if in into is it its itself just last least less like made make many may me
    might more most much must my myself neither never no nor not now of off often on once one only or other
    others otherwise our ours ourselves out over own perhaps rather same say said says shall she should since
    so some still such than that the their theirs them themselves then there therefore these they thing things
    this those though through thus to too toward towards under until up upon us very was way we well were what
    whatever when where whether which while who whom whose why will with within without would yet you your
    yours yourself
    """.split()  # noqa: SIM905 (words read better as words)
)


@dataclass(frozen=True)
class Block:
    """A block of the imported text: its kind and its text (one line)."""

    kind: str  # "title", "heading", "break", "paragraph"
    text: str


def read(source: str, title: str = "") -> list[Block]:
    """The blocks of a plain or Markdown text, in order; `title` (if given) is the title."""
    text = unicodedata.normalize("NFC", source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    chunks = [c.strip("\n") for c in re.split(r"\n[ \t]*\n", text) if c.strip()]
    blocks: list[Block] = []
    for n, chunk in enumerate(chunks):
        lines = [line.strip() for line in chunk.split("\n")]
        flat = " ".join(line for line in lines if line)
        setext = _SETEXT.match("\n".join(lines))
        if _BREAK.match(flat):
            if blocks and blocks[-1].kind != "break":
                blocks.append(Block("break", ""))
        elif m := re.match(r"^(#{1,6})\s+(.*?)\s*#*$", flat):
            level = len(m.group(1))
            blocks.append(Block("title" if level == 1 else "heading", m.group(2)))
        elif setext and len(lines) == 2:
            blocks.append(Block("title" if setext.group(2)[0] == "=" else "heading", setext.group(1).strip()))
        elif len(lines) == 1 and _looks_like_heading(flat):
            blocks.append(Block("title" if n == 0 else "heading", flat))
        else:
            blocks.append(Block("paragraph", flat))
    titles = [b for b in blocks if b.kind == "title"]
    body = [b if b.kind != "title" or b is not titles[0] else None for b in blocks]
    rest = [Block("heading", b.text) if b.kind == "title" else b for b in body if b is not None]
    while rest and rest[0].kind == "break":
        rest.pop(0)
    while rest and rest[-1].kind in {"break", "heading"}:
        rest.pop()
    name = title.strip() or (titles[0].text if titles else "")
    return [Block("title", name), *rest] if name else rest


def _looks_like_heading(line: str) -> bool:
    """A one-line block short enough for a heading and not ending like a sentence."""
    return len(line) <= 80 and not re.search(r"[.,;:!?…\"”’)]$", line) and bool(_WORD.search(line))


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, as ids are made of them."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def slug(word: str) -> str:
    """A word as a part of an id: its letters and digits in ASCII (accents dropped)."""
    ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", ascii_word)


def paragraph_ids(paragraphs: list[str], taken: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """One id per paragraph, unique (also against `taken`, the retired ids), from its most distinctive words."""
    counted = [[w for w in words(p) if w not in STOPWORDS and len(slug(w)) > 2] for p in paragraphs]
    spread = Counter(w for ws in counted for w in set(ws))  # in how many paragraphs each word occurs
    used = set(taken)
    out = []
    for n, ws in enumerate(counted, start=1):
        first = {w: i for i, w in reversed(list(enumerate(ws)))}
        here = Counter(ws)

        def weight(w: str, first: dict[str, int] = first, here: Counter[str] = here) -> tuple[float, int]:
            # Frequent here and rare elsewhere (tf-idf), then early in the paragraph.
            return (here[w] * math.log(1 + len(paragraphs) / spread[w]), -first[w])

        ranked = sorted(first, key=weight, reverse=True)
        ident = ""
        for size in (2, 3):
            chosen = sorted(ranked[:size], key=first.__getitem__)
            ident = "-".join(s for s in (slug(w) for w in chosen) if s)
            if ident and ident not in used:
                break
        ident = ident or f"paragraph-{n}"
        base, k = ident, 2
        while ident in used:
            ident, k = f"{base}-{k}", k + 1
        used.add(ident)
        out.append(ident)
    return out


def essay_source(blocks: list[Block], ids: list[str]) -> str:
    """The essay's source (docs/essay/index.md): front matter, title, headings, breaks and paragraphs with ids."""
    title = next((b.text for b in blocks if b.kind == "title"), "")
    out = ["---", f"title: {_quoted(title)}", "---", ""]
    numbered = iter(ids)
    for block in blocks:
        if block.kind == "title":
            out += [f"# {block.text}", ""]
        elif block.kind == "heading":
            out += [f"## {block.text}", ""]
        elif block.kind == "break":
            out += ["* * *", ""]
        else:
            out += [f"{{#{next(numbered)}}} {block.text}", ""]
    return "\n".join(out)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
