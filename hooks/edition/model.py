"""The content model: every content kind loaded once, then validated together."""

from __future__ import annotations

from dataclasses import dataclass

from . import essay as essay_mod
from .essay import Essay
from .problems import Problem
from .sources import Settings


@dataclass(frozen=True)
class Edition:
    """Everything the site is built from, loaded from the content files."""

    settings: Settings
    essay: Essay


def load(settings: Settings) -> tuple[Edition | None, list[Problem]]:
    """Load and validate all content; returns the edition (None if unusable) and every problem found."""
    problems: list[Problem] = []
    essay, found = essay_mod.load(settings.source(settings.docs(settings.essay)))
    problems += found
    if essay is None:
        return None, sorted(problems)
    return Edition(settings=settings, essay=essay), sorted(problems)
