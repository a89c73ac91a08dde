"""Contributions are hostile until proven inert: the corpus in fixtures/hostile.yml, case by case.

Most cases go through the checker in one process (`build.start`, which is exactly what the build's
`on_config` runs); a sample goes through whole builds to show that the build refuses the same things
with the same messages and leaves no site behind; the accepted cases are built together once and
each page they reach is inspected (the browser tests then open every page of that site).
"""

from __future__ import annotations

import marshal
import pickle
import py_compile
import re
import shutil
import subprocess
import sys
from pathlib import Path
from py_compile import PycInvalidationMode
from typing import Any

import pytest
import yaml
from conftest import HOSTILE_CASES, apply_case, git, git_commit_all, git_track, without_git
from edition import build, frontmatter, tree
from edition.problems import problem
from inert import active_content
from jinja2.bccache import bc_magic
from sitebuild import REPO, BuildResult, build_site, make_site

REFUSED = [c for c in HOSTILE_CASES if "refuse" in c]
INERT = [c for c in HOSTILE_CASES if "inert" in c]


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    """At least 120 cases, touching every content kind, the settings, stray files, the essay and a pull request's
    size."""
    assert len(HOSTILE_CASES) >= 120
    every = ("note", "term", "path", "contributors", "bib", "settings", "essay", "file", "changes")
    kinds = {next(k for k in every if k in c) for c in HOSTILE_CASES}
    assert kinds == set(every)
    assert len({c["name"] for c in HOSTILE_CASES}) == len(HOSTILE_CASES), "case names are unique"


def test_every_message_of_the_catalogue_is_produced_by_a_fixture_site() -> None:
    """Each problem code a contributor can meet is produced by a fixture case (tests/fixtures/cases: what the
    checker says, expected.txt, or the books, expected-books.txt) or a case of the corpus, each a small site
    of its own."""
    from edition.problems import CATALOGUE
    from sitebuild import FIXTURES

    produced = {c["refuse"] for c in REFUSED}
    for expected in (FIXTURES / "cases").rglob("expected*.txt"):
        produced |= set(re.findall(r"\[([a-z-]+)\]$", expected.read_text(encoding="utf-8"), re.MULTILINE))
    assert sorted(set(CATALOGUE) - produced) == []


def _check(root: Path, case: dict[str, Any] | None = None) -> list[str]:
    """The checker's problems; for a case of changes, also CI's check of the pull request from its base."""
    _, problems = build.start(root / "mkdocs.yml")
    if case is not None and "changes" in case:
        problems += [problem(code, path, line, **values) for path, line, code, values in tree.changes(root, "HEAD~1")]
    return [str(p) for p in problems]


@pytest.mark.parametrize("case", REFUSED, ids=[c["name"] for c in REFUSED])
def test_hostile_case_is_refused(case: dict[str, Any], tmp_path: Path) -> None:
    """The checker refuses the case with its code, at its file (or naming it, for a duplicate), as
    `path:line: message [code]`."""
    root = make_site("", tmp_path / "site")
    blamed = tree.shown(apply_case(case, root))  # a control character in a file name is shown escaped
    problems = _check(root, case)
    code = case["refuse"]
    hits = [p for p in problems if p.endswith(f"[{code}]") and (p.startswith(f"{blamed}:") or blamed in p)]
    assert hits, f"expected [{code}] at {blamed}; got:\n" + "\n".join(problems)
    assert all(re.match(r"^[^:\s]+:\d+: .+ \[[a-z-]+\]$", p) for p in problems), problems
    assert not any(re.search(r"dpx[0-9a-f]+r\d+z|[\x00-\x08\x0b-\x1f]", p) for p in problems), problems  # no token
    if "line" in case or "lines" in case:  # each refusal of the case at its own line, none elsewhere
        lines = sorted(int(p[len(blamed) + 1 :].split(":", 1)[0]) for p in hits)
        assert lines == case.get("lines", [case.get("line")] * len(hits)), hits


