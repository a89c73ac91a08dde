"""A fresh edition of an imported text (`make import`): the essay and its pin, the text's facts in the
settings and the bibliography, and one example note, term and path to start from.

The old content (essay, notes, glossary, paths, works, changelog, retired ids) is replaced only when asked
(`REPLACE=yes`); otherwise nothing is written. The text's title, author, venue and date go where the edition
reads them: mkdocs.yml (`site_name`, `copyright`, `extra.edition`) and the essay's entry in
bibliography/primary.bib (`extra.edition.essay_key`), never into code.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import essay as essay_mod
from . import importer, inventory, pages, pin, yamledit
from .changelog import CHANGELOG_FILE
from .render.links import md_text
from .retired import RETIRED_NAME
from .schema import Field, check_value
from .sources import Settings, read_settings

EXAMPLE_NOTE, EXAMPLE_PATH = "example-note", "first-reading"
_PLAIN = Field("plain", False, "", max_length=200)


@dataclass(frozen=True)
class Facts:
    """What the instructor says of the text: all plain text, "" where not given."""

    title: str = ""
    author: str = ""
    venue: str = ""
    date: str = ""  # as published: "2023", "Winter 2023", "2023-05-01"

    @property
    def year(self) -> str:
        """The year of first publication, if the date names one."""
        m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", self.date)
        return m.group(1) if m else ""


def run(config: Path, text_file: Path, facts: Facts, replace: bool = False) -> tuple[int, list[str]]:
    """Import the text into the edition at `config`; (exit status, lines to print)."""
    settings, problems = read_settings(config)
    if settings is None:
        return 2, [str(p) for p in problems]
    for name in ("title", "author", "venue", "date"):
        _, bad = check_value(name, _PLAIN, getattr(facts, name) or "x")
        if bad is not None:
            return 2, [f"{name.upper()}: must be plain text of at most 200 characters, without markup"]
    try:
        source = text_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return 2, [f"{text_file}: cannot read it as UTF-8 text ({err})"]
    blocks = importer.read(source, facts.title)
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    if not blocks or blocks[0].kind != "title":
        return 2, [f"{text_file}: no title found (a first line of its own, or '# Title'): give one with TITLE=…"]
    if not paragraphs:
        return 2, [f"{text_file}: no paragraphs found: paragraphs are separated by blank lines"]
    existing = _existing(settings)
    if existing and not replace:
        return 1, [
            f"This edition already holds {existing}.",
            "Nothing was written. To replace all of it with the imported text, run again with REPLACE=yes:",
            f"  make import TEXT={text_file} REPLACE=yes",
            "Commit or branch first: the old essay, notes, glossary, paths and works are deleted.",
        ]
    facts = Facts(blocks[0].text, facts.author, facts.venue, facts.date)
    _clear(settings)
    ids = importer.paragraph_ids(paragraphs)
    essay_path = settings.docs(settings.essay)
    essay_path.parent.mkdir(parents=True, exist_ok=True)
    essay_path.write_text(importer.essay_source(blocks, ids), encoding="utf-8")
    essay, found = essay_mod.load(settings.source(essay_path))
    if essay is None or found:
        return 2, [str(p) for p in found] + ["the imported essay cannot be read back: please report this"]
    pin.write(essay, essay_path.parent / pin.PIN_NAME)
    key = _bibliography(settings, facts)
    today = dt.date.today()
    _settings(settings, facts, key, today)
    _starter_content(settings, essay, facts, key, today)
    rel = settings.source(essay_path).rel
    return 0, [
        f"{rel}: {len(paragraphs)} paragraphs, {sum(b.kind == 'heading' for b in blocks)} headings, "
        f"{sum(b.kind == 'break' for b in blocks)} section breaks; pinned.",
        f"Ids: {', '.join(ids[:4])}{', …' if len(ids) > 4 else ''}",
        "Started: one example note, term and path; the home and About pages; the changelog (version 1.0).",
        "Next: `make serve` to read it, then replace the examples with your own (see docs/own-text.md).",
    ]


def _existing(settings: Settings) -> str:
    """What the edition holds now, in words ("" if nothing)."""
    inv, _ = inventory.take(settings.root, settings.docs_dir, settings.essay, settings.pages)
    essay_file = settings.docs(settings.essay)
    parts = []
    if essay_file.is_file():
        essay, _ = essay_mod.load(settings.source(essay_file))
        count = len(essay.paragraphs) if essay else 0
        parts.append(f"an essay ({settings.source(essay_file).rel}, {count} paragraphs)")
    for items, what in ((inv.notes, "notes"), (inv.terms, "glossary terms"), (inv.paths, "reading paths")):
        if items:
            parts.append(f"{len(items)} {what}")
    return ", ".join(parts)


def _clear(settings: Settings) -> None:
    """Remove the old edition's content: essay, pin, retired ids, notes, terms, paths, works and changelog."""
    essay_dir = settings.docs(settings.essay).parent
    for name in (RETIRED_NAME, pin.PIN_NAME):
        (essay_dir / name).unlink(missing_ok=True)
    settings.docs(CHANGELOG_FILE).unlink(missing_ok=True)
    shutil.rmtree(settings.docs(pages.NOTES_DIR), ignore_errors=True)
    for folder in (pages.GLOSSARY_DIR, pages.PATHS_DIR):
        for path in settings.docs(folder).glob("*.md"):
            path.unlink()
    for bib in (settings.root / pages.BIBLIOGRAPHY_DIR).glob("*.bib"):
        bib.unlink()


