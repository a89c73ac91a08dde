"""`make screenshots`: a PNG of every page kind at a phone, a tablet and a desktop size, in both palettes,
and of the books' key pages (pdftoppm), for review in pull requests. Reads the site `make site` built;
writes screenshots/ (not committed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from edition.books import DOWNLOADS, HANDOUTS
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parent))
from conftest import CHROMIUM, serve
from sitebuild import FILES

SIZES = {"phone": (390, 844), "tablet": (1024, 768), "desktop": (1440, 900)}
PALETTES = {"light": "light", "dark": "dark"}


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind, by a name for the file: the essay, a paragraph page, a note index, a term…"""
    kinds = {
        "home": "",
        "essay": "essay/",
        "commentary": "notes/",
        "glossary": "glossary/",
        "paths": "paths/",
        "works-cited": "bibliography/",
        "about": "about/",
    }
    para = sorted(p for p in (site / "notes").iterdir() if (p / "index.html").exists() and "-" in p.name)
    term = sorted(p for p in (site / "glossary").iterdir() if (p / "index.html").exists())
    path = sorted(p for p in (site / "paths").iterdir() if (p / "index.html").exists())
    if para:
        kinds["paragraph"] = f"notes/{para[0].name}/"
    if term:
        kinds["term"] = f"glossary/{term[0].name}/"
    if path:
        kinds["path"] = f"paths/{path[0].name}/"
    return kinds


def main(site: Path, out: Path, full: bool = False) -> None:
    out.mkdir(parents=True, exist_ok=True)
    url, server = serve(site)
    written = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size, (width, height) in SIZES.items():
            for palette, scheme in PALETTES.items():
                phone = width < 600
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    color_scheme=scheme,  # type: ignore[arg-type]
                    has_touch=phone,
                    is_mobile=phone,
                )
                page = context.new_page()
                for kind, path in page_kinds(site).items():
                    page.goto(url + path)
                    page.wait_for_load_state("load")
                    page.screenshot(path=str(out / f"{kind}-{size}-{palette}.png"), full_page=full)
                    written += 1
                context.close()
        browser.close()
    server.shutdown()
    written += book_pages(site, out)
    print(f"{written} screenshots in {out}/")


def book_pages(site: Path, out: Path) -> int:
    """The books' pages a reviewer should see, at 100 dpi: the title page, the contents, an essay page with
    its footnotes, the first page of the glossary, of the reading paths and of the works cited, and the first
    page of a path's handout."""
    pdf = site / FILES.pdf_path
    reader = PdfReader(pdf)
    starts = [
        (str(item.title), (reader.get_destination_page_number(item) or 0) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]
    part = dict(starts)
    handouts = sorted((site / DOWNLOADS / HANDOUTS).glob("*.pdf"))
    shots = {
        "book-title": (pdf, 1),
        "book-contents": (pdf, 2),
        "book-footnotes": (pdf, starts[2][1] + 1),  # the essay's second page
        "book-glossary": (pdf, part["Glossary"]),
        "book-paths": (pdf, part["Reading paths"]),
        "book-works-cited": (pdf, part["Works cited"]),
        "book-handout": (handouts[0], 1),
    }
    for name, (source, page) in shots.items():
        command = ["pdftoppm", "-png", "-r", "100", "-f", str(page), "-l", str(page), "-singlefile"]
        subprocess.run([*command, str(source), str(out / name)], check=True)
    return len(shots)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(args[0] if args else "site"), Path(args[1] if len(args) > 1 else "screenshots"), "--full" in sys.argv)