# One case of each kind of file and trick goes through a whole MkDocs build as well.
BUILT = [
    "unclosed-div-swallows", "yaml-alias-bomb", "path-title-breakout", "contributor-url-js",
    "setting-page-outside", "html-page", "symlink-outside", "theme-stray-script", "bib-syntax",
    "essay-word-changed",
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("name", BUILT)
def test_the_build_refuses_what_the_checker_refuses(name: str, tmp_path: Path) -> None:
    """The build logs exactly the checker's problems, fails, and writes no site."""
    case = next(c for c in REFUSED if c["name"] == name)
    root = make_site("", tmp_path / "site")
    apply_case(case, root)
    result = build_site(root, tmp_path / "out", strict=True)
    assert not result.ok
    assert result.problems == _check(root)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir()), "no half-built site"
    assert not any("Traceback" in m for m in result.errors)


def _poison_templates(cache: Path, marker: Path) -> int:
    """Make each template Jinja compiled into `cache` run one line of Python (appending to `marker`) before its
    own code, as a pull request could by adding such files; returns how many there were."""
    count = 0
    for path in sorted(cache.glob("__jinja2_*.cache")):
        with path.open("rb") as f:
            assert f.read(len(bc_magic)) == bc_magic, path
            checksum = pickle.load(f)  # Jinja's own format: the template source's checksum, then marshalled code
            code = marshal.load(f)
        payload = f"open({str(marker)!r}, 'a').write('ran\\n')\nimport marshal\n"
        payload += f"exec(marshal.loads({marshal.dumps(code)!r}), globals())\n"
        with path.open("wb") as f:
            f.write(bc_magic)
            pickle.dump(checksum, f, 2)
            marshal.dump(compile(payload, str(path), "exec"), f)
        count += 1
    return count


@pytest.mark.slow
def test_a_compiled_template_in_git_is_refused_before_it_runs(tmp_path: Path) -> None:
    """The build keeps the theme's compiled templates in .cache/edition/ and runs them: such files added to a
    pull request (past .gitignore) would run code in CI and in every build of the merged site. The same
    poisoned files run when they are this machine's own, which shows the payload is live; tracked by git,
    the build refuses each, runs none and writes no site."""
    root = make_site("", tmp_path / "site")
    assert build_site(root, tmp_path / "first").ok
    marker = tmp_path / "ran.txt"
    cache = root / ".cache/edition/templates"
    poisoned = _poison_templates(cache, marker)
    assert poisoned >= 10
    assert build_site(root, tmp_path / "untracked").ok
    assert marker.read_text(encoding="utf-8").count("ran") >= 1, "the payload did not run: this test shows nothing"
    marker.unlink()
    for path in sorted(cache.glob("__jinja2_*.cache")):
        git_track(root, path.relative_to(root).as_posix())
    result = build_site(root, tmp_path / "out", strict=True)
    assert not result.ok
    assert not marker.exists(), "a compiled template from git ran"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir()), "no half-built site"
    refused = sorted(p.split(":", 1)[0] for p in result.problems if p.endswith("[machine-file]"))
    assert refused == sorted(path.relative_to(root).as_posix() for path in cache.glob("__jinja2_*.cache"))
    assert len(refused) == poisoned and result.problems == _check(root)


