"""Every built page through the Nu HTML Checker (vnu.jar), apart from the errors Material itself makes.

Usage: python tests/validate_html.py path/to/vnu.jar site/   (exit status 1 and one line per error)

Material for MkDocs 9.8.2 writes two kinds of invalid markup on every page of any site, a bare one too:
`autocomplete` on its search <input type="text"> hidden as a toggle checkbox, and palette-toggle
<label for> pointing at hidden radio inputs. Those are allowed, by their exact message; nothing else is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MATERIAL = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
)


def validate(vnu: Path, site: Path) -> list[str]:
    """The checker's errors for every HTML page under `site`, less Material's own, as 'file:line: message'."""
    done = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    out = []
    for m in messages:
        if m.get("type") == "error" and m.get("message") not in MATERIAL:
            where = m.get("url", "").removeprefix("file:").removeprefix(str(site.resolve()) + "/")
            out.append(f"{where}:{m.get('lastLine', 0)}: {m.get('message')}")
    return out


if __name__ == "__main__":
    found = validate(Path(sys.argv[1]), Path(sys.argv[2]))
    pages = len(list(Path(sys.argv[2]).rglob("*.html")))
    print("\n".join(found) or f"{pages} pages: valid HTML (apart from Material's own {len(MATERIAL)} kinds of error)")
    sys.exit(1 if found else 0)
