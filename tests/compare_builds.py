"""Compare two builds of the site file by file: the names, then the bytes (`make properdocs`).

Usage: python tests/compare_builds.py MKDOCS_SITE PROPERDOCS_SITE [--labels MkDocs ProperDocs]

One difference is legitimate and normalised before comparing: the generator <meta> tag of each page, where
the theme writes the generator's name and version (`mkdocs-1.6.1, mkdocs-material-9.8.2` under MkDocs,
`mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2` under ProperDocs). The report says what was normalised,
then every remaining difference: a file only one build has, or the first differing bytes of a file both
have. Exit status 0 if the builds match after normalising, 1 if they differ, 2 if a build is missing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR = re.compile(rb'(<meta name="generator" content=")([^"]*)(")')
SHOWN = 20  # differing files shown in detail; the rest are only counted
CONTEXT = 70  # bytes shown either side of a file's first difference


@dataclass
class Report:
    """What a comparison found."""

    files: int = 0  # files the two builds both have
    only: dict[str, list[str]] = field(default_factory=dict)  # label → files only that build has
    differ: list[str] = field(default_factory=list)  # files both have whose normalised bytes differ
    generators: dict[str, Counter[str]] = field(default_factory=dict)  # label → generator tag values seen

    @property
    def same(self) -> bool:
        return not self.differ and not any(self.only.values())


def site_files(root: Path) -> set[str]:
    """Every file under a built site, as a path relative to it."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def normalise(name: str, data: bytes, seen: Counter[str]) -> bytes:
    """A page's bytes with the generator tag's value replaced (counted in `seen`); other files as they are."""
    if not name.endswith(".html"):
        return data

    def blank(m: re.Match[bytes]) -> bytes:
        seen[m.group(2).decode("utf-8", "replace")] += 1
        return m.group(1) + b"(generator)" + m.group(3)

    return GENERATOR.sub(blank, data)


def first_difference(a: bytes, b: bytes) -> int:
    """The offset of the first byte where `a` and `b` differ (the shorter length if one is a prefix)."""
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def excerpt(data: bytes, at: int) -> str:
    """The bytes around offset `at`, as one printable line."""
    start = max(0, at - CONTEXT)
    text = data[start : at + CONTEXT].decode("utf-8", "replace")
    return ("…" if start else "") + text.replace("\n", "⏎") + ("…" if at + CONTEXT < len(data) else "")


def compare(a: Path, b: Path, labels: tuple[str, str]) -> tuple[Report, list[str]]:
    """Compare the builds in `a` and `b`; return the report and the details of each difference shown."""
    names = {labels[0]: site_files(a), labels[1]: site_files(b)}
    report = Report(generators={label: Counter() for label in labels})
    report.only = {
        labels[0]: sorted(names[labels[0]] - names[labels[1]]),
        labels[1]: sorted(names[labels[1]] - names[labels[0]]),
    }
    details: list[str] = []
    common = sorted(names[labels[0]] & names[labels[1]])
    report.files = len(common)
    for name in common:
        left = normalise(name, (a / name).read_bytes(), report.generators[labels[0]])
        right = normalise(name, (b / name).read_bytes(), report.generators[labels[1]])
        if left == right:
            continue
        report.differ.append(name)
        if len(report.differ) <= SHOWN:
            at = first_difference(left, right)
            line = left[:at].count(b"\n") + 1
            details += [
                f"  {name}: {len(left)} and {len(right)} bytes; first difference at line {line}, byte {at}:",
                f"    {labels[0]:>10}: {excerpt(left, at)}",
                f"    {labels[1]:>10}: {excerpt(right, at)}",
            ]
    return report, details


def print_report(report: Report, details: list[str], labels: tuple[str, str], a: Path, b: Path) -> None:
    """Print what was compared, what was normalised and every remaining difference."""
    print(f"Compared the builds of {labels[0]} ({a}) and {labels[1]} ({b}): {report.files} files in both.")
    print("Normalised, as a legitimate difference: the generator <meta> tag of each page:")
    for label in labels:
        values = ", ".join(f"“{v}” ({_count(n, 'page')})" for v, n in sorted(report.generators[label].items()))
        print(f"  {label:>10}: {values or 'none'}")
    for label in labels:
        if report.only[label]:
            print(f"Only in the {label} build ({_count(len(report.only[label]), 'file')}):")
            for name in report.only[label]:
                print(f"  {name}")
    if report.differ:
        print(f"Different after normalising ({_count(len(report.differ), 'file')}):")
        print("\n".join(details))
        if len(report.differ) > SHOWN:
            print(f"  … and {len(report.differ) - SHOWN} more: {', '.join(report.differ[SHOWN:])}")
    if report.same:
        print(
            f"THE SAME: both builds hold the same {report.files} files, byte for byte after normalising; "
            f"{labels[1]} builds this site as {labels[0]} does."
        )
    else:
        print(f"DIFFERENT: {labels[1]} does not build this site as {labels[0]} does (the differences are above).")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("first", type=Path, help="the first build's site folder (the reference: MkDocs)")
    parser.add_argument("second", type=Path, help="the second build's site folder (ProperDocs)")
    parser.add_argument("--labels", nargs=2, default=["MkDocs", "ProperDocs"], metavar=("FIRST", "SECOND"))
    args = parser.parse_args(argv)
    labels: tuple[str, str] = (args.labels[0], args.labels[1])
    for label, folder in zip(labels, (args.first, args.second), strict=True):
        if not (folder / "index.html").is_file():
            print(f"No {label} build to compare: {folder} holds no index.html (did its build fail?).", file=sys.stderr)
            return 2
    report, details = compare(args.first, args.second, labels)
    print_report(report, details, labels, args.first, args.second)
    return 0 if report.same else 1


if __name__ == "__main__":
    sys.exit(main())
