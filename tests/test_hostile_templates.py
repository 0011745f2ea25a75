"""Hostile templates: no library object, no file, no unbounded work; each a one-line error."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

from pqgen.compose.templating import make_environment, read_template, render_template
from pqgen.errors import TemplateError
from pqgen.figures.model import FigureSet, FigureTable, Provenance


def render(tmp_path: Path, body: str, **context: object) -> str:
    path = tmp_path / "t.md.j2"
    path.write_text('{#-\nmatch: ["x"]\n-#}\n' + body, encoding="utf-8")
    return render_template(make_environment([tmp_path]), read_template(path), dict(context))


def figure_table() -> FigureTable:
    frame = pd.DataFrame({"year": [2016], "contacts": [7]})
    provenance = Provenance("q", "q.sql", "sha256:0", {}, "db", 1, "now")
    return FigureTable.of("contacts", FigureSet(frame, provenance, {"contacts": "count"}))


ESCAPES = [
    # What pandas offered a template: read any file, write files, run pandas' own Jinja.
    '{{ df.style.from_custom_template("/etc", "passwd") }}',
    '{{ df.to_csv("OUT") }}',
    '{{ df.to_pickle("OUT") }}',
    # A figure set is pqgen's own table: none of a DataFrame's methods are there.
    '{{ figures.contacts.to_csv("OUT") }}',
    "{{ figures.contacts._rows }}",
    "{{ figures.contacts.__class__.__mro__ }}",
    "{{ (1).__class__.__base__.__subclasses__() }}",
    '{{ "{0.__class__}".format(1) }}',
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum() }}",
    '{{ "x" | center(1000) }}',
    '{{ "%s" % 1 }}',
]


@pytest.mark.parametrize("body", ESCAPES)
def test_templates_reach_no_library_object(tmp_path: Path, body: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match=r"^template t, line 4: ") as info:
        render(
            tmp_path,
            body.replace("OUT", str(out)),
            df=pd.DataFrame({"a": [1]}),
            figures={"contacts": figure_table()},
        )
    assert "\n" not in str(info.value)
    assert not out.exists()


LIMITS = [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "steps"),
    ("{{ range(10**12) | length }}", "steps"),
    ('{{ "x" * 300000000 }}', "longer than"),
    ("{{ [0] * 10**9 }}", "longer than"),
    ("{{ 7 ** 100000000 }}", "longer than"),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}'
        "{% endfor %}",
        "longer than",
    ),
    ('{% for i in range(100000) %}{{ "y" * 100 }}{% endfor %}', "writes more than"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion"),
    (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "steps",
    ),
    ("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}", "recursive loops"),
    ('{{ "" | replace("", "x" * 1000) | replace("x", "x" * 2000) }}', "longer than"),
]


@pytest.mark.parametrize(("body", "says"), LIMITS)
def test_template_work_is_bounded(tmp_path: Path, body: str, says: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"^template t, line 4: .*" + says) as info:
        render(tmp_path, body)
    assert "\n" not in str(info.value)
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('{{ "x" | number }}', "number takes a number, got str 'x'"),
        ("{{ 1 | number(10**9) }}", "decimals must be"),
        ("{{ 10.0 ** 1000 }}", "OverflowError"),
        ("{{ 1 // 0 }}", "ZeroDivisionError"),
        ('{{ "x" | total("y") }}', "expected a figure set"),
        ('{{ "x" is matching("(") }}', "is invalid"),
    ],
)
def test_wrong_values_are_one_line_errors(tmp_path: Path, body: str, says: str) -> None:
    with pytest.raises(TemplateError, match=r"^template t, line 4: .*" + says.replace("(", r"\(")):
        render(tmp_path, body)


def test_figure_tables_are_read_only_plain_data(tmp_path: Path) -> None:
    table = figure_table()
    with pytest.raises(AttributeError):
        table.name = "other"  # type: ignore[misc]
    assert table.records() == [{"year": 2016, "contacts": 7}]
    assert all(type(v) is int for v in table.tuples()[0])
    assert (
        render(
            tmp_path,
            "{{ figures.c | total('contacts') }} {{ figures.c.columns | join }}",
            figures={"c": table},
        )
        == "7 yearcontacts"
    )
