"""Contributions are untrusted: what in a contributed text is refused, each at its file line.

This is the explaining half of the trust boundary: the contributor gets `path:line: message [code]`.
The guaranteeing half is how the text is rendered (`room.convert`: its own Markdown run, no raw HTML,
no attribute lists, the nh3 allow-list), which does not depend on anything found here.
"""

from __future__ import annotations

import re

from . import markup
from .frontmatter import Document
from .problems import Problem, problem
from .room import Body, convert

# The text `make note|term|path` leaves for the contributor to replace.
PLACEHOLDER = "Replace this paragraph"

# Bounds on one contributed text. Python-Markdown's inline parsing grows with the square of the brackets
# and angle brackets in a paragraph (5,000 unclosed "[" take it 12 s), so a text beyond these bounds is
# refused without being converted. The longest note is under 5,000 characters, the most brackets 26.
MAX_CHARACTERS = 30_000
MAX_OF_EACH = {"[": 300, "<": 300}
_REFERENCE = re.compile(r"&#(?:[0-9]+|[xX][0-9A-Fa-f]+);?")


def _controls(reference: re.Match[str]) -> bool:
    """Whether a numeric character reference stands for a control character (or for none: past U+10FFFF)."""
    digits = reference.group(0)[2:].rstrip(";")
    number = int(digits[1:], 16) if digits[:1] in "xX" and digits else int(digits)
    return number > 0x10FFFF or 0xD800 <= number <= 0xDFFF or bool(markup.NO_XML.match(chr(number)))


def check_markdown(text: str, source: str, first_line: int, base: str, namespace: str) -> tuple[Body, list[Problem]]:
    """A contributed Markdown text converted (see `room.convert`), and a problem for each thing refused in it.

    `first_line` is the file line of the text's first line, `base` the file's src_uri (relative links are
    read from there), `namespace` the prefix of its heading ids.
    """
    too_much = [(ch, text.count(ch), limit) for ch, limit in MAX_OF_EACH.items() if text.count(ch) > limit]
    if len(text) > MAX_CHARACTERS or too_much:
        what = f"{len(text)} characters" if len(text) > MAX_CHARACTERS else f"{too_much[0][1]} '{too_much[0][0]}'"
        limit = f"{MAX_CHARACTERS} characters" if len(text) > MAX_CHARACTERS else f"{too_much[0][2]}"
        return Body(""), [problem("too-complex", source, first_line, what=what, limit=limit)]
    body, findings = convert(text, base, namespace)
    problems = []
    # Invisible, and no XML (the feeds, the books) can hold one: as typed, or as a character reference ("&#x1;"),
    # which the converted HTML holds as the character itself.
    control = markup.NO_XML.search(text) or next((m for m in _REFERENCE.finditer(text) if _controls(m)), None)
    if control:
        line = first_line + text[: control.start()].count("\n")
        problems.append(problem("control-character", source, line, field="body"))
    for f in findings:
        line = first_line + f.line
        if f.code in {"unsafe-link", "external-resource"}:
            problems.append(problem(f.code, source, line, url=f.value))
        else:
            problems.append(problem(f.code, source, line, snippet=f.value))
    if PLACEHOLDER in text:
        line = first_line + text[: text.index(PLACEHOLDER)].count("\n")
        problems.append(problem("template-text", source, line, placeholder=PLACEHOLDER))
    return body, problems


def check_document(doc: Document, base: str, namespace: str) -> tuple[Body, list[Problem]]:
    """A contributed file's body converted and checked, and leftover template text in its front matter."""
    body, problems = check_markdown(doc.body, doc.source, doc.body_line, base, namespace)
    for key, value in doc.meta.items():
        if any(PLACEHOLDER in s for s in _strings(value)):
            problems.append(problem("template-text", doc.source, doc.line_of(str(key)), placeholder=PLACEHOLDER))
    return body, problems


def _strings(value: object) -> list[str]:
    """Every string inside a front-matter value (lists and mappings included; YAML aliases are refused
    before this runs, so the walk is as small as the file)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []
