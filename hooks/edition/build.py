"""One build of the site: the loaded edition and what each MkDocs event needs from it.

Content files → a model in memory → problems → pages. Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from . import model
from .model import Edition
from .problems import Problem
from .render import essay as essay_page
from .render.inline import Inline
from .sources import read_settings


def start(
    config_file: Path, *, site_url: str = "", repo_url: str = "", edit_uri: str = ""
) -> tuple[Build | None, list[Problem]]:
    """Read settings and content; return the build (None when it cannot proceed) and all problems."""
    settings, problems = read_settings(config_file)
    if settings is None:
        return None, problems
    # MkDocs has already resolved these (environment variables, defaults): trust its values.
    settings = dataclasses.replace(settings, site_url=site_url, repo_url=repo_url, edit_uri=edit_uri)
    edition, problems = model.load(settings)
    if edition is None:
        return None, problems
    return Build(edition), problems


class Build:
    """The pages and exports of one build, derived from a validated edition."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.essay_uri = edition.settings.essay

    # --- on_files -------------------------------------------------------------------------------------

    def hidden_sources(self) -> list[str]:
        """Source files under docs/ that are data, not pages (notes are shown on other pages)."""
        return []

    def generated_pages(self) -> dict[str, str]:
        """Pages made in memory, keyed by src_uri."""
        return {}

    # --- on_page_markdown -----------------------------------------------------------------------------

    def page_markdown(self, markdown: str, src_uri: str) -> str:
        """The Markdown MkDocs should render for the page built from `src_uri`."""
        inline = Inline(self.edition, src_uri)
        if src_uri == self.essay_uri:
            return essay_page.essay_markdown(self.edition.essay, inline.render)
        return inline.render(markdown)

    # --- on_env / on_post_build -----------------------------------------------------------------------

    def template_data(self) -> dict[str, Any]:
        """Data for the theme templates."""
        return {"essay_title": self.edition.essay.title}

    def write_exports(self, site_dir: Path) -> None:
        """Write the machine-readable exports into the built site."""
