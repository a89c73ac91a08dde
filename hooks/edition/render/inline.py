"""Our inline markup (terms, citations) turned into ordinary Markdown links for one page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import markup

if TYPE_CHECKING:
    from ..model import Edition


class Inline:
    """Renders term and citation markup as seen from the page built from `src_uri`."""

    def __init__(self, edition: Edition, src_uri: str) -> None:
        self.edition = edition
        self.src_uri = src_uri

    def render(self, text: str) -> str:
        """`text` with every `[[term]]` and `[@key]` replaced by Markdown."""
        spans = [(t.start, t.end, self.term(t)) for t in markup.find_terms(text)]
        return markup.replace_spans(text, spans)

    def term(self, ref: markup.TermRef) -> str:
        """A marked term: its shown words (a link to the term once the glossary exists)."""
        return ref.shown or ref.id