def _tex(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def _bibliography(settings: Settings, facts: Facts) -> str:
    """The text's own entry in bibliography/primary.bib (its key), when author and year are known."""
    if not facts.author or not facts.year:
        return ""
    author = facts.author
    if "," not in author and " " in author.strip():
        first, last = author.strip().rsplit(" ", 1)
        author = f"{last}, {first}"
    surname = importer.slug(author.split(",")[0]) or "text"
    title_words = [w for w in importer.words(facts.title) if w not in importer.STOPWORDS]
    key = f"{surname}-{importer.slug(title_words[0]) if title_words else 'text'}"
    season = facts.date.replace(facts.year, "").strip(" ,-")
    fields = [("author", author), ("title", facts.title)]
    fields += [("journal", facts.venue)] if facts.venue else [("howpublished", "Text supplied to this edition")]
    fields += [("month", season)] if season and not re.search(r"\d", season) else []
    fields += [("year", facts.year), ("keywords", "primary")]
    body = ",\n".join(f"  {name} = {{{_tex(value)}}}" for name, value in fields)
    folder = settings.root / pages.BIBLIOGRAPHY_DIR
    folder.mkdir(exist_ok=True)
    entry = f"@{'article' if facts.venue else 'misc'}{{{key},\n{body}\n}}\n"
    (folder / "primary.bib").write_text(entry, encoding="utf-8")
    return key


def file_name(title: str) -> str:
    """What an edition of `title` calls its downloads: the title's first words as an id, then "edition"
    ("The Conquest of Bread" → the-conquest-of-bread-edition)."""
    parts = [part[:40] for part in map(importer.slug, importer.words(title)[:5]) if part]
    while len("-".join([*parts, "edition"])) > 60:  # a setting of at most 60 characters: whole words
        parts.pop()
    return "-".join([*parts, "edition"])


def _settings(settings: Settings, facts: Facts, key: str, today: dt.date) -> None:
    """The text's facts into mkdocs.yml, in place (comments and everything else kept)."""
    config = settings.root / settings.config_file
    by = f"{facts.author}’s " if facts.author else ""
    where = f" ({', '.join(x for x in (facts.venue, facts.date) if x)})" if facts.venue or facts.date else ""
    changes: dict[str, yamledit.Value] = {
        "site_name": f"{facts.title}: an annotated edition",
        "site_description": f"{by}“{facts.title}”{where}, annotated paragraph by paragraph, with a glossary, "
        "works cited and reading paths.",
        "copyright": (f"Text © {facts.author}. " if facts.author else "")
        + "Commentary, glossary and paths: CC BY 4.0. Code: MIT.",
        "extra.edition.title": f"{facts.title}: An Annotated Edition",
        "extra.edition.file_name": file_name(facts.title),
        "extra.edition.version": "1.0",
        "extra.edition.date": today,
    }
    text = config.read_text(encoding="utf-8")
    if key:
        changes["extra.edition.essay_key"] = key
    elif "essay_key:" in text:
        changes["extra.edition.essay_key"] = ""  # no entry: the "Cite this" boxes are left out
    text = yamledit.set_values(text, changes)
    text = text.replace('essay_key: ""\n', "")
    config.write_text(text, encoding="utf-8")


def _starter_content(settings: Settings, essay: essay_mod.Essay, facts: Facts, key: str, today: dt.date) -> None:
    """One example note, term and path; the contributors registry; home, About and the changelog."""
    first = essay.paragraphs[0]
    quote = _opening_quote(first.text)
    word = next(iter(first.id.split("-")), "term")
    term_id = importer.slug(word) or "term"
    cite = f" [@{key}]" if key else ""
    files = {
        settings.docs(pages.NOTES_DIR, first.id, f"{EXAMPLE_NOTE}.md"): (
            f"---\nparagraph: {first.id}\nquote: {yamledit.scalar(quote)}\nauthors: [editors]\n"
            f"date: {today.isoformat()}\nkind: context\ntags: [example]\n---\n"
            f"An example note on the opening words of the text{cite}. A note says something a reader needs: "
            f"context, history, an argument, a critique, a connection or a question. It may mark a glossary "
            f"term, such as [[{term_id}|{word}]], and cite works from bibliography/*.bib. Write your own "
            "with `make note PARA=<paragraph-id>`, then delete this one.\n"
        ),
        settings.docs(pages.GLOSSARY_DIR, f"{term_id}.md"): (
            f"---\nterm: {yamledit.scalar(word.capitalize())}\nkind: concept\n"
            "short: An example glossary entry, to be replaced with a one-sentence definition.\n---\n"
            "A glossary entry explains a word or name the text uses. Start your own with `make term ID=<term-id>`.\n"
        ),
        settings.docs(pages.PATHS_DIR, f"{EXAMPLE_PATH}.md"): (
            "---\ntitle: A first reading\nsummary: An example reading path through the opening of the text.\n"
            f"audience: [newcomers]\nminutes: 15\nstops:\n  - paragraph: {first.id}\n"
            "    guide: Read the opening paragraph.\n    questions:\n      - What does the text set out to do?\n"
            f"  - note: {EXAMPLE_NOTE}\n    guide: Read a note on its opening words.\n"
            f"  - term: {term_id}\n    guide: Look up a term.\n---\n"
            "An example reading path. Start your own with `make path ID=<path-id>`.\n"
        ),
        settings.docs(inventory.CONTRIBUTORS_FILE): "editors:\n  name: The editors\n",
        settings.docs(CHANGELOG_FILE): (
            "# Releases of the edition, newest first; the first names extra.edition.version in mkdocs.yml.\n"
            f'releases:\n  - version: "1.0"\n    date: {today.isoformat()}\n'
            "    summary: The first edition, with one example note, term and path.\n"
        ),
        settings.docs("index.md"): _home(essay, facts),
    }
    if "about.md" in settings.pages:
        files[settings.docs("about.md")] = _about(essay, facts)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _opening_quote(text: str) -> str:
    """The paragraph's first words, at least three and twelve characters, that occur once in it."""
    spans = [m.end() for m in re.finditer(r"\S+", text)]
    for n, end in enumerate(spans, start=1):
        quote = text[:end].rstrip(",;:")
        if n >= 3 and len(quote) >= 12 and text.count(quote) == 1:
            return quote
    return text


def _home(essay: essay_mod.Essay, facts: Facts) -> str:
    title, by = md_text(facts.title), md_text(facts.author)
    first = ", first published" + (f" in *{md_text(facts.venue)}*" if facts.venue else "")
    first += f", {md_text(facts.date)}" if facts.date else ""
    return (
        f"---\ntitle: Home\n---\n\n# {title}: an annotated edition\n\n"
        f"This site is an annotated edition of {by + '’s ' if by else ''}*[{title}](essay/index.md)*"
        f"{first if facts.venue or facts.date else ''}: the text word for word, every paragraph with a stable "
        "link and a ¶ number, commentary beside each paragraph, a glossary and reading paths.\n\n"
        "[Read the text](essay/index.md){ .md-button .md-button--primary } "
        "[Follow a reading path](paths/index.md){ .md-button }\n\n"
        "## How to read this edition\n\n"
        "- **Notes** sit beside each paragraph; each paragraph also has its own page with its notes in full.\n"
        "- **Terms** with a dotted underline are in the [glossary](glossary/index.md).\n"
        "- **Reading paths** are guided routes for courses, with questions.\n"
        "- **Changes** between versions of the edition are listed in the [changelog](changelog.md).\n"
    )


def _about(essay: essay_mod.Essay, facts: Facts) -> str:
    source = ", ".join(md_text(x) for x in (facts.author, f"“{facts.title}”", facts.venue, facts.date) if x)
    return (
        "---\ntitle: About this edition\n---\n\n# About this edition\n\n## The text\n\n"
        f"The text is {source}. This edition reproduces it as supplied to the project; only whitespace has been "
        "normalised. Its words are pinned: an accidental edit fails the build's checks, and a deliberate "
        f"correction is recorded with `make pin` and listed in the [changelog](changelog.md).\n\n"
        f"- The title, {len(essay.paragraphs)} paragraphs and their headings are the author’s.\n"
        "- The paragraph numbers (¶) and their link anchors are added by this edition.\n\n"
        "## Rights\n\nThe text remains its author’s. The edition’s own work: commentary, glossary and reading "
        "paths under CC BY 4.0; the code under the MIT licence.\n"
    )
