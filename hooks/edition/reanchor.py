"""`make reanchor`: after a correction of the essay, re-anchor the notes whose quoted words moved or changed.

Each note whose quote no longer matches (or whose paragraph a correction retired) gets the passage the build
suggests (`notes.fixes`). Suggestions at least `THRESHOLD` alike are written into the note's front matter,
in place (nothing else in the file changes; a note whose paragraph changes moves to that paragraph's folder);
the rest are listed with their closest candidates, for a person to decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import essay as essay_mod
from . import inventory, notes, retired, yamledit
from .anchoring import THRESHOLD, Candidate
from .notes import Note
from .pages import NOTES_DIR
from .sources import Settings, read_settings


@dataclass(frozen=True)
class Fix:
    """A note that lost its anchor, and where it could go."""

    note: Note
    candidates: list[Candidate] = field(default_factory=list)  # best first

    @property
    def best(self) -> Candidate | None:
        """The suggestion, if there is one."""
        return self.candidates[0] if self.candidates else None


def plan(settings: Settings) -> list[Fix]:
    """Every note whose anchor is lost, with its candidates (a note that cannot be read is left to `check`)."""
    essay, _ = essay_mod.load(settings.source(settings.docs(settings.essay)))
    if essay is None:
        return []
    gone, _ = retired.load(settings.source(settings.docs(settings.essay).parent / retired.RETIRED_NAME))
    inv, _ = inventory.take(settings.root, settings.docs_dir, settings.essay, settings.pages)
    out = []
    for uri in inv.notes:
        note, _ = notes.load_one(settings.source(settings.docs(uri)), uri)
        if note is not None and _lost(note, essay, gone):
            out.append(Fix(note, notes.fixes(note, essay, gone)))
    return out


def _lost(note: Note, essay: essay_mod.Essay, gone: dict[str, retired.Retired]) -> bool:
    """Whether the note's paragraph was retired, or its quote is no longer found exactly once."""
    if any(essay.paragraph(p) is None and p in gone for p in note.paragraphs):
        return True
    para = essay.paragraph(note.paragraph)
    if not note.quote or para is None or len(note.paragraphs) > 1 or note.withdrawn:
        return False  # a withdrawn note's quote is history: it is not checked
    return len(notes.quote_positions(para, note.quote, note.prefix, note.suffix)) != 1


def apply(fix: Fix, settings: Settings) -> Path:
    """Write the best candidate into the note's front matter (moving the file if its paragraph changes)."""
    best, note = fix.best, fix.note
    assert best is not None
    changes: dict[str, yamledit.Value] = {}
    paragraphs = list(dict.fromkeys(best.paragraph if i == 0 or p == note.paragraph else p
                                    for i, p in enumerate(note.paragraphs)))  # fmt: skip
    if paragraphs != list(note.paragraphs):
        changes["paragraph"] = paragraphs[0] if len(paragraphs) == 1 else paragraphs
    if note.quote:
        changes["quote"] = best.quote
        for name, value in (("prefix", best.prefix), ("suffix", best.suffix)):
            if value or getattr(note, name):
                changes[name] = value
    path = settings.root / note.source
    text = path.read_text(encoding="utf-8")
    new = yamledit.set_front_matter(text, changes, {"prefix": "quote", "suffix": "prefix" if note.prefix else "quote"})
    target = settings.docs(NOTES_DIR, paragraphs[0], path.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(new, encoding="utf-8")
    if target.resolve() != path.resolve():
        path.unlink()
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
    return target


def describe(candidate: Candidate) -> str:
    """A candidate as the listing shows it."""
    words = f": {candidate.describe()}" if candidate.quote else ""
    return f"¶ {candidate.number} '{candidate.paragraph}'{words} ({candidate.score:.0%} alike)"


def run(config: Path, threshold: float = THRESHOLD, dry_run: bool = False) -> tuple[int, list[str]]:
    """Re-anchor what can be, list the rest; (exit status, lines to print)."""
    settings, problems = read_settings(config)
    if settings is None:
        return 2, [str(p) for p in problems]
    lines: list[str] = []
    done = left = 0
    for fix in plan(settings):
        best = fix.best
        if best is not None and best.score >= threshold:
            where = fix.note.source if dry_run else settings.source(apply(fix, settings)).rel
            lines.append(f"{where}: re-anchored to {describe(best)}" + (" (dry run)" if dry_run else ""))
            done += 1
            continue
        left += 1
        lines.append(f"{fix.note.source}: left for you to decide; the closest candidates:")
        lines += [f"  {n}. {describe(c)}" for n, c in enumerate(fix.candidates, 1)] or ["  (none: nothing alike)"]
    if not lines:
        lines.append("every note's quote matches the essay: nothing to re-anchor")
    elif left:
        lines.append(f"{left} note(s) left: edit their quote (and paragraph) by hand, then run `make check`")
    else:
        lines.append(f"{done} note(s) re-anchored: review the diff, then run `make check`")
    return (1 if left else 0), lines
