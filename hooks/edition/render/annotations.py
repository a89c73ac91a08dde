"""The W3C Web Annotation Data Model export: site/annotations.jsonld, one Annotation per note."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..notes import KINDS
from .bibliography import _absolute
from .notes import note_anchor, para_page_uri

if TYPE_CHECKING:
    from ..model import Edition

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FILENAME = "annotations.jsonld"


def annotation(note_id: str, edition: Edition, bodies: dict[str, str]) -> dict[str, Any]:
    """One note as a W3C Annotation targeting its paragraph (and its quoted phrase)."""
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
        if note.quote and len(note.paragraphs) == 1:
            para = edition.essay.paragraph(pid)
            assert para is not None
            start = para.text.index(note.prefix + note.quote) + len(note.prefix) if note.prefix else None
            if start is None:
                start = para.text.index(note.quote) if not note.suffix else para.text.index(note.quote + note.suffix)
            quote_sel: dict[str, Any] = {"type": "TextQuoteSelector", "exact": note.quote}
            before = para.text[max(0, start - 32) : start]
            after = para.text[start + len(note.quote) : start + len(note.quote) + 32]
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


def collection(edition: Edition, bodies: dict[str, str]) -> str:
    """The whole commentary as an AnnotationCollection with its items inline (stable, sorted JSON)."""
    items = [annotation(nid, edition, bodies) for nid in edition.notes]
    for item in items:
        item.pop("@context")
    data = {
        "@context": CONTEXT,
        "id": _absolute(edition, FILENAME).rstrip("/"),
        "type": "AnnotationCollection",
        "label": f"Commentary on “{edition.essay.title}”",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
