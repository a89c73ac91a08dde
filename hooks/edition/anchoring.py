"""Fuzzy anchoring: where a note's quoted words are now, once the essay's text has been corrected.

A note names its passage by `quote` (and `prefix`/`suffix` when the words occur twice). When a correction
of the essay (recorded with `make pin`) changes words inside that passage, the quote no longer matches. The
build then looks for the passage that is most like it, first in the note's paragraph, then in every other
paragraph (a paragraph may have been split or merged), with diff-match-patch: its Bitap matcher finds where
the words most nearly are (Hypothesis's fuzzy anchoring does the same in the reader's browser), and
Levenshtein similarity over word-aligned candidates picks the exact words to suggest. Nothing here writes
a file: `reanchor.py` applies the suggestions, the notes' validation reports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from .essay import Essay, Paragraph

THRESHOLD = 0.75  # `make reanchor` applies a suggestion at least this alike (1.0: the same words)
FLOOR = 0.5  # below this, nothing in the text is like the quote: it is reported as not found, with no suggestion
_PREFER_OWN = 0.02  # the note's own paragraph wins a near tie with another
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Candidate:
    """A passage of the essay that a note could be anchored to instead: its paragraph and words."""

    paragraph: str
    number: int  # the paragraph's ¶ number
    quote: str
    prefix: str  # "" unless needed to tell two occurrences apart, or the note had one
    suffix: str
    score: float  # how alike the passage (with its context) is to the note's, 0 to 1

    def describe(self) -> str:
        """The suggestion as a message gives it: "quote: '…', prefix: '…'"."""
        parts = [f"quote: '{self.quote}'"]
        parts += [f"{name}: '{value}'" for name, value in (("prefix", self.prefix), ("suffix", self.suffix)) if value]
        return ", ".join(parts)


def similarity(a: str, b: str) -> float:
    """How alike two passages are, 0 to 1 (see `_alike`)."""
    return _alike(a, b)[0]


def _alike(a: str, b: str) -> tuple[float, float]:
    """How alike two passages are, 0 to 1: the mean of 1 less their Levenshtein distance (diff-match-patch's)
    over the longer one, counted in words and punctuation marks (a word changed is one edit, a comma more is
    one) and counted in characters (a typo corrected is a small edit); then the first alone, for ties."""
    if a == b:
        return 1.0, 1.0
    table: dict[str, int] = {}

    def encode(tokens: list[str]) -> str:  # one character a token, as diff-match-patch diffs lines
        return "".join(chr(0xF0000 + table.setdefault(t, len(table))) for t in tokens)

    by_word = _distance(encode(_TOKEN.findall(a)), encode(_TOKEN.findall(b)))
    return (by_word + _distance(a, b)) / 2, by_word


def _distance(a: str, b: str) -> float:
    """1 less diff-match-patch's Levenshtein distance between two strings, over the longer length."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact diffs: these texts are short
    distance: int = dmp.diff_levenshtein(dmp.diff_main(a, b, False))
    return 1.0 - distance / max(len(a), len(b), 1)


def _starts(text: str) -> list[int]:
    """Offsets where a passage may begin: after white space, or where a word follows punctuation."""
    return [i for i in range(len(text)) if not text[i].isspace() and (i == 0 or text[i - 1].isspace() or
            (text[i].isalnum() and not text[i - 1].isalnum()))]  # fmt: skip


def _ends(text: str) -> list[int]:
    """Offsets where a passage may end: before white space, or where punctuation follows a word."""
    n = len(text)
    return [i for i in range(1, n + 1) if not text[i - 1].isspace() and (i == n or text[i].isspace() or
            (text[i - 1].isalnum() and not text[i].isalnum()))]  # fmt: skip


def _locate(text: str, pattern: str) -> int:
    """Where diff-match-patch's Bitap matcher finds `pattern` most nearly in `text` (-1: nowhere close)."""
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.6  # up to this share of the pattern's characters may differ
    dmp.Match_Distance = 10**9  # the passage may be anywhere in the paragraph: do not favour its start
    return int(dmp.match_main(text, pattern, 0))


def best_span(text: str, quote: str, prefix: str = "", suffix: str = "") -> tuple[int, int, float] | None:
    """The word-aligned span of `text` most like `quote` in its context (prefix and suffix), with its score."""
    if not text or not quote:
        return None
    exact = [m.start() for m in re.finditer(re.escape(quote), text)]
    if exact:
        spans = [(s, s + len(quote)) for s in exact]
    else:
        hit = _locate(text, quote)
        if hit < 0:
            return None
        reach = len(quote) // 3 + 8
        ends = _ends(text)
        spans = [(s, e) for s in _starts(text) if abs(s - hit) <= reach for e in ends
                 if 0.6 * len(quote) <= e - s <= 1.4 * len(quote) + 4]  # fmt: skip
    if not spans:
        return None
    # The most alike; on a tie, the earliest (the ranking is total, so the answer never depends on luck).
    ranked = [(_in_context(text, s, e, quote, prefix, suffix), -s, -e) for s, e in spans]
    (score, _), neg_s, neg_e = max(ranked)
    return -neg_s, -neg_e, score


def _in_context(text: str, start: int, end: int, quote: str, prefix: str, suffix: str) -> tuple[float, float]:
    """How alike text[start:end] (with as much context as the note gives) is to the note's passage."""
    before = text[max(0, start - len(prefix)) : start] if prefix else ""
    after = text[end : end + len(suffix)] if suffix else ""
    return _alike(prefix + quote + suffix, before + text[start:end] + after)


def _affixes(text: str, start: int, end: int, prefix: str, suffix: str) -> tuple[str, str]:
    """The prefix and suffix a suggestion needs: the note's, brought up to date, or as few words as make the
    quote unique in its paragraph."""
    quote = text[start:end]

    def words_before(k: int) -> str:
        m = re.search(r"(?:\S+\s*){" + str(k) + r"}$", text[:start])
        return m.group(0) if m else text[:start]

    def words_after(k: int) -> str:
        m = re.match(r"(?:\s*\S+){" + str(k) + "}", text[end:])
        return m.group(0) if m else text[end:]

    new_prefix = words_before(max(1, len(prefix.split()))) if prefix else ""
    new_suffix = words_after(max(1, len(suffix.split()))) if suffix else ""
    k = 1
    while _count(text, quote, new_prefix, new_suffix) > 1 and k <= 12:
        new_prefix = words_before(k)
        k += 1
    return new_prefix, new_suffix


def _count(text: str, quote: str, prefix: str, suffix: str) -> int:
    """How many times `quote` occurs in `text` with that prefix and suffix."""
    return sum(
        1
        for m in re.finditer(f"(?={re.escape(quote)})", text)
        if text[: m.start()].endswith(prefix) and text[m.start() + len(quote) :].startswith(suffix)
    )


def candidate(para: Paragraph, quote: str, prefix: str = "", suffix: str = "") -> Candidate | None:
    """The best passage of one paragraph for the note's quote, or None."""
    span = best_span(para.text, quote, prefix, suffix)
    if span is None:
        return None
    start, end, score = span
    new_prefix, new_suffix = _affixes(para.text, start, end, prefix, suffix)
    return Candidate(para.id, para.number, para.text[start:end], new_prefix, new_suffix, round(score, 4))


def candidates(
    essay: Essay, quote: str, prefix: str = "", suffix: str = "", home: Iterable[str] = (), limit: int = 3
) -> list[Candidate]:
    """The passages of the essay most like a note's quote, best first, at most one a paragraph. `home`: the
    paragraphs the note belongs to (its own, or its successor's), which win a near tie."""
    home = tuple(home)
    words = set(_WORD.findall(quote.lower()))
    found = []
    for para in essay.paragraphs:
        # A paragraph holding few of the quote's words cannot hold a passage like it: not worth the search.
        if words and len(words & set(_WORD.findall(para.text.lower()))) < FLOOR * len(words):
            continue
        if (c := candidate(para, quote, prefix, suffix)) is not None and c.score >= FLOOR:
            found.append(c)
    found.sort(key=lambda c: (-(c.score + (_PREFER_OWN if c.paragraph in home else 0)), c.number))
    return found[:limit]
