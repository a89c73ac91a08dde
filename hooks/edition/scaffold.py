"""Starting new content from templates (`make note|term|path`), and the catalogue table for CONTRIBUTING.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import essay as essay_mod
from . import markup, pages
from .frontmatter import Field
from .problems import CATALOGUE, did_you_mean
from .safety import PLACEHOLDER
from .sources import read_settings
from .templates import PATH_TEMPLATE, TERM_TEMPLATE, note_template


def create(config: Path, kind: str, target: str, new_id: str = "", author: str = "") -> tuple[Path | None, str]:
    """Write a new content file from its template; (path, message) or (None, what went wrong)."""
    settings, problems = read_settings(config)
    if settings is None:
        return None, "\n".join(str(p) for p in problems)
    essay, _ = essay_mod.load(settings.source(settings.docs(settings.essay)))
    if essay is None:
        return None, f"{settings.essay}: the essay cannot be read; run `make check`"
    today = dt.date.today().isoformat()
    if kind == "note":
        para = essay.paragraph(target)
        if para is None:
            hint = did_you_mean(target, [p.id for p in essay.paragraphs]) or " (see the ids in docs/essay/index.md)"
            return None, f"unknown paragraph '{target}'{hint}\nusage: make note PARA=<paragraph-id>"
        folder = settings.docs(pages.NOTES_DIR, para.id)
        nid = new_id or _free_id(folder, f"{para.id}-note")
        path = folder / f"{nid}.md"
        text = note_template(para, author or "your-id", today)
    elif kind == "term":
        path = settings.docs(pages.GLOSSARY_DIR, f"{target}.md")
        nid = target
        text = TERM_TEMPLATE.format(name=target.replace("-", " ").capitalize(), placeholder=PLACEHOLDER)
    else:
        path = settings.docs(pages.PATHS_DIR, f"{target}.md")
        nid = target
        text = PATH_TEMPLATE.format(
            name=target.replace("-", " ").capitalize(), placeholder=PLACEHOLDER, first=essay.paragraphs[0].id
        )
    if not markup.is_id(nid):
        return (
            None,
            f"'{nid}' is not a valid id: use lower-case letters, digits and hyphens, e.g. '{markup.slugify(nid, 6)}'",
        )
    if path.exists():
        return None, f"{settings.source(path).rel} already exists: choose another id"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    rel = settings.source(path).rel
    steps = {
        "note": "write your note, set `authors` to your id (add yourself to docs/contributors.yml), "
        "then run `make check`",
        "term": "fill in the definition and mark the term somewhere with [[" + nid + "]], then run `make check`",
        "path": "write the introduction and the stops, then run `make check`",
    }[kind]
    return path, f"{rel}\nCreated. Next: {steps}."


def _free_id(folder: Path, stem: str) -> str:
    n = 1
    while (folder / f"{stem}-{n}.md").exists():
        n += 1
    return f"{stem}-{n}"


START, END = "<!-- generated:reference:start -->", "<!-- generated:reference:end -->"


def reference() -> str:
    """The generated part of CONTRIBUTING.md: fields, allowed values and every validation message."""
    from . import glossary, notes, paths

    def fields(schema: dict[str, Field]) -> str:
        rows = ["| field | required | what it is |", "| --- | --- | --- |"]
        rows += [f"| `{k}` | {'yes' if f.required else 'no'} | {f.doc}: {f.expected()} |" for k, f in schema.items()]
        return "\n".join(rows)

    parts = [
        START,
        "<!-- Made by `python -m edition catalogue --write` from the code's own tables; do not edit by hand. -->",
        "",
        "### Note fields",
        "",
        fields(notes.SCHEMA),
        "",
        "Kinds of note: " + "; ".join(f"`{k}` ({v.doc})" for k, v in notes.KINDS.items()) + ".",
        "",
        "### Glossary term fields",
        "",
        fields(glossary.SCHEMA),
        "",
        "Kinds of term: " + ", ".join(f"`{k}`" for k in glossary.KINDS) + ".",
        "",
        "### Reading path fields",
        "",
        fields(paths.SCHEMA),
        "",
        "Each stop names exactly one of `paragraph`, `note`, `term` or `work`, has a `guide` and may have "
        "`questions`. Audiences: " + ", ".join(f"`{k}`" for k in paths.AUDIENCES) + ".",
        "",
        "### Every message `make check` (and, for the books alone, `make books`) can print",
        "",
        catalogue_table(),
        END,
    ]
    return "\n".join(parts)


def write_reference(contributing: Path) -> bool:
    """Replace the generated part of CONTRIBUTING.md; True if the file changed."""
    text = contributing.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    new = text[:start] + reference() + text[end:]
    if new != text:
        contributing.write_text(new, encoding="utf-8")
    return new != text


def catalogue_table() -> str:
    """Every validation message a contributor can meet, with what to do (a Markdown table)."""
    rows = ["| code | kind | message | what to do |", "| --- | --- | --- | --- |"]
    for code, entry in CATALOGUE.items():
        message = entry.template.replace("{{", "{").replace("}}", "}").replace("|", "\\|")
        advice = entry.advice.replace("|", "\\|")
        rows.append(f"| `{code}` | {entry.severity.value} | {message} | {advice} |")
    return "\n".join(rows)
