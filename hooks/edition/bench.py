"""`make bench`: build times and peak memory of the real site, a bare Material build, and synthetic corpora.

Each build runs in its own process, which reports its wall time and peak memory (ru_maxrss). Targets,
on a 2-core machine: real site ≤ 1.5× the bare build; 5,000 notes in ≤ 20 s and ≤ 1 GB; growth from
2,000 to 5,000 notes ≤ 2.8× (linear); essay page ≤ 450 KiB transferred.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RUNNER = """
import json, resource, sys, time, logging
logging.disable(logging.WARNING)
from mkdocs.commands.build import build
from mkdocs.config import load_config
t = time.perf_counter()
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": time.perf_counter() - t, "peak_mb": peak}))
"""


def timed_build(config: Path, site: Path) -> dict[str, float]:
    """Build in a fresh process; its wall time (s) and peak memory (MB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run(
        [sys.executable, "-c", RUNNER, str(config), str(site)], capture_output=True, text=True, env=env, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def bare_site(root: Path, essay_text: str, dest: Path) -> Path:
    """The same essay as a plain Material site: no hooks, no plugins but search, no notes."""
    (dest / "docs").mkdir(parents=True)
    (dest / "docs" / "index.md").write_text(essay_text, encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Bare\ntheme:\n  name: material\n  font: false\nplugins: [search]\n", encoding="utf-8"
    )
    return dest / "mkdocs.yml"


def synthetic_site(root: Path, dest: Path, notes: int, terms: int, works: int) -> Path:
    """A copy of the project with `notes` generated notes over the paragraphs, plus generated terms and works."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(".venv", "site", ".git", "*cache*", "tests"))
    essay = (dest / "docs" / "essay" / "index.md").read_text(encoding="utf-8")
    paragraphs = re.findall(r"^\{#([a-z0-9-]+)\}", essay, re.MULTILINE)
    rng = random.Random(42)
    for i in range(terms):
        (dest / "docs" / "glossary" / f"synthetic-term-{i}.md").write_text(
            f"---\nterm: Synthetic term {i}\nkind: concept\nshort: A generated entry for the benchmark.\n---\n"
            f"Generated entry {i}.\n",
            encoding="utf-8",
        )
    bib = [
        f"@book{{synthetic-work-{i},\n  author = {{Author{i}, Ann}},\n  title = {{Generated Work {i}}},\n"
        f"  year = {{{1900 + i % 120}}},\n  publisher = {{Bench Press}}\n}}\n"
        for i in range(works)
    ]
    (dest / "bibliography" / "synthetic.bib").write_text("\n".join(bib), encoding="utf-8")
    kinds = ["context", "history", "argument", "critique", "connection", "question"]
    for i in range(notes):
        para = paragraphs[i % len(paragraphs)]
        folder = dest / "docs" / "notes" / para
        folder.mkdir(parents=True, exist_ok=True)
        body = (
            f"Generated note {i} on this paragraph, marking [[synthetic-term-{i % max(terms, 1)}]] and citing "
            f"[@synthetic-work-{rng.randrange(max(works, 1))}]. " + "Words of commentary. " * 12
        )
        (folder / f"synthetic-note-{i}.md").write_text(
            f"---\nparagraph: {para}\nauthors: [editors]\ndate: 2026-01-{1 + i % 28:02d}\nkind: {kinds[i % 6]}\n"
            f"tags: [bench-{i % 20}]\n---\n{body}\n",
            encoding="utf-8",
        )
    return dest / "mkdocs.yml"


def transferred_kib(site: Path, page: str) -> float:
    """Bytes a browser transfers for a page (gzip, as GitHub Pages serves): HTML, CSS and scripts it loads."""
    html_file = site / page
    html = html_file.read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode(), mtime=0))
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        asset = (html_file.parent / ref.split("?")[0]).resolve()
        if asset.is_file():
            total += len(gzip.compress(asset.read_bytes(), mtime=0))
    return total / 1024


def lighthouse(site: Path) -> dict[str, dict[str, float]] | str:
    """Lighthouse desktop scores for the home and essay pages (npm lighthouse@12.2.3, Debian's Chromium)."""
    npx = shutil.which("npx")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if npx is None or not Path(chromium).exists():
        return "skipped: needs npx and /usr/bin/chromium"
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    scores: dict[str, dict[str, float]] = {}
    try:
        for name, path in (("home", ""), ("essay", "essay/")):
            with tempfile.NamedTemporaryFile(suffix=".json") as report:
                subprocess.run(
                    [
                        npx,
                        "--yes",
                        "lighthouse@12.2.3",
                        base + path,
                        "--preset=desktop",
                        "--quiet",
                        "--output=json",
                        f"--output-path={report.name}",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
                    ],
                    check=True,
                    env={**os.environ, "CHROME_PATH": chromium},
                    capture_output=True,
                    timeout=300,
                )
                data = json.loads(Path(report.name).read_text(encoding="utf-8"))
                scores[name] = {k: v["score"] for k, v in data["categories"].items()}
    except (subprocess.SubprocessError, OSError, ValueError) as err:
        return f"failed: {err}"
    finally:
        server.shutdown()
    return scores


def main(config: Path) -> int:
    """Run every measurement and print the figures with the targets they meet."""
    root = config.resolve().parent
    rows: list[str] = []
    ok = True

    def report(label: str, value: str, target: str = "", met: bool | None = None) -> None:
        nonlocal ok
        mark = "" if met is None else (" ✓" if met else " ✗")
        ok = ok and met is not False
        rows.append(f"{label:<44} {value:>22}  {target}{mark}")
        print(rows[-1], flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        real = timed_build(config, t / "real")
        supplied = (root / "docs" / "essay" / "index.md").read_text(encoding="utf-8")
        plain = re.sub(r"\[\[[^|\]]*\|([^\]]*)\]\]", r"\1", re.sub(r"^\{#[^}]*\}\s*", "", supplied, flags=re.M))
        bare = timed_build(bare_site(root, plain, t / "bare"), t / "bare-site")
        report("real site", f"{real['seconds']:.2f} s, {real['peak_mb']:.0f} MB")
        report("bare Material build of the essay", f"{bare['seconds']:.2f} s, {bare['peak_mb']:.0f} MB")
        ratio = real["seconds"] / bare["seconds"]
        report("real / bare", f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5)
        kib = transferred_kib(t / "real", "essay/index.html")
        report("essay page transferred (gzip)", f"{kib:.0f} KiB", "≤ 450 KiB", kib <= 450)
        times = {}
        for n in (500, 2000, 5000):
            cfg = synthetic_site(root, t / f"syn-{n}", notes=n, terms=300, works=300)
            result = timed_build(cfg, t / f"syn-{n}-site")
            times[n] = result["seconds"]
            within = None if n != 5000 else (result["seconds"] <= 20 and result["peak_mb"] <= 1024)
            target = "≤ 20 s, ≤ 1 GB" if n == 5000 else ""
            report(
                f"{n} notes, 300 terms, 300 works",
                f"{result['seconds']:.2f} s, {result['peak_mb']:.0f} MB",
                target,
                within,
            )
            shutil.rmtree(t / f"syn-{n}")
            shutil.rmtree(t / f"syn-{n}-site")
        growth = times[5000] / times[2000]
        report("growth 2,000 → 5,000 notes", f"{growth:.2f}×", "≤ 2.8×", growth <= 2.8)
        scores = lighthouse(t / "real")
        if isinstance(scores, str):
            report("Lighthouse", scores)
        else:
            targets = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 0.95}
            for page, cats in scores.items():
                for cat, minimum in targets.items():
                    score = cats.get(cat) or 0.0
                    report(f"Lighthouse {page}: {cat}", f"{score:.2f}", f"≥ {minimum}", score >= minimum)
    print("all targets met" if ok else "some targets missed")
    return 0 if ok else 1
