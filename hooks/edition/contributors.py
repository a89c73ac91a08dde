"""The contributors registry (docs/contributors.yml): everyone a note can credit, by id."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from . import markup
from .frontmatter import _load_yaml, read_text
from .problems import Problem, problem
from .safety import is_safe_url
from .sources import Source


@dataclass(frozen=True)
class Contributor:
    """A person or group credited for notes."""

    id: str
    name: str  # as displayed
    url: str  # optional link to the contributor's page ("" if none)
    source: str
    line: int


def load(src: Source) -> tuple[dict[str, Contributor], list[Problem]]:
    """Read the registry; every entry needs a name, and a url must be http(s)."""
    if not src.path.exists():
        return {}, []  # no registry yet: any note's author is then reported as unknown
    text, problems = read_text(src.path, src.rel)
    if text is None:
        return {}, problems
    try:
        data, lines = _load_yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return {}, [problem("invalid-front-matter", src.rel, 1 + (mark.line if mark else 0), reason=str(err))]
    if not isinstance(data, dict):
        return {}, [problem("front-matter-not-mapping", src.rel, 1)]
    out: dict[str, Contributor] = {}
    for key, value in data.items():
        cid, line = str(key), lines.get(str(key), 0) + 1
        if not markup.is_id(cid):
            problems.append(problem("bad-contributor", src.rel, line, id=cid, reason="is not a valid id"))
            continue
        if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
            problems.append(problem("bad-contributor", src.rel, line, id=cid, reason="needs a 'name'"))
            continue
        url = value.get("url") or ""
        if not isinstance(url, str) or (url and not (url.startswith(("http://", "https://")) and is_safe_url(url))):
            problems.append(problem("bad-contributor", src.rel, line, id=cid, reason="has a url that is not http(s)"))
            continue
        unknown = sorted(set(value) - {"name", "url"})
        if unknown:
            problems.append(
                problem("bad-contributor", src.rel, line, id=cid, reason=f"has unknown field(s) {', '.join(unknown)}")
            )
            continue
        out[cid] = Contributor(cid, value["name"].strip(), url, src.rel, line)
    return out, problems
