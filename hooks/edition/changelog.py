"""The edition's releases (docs/changelog.yml): what each version changed, for the generated changelog page.

A citation names a version (extra.edition.version), so a reader must be able to see what that version said.
Each release gives its version and date, a summary, the corrections of the text and the notes corrected;
the notes added and withdrawn in each release are found from the notes' own dates. The newest release comes
first, and it is the version mkdocs.yml names.

    releases:
      - version: "1.1"
        date: 2026-11-30
        summary: "Cite this" names the version.
        text: ["¶ 4: a typo of the first publication corrected (“teh” → “the”)."]
        corrected: [kudzu-vine-image]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .frontmatter import read_mapping
from .inventory import CHANGELOG_FILE
from .problems import Problem, problem
from .schema import Field, check_mapping
from .sources import Settings, Source

__all__ = ["CHANGELOG_FILE", "RELEASE", "SCHEMA", "Release", "load"]

# The registry's one key, and each release's fields.
SCHEMA: dict[str, Field] = {
    "releases": Field("records", True, "the edition's releases, newest first", max_items=200),
}
RELEASE: dict[str, Field] = {
    "version": Field("plain", True, 'the version, in quotes ("1.1"), as citations name it', max_length=40),
    "date": Field("date", True, "the day it was published"),
    "summary": Field("plain", False, "what the release is, in a sentence", max_length=300),
    "text": Field("plain", False, "each correction of the essay's words, a sentence each", many=True),
    "corrected": Field("id", False, "the notes corrected in this release (their ids)", many=True, max_items=200),
}


@dataclass(frozen=True)
class Release:
    """One version of the edition."""

    version: str
    date: dt.date
    summary: str
    text: tuple[str, ...]
    corrected: tuple[str, ...]
    line: int


def load(src: Source, settings: Settings) -> tuple[tuple[Release, ...], list[Problem]]:
    """Read the releases (none without the file) and check them against each other and mkdocs.yml's version."""
    data, lines, problems = read_mapping(src)
    if not data:
        return (), problems

    def report_at(line: int, n: int = 0) -> Callable[[str, str, dict[str, object]], None]:
        def report(code: str, key: str, values: dict[str, object]) -> None:
            if n and "field" in values:
                values = {**values, "field": f"releases[{n}].{values['field']}"}
            problems.append(problem(code, src.rel, line, **values))

        return report

    top = check_mapping(data, SCHEMA, report_at(1))
    releases: list[Release] = []
    for n, raw in enumerate(top.values.get("releases", ()), start=1):
        line = lines.get(f"releases[{n - 1}]", lines.get("releases", 1))
        before = len(problems)
        values = check_mapping(raw, RELEASE, report_at(line, n))
        if len(problems) > before:
            continue
        release = Release(
            values.text("version"),
            values.values["date"],
            values.text("summary"),
            values.texts("text"),
            values.texts("corrected"),
            line,
        )
        problems += _against(release, releases, src.rel, n)
        releases.append(release)
    if releases and settings.version and (releases[0].version, releases[0].date) != (settings.version, settings.date):
        newest = releases[0]
        problems.append(
            problem(
                "changelog-version",
                src.rel,
                newest.line,
                latest=newest.version,
                latest_date=newest.date,
                version=settings.version,
                date=settings.date or "no date",
            )
        )
    return tuple(releases), problems


def anchor(version: str) -> str:
    """A release's anchor on the changelog page ("1.1" → version-1-1): a citation of a version links there."""
    return "version-" + "".join(c if c.isalnum() else "-" for c in version)


def _against(release: Release, older: list[Release], source: str, n: int) -> list[Problem]:
    """A release is newer than none of those listed before it, and its version is its own (its anchor too)."""
    for m, other in enumerate(older, start=1):
        if other.version == release.version:
            return [problem("bad-release", source, release.line, n=n, reason=f"repeats version {other.version}")]
        if anchor(other.version) == anchor(release.version):
            reason = f"reads as version {other.version} in a link (#{anchor(other.version)}): number it otherwise"
            return [problem("bad-release", source, release.line, n=n, reason=reason)]
        if other.date < release.date:
            reason = f"({release.date}) is newer than release {m} ({other.date}): list the newest first"
            return [problem("bad-release", source, release.line, n=n, reason=reason)]
    return []