@pytest.mark.slow
def test_mkdocs_run_directly_refuses_before_it_imports_the_edition(tmp_path: Path) -> None:
    """`mkdocs build` without make: the guard hook, listed first, refuses a compiled module that git tracks in the
    edition's package before that package is imported. The module (an "unchecked" pyc, which Python runs in
    place of escaping.py whatever that says) runs when imported from the same tree, so the payload is live."""
    root = make_site("", tmp_path / "site")
    shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    config = root / "mkdocs.yml"
    listed = config.read_text(encoding="utf-8").replace(str(REPO / "hooks"), "hooks")
    assert "  - hooks/edition_guard.py\n  - hooks/edition_hooks.py\n" in listed
    config.write_text(listed, encoding="utf-8")
    marker, payload = tmp_path / "ran.txt", tmp_path / "payload.py"
    payload.write_text(f"open({str(marker)!r}, 'a').write('ran\\n')\nexec(open(__file__).read())\n", encoding="utf-8")
    compiled = f"hooks/edition/__pycache__/escaping.{sys.implementation.cache_tag}.pyc"
    py_compile.compile(str(payload), cfile=str(root / compiled), invalidation_mode=PycInvalidationMode.UNCHECKED_HASH)
    env = without_git() | {"PYTHONPATH": str(root / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-c", "import edition.escaping"], cwd=root, env=env, check=True)
    assert marker.read_text(encoding="utf-8") == "ran\n", "the payload did not run: this test shows nothing"
    marker.unlink()
    git_track(root, compiled)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=root, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode != 0 and not marker.exists(), done.stderr
    assert f"{compiled}:1: git tracks this file" in done.stderr and "[machine-file]" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


def test_the_tree_check_fails_closed_and_hears_no_caller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a git work tree, a git that cannot run is a problem, not a pass; and the caller's GIT_* variables (an
    index or repository elsewhere, literal pathspecs) do not change which files are found."""
    root = make_site("", tmp_path / "site")
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    git_track(root, "pytest.ini")
    elsewhere = tmp_path / "elsewhere"
    git("init", "-q", str(elsewhere))
    monkeypatch.setenv("GIT_DIR", str(elsewhere / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "no-index"))
    monkeypatch.setenv("GIT_LITERAL_PATHSPECS", "1")
    assert [(path, code) for path, _, code, _ in tree.check(root)] == [("pytest.ini", "unknown-top-level")]
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    ((path, _, code, values),) = tree.check(root)
    assert (path, code) == (".git", "tree-unknown") and "git did not run" in values["reason"]


def test_a_work_tree_must_track_the_unmarking_gitattributes(tmp_path: Path) -> None:
    """GitHub hides the diff of a file whose content looks generated to it unless .gitattributes unmarks every
    file: a work tree that tracks no .gitattributes is refused for it; tracking the project's own passes."""
    root = tmp_path / "tree"
    (root / "hooks").mkdir(parents=True)
    (root / "hooks/edition_extra.py").write_text("# Generated by the protocol buffer compiler.  DO NOT EDIT!\n")
    git("init", "-q", str(root))
    git("-C", str(root), "add", "hooks/edition_extra.py")
    ((path, line, code, values),) = tree.check(root)
    assert (path, line, code) == (".gitattributes", 1, "hides-diff") and "-linguist-generated" in values["what"]
    shutil.copy(REPO / ".gitattributes", root / ".gitattributes")
    git("-C", str(root), "add", ".gitattributes")
    assert tree.check(root) == []


def test_a_pull_request_is_counted_as_github_counts_it(tmp_path: Path) -> None:
    """300 files changed, a rename among them (of a name with tabs in it, which git writes as it is), is as much
    as GitHub shows, and passes; one more file is refused."""
    root = tmp_path / "tree"
    (root / "tests").mkdir(parents=True)
    (root / "tests/a\tb\tc.txt").write_text("kept\n" * 20, encoding="utf-8")
    shutil.copy(REPO / ".gitattributes", root / ".gitattributes")
    base = git_commit_all(root)
    git("-C", str(root), "mv", "tests/a\tb\tc.txt", "tests/d\te\tf.txt")
    for i in range(299):
        (root / f"tests/new-{i}.txt").write_text(f"{i}\n", encoding="utf-8")
    git_commit_all(root)
    assert tree.changes(root, base) == []
    (root / "tests/one-more.txt").write_text("1\n", encoding="utf-8")
    git_commit_all(root)
    ((path, _, code, values),) = tree.changes(root, base)
    assert (path, code, values["files"]) == (".", "change-too-large", "301")


@pytest.mark.parametrize(
    ("setting", "refused"),
    [
        ("csl_file: tests/style.xml", "plugins.bibtex.csl_file"),
        ("csl_file: bibliography/../docs/x.csl", "plugins.bibtex.csl_file"),
        ("bib_file: /etc/hostname", "plugins.bibtex.bib_file"),
        ("bib_dir: docs", "plugins.bibtex.bib_dir"),
        ("csl_file: bibliography/style.csl", None),
        ("bib_dir: ./bibliography/", None),
    ],
)
def test_mkdocs_bibtex_reads_only_from_the_bibliography(tmp_path: Path, setting: str, refused: str | None) -> None:
    """The works and the citation style are read from bibliography/ only, whose files the checks look at: a style
    elsewhere (a .xml in tests/) could make pandoc read another file or fetch one, unchecked."""
    root = make_site("", tmp_path / "site")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      bib_dir: bibliography\n" in text
    config.write_text(text.replace("      bib_dir: bibliography\n", f"      {setting}\n"), encoding="utf-8")
    problems = [p for p in _check(root) if "[bad-setting]" in p]
    if refused is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].startswith("mkdocs.yml:") and refused in problems[0], problems


