"""The contributors registry (docs/contributors.yml): everyone a note can credit, by id."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from . import markup
from .frontmatter import read_mapping
from .problems import Problem, problem
from .schema import Field, check_mapping
from .sources import Source

# Each entry of the registry, field by field.
SCHEMA: dict[str, Field] = {
    "name": Field("plain", True, "the name shown with the person's notes", max_length=100),
    "url": Field("url", False, "a link to the person's own page (http or https)"),
}


@dataclass(frozen=True)
class Contributor:
    """A person or group credited for notes."""

    id: str
    name: str  # as displayed
    url: str  # optional link to the contributor's page ("" if none)
    source: str
    line: int


def load(src: Source) -> tuple[dict[str, Contributor], list[Problem]]:
    """Read the registry: each entry is an id with a plain-text name and, optionally, an http(s) url."""
    data, lines, problems = read_mapping(src)  # no registry yet: any note's author is reported as unknown
    out: dict[str, Contributor] = {}
    by_name: dict[str, Contributor] = {}  # each name as a reader compares two (see _folded) → its contributor
    for key, value in data.items():
        cid, line = str(key), lines.get(str(key), 1)
        if not markup.is_id(cid):
            problems.append(problem("bad-contributor", src.rel, line, id=cid, reason="is not a valid id"))
            continue
        if not isinstance(value, dict):
            problems.append(problem("bad-contributor", src.rel, line, id=cid, reason="needs a 'name'"))
            continue
        found: list[Problem] = []

        def report(code: str, _key: str, v: dict[str, object], found: list[Problem] = found, line: int = line) -> None:
            found.append(problem(code, src.rel, line, **v))

        values = check_mapping(value, SCHEMA, report)
        problems += found
        if found:
            continue
        name = values.text("name")
        odd = next((c for c in name if not _name_character(c)), None)
        scripts = _scripts(name)
        same = by_name.get(_folded(name))
        if odd is not None:
            what = f"U+{ord(odd):04X} ({unicodedata.name(odd, 'unnamed')})"
            reason = f"holds {what}: a name is letters, spaces and . , ' - ( )"
            problems.append(problem("bad-contributor", src.rel, line, id=cid, reason=reason))
        elif len(scripts) > 1:
            reason = f"mixes alphabets ({', '.join(sorted(scripts))}), as a look-alike name would: use one"
            problems.append(problem("bad-contributor", src.rel, line, id=cid, reason=reason))
        elif same is not None:
            reason = f"has the name of '{same.id}' (line {same.line}): a byline must tell them apart"
            problems.append(problem("bad-contributor", src.rel, line, id=cid, reason=reason))
        else:
            out[cid] = by_name[_folded(name)] = Contributor(cid, name, values.text("url"), src.rel, line)
    return out, problems


# Scripts written together (Japanese mixes kanji and kana; Korean, hangul and hanja), as one; modifier letters
# (the ʻokina of ʻOlelo) belong to the words around them.
_SCRIPT_GROUPS = {"CJK": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "MODIFIER": ""}


def _scripts(word: str) -> set[str]:
    """The alphabets of a name's letters (LATIN, CYRILLIC, GREEK, CJK…, after their Unicode names)."""
    found = {
        _SCRIPT_GROUPS.get(name, name) for name in (unicodedata.name(c, "?").split(" ")[0] for c in word if c.isalpha())
    }
    return found - {""}


# Letters of other alphabets that print as Latin ones (after Unicode's confusables, UTS #39): a name written
# wholly in them ("Јое Ѕерр") reads as the Latin name it copies, so two names are compared in these terms.
# Latin's own look-alikes too: the dotless ı, small capitals, the Latin alpha and script g.
_LOOK_ALIKE = str.maketrans(
    "аеорсухіјѕһԁԛԝѵӏАВЕКМНОРСТХУЅІЈԜαοινρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧıȷɪʜᴛᴇᴅᴏʀꜱɑɡʟɴᴍᴋᴄᴜᴠᴡᴢᴘʏʙ",
    "aeopcyxijshdqwvlABEKMHOPCTXYSIJWaoivptuxABEZHIKMNOPTYXijihtedorsaglnmkcuvwzpyb",
)


def _folded(name: str) -> str:
    """A name as a reader would compare two bylines: its letters alone, in compatibility form, look-alikes as the
    Latin letters they print as, without case."""
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).translate(_LOOK_ALIKE)).casefold()
    return "".join(c for c in plain if c.isalnum())  # accents (combining marks) aside: "Éditors" reads as "editors"


# What a byline may be written with: letters and the marks that go with them, a space between words, and the
# punctuation of names. Not: characters a reader cannot see (fillers, joiners, variation selectors, format
# characters), nor symbols that look like spaces.
_NAME_PUNCTUATION = frozenset(" .,'’-‐()")
_INVISIBLE_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


def _name_character(c: str) -> bool:
    if c in _NAME_PUNCTUATION:
        return True
    category = unicodedata.category(c)
    if c in _INVISIBLE_LETTERS or "\ufe00" <= c <= "\ufe0f" or "\u180b" <= c <= "\u180f":
        return False
    return category.startswith("L") or category in {"Mn", "Mc"}
