"""Command line: `python -m edition check | new note|term|path ID | catalogue | offline | pin | reanchor | import`.

`check` runs exactly the validation the MkDocs build runs (the same `build.start`), without building.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from . import build, offline, reanchor, scaffold
from .anchoring import THRESHOLD
from .problems import Problem, Severity


def checklist(problems: list[Problem]) -> str:
    """Problems as a Markdown checklist grouped by file, ready to paste into a pull request."""
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_file[p.source].append(p)
    out = []
    for source in sorted(by_file):
        out.append(source)
        for p in by_file[source]:
            flag = "" if p.severity is Severity.ERROR else " (warning)"
            out.append(f"- [ ] line {p.line}: {p.message}{flag} [{p.code}]")
        out.append("")
    return "\n".join(out)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate all content; print a checklist; exit 1 on errors (and on warnings with --strict)."""
    started = time.perf_counter()
    config = Path(args.config)
    if not config.is_file():
        print(f"{config}: not found: run this from the folder holding mkdocs.yml", file=sys.stderr)
        return 2
    current, problems = build.start(config)
    elapsed = time.perf_counter() - started
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    if problems:
        print(checklist(problems))
    if current is not None:
        e = current.edition
        summary = (
            f"{len(e.essay.paragraphs)} paragraphs, {len(e.notes)} notes, {len(e.terms)} terms, "
            f"{len(e.works)} works, {len(e.paths)} paths"
        )
    else:
        summary = "content could not be loaded"
    print(f"{summary}: {len(errors)} error(s), {len(warnings)} warning(s) in {elapsed:.2f} s")
    if errors or (args.strict and warnings):
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new note, term or path file from its template and print its path."""
    path, message = scaffold.create(Path(args.config), args.kind, args.target, args.id or "", args.author or "")
    if path is None:
        print(message, file=sys.stderr)
        return 2
    print(message)
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    """Record the essay's current words as its pinned text (a deliberate correction of the essay)."""
    from . import essay, pin, retired
    from .sources import read_settings

    settings, problems = read_settings(Path(args.config))
    if settings is None:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 2
    text, problems = essay.load(settings.source(settings.docs(settings.essay)))
    if text is None or problems:
        print("\n".join(map(str, problems)) + "\nfix the essay's markup first", file=sys.stderr)
        return 2
    target = settings.docs(settings.essay).parent / pin.PIN_NAME
    old = pin.paragraphs(target.read_text(encoding="utf-8")) if target.is_file() else {}
    changed = pin.write(text, target)
    rel = settings.source(target).rel
    print(f"{rel}: {'updated: commit it with the correction' if changed else 'already matches the essay'}")
    # Ids that left the essay are retired, never reused: their links lead to the paragraph most like them.
    registry = target.parent / retired.RETIRED_NAME
    known, _ = retired.load(settings.source(registry))
    gone = {pid: words for pid, words in old.items() if text.paragraph(pid) is None}
    for old_id, new_id in retired.record(gone, text, registry, known):
        print(f"{settings.source(registry).rel}: retired '{old_id}'; its links now lead to '{new_id}' (check it)")
    return 0


def cmd_reanchor(args: argparse.Namespace) -> int:
    """Re-anchor the notes whose quoted words a correction changed; list those left for a person."""
    status, lines = reanchor.run(Path(args.config), args.threshold, args.dry_run)
    print("\n".join(lines))
    return status


def cmd_import(args: argparse.Namespace) -> int:
    """Bring in a text (plain or Markdown) as the essay of a fresh edition."""
    from . import fresh

    facts = fresh.Facts(args.title or "", args.author or "", args.venue or "", args.date or "")
    status, lines = fresh.run(Path(args.config), Path(args.text), facts, args.replace)
    print("\n".join(lines), file=sys.stderr if status else sys.stdout)
    return status


def cmd_catalogue(args: argparse.Namespace) -> int:
    """Print (or --write into CONTRIBUTING.md) the reference generated from the code's own tables."""
    if args.write:
        target = Path(args.config).resolve().parent / "CONTRIBUTING.md"
        changed = scaffold.write_reference(target)
        print(f"{target.name}: {'updated' if changed else 'already up to date'}")
    else:
        print(scaffold.reference())
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    """Build the offline copy of the site as a zip inside an already built site folder."""
    target = offline.build(Path(args.config).resolve(), Path(args.site_dir).resolve())
    print(f"{target}: {target.stat().st_size // 1024} KiB")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command."""
    parser = argparse.ArgumentParser(prog="python -m edition", description=__doc__)
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all content without building the site")
    check.add_argument("--strict", action="store_true", help="fail on warnings too, as the CI build does")
    check.set_defaults(func=cmd_check)
    new = sub.add_parser("new", help="start a new note, glossary term or reading path")
    new.add_argument("kind", choices=["note", "term", "path"])
    new.add_argument("target", help="the paragraph id (for a note), or the new term's or path's id")
    new.add_argument("--id", help="the new note's id (default: made from the paragraph id)")
    new.add_argument("--author", help="your contributor id (see docs/contributors.yml)")
    new.set_defaults(func=cmd_new)
    cat = sub.add_parser("catalogue", help="print the fields and validation messages for CONTRIBUTING.md")
    cat.add_argument("--write", action="store_true", help="update the generated part of CONTRIBUTING.md")
    cat.set_defaults(func=cmd_catalogue)
    off = sub.add_parser("offline", help="add the offline copy (a zip) to a built site")
    off.add_argument("site_dir", nargs="?", default="site")
    off.set_defaults(func=cmd_offline)
    sub.add_parser("pin", help="record a deliberate correction of the essay's words").set_defaults(func=cmd_pin)
    re_ = sub.add_parser("reanchor", help="re-anchor notes whose quoted words a correction changed")
    re_.add_argument(
        "--threshold", type=float, default=THRESHOLD, help=f"least similarity to apply (default {THRESHOLD})"
    )
    re_.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    re_.set_defaults(func=cmd_reanchor)
    imp = sub.add_parser("import", help="a text (plain or Markdown) as the essay of a fresh edition")
    imp.add_argument("text", help="the text file, UTF-8")
    for name in ("title", "author", "venue", "date"):
        imp.add_argument(f"--{name}", help=f"the text's {name} (plain text)")
    imp.add_argument("--replace", action="store_true", help="replace the edition's content (it is refused otherwise)")
    imp.set_defaults(func=cmd_import)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