@pytest.mark.parametrize(("files", "text", "over"), [(3, "x\n" * 7_000, "lines"), (6, "x" * 180_000, "size")])
def test_a_pull_request_github_would_cut_short_is_refused(tmp_path: Path, files: int, text: str, over: str) -> None:
    """Past 20,000 changed lines, or 1 MB of diff, GitHub shows part of a pull request: a few files, each within
    bounds, can still make one too large."""
    root = tmp_path / "tree"
    (root / "tests").mkdir(parents=True)
    shutil.copy(REPO / ".gitattributes", root / ".gitattributes")
    base = git_commit_all(root)
    for i in range(files):
        (root / f"tests/part-{i}.txt").write_text(text, encoding="utf-8")
    git_commit_all(root)
    ((_, _, code, values),) = tree.changes(root, base)
    assert code == "change-too-large"
    assert int(values["lines"]) > 20_000 if over == "lines" else int(values["size"]) > 1_000, values


def test_a_font_is_the_one_its_sums_list(tmp_path: Path) -> None:
    """The theme's fonts pass as their package published them (SHA256SUMS.txt); a font changed by one byte, which
    no diff would show, is refused."""
    root = tmp_path / "tree"
    fonts = root / "overrides/assets/fonts"
    shutil.copytree(REPO / "overrides/assets/fonts", fonts)
    shutil.copy(REPO / ".gitattributes", root / ".gitattributes")
    git("init", "-q", str(root))
    git("-C", str(root), "add", ".")
    assert tree.check(root) == []
    font = sorted(fonts.glob("*.woff2"))[0]
    data = bytearray(font.read_bytes())
    data[-1] ^= 1
    font.write_bytes(bytes(data))
    ((path, _, code, values),) = tree.check(root)
    assert (path, code) == (f"overrides/assets/fonts/{font.name}", "font-unlisted")
    assert values["what"] == f"this font is not the one listed in {tree.FONT_SUMS}"


