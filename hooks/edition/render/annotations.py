"""The W3C Web Annotation Data Model export: site/annotations.jsonld, one Annotation per note."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import pages
from ..notes import KINDS, quote_positions
from .notes import note_anchor, para_page_uri

if TYPE_CHECKING:
    from ..model import Edition

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FILENAME = "annotations.jsonld"


def annotation(note_id: str, edition: Edition, bodies: dict[str, str], urls: Mapping[str, str]) -> dict[str, Any]:
    """One note as a W3C Annotation targeting its paragraph (and its quoted phrase); addresses are
    site_url + the URLs MkDocs computed (`urls`: src_uri → URL)."""

    def _absolute(_: Edition, src_uri: str, anchor: str = "") -> str:
        return pages.absolute(edition.settings.site_url, urls, src_uri, anchor)

    note = edition.notes[note_id]
    essay_url = _absolute(edition, edition.settings.essay)
    targets = []
    for pid in note.paragraphs:
        selectors: list[dict[str, Any]] = [
            {
                "type": "FragmentSelector",
                "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                "value": pid,
            }
        ]
        para = edition.essay.paragraph(pid)
        # Where the validator found the quote (with its prefix and suffix): exactly once, or it refused it.
        found = quote_positions(para, note.quote, note.prefix, note.suffix) if note.quote and para else []
        if len(note.paragraphs) == 1 and para is not None and len(found) == 1:
            start = found[0]
            quote_sel: dict[str, Any] = {"type": "TextQuoteSelector", "exact": note.quote}
            end = start + len(note.quote)  # context: 32 characters, or all of the note's own prefix and suffix
            before = para.text[max(0, start - max(32, len(note.prefix))) : start]
            after = para.text[end : end + max(32, len(note.suffix))]
            if before:
                quote_sel["prefix"] = before
            if after:
                quote_sel["suffix"] = after
            selectors.append(quote_sel)
        targets.append(
            {
                "type": "SpecificResource",
                "source": essay_url,
                "selector": selectors[0] if len(selectors) == 1 else selectors,
            }
        )
    creators = []
    for aid in note.authors:
        person = edition.contributors[aid]
        agent: dict[str, Any] = {"type": "Person" if aid != "editors" else "Organization", "name": person.name}
        if person.url:
            agent["id"] = person.url
        creators.append(agent)
    ann: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _absolute(edition, para_page_uri(note.paragraph), note_anchor(note.id)),
        "type": "Annotation",
        "motivation": "replying" if note.replies_to else KINDS[note.kind].motivation,
        "creator": creators[0] if len(creators) == 1 else creators,
        "created": f"{note.date.isoformat()}T00:00:00Z",  # xsd:dateTime; the note gives the day only
        "body": {
            "type": "TextualBody",
            "value": bodies.get(note.id, note.body),
            "format": "text/markdown",
            "language": "en",
            "purpose": "replying" if note.replies_to else KINDS[note.kind].motivation,
        },
        "target": targets[0] if len(targets) == 1 else targets,
    }
    if note.tags:
        ann["body"] = [ann["body"], *({"type": "TextualBody", "purpose": "tagging", "value": t} for t in note.tags)]
    if note.replies_to and note.replies_to in edition.notes:
        replied = edition.notes[note.replies_to]
        ann["target"] = [
            *(targets if len(targets) > 1 else [targets[0]]),
            _absolute(edition, para_page_uri(replied.paragraph), note_anchor(replied.id)),
        ]
    return ann


def collection(edition: Edition, bodies: dict[str, str], urls: Mapping[str, str]) -> str:
    """The whole commentary as an AnnotationCollection with its items inline (stable, sorted JSON)."""
    items = [annotation(nid, edition, bodies, urls) for nid, n in edition.notes.items() if n.withdrawn is None]
    for item in items:
        item.pop("@context")
    data = {
        "@context": CONTEXT,
        "id": edition.settings.site_url.rstrip("/") + "/" + FILENAME if edition.settings.site_url else FILENAME,
        "type": "AnnotationCollection",
        "label": f"Commentary on “{edition.essay.title}”",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
