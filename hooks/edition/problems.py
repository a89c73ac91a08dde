"""Problems found in the content, and the one catalogue of every message a contributor can meet.

Validators return lists of `Problem`; they never log or raise. The MkDocs hook and the
`python -m edition check` command print them, and CONTRIBUTING.md lists the catalogue.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .tree import MESSAGES as TREE_MESSAGES
from .tree import shown


class Severity(StrEnum):
    """How bad a problem is: errors stop the build, warnings fail only `--strict`."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Entry:
    """One kind of problem: its severity, its message template and advice for the contributor."""

    severity: Severity
    template: str
    advice: str


E, W = Severity.ERROR, Severity.WARNING

# Every message the validators can produce, keyed by a stable code. Templates are filled with
# `str.format`; the advice is shown in CONTRIBUTING.md next to the code.
CATALOGUE: dict[str, Entry] = {
    # Files and front matter
    "unreadable-file": Entry(E, "cannot read this file: {reason}", "Save the file as UTF-8 text."),
    "file-too-large": Entry(
        E, "file is {size} bytes, over the limit of {limit}", "Split it, or shorten it: notes are short."
    ),
    "invalid-front-matter": Entry(
        E,
        "front matter is not valid YAML: {reason}",
        "Check the lines between the two '---' lines: 'key: value', lists as [a, b], quote text with ':'.",
    ),
    "missing-front-matter": Entry(
        E,
        "file has no front matter",
        "Start the file with a '---' line, the fields, then another '---' line.",
    ),
    "front-matter-not-mapping": Entry(
        E, "front matter must be a set of 'key: value' lines", "Write one 'key: value' per line."
    ),
    "unknown-field": Entry(
        E,
        "unknown field '{field}'{hint}",
        "Remove the field or correct its spelling; the allowed fields are listed below.",
    ),
    "unknown-file": Entry(
        E,
        "'{name}' is not a file the edition knows: {suggestion}",
        "Every file under docs/, bibliography/ and overrides/ is a note, term, path, registry, page listed in "
        "extra.edition.pages, .bib file, theme file or image; move, rename or remove anything else.",
    ),
    # What the repository may hold (messages and advice in tree.py, which runs before anything else)
    **{code: Entry(E, message, advice) for code, (message, advice) in TREE_MESSAGES.items()},
    "missing-field": Entry(E, "missing required field '{field}'", "Add the field to the front matter."),
    "markup-in-plain-text": Entry(
        E,
        "field '{field}' is plain text, shown exactly as typed: remove the markup '{snippet}…'",
        "Write titles, names, definitions, summaries, tags and quotes without HTML, entities, links or [[ ]].",
    ),
    "control-character": Entry(
        E,
        "field '{field}' holds an invisible control character",
        "Retype the value: it contains a character such as a bidirectional override that readers cannot see.",
    ),
    "text-too-long": Entry(
        E, "field '{field}' is {length} characters long; the limit is {limit}", "Shorten the value."
    ),
    "too-complex": Entry(
        E,
        "this text has {what}; the limit is {limit}",
        "Split the text, or write fewer brackets: texts beyond these bounds would slow every build down.",
    ),
    "too-many-items": Entry(E, "field '{field}' has {count} items; the limit is {limit}", "Keep the list shorter."),
    "bad-field-type": Entry(E, "field '{field}' must be {expected}, not {actual}", "Correct the value's form."),
    "empty-body": Entry(E, "the text after the front matter is empty", "Write the text below the second '---'."),
    "raw-html": Entry(
        E,
        "raw HTML is not allowed in contributions: {snippet}",
        "Use Markdown instead: *emphasis*, **strong**, [text](https://…) links; no tags.",
    ),
    "attribute-list": Entry(
        E,
        "attribute lists are not allowed in contributions: {snippet}",
        "Remove the '{{: …}}' part: styling and attributes are the site's job, not the note's.",
    ),
    "unknown-link": Entry(
        E,
        "link to '{url}' leads to no page or image of this site{hint}",
        "Link to another page by its file, relative to yours (../../glossary/the-state.md), or to an http(s) address.",
    ),
    "external-resource": Entry(
        E,
        "image source '{url}' is not a file of this site: every reader's browser would load it from elsewhere",
        "Images and other resources must come from this site: add the image under docs/assets/images/ and "
        "link to it relatively; links (not images) to other sites are fine.",
    ),
    "unsafe-link": Entry(
        E,
        "link to '{url}' is not allowed: only http, https, mailto and relative links",
        "Link to an http(s) address or a page of this site.",
    ),
    "template-text": Entry(
        E,
        "the file still holds the template's placeholder ('{placeholder}…'): replace it with your own text",
        "Write your own text where the template says 'Replace this paragraph'.",
    ),
    "bad-id": Entry(
        E,
        "file name '{name}' is not a valid id: use lower-case letters, digits and hyphens, e.g. '{suggestion}'",
        "Rename the file.",
    ),
    "duplicate-id": Entry(
        E, "{kind} id '{id}' is already used by {other}", "Rename one of the two files so each id is unique."
    ),
    # Essay
    "missing-paragraph-id": Entry(
        E,
        "paragraph has no id: start it with an id in braces, e.g. '{{#{suggestion}}} {start}'",
        "Every body paragraph begins with {#its-id}; ids never change once published.",
    ),
    "malformed-paragraph-id": Entry(
        E,
        "malformed paragraph id '{id}': use lower-case letters, digits and hyphens, e.g. '{suggestion}'",
        "Paragraph ids are like 'kudzu-strategy'.",
    ),
    "duplicate-paragraph-id": Entry(
        E,
        "duplicate paragraph id '{id}' (also defined at {other}): give each paragraph its own id",
        "Rename one of the two paragraphs' ids.",
    ),
    "essay-changed": Entry(
        E,
        "the essay's words differ from its pinned text: {detail}",
        "The essay must stay word for word as published. If this is a deliberate correction, run "
        "`make pin` to record it in the pinned text, and explain the correction in the pull request.",
    ),
    "essay-term-words": Entry(
        E,
        "the term '{id}' is marked without the essay's own words: write [[{id}|the words as published]]",
        "In the essay a marked term always shows the published words, so the text stays exactly as published.",
    ),
    "essay-no-title": Entry(E, "the essay has no title: its first block must be '# Title'", "Add the title line."),
    "reused-paragraph-id": Entry(
        E,
        "paragraph id '{id}' was retired ({where}): an id once published is never given to another paragraph",
        "Give the paragraph a new id; links to the retired one lead to its successor.",
    ),
    "bad-retired": Entry(
        E,
        "retired id '{id}' {reason}",
        "docs/essay/retired.yml lists each retired paragraph id as 'old-id: successor-id'; `make pin` writes it.",
    ),
    # Settings in mkdocs.yml
    "bad-setting": Entry(E, "setting '{setting}' {reason}", "Correct the setting in mkdocs.yml."),
    "unknown-setting": Entry(
        E,
        "unknown setting '{setting}'{hint}",
        "Remove it or correct its spelling (see extra.edition in mkdocs.yml).",
    ),
    # References between content
    "unknown-paragraph": Entry(
        E,
        "unknown paragraph '{id}'{hint}",
        "Use an id from docs/essay/index.md (the {#…} at a paragraph's start).",
    ),
    "unknown-term": Entry(E, "unknown term '{id}'{hint}", "Use a file name (without .md) from docs/glossary/."),
    "unknown-work": Entry(E, "unknown work '{id}'{hint}", "Use a key from bibliography/*.bib."),
    "unknown-note": Entry(E, "unknown note '{id}'{hint}", "Use a file name (without .md) from docs/notes/."),
    "unknown-author": Entry(
        E, "unknown author '{id}'{hint}", "Add yourself to docs/contributors.yml, or correct the spelling."
    ),
    # Contributors registry
    "bad-contributor": Entry(
        E,
        "contributor '{id}' {reason}",
        "Each entry is 'id: {name: Display Name, url: https://…}' (url optional).",
    ),
    # Notes
    "unknown-kind": Entry(E, "unknown kind '{kind}'{hint}", "Use one of the kinds listed in this guide."),
    "quote-not-found": Entry(
        E,
        "quote '{quote}' is not in paragraph '{id}' (¶ {number}){hint}",
        "Copy the words exactly from the paragraph, with its curly quotes (“ ” ’) and dashes (—).",
    ),
    "stale-quote": Entry(
        E,
        "quote '{quote}' no longer matches paragraph '{id}' (¶ {number}); the closest passage now is "
        "{suggestion}{where}, {score}% alike: {action}",
        "The essay was corrected, or the quote mistyped. `make reanchor` takes the suggestion into the note when "
        "it is close enough; otherwise copy the words from the paragraph yourself.",
    ),
    "retired-paragraph": Entry(
        E,
        "paragraph '{id}' was retired by a correction ({where}); its words are now in '{successor}' (¶ {number})"
        "{suggestion}: {action}",
        "Move the note to the paragraph that holds its words now: `make reanchor` does it when it can.",
    ),
    "quote-ambiguous": Entry(
        E,
        "quote '{quote}' occurs {count} times in paragraph '{id}' (¶ {number}): add 'prefix:' or 'suffix:' "
        "with the words just before or after the one you mean",
        "Add prefix: (text right before the quote) or suffix: (text right after it).",
    ),
    "affix-without-quote": Entry(
        E, "'{field}' is set but 'quote' is not", "Add the quote, or remove the prefix/suffix."
    ),
    "quote-multi-paragraph": Entry(
        E,
        "a note with a quote must name one paragraph, not {count}",
        "Name only the paragraph the quoted words are in.",
    ),
    "circular-reply": Entry(
        E, "replies_to makes a circle: {chain}", "A reply must answer an earlier note, not itself."
    ),
    "wrong-folder": Entry(
        E,
        "note is in folder '{folder}' but is about paragraph '{id}': move it to {expected}",
        "Keep each note in docs/notes/<its first paragraph's id>/.",
    ),
    # Glossary
    "short-too-long": Entry(
        E,
        "'short' is {length} characters long; the limit is {limit}",
        "Shorten it to one sentence; put the rest in the body.",
    ),
    "duplicate-alias": Entry(
        E,
        "alias '{alias}' is also claimed by term '{other}' ({where})",
        "An alias may belong to one term only: remove it from one of them.",
    ),
    "self-related": Entry(E, "term '{id}' lists itself under 'related'", "Remove it from its own 'related' list."),
    "duplicate-term": Entry(
        E,
        "term '{term}' is already defined by {other}",
        "Merge the two entries, or give them different names.",
    ),
    "unused-term": Entry(
        W,
        "term '{id}' is marked nowhere: mark it with [[{id}]] in the essay, a note or another term, or remove it",
        "Mark the term where it matters, or delete the entry.",
    ),
    # Works (BibTeX)
    "bib-syntax": Entry(E, "cannot read this BibTeX: {reason}", "Check braces, commas and the @type{key, …} line."),
    "bib-markup": Entry(
        E,
        "{field} of '{key}' holds '{what}', which pandoc would write into the page as markup",
        "Write the words themselves: a field is text, with TeX's accents and \\& for “&”, but no HTML or entities, "
        "no “<” or “>” (write “less than”), no character codes (^^3c), \\textless, pictures or “:::”, and no "
        "\\href or \\url: the work's address goes in its url field, checked there.",
    ),
    "duplicate-work": Entry(
        E, "work key '{key}' is also defined at {other}", "Keep one entry: delete or rename the other."
    ),
    "missing-bib-field": Entry(
        E,
        "@{type}{{{key}}} is missing {fields}",
        "Add the fields from the work itself; leave out only what you cannot verify.",
    ),
    "uncited-work": Entry(
        W,
        "work '{key}' is cited nowhere: cite it with [@{key}] in a note, term or path, or remove it",
        "Cite the work where it is used, or delete the entry.",
    ),
    # The changelog (docs/changelog.yml)
    "changelog-version": Entry(
        E,
        "the newest release here is version {latest} of {latest_date}, but mkdocs.yml names version {version} "
        "of {date} (extra.edition.version and date): add the release at the top, or correct one of the two",
        "Each release of the edition is listed, newest first; the newest is the version citations name.",
    ),
    "bad-release": Entry(
        E, "release {n} {reason}", "List each version once, newest first, with its date (docs/changelog.yml)."
    ),
    # Paths
    "empty-path": Entry(E, "path has no stops", "Add at least one stop under 'stops:'."),
    "bad-stop": Entry(
        E,
        "stop {n} {reason}",
        "Each stop names exactly one of paragraph:, note:, term: or work:, with a guide: text.",
    ),
    "duplicate-stop": Entry(E, "stop {n} repeats stop {first} ({what})", "Each stop appears once; remove the repeat."),
    "unknown-audience": Entry(
        E, "unknown audience '{audience}'{hint}", "Use one of: newcomers, undergraduate, graduate, organisers."
    ),
    "bad-minutes": Entry(
        E, "'minutes' must be a positive number, not {value}", "Give the estimated time in minutes, e.g. 30."
    ),
    # The books (`make books`, and the books of `make site`)
    "unprintable-character": Entry(
        E,
        "the books cannot print this line: none of their fonts has {characters}",
        "Write it in Latin letters (a transliteration), or add a font that has it to hooks/edition/books/book.css. "
        "The site shows it in the reader's own fonts; a PDF has only the fonts it embeds.",
    ),
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: `path:line: message [code]`."""

    source: str  # a POSIX path relative to the repository root
    line: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        """Whether this problem stops the build or only fails `--strict`."""
        return CATALOGUE[self.code].severity

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message} [{self.code}]"


def problem(code: str, source: str, line: int, **values: object) -> Problem:
    """Make a problem from the catalogue's template for `code`. Control characters in its path and values are
    shown escaped: a file name or a snippet holding a line break cannot print a line of its own."""
    values = {key: shown(value) if isinstance(value, str) else value for key, value in values.items()}
    return Problem(shown(source), line, code, CATALOGUE[code].template.format(**values))


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A ": did you mean 'x'?" hint with the closest choices, or an empty string."""
    close = difflib.get_close_matches(value, sorted(set(choices)), n=3, cutoff=0.6)
    if not close:
        return ""
    return ": did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


def one_of(value: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint, or else the list of allowed values."""
    return did_you_mean(value, choices) or " (use one of: " + ", ".join(choices) + ")"


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by file and line, in the order found within a line, each once."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.source, p.line))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that stop the build."""
    return [p for p in problems if p.severity is Severity.ERROR]
