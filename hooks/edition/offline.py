"""The offline copy: the site built again for the file system (Material's offline plugin), as one zip.

A classroom with poor connectivity downloads it from the home page, unzips it, and opens index.html:
pages, notes, glossary and search all work from disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ZIP_PATH = "downloads/dual-power-edition-offline.zip"
FOLDER = "dual-power-edition"  # the folder the zip unpacks into
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # every entry gets the same date: the same commit gives the same zip


def build(config_file: Path, site_dir: Path) -> Path:
    """Build the offline variant of the site and write it as a zip under `site_dir`; return the zip."""
    with tempfile.TemporaryDirectory() as tmp:
        offline = Path(tmp) / FOLDER
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
        target = site_dir / ZIP_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(offline.rglob("*")):
                if path.is_file() and path.name != "sitemap.xml.gz":
                    info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(offline).as_posix()}", FIXED_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    zf.writestr(info, path.read_bytes())
    return target
