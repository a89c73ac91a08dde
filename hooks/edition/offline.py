"""The offline copy: the site built again for the file system (Material's offline plugin), as one zip.

A classroom with poor connectivity downloads it from the home page, unzips it, and opens index.html:
pages, notes, glossary and search all work from disk, and the books (PDF, EPUB, handouts) are in it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .books import DOWNLOADS, Files, files
from .sources import read_settings

FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # every entry gets the same date: the same commit gives the same zip
# Not in the zip: the compressed sitemap, and the 404 page, which no server shows from the disk and whose
# links are absolute paths under site_url's (they would lead to the root of the reader's disk).
LEFT_OUT = frozenset({"sitemap.xml.gz", "404.html"})

# An empty size in a page (render/downloads.py writes one after each download's link), filled in with the
# file's size once the file exists: the zip is made after the pages, and cannot know its own size.
SIZE_ATTRIBUTE = "data-dp-size"
_EMPTY_SIZE = re.compile(rf'(<span class="dp-size" {SIZE_ATTRIBUTE}="([^"<>]+)">)(</span>)')


def files_of(config_file: Path) -> Files:
    """What the downloads of the site of `config_file` are called (its settings are valid: it was built)."""
    settings, problems = read_settings(config_file)
    if settings is None:
        raise ValueError("\n".join(map(str, problems)))
    return files(settings.file_name)


def build(config_file: Path, site_dir: Path) -> Path:
    """Build the offline variant of the site and write it as a zip under `site_dir`; return the zip."""
    names = files_of(config_file)
    with tempfile.TemporaryDirectory() as tmp:
        offline = Path(tmp) / names.folder
        env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--quiet",
                "-f",
                str(config_file),
                "-d",
                str(offline),
            ],
            check=True,
            env=env,
        )
        _copy_downloads(site_dir, offline, names.offline_path)
        target = site_dir / names.offline_path
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            fill_sizes(offline)  # the annotations are in the copy; the zip is not, so its size stays empty
            for path in sorted(offline.rglob("*")):
                if path.is_file() and path.relative_to(offline).as_posix() not in LEFT_OUT:
                    info = zipfile.ZipInfo(f"{names.folder}/{path.relative_to(offline).as_posix()}", FIXED_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    zf.writestr(info, path.read_bytes())
    fill_sizes(site_dir)
    return target


def _copy_downloads(site_dir: Path, copy: Path, itself: str) -> None:
    """The files the site offers for download (the books) go into the copy too, where its pages link to
    them; the zip (`itself`) cannot hold itself."""
    folder = site_dir / DOWNLOADS
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and rel != itself:
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy / rel)


def human_size(size: int) -> str:
    """A file size as a reader reads it: "420 kB", "1.6 MB" (powers of 1000, as browsers show downloads)."""
    if size < 1000:
        return f"{size} bytes"
    value, unit = size / 1000, "kB"
    for bigger in ("MB", "GB"):
        if value < 1000:
            break
        value, unit = value / 1000, bigger
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"


def fill_sizes(folder: Path) -> None:
    """Write each download's size into the pages under `folder` that leave it empty, for the files that exist
    there (a path relative to the folder); the others stay empty."""
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if SIZE_ATTRIBUTE not in text:
            continue

        def size(m: re.Match[str]) -> str:
            target = folder / m.group(2)
            if not target.is_file() or not target.resolve().is_relative_to(folder.resolve()):
                return m.group(0)
            return f"{m.group(1)}, {human_size(target.stat().st_size)}{m.group(3)}"

        filled = _EMPTY_SIZE.sub(size, text)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
