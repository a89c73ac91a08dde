"""The edition's Markup formats exactly as markupsafe's: same text, same escaping, same errors, for any
template and any values, only without re-parsing the template on every call."""

from __future__ import annotations

import datetime
import string
from typing import Any

import markupsafe
import pytest
from edition.escaping import Markup, escape
from hypothesis import given
from hypothesis import strategies as st


class Html:
    """An object that says it is HTML (as a Markup does), without being a string."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __html__(self) -> str:
        return self.text


class Formatted(Html):
    """An object that formats itself as HTML, honouring a spec."""

    def __html_format__(self, spec: str) -> str:
        return f"<b>{format(self.text, spec)}</b>"


HOSTILE = ["", "plain", "<script>alert(1)</script>", "a & b", "\"quoted\" 'single'", "{braces}", "¶ 9 — “x”"]
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=12),
    st.integers(-5, 10_000),
    st.sampled_from(HOSTILE).map(markupsafe.Markup),
    st.sampled_from(HOSTILE).map(Markup),
    st.sampled_from(HOSTILE).map(Html),
    st.sampled_from(HOSTILE).map(Formatted),
    st.just(datetime.date(2026, 1, 2)),
    st.just(None),
    st.just(True),
)
LITERALS = st.sampled_from(["", "<p>", '<a href="', '">', " ", "</a>", "{{", "}}", "&amp;", "¶"])


@st.composite
def templates(draw: st.DrawFn) -> tuple[str, list[Any], dict[str, Any]]:
    """A template of literal HTML and fields (auto-numbered or by position, and keywords), with its values."""
    count = draw(st.integers(0, 4))
    auto = draw(st.booleans())
    values = [draw(VALUES) for _ in range(count)]
    named = {name: draw(VALUES) for name in draw(st.sets(st.sampled_from(["href", "text", "n"]), max_size=2))}
    fields = ["{}" if auto else f"{{{i}}}" for i in range(count)] + [f"{{{k}}}" for k in named]
    if not auto and count:  # a position may be used twice
        fields.append(f"{{{draw(st.integers(0, count - 1))}}}")
    return "".join(draw(LITERALS) + f for f in draw(st.permutations(fields))) + draw(LITERALS), values, named


def outcome(template: str, args: list[Any], kwargs: dict[str, Any], markup: type[markupsafe.Markup]) -> object:
    try:
        return str(markup(template).format(*args, **kwargs))
    except (ValueError, IndexError, KeyError) as err:
        return type(err)


@given(templates())
def test_format_is_markupsafes(case: tuple[str, list[Any], dict[str, Any]]) -> None:
    template, args, kwargs = case
    assert outcome(template, args, kwargs, Markup) == outcome(template, args, kwargs, markupsafe.Markup)


@pytest.mark.parametrize(
    ("template", "args", "kwargs"),
    [
        ("{} {:%B %Y}", ["<a>", datetime.date(2026, 1, 2)], {}),  # a date's spec, as the notes' dates use
        ("{:>5}|{:05d}", [7, 42], {}),  # an int keeps its own alignment
        ("{x.real}", [], {"x": 3}),  # an attribute lookup: left to markupsafe
        ("{0[0]}", [["<i>"]], {}),  # an index lookup: left to markupsafe
        ("{!r}", ["<i>"], {}),  # a conversion: left to markupsafe
        ("{:{w}}", ["<i>"], {"w": 4}),  # a nested field: left to markupsafe
        ("{:x}", [Markup("<i>")], {}),  # a spec on HTML without __html_format__: the same error
        ("{}", [Formatted("<i>")], {}),
    ],
)
def test_every_kind_of_field_formats_as_markupsafe_does(template: str, args: list[Any], kwargs: dict[str, Any]) -> None:
    assert outcome(template, args, kwargs, Markup) == outcome(template, args, kwargs, markupsafe.Markup)


def test_the_results_stay_this_markup_and_escape_once() -> None:
    link = Markup('<a href="{}">{}</a>').format('?a=1&b="2"', Markup("<em>kept</em>"))
    assert type(link) is Markup and type(escape("<")) is Markup and type(Markup("; ").join(["<", link])) is Markup
    assert link == '<a href="?a=1&amp;b=&#34;2&#34;"><em>kept</em></a>'
    assert Markup("<p>{}</p>").format(link) == f"<p>{link}</p>"  # HTML inside HTML is not escaped again
    assert escape(Html("<b>")) == "<b>" and escape("<b>") == "&lt;b&gt;"


def test_the_templates_of_the_edition_are_all_taken_apart_here() -> None:
    """Every field in the edition's own templates is one the fast path handles (none falls back)."""
    import ast
    from pathlib import Path

    from edition import escaping

    hooks = Path(escaping.__file__).parent
    for source in hooks.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Markup"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                template = node.args[0].value
                assert escaping._parts(template) is not None, f"{source.name}:{node.lineno}: {template!r}"
                list(string.Formatter().parse(template))  # and it is a valid template
