"""Citations as mkdocs-bibtex formats them (pandoc, Chicago author-date), shaped for this edition.

mkdocs-bibtex turns `[@key]` into an inline citation plus a per-page footnote. Notes are shown beside the
essay and on several pages, so the edition keeps the plugin's formatting (one pandoc run per build for
every citation and every entry) but links each citation to its entry on the works-cited page instead
of adding footnotes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from . import markup
from .references import Text

# Given citation blocks (as written, without brackets) and work keys, return the inline text of each
# block and the full reference of each key, both as Markdown.
Formatter = Callable[[list[str], list[str]], tuple[dict[str, str], dict[str, str]]]


@dataclass
class Citations:
    """Formatted citations for one build: inline texts by block, labels and references by key."""

    blocks: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)
    _html: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def format(cls, texts: list[Text], keys: list[str], formatter: Formatter) -> Citations:
        """Format every citation in `texts` and every work in `keys` with one call to the formatter."""
        raws = sorted({c.raw[1:-1] for t in texts for c in markup.find_citations(t.text)})
        singles = [f"@{k}" for k in keys]
        formatted, references = formatter(sorted({*raws, *singles}), keys)
        inline = {raw: tidy(text) for raw, text in formatted.items() if text}
        labels = {k: _unwrap(inline.get(f"@{k}") or k) for k in keys}
        cleaned = {key: tidy(text) for key, text in references.items()}
        return cls({raw: inline[raw] for raw in raws if raw in inline}, labels, cleaned)

    def inline(self, raw: str, keys: tuple[str, ...]) -> list[tuple[str, str]]:
        """(key, label) for each work of a citation block, e.g. [("marx-capital", "Marx 1976, 873")]."""
        text = self.blocks.get(raw[1:-1]) if raw.startswith("[") else self.blocks.get(raw)
        if text:
            parts = [p.strip() for p in _unwrap(text).split("; ")]
            if len(parts) == len(keys):
                return list(zip(keys, parts, strict=True))
        return [(k, self.labels.get(k, k)) for k in keys]

    def reference(self, key: str) -> str:
        """The full Chicago reference of a work, as Markdown."""
        return self.references.get(key, key)

    def reference_html(self, key: str) -> str:
        """The full reference as HTML (converted once a build: a work is listed on several pages)."""
        if key not in self._html:
            converted = _MARKDOWN.reset().convert(self.reference(key))
            self._html[key] = converted.removeprefix("<p>").removesuffix("</p>")
        return self._html[key]


def cached(formatter: Formatter, cache_dir: Path, inputs: list[Path], setup: str) -> Formatter:
    """The formatter, remembered on disk: a rebuild with the same .bib files, style and citations skips pandoc.

    The key is a hash of everything the output depends on: the citations, each input file (its name and its
    bytes, each apart), and `setup` (the formatter's options, versions and code), so a changed entry, a new
    citation or another option formats afresh, and a build of another branch on this machine (a pull request's,
    say) leaves nothing that a build of this one would take; an unreadable cache is ignored.
    """

    def wrapped(blocks: list[str], keys: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        digest = hashlib.sha256(json.dumps([blocks, keys, setup]).encode())
        for path in inputs:
            content = path.read_bytes()
            digest.update(json.dumps([path.name, len(content)]).encode() + content)
        target = cache_dir / f"citations-{digest.hexdigest()[:24]}.json"
        try:
            inline, references = json.loads(target.read_text(encoding="utf-8"))
            return dict(inline), dict(references)
        except (OSError, ValueError, TypeError):
            pass
        inline, references = formatter(blocks, keys)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            for old in cache_dir.glob("citations-*.json"):
                old.unlink(missing_ok=True)
            # Written whole, then renamed: a build running meanwhile (make test builds beside the tests) reads
            # the old file, the new one or none, never half of one.
            partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            partial.write_text(json.dumps([inline, references], ensure_ascii=False, sort_keys=True), encoding="utf-8")
            partial.replace(target)
        except OSError:
            pass  # a read-only checkout still builds, only without the cache
        return inline, references

    return wrapped


# One converter for every reference (Markdown with no extensions, as `markdown.markdown` converts): a new one per
# reference would set up its parsers each time.
_MARKDOWN = markdown.Markdown()
# A reference is words, emphasis and links, never markup or a picture: whatever TeX in a .bib field made pandoc
# write (a "<" from \textless or ^^3c, an image from \includegraphics), this converter reads no raw HTML and no
# image, so such text stays text.
for _name in ("html", "image_link", "image_reference", "short_image_ref"):
    _MARKDOWN.inlinePatterns.deregister(_name)  # raises if Python-Markdown renames one: never fails open
_MARKDOWN.preprocessors.deregister("html_block")
_URL_LINK = re.compile(r"\[(?:https?:[^\]]*)\]\((https?://[^)\s]+)\)")
_SPAN = re.compile(r"(?<!\\)\[([^\[\]]*)\]\{[^{}]*\}")  # pandoc's [words]{.nocase} spans, from {braces} in BibTeX
_AS_WRITTEN = re.compile(r"<https?://[^<>\s]+>")  # an address keeps its hyphens, dots and quotes
_ANGLE = re.compile(r"\\?<")

# pandoc writes Markdown with its `smart` extension, so typography comes back as ASCII; Python-Markdown
# reads none of it, so it is put back here, in this order.
_TYPOGRAPHY: list[tuple[re.Pattern[str], str]] = [
    # A backslash before a space: pandoc's non-breaking space "\ ", or its line break "\" that
    # mkdocs-bibtex joins to the next line. The line break is what "Harper \& Row" becomes: mkdocs-bibtex
    # hands pandoc the entries as pybtex writes them back, and pybtex writes "\&" as "\\&", TeX's line break.
    (re.compile(r"\\\s+"), " "),
    (re.compile(r'(?<!\\)"([^"]*)(?<!\\)"'), "“\\1”"),
    (re.compile(r"(?<!\\)---"), "—"),
    (re.compile(r"(?<!\\)--"), "–"),
    (re.compile(r"(?<!\\)\.\.\."), "…"),
    (re.compile(r"(?:^|(?<=[\s(\[“—–]))'(?=\S)"), "‘"),  # an opening quote: after a space or bracket
    (re.compile(r"(?<!\\)'"), "’"),  # an apostrophe or a closing quote
]


def tidy(text: str) -> str:
    """A citation or reference as pandoc writes it, made plain Markdown with no TeX or pandoc markup left:
    spans unwrapped, typographic dashes, quotes and ellipses, a URL as an autolink."""
    text = _SPAN.sub(r"\1", text)
    text = _URL_LINK.sub(lambda m: "<" + m.group(1).replace("\\", "") + ">", text)
    out, done = [], 0
    for m in _AS_WRITTEN.finditer(text):
        out += [_typography(text[done : m.start()]), m.group(0)]
        done = m.end()
    return "".join([*out, _typography(text[done:])])


def _typography(text: str) -> str:
    """Typography put back, and every "<" (pandoc's "\\<" included) made text: outside an autolink, a reference
    holds no HTML, whatever pandoc let through from a .bib field (a "{<}span" and a "$>$" make a tag)."""
    text = markup.NO_XML.sub("", _ANGLE.sub("&lt;", text))  # and no character XML cannot hold (TeX's ^^01 writes one)
    for pattern, replacement in _TYPOGRAPHY:
        text = pattern.sub(replacement, text)
    return text


def _unwrap(text: str) -> str:
    """An author-date citation without its parentheses: "(Marx 1976)" → "Marx 1976"."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip()
    return text
