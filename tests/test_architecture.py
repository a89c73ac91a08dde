"""The package's shape, checked: dependencies point one way, and page addresses live in one module."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import yaml
from sitebuild import REPO

PACKAGE = REPO / "hooks" / "edition"


def _imports(path: Path) -> set[str]:
    """The edition modules a file imports (relative imports resolved to module names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    in_render = path.parent.name == "render"
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = node.module or ""
            if node.level == 1 and in_render:
                found.add("render." + base if base else "render")
            else:
                found.add(base)
            if not base:
                found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("edition"):
            found.add(node.module.removeprefix("edition."))
    return {name.split(".")[0] if not name.startswith("render") else name for name in found}


def test_rendering_does_not_import_the_scaffolding_or_the_command_line() -> None:
    """Pages are made from the model; `make note` and the CLI sit on top, never underneath."""
    for path in (PACKAGE / "render").glob("*.py"):
        assert not _imports(path) & {"scaffold", "__main__", "bench"}, path.name


def test_the_model_knows_nothing_of_mkdocs_or_rendering() -> None:
    """Loading and validating content imports neither MkDocs nor the renderers."""
    for name in ("model", "notes", "glossary", "paths", "works", "essay", "frontmatter", "schema", "inventory"):
        source = (PACKAGE / f"{name}.py").read_text(encoding="utf-8")
        assert "import mkdocs" not in source and "from mkdocs" not in source, name
        assert not {i for i in _imports(PACKAGE / f"{name}.py") if i.startswith("render")}, name


def test_the_benchmark_is_not_part_of_the_runtime_package() -> None:
    """`make bench` runs tests/bench.py; nothing under hooks/ is benchmark code."""
    assert not (PACKAGE / "bench.py").exists()
    assert "tests/bench.py" in (REPO / "Makefile").read_text(encoding="utf-8")


def test_page_addresses_are_decided_in_one_module() -> None:
    """No module but pages.py writes a page's source path (a literal like "glossary/…md" or "…/index.md")."""
    pattern = re.compile(r"""["'](?:notes|glossary|paths|bibliography)/[^"']*\.md["']|f["'](?:notes|glossary|paths)/""")
    offenders = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "pages.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_templates_offer_only_what_validation_accepts() -> None:
    """Each template lists exactly the kinds and audiences the schemas accept."""
    from edition import glossary, notes, paths, templates

    assert ", ".join(list(notes.KINDS)[:-1]) in templates.NOTE_TEMPLATE
    assert ", ".join(list(glossary.KINDS)[:-1]) in templates.TERM_TEMPLATE
    assert ", ".join(list(paths.AUDIENCES)[:-1]) in templates.PATH_TEMPLATE
    assert set(paths.SCHEMA["audience"].choices) == set(paths.AUDIENCES)
    assert set(notes.SCHEMA["kind"].choices) == set(notes.KINDS)


# Where an f-string may hold a tag: the XHTML serialiser of the books (it writes parsed elements back out,
# escaping each attribute), and the search index, whose text is JSON that Material's search box shows as HTML.
TAGS_BY_HAND = {"books/xhtml.py", "search_index.py"}


def test_html_is_built_by_type_not_by_f_strings() -> None:
    """HTML is made from `Markup` templates, which escape each value by its type, not from f-strings with
    escaping called by hand (which once escaped a value twice). A regular expression may name tags."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        patterns = {
            id(arg)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
            for arg in node.args
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr) or id(node) in patterns or rel in TAGS_BY_HAND:
                continue
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if re.search(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>", text):
                offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []


def test_the_repository_is_checked_before_anything_of_it_runs() -> None:
    """The tree check (hooks/edition/tree.py) imports only the standard library, so that the machine's Python runs
    it alone; and CI and every workflow job that runs make run it first, since make would read a GNUmakefile or
    makefile in the Makefile's place (where the Makefile's own check never runs)."""
    checker = REPO / "hooks/edition/tree.py"
    tree = ast.parse(checker.read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not any(isinstance(node, ast.ImportFrom) and node.level for node in ast.walk(tree)), "a relative import"
    assert imported <= sys.stdlib_module_names | {"__future__"}, imported - sys.stdlib_module_names
    command = "python3 -I hooks/edition/tree.py ."
    ci = [line.strip() for line in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()]
    assert ci.index(command) < min(i for i, line in enumerate(ci) if line.startswith("make ")), ".ci/run"
    for workflow in sorted((REPO / ".github/workflows").glob("*.yml")):
        for name, job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].items():
            runs = [step.get("run", "") for step in job.get("steps", [])]
            makes = [i for i, run in enumerate(runs) if re.search(r"(^|\s)make\s", run)]
            if makes:
                assert command in runs[: makes[0]], f"{workflow.name}: job {name} runs make before the tree check"
    # A pull request is checked from its base too: that GitHub shows the whole of its change.
    job = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))["jobs"]["test"]
    steps = job["steps"]
    checkout = next(i for i, step in enumerate(steps) if str(step.get("uses", "")).startswith("actions/checkout"))
    assert steps[checkout].get("with", {}).get("fetch-depth") == 2, "the merge commit's base is not fetched"
    pull = [
        i for i, step in enumerate(steps) if step.get("run") == "python3 -I hooks/edition/tree.py --changes HEAD^1 ."
    ]
    first_make = min(i for i, step in enumerate(steps) if re.search(r"(^|\s)make\s", step.get("run", "")))
    assert pull and checkout < pull[0] < first_make and steps[pull[0]]["if"] == "github.event_name == 'pull_request'"


def test_no_job_that_runs_the_repository_holds_a_token_that_writes() -> None:
    """A job that runs make runs the repository's code (a merged mistake included): it may read, never write.
    Workflows grant nothing by default; the Pages token is the deploy job's, which runs none of it."""
    for workflow in sorted((REPO / ".github/workflows").glob("*.yml")):
        loaded = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert loaded.get("permissions") in ({}, "read-all") or all(
            v in {"read", "none"} for v in loaded["permissions"].values()
        ), f"{workflow.name}: the workflow's default permissions write"
        for name, job in loaded["jobs"].items():
            runs = [step.get("run", "") for step in job.get("steps", [])]
            if any(re.search(r"(^|\s)make\s", run) for run in runs):
                granted = job.get("permissions", {})
                assert isinstance(granted, dict) and all(v in {"read", "none"} for v in granted.values()), (
                    f"{workflow.name}: job {name} runs make with {granted}"
                )
