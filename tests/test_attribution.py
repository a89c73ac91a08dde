"""What printed pages say of themselves: author, source, licence and an address that is never a placeholder."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from edition import model
from edition.model import Edition
from edition.render.attribution import attribution, is_placeholder
from edition.render.inline import Inline
from edition.sources import read_settings
from sitebuild import make_site

PLACEHOLDERS = [
    ("https://example.org/dual-power-edition/", True),  # mkdocs.yml's default
    ("https://www.example.com/", True),
    ("http://example.net", True),
    ("https://edition.invalid/", True),
    ("https://my.site.test/x/", True),
    ("https://course.example/", True),
    ("http://localhost:8000/", True),
    ("http://a.localhost/", True),
    ("http://127.0.0.1:8000/", True),
    ("http://[::1]:8000/", True),
    ("http://0.0.0.0/", True),
    ("", True),
    ("not a url", True),
    ("https://EXAMPLE.ORG./", True),
    ("https://dual-power.github.io/edition/", False),
    ("https://example.org.school.edu/", False),  # only the example domains themselves and their subdomains
    ("https://notexample.com/", False),
    ("https://dual-power.home.arpa/edition/", False),
    ("http://192.168.1.10/", False),  # a school's own server
]


@pytest.mark.parametrize(("url", "placeholder"), PLACEHOLDERS)
def test_placeholder_addresses_are_recognised(url: str, placeholder: bool) -> None:
    """Example domains, reserved top-level names and this machine stand for no site; others are real."""
    assert is_placeholder(url) is placeholder


def _edition(tmp_path: Path, site_url: str, copyright: str) -> Edition:
    root = make_site("", tmp_path / "src")
    config = root / "mkdocs.yml"
    essay = "    essay: essay/index.md\n"
    extra = essay + '    essay_key: test-work\n    title: Fork & Co\n    version: "2.0"\n'
    config.write_text(config.read_text(encoding="utf-8").replace(essay, extra), encoding="utf-8")
    settings, problems = read_settings(config)
    assert settings is not None, problems
    edition, _ = model.load(dataclasses.replace(settings, site_url=site_url, copyright=copyright))
    assert edition is not None
    return edition


def test_the_block_names_author_source_licence_and_edition(tmp_path: Path) -> None:
    """Print only; every value from the content and mkdocs.yml, escaped; the address is the page's published
    one, in a span print.js may refill from the address the reader loaded."""
    edition = _edition(tmp_path, "https://school.edu/ed/", "Text © J. Doe <b>. Notes: CC BY 4.0.")
    block = attribution(edition, Inline(edition, "essay/index.md", None, {"essay/index.md": "essay/"}))
    assert block.startswith('<div class="dp-print-only dp-attribution">')
    assert "<strong>Author:</strong> Jane Doe</p>" in block
    assert "<strong>Source:</strong> “A Test Work”, first published in <em>Test Press</em>, 2001</p>" in block
    assert "<strong>Licence:</strong> Text © J. Doe &lt;b&gt;. Notes: CC BY 4.0.</p>" in block
    assert "<strong>This edition:</strong> <em>Fork &amp; Co</em>, version 2.0</p>" in block
    address = '<p class="dp-attribution__address"><strong>Online at:</strong> '
    assert address + '<span data-dp-address="./">https://school.edu/ed/essay/</span></p>' in block


def test_a_placeholder_site_url_is_never_printed(tmp_path: Path) -> None:
    """With the default example.org address the line is there for print.js to fill, hidden and empty."""
    edition = _edition(tmp_path, "https://example.org/fixture/", "")
    block = attribution(edition, Inline(edition, "essay/index.md", None, {"essay/index.md": "essay/"}))
    assert "example.org" not in block and "Licence" not in block
    assert '<p class="dp-attribution__address" hidden><strong>Online at:</strong> ' in block
    assert '<span data-dp-address="./"></span>' in block
