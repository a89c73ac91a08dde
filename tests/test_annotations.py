"""site/annotations.jsonld: one W3C Web Annotation per note, checked against the W3C's own JSON schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from edition import essay
from edition.sources import Source
from sitebuild import REPO, BuildResult

W3C = REPO.parent / "shared" / "w3c-web-annotation-tests"


@pytest.fixture(scope="module")
def export(real_site: BuildResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((real_site.site / "annotations.jsonld").read_text(encoding="utf-8"))
    return data


def test_one_annotation_per_note(export: dict[str, Any]) -> None:
    """The collection holds one Annotation per note file, with the model's required fields."""
    notes = sorted((REPO / "docs" / "notes").rglob("*.md"))
    items = export["first"]["items"]
    assert export["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert export["type"] == "AnnotationCollection"
    assert export["total"] == len(items) == len(notes)
    ids = {item["id"] for item in items}
    assert len(ids) == len(items)
    for item in items:
        assert item["type"] == "Annotation"
        assert re.match(r"^https?://", item["id"]) and "#note-" in item["id"]
        assert item["motivation"] in {"describing", "commenting", "assessing", "linking", "questioning", "replying"}
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", item["created"])
        assert item["creator"]["name"]
        bodies = item["body"] if isinstance(item["body"], list) else [item["body"]]
        assert bodies[0]["type"] == "TextualBody" and bodies[0]["value"].strip()


def _targets(item: dict[str, Any]) -> list[dict[str, Any]]:
    targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
    return [t for t in targets if isinstance(t, dict)]


def test_targets_are_real_paragraphs_and_quotes_are_found(export: dict[str, Any]) -> None:
    """Each target names a real paragraph anchor of the essay page; each quote is in that paragraph."""
    loaded, _ = essay.load(Source(REPO / "docs/essay/index.md", "docs/essay/index.md"))
    assert loaded is not None
    quotes = 0
    for item in export["first"]["items"]:
        for target in _targets(item):
            assert target["source"].endswith("/essay/")
            selectors = target["selector"] if isinstance(target["selector"], list) else [target["selector"]]
            fragment = next(s for s in selectors if s["type"] == "FragmentSelector")
            para = loaded.paragraph(fragment["value"])
            assert para is not None, fragment
            for sel in selectors:
                if sel["type"] == "TextQuoteSelector":
                    quotes += 1
                    whole = sel.get("prefix", "") + sel["exact"] + sel.get("suffix", "")
                    assert para.text.count(whole) == 1, sel
    assert quotes > 0


def _registry() -> Any:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    resources = []
    for path in sorted(W3C.glob("*/**/*.json")):
        if "tools" in path.parts:
            continue  # samples, not schemas
        schema = json.loads(path.read_text(encoding="utf-8"))
        if "id" in schema:
            resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


def _assertions(test_file: Path) -> list[dict[str, Any]]:
    spec = json.loads(test_file.read_text(encoding="utf-8"))
    return [json.loads((W3C / rel).read_text(encoding="utf-8")) for rel in spec["assertions"]]


@pytest.mark.skipif(not W3C.exists(), reason="../shared/w3c-web-annotation-tests is not beside this clone")
def test_export_passes_the_w3c_must_assertions(export: dict[str, Any]) -> None:
    """Every annotation passes annotationMusts.test, and the collection collectionMusts.test (draft-04 schemas)."""
    from jsonschema import Draft4Validator, FormatChecker

    registry = _registry()
    failures = []
    for schema in _assertions(W3C / "annotations" / "annotationMusts.test"):
        validator = Draft4Validator(schema, registry=registry, format_checker=FormatChecker())
        for item in export["first"]["items"]:
            annotation = {"@context": export["@context"], **item}
            if not validator.is_valid(annotation):
                failures.append(f"{schema['id']}: {item['id']}")
    for schema in _assertions(W3C / "collections" / "collectionMusts.test"):
        validator = Draft4Validator(schema, registry=registry, format_checker=FormatChecker())
        if not validator.is_valid(export):
            failures.append(f"{schema['id']}: the collection")
    assert failures == []


def test_export_of_the_fixture_site_matches_its_golden_file(tmp_path: Path) -> None:
    """The exact export of the base fixture (3 notes: a quote, a question, a reply), reviewed in diffs."""
    from sitebuild import FIXTURES, build_site, make_site

    root = make_site("", tmp_path / "src")
    result = build_site(root, tmp_path / "out")
    assert result.ok
    golden = (FIXTURES / "golden" / "annotations.jsonld").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "annotations.jsonld").read_text(encoding="utf-8") == golden


# Two notes on a phrase that is twice in its paragraph ("the state" in "… about the state and the state
# again."): one told apart by its suffix, one by prefix and suffix together (prefix alone is not enough).
TWICE = {
    "by-suffix": "quote: the state\nsuffix: ' again'",
    "by-prefix-and-suffix": "quote: state\nprefix: 'the '\nsuffix: ' again'",
}


def test_a_quote_told_apart_by_its_suffix_is_exported_where_the_validator_found_it(tmp_path: Path) -> None:
    """The export's TextQuoteSelector is at the one occurrence the validator accepted, the second, whose
    context says "… the state and the ┃state┃ again." (golden: fixtures/golden/annotations-suffix.json)."""
    from edition import model
    from edition.render.annotations import annotation
    from edition.sources import read_settings
    from sitebuild import FIXTURES, make_site

    root = make_site("", tmp_path / "src")
    for nid, front in TWICE.items():
        head = f"paragraph: opening\n{front}\nauthors: [editors]\ndate: 2026-12-01\nkind: context"
        (root / f"docs/notes/opening/{nid}.md").write_text(f"---\n{head}\n---\nThe second one.\n", encoding="utf-8")
    settings, problems = read_settings(root / "mkdocs.yml")
    assert settings is not None, problems
    edition, problems = model.load(settings)
    assert edition is not None and problems == []
    urls = {"essay/index.md": "essay/", "notes/opening/index.md": "notes/opening/"}  # as MkDocs computes them
    items = [annotation(nid, edition, {nid: "The second one."}, urls) for nid in TWICE]
    for item in items:
        quote = item["target"]["selector"][1]
        assert (quote["prefix"] + quote["exact"]).endswith("the state and the state"), quote
        assert quote["suffix"] == " again.", quote
    golden = (FIXTURES / "golden" / "annotations-suffix.json").read_text(encoding="utf-8")
    assert json.dumps(items, ensure_ascii=False, indent=2) + "\n" == golden