def test_yaml_aliases_are_refused_before_anything_is_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A billion-laughs front matter is refused from the event stream: the composer never runs."""
    case = next(c for c in REFUSED if c["name"] == "yaml-alias-bomb")

    def never(*args: object) -> None:
        raise AssertionError("the YAML was composed")

    monkeypatch.setattr(frontmatter._Loader, "get_single_node", never)
    data, _, problems = frontmatter.load_yaml(case["front"], "x.md")
    assert data is None and [p.code for p in problems] == ["invalid-front-matter"]
    assert "aliases" in problems[0].message or "anchors" in problems[0].message


def test_one_bibtex_syntax_error_is_one_problem(tmp_path: Path) -> None:
    """A broken .bib file whose entries are cited gives its syntax error, not an unknown-work cascade."""
    root = make_site("", tmp_path / "site")
    (root / "bibliography/works.bib").write_text("@book{test-work,\n  title = {Unclosed,\n}\n", encoding="utf-8")
    problems = _check(root)
    assert [p for p in problems if "[unknown-work]" in p] == []
    assert len([p for p in problems if p.endswith("[bib-syntax]")]) == 1


def test_a_corrected_essay_names_paragraph_line_and_words(tmp_path: Path) -> None:
    """Changing a word of the essay fails with the paragraph, its line, the first differing words and
    how to record a deliberate correction."""
    root = make_site("", tmp_path / "site")
    apply_case(next(c for c in REFUSED if c["name"] == "essay-word-changed"), root)
    (problem,) = [p for p in _check(root) if p.endswith("[essay-changed]")]
    assert problem == (
        "docs/essay/index.md:15: the essay's words differ from its pinned text: paragraph 'closing' (¶ 3), "
        "at word 2: “The final paragraph.” (pinned: “The last paragraph.”) [essay-changed]"
    )
    from edition.problems import CATALOGUE

    assert "make pin" in CATALOGUE["essay-changed"].advice


# --- Accepted cases: built once, every page they reach inspected -----------------------------------


def _article(page: str) -> str:
    return page[page.find('<article class="md-content__inner') : page.find("</article>")]


@pytest.mark.slow
@pytest.mark.parametrize("case", INERT, ids=[c["name"] for c in INERT])
def test_accepted_case_is_shown_exactly_and_inert(case: dict[str, Any], hostile_site: BuildResult) -> None:
    """The page shows what was written, exactly, and its content holds nothing active."""
    page = (hostile_site.site / case["inert"]).read_text(encoding="utf-8")
    for shown in case.get("shows", []):
        assert shown in page, shown
    for absent in case.get("lacks", []):
        assert absent not in page, absent
    if case["inert"].endswith(".html"):
        assert active_content(_article(page)) == []
        ids = re.findall(r'\sid="([^"]*)"', page)
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], "an id taken twice"


@pytest.mark.slow
def test_no_page_of_the_hostile_site_loads_from_another_host(hostile_site: BuildResult) -> None:
    """Every src and stylesheet of every page (theme included) is on the site itself."""
    offenders = []
    for path in hostile_site.site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\ssrc="([^"]*)"', page):
            if re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|/\\|\\)", m.group(1), re.IGNORECASE):
                offenders.append(f"{path.name}: {m.group(1)}")
        for m in re.finditer(r'<link\b[^>]*href="([^"]*)"', page):
            if re.match(r"^(?:[a-z]+:)?//", m.group(1)) and "canonical" not in m.group(0):
                offenders.append(f"{path.name}: {m.group(1)}")
    assert offenders == []


@pytest.mark.slow
def test_a_note_heading_never_takes_a_paragraph_id(hostile_site: BuildResult) -> None:
    """`essay/#closing` still lands on the paragraph: its id is on the page once."""
    page = (hostile_site.site / "essay/index.html").read_text(encoding="utf-8")
    assert page.count('id="closing"') == 1
    assert re.search(r'<div class="dp-para" id="closing"', page)


@pytest.mark.slow
def test_the_search_index_holds_titles_escaped(hostile_site: BuildResult) -> None:
    """The search index, read by the theme as HTML, has the path's title escaped."""
    index = (hostile_site.site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Less &lt; more &amp;" in index
    assert "<script" not in index.lower()


def test_the_corpus_file_is_plain_yaml() -> None:
    """The corpus itself loads with the safe loader (it is data, not code)."""
    from conftest import HOSTILE_FILE

    assert yaml.safe_load(HOSTILE_FILE.read_text(encoding="utf-8"))["cases"]


def test_a_title_or_description_of_any_type_is_printed_as_text() -> None:
    """The theme prints page.meta's title and description unescaped; a value that is no string (a list, which
    validation refuses) would be printed as Python writes it, markup and all: it is escaped as text too."""
    from types import SimpleNamespace

    import edition_hooks

    payload = ['"><img src=x onerror=alert(1)>']
    page = SimpleNamespace(meta={"title": payload, "description": payload}, title="t", toc=[])
    page.__dict__["title"] = "t"
    edition_hooks._escape_titles(page, None)  # type: ignore[arg-type]
    for key in ("title", "description"):
        assert "<img" not in page.meta[key] and "&lt;img" in page.meta[key], page.meta[key]
