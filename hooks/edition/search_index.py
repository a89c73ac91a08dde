"""The site's search index, with the essay searched paragraph by paragraph.

Material's search plugin writes one entry per heading section, so a word of the essay found the section it
falls under (several paragraphs and their margin notes) and landed on its heading. The page table tells
the plugin not to read the essay (pages.py, `searched`), and this module writes its entries into the index
the plugin wrote: one entry for the page itself, with its title only, then one per paragraph, at the
paragraph's anchor, titled with its ¶ number, holding its words and nothing else (the notes are searched
on the paragraph pages, where they are in full). Entries the plugin wrote for the essay anyway are replaced.

How Material's search worker (9.x) ranks, which the numbers below follow:

- An entry whose location has no "#" is a page; an entry after it with the same location before the "#" is
  one of its sections (the page must come first). Results are grouped by page, and the groups are listed
  in the order of their best entry's score. Within a group the page's own entry is shown first as its
  heading; then the sections, best first, and pressing Enter in the search box follows the best of all.
- A hit in a title weighs `config.fields.title.boost` (1000) times a hit in the text; a page's score is
  multiplied by 5 and a section's by 2 after the query; an entry's `boost` multiplies its score.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .essay import Essay, Paragraph

INDEX = "search/search_index.json"  # where the search plugin writes the index, under the site folder

# A paragraph's boost, in units of the title boost: a paragraph that holds the word once outranks any other
# page with the word in its title (1000 × 5/2 = 2500 times a text hit, against 10 × 1000), so a word of
# the essay lists the essay's paragraphs first, the best paragraph first among them.
PARAGRAPH_BOOST = 10


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def paragraph_title(para: Paragraph) -> str:
    """A paragraph's title in the results: its ¶ number, under the essay's title (the group's heading).

    Not its section's heading: a title's words weigh a thousand times the text's, so every paragraph under
    "Criticisms of Revolutionary Dualism" would outrank ¶ 9, which is about dual power, for "dual power".
    """
    return f"¶ {para.number}"


def paragraph_entries(essay: Essay, essay_url: str, boost: float) -> list[dict[str, Any]]:
    """One search entry per paragraph: its anchor, its title, its words (the index holds HTML, which the
    search box renders: text is escaped; quotes stay as they are, since it never sits in an attribute)."""
    return [
        {
            "location": f"{essay_url}#{para.id}",
            "title": html.escape(paragraph_title(para), quote=False),
            "text": f"<p>{html.escape(para.text, quote=False)}</p>",
            "boost": boost,
        }
        for para in essay.paragraphs
    ]


def with_paragraphs(index: dict[str, Any], essay: Essay, essay_url: str) -> dict[str, Any]:
    """The index with the essay page's entries replaced by its own (title only) and one per paragraph, where
    the page's entries were; every other entry as it was."""
    docs: list[dict[str, Any]] = index.get("docs", [])
    ours = {i for i, doc in enumerate(docs) if _page(doc.get("location", "")) == essay_url}
    at = min(ours, default=len(docs))
    page = next((docs[i] for i in ours if docs[i]["location"] == essay_url), {"title": html.escape(essay.title)})
    page = {"location": essay_url, "title": page["title"], "text": ""}
    title_boost = float(index.get("config", {}).get("fields", {}).get("title", {}).get("boost", 1000))
    entries = [page, *paragraph_entries(essay, essay_url, PARAGRAPH_BOOST * title_boost)]
    others = [doc for i, doc in enumerate(docs) if i not in ours]
    return {**index, "docs": others[:at] + entries + others[at:]}


def rewrite(site_dir: Path, essay: Essay, essay_url: str) -> bool:
    """Rewrite the index the search plugin wrote under `site_dir`; False if there is none (search is off)."""
    path = site_dir / INDEX
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    # As compact as the plugin writes it; the offline copy's search_index.js is made from this file.
    text = json.dumps(with_paragraphs(index, essay, essay_url), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return True
