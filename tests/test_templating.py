"""Templates: front matter, matching, strict filling-in, and the filters they use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

import pytest

from pqgen.compose import filters as filters
from pqgen.compose import tables
from pqgen.compose.markup import parse_markup
from pqgen.compose.templating import (
    load_templates,
    make_environment,
    read_template,
    render_template,
)
from pqgen.errors import TemplateError
from pqgen.figures.model import FigureTable
from pqgen.workspace import builtin_dir

SUBQUESTIONS_639 = [
    "Hoeveel informatieaanvragen zijn er de laatste 3 jaar binnengekomen via het gratis "
    "1700-nummer, opgesplitst per onderwerp waarover info wordt gevraagd?",
    "Door hoeveel personeelsleden worden de vragen via het gratis nummer behandeld?",
    "Hoe evalueert de minister dit gratis telefoonnummer? Is hij van oordeel dat dit "
    "telefoonnummer genoeg bekend is bij de verschillende actoren op de arbeidsmarkt?",
]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _chosen(text: str, templates: list, title: str = "Gratis 1700-nummer") -> str | None:
    """The template `plan` picks for (the first part of) a question of one sub-question."""
    from pqgen.compose.plan import plan
    from pqgen.question.model import Question, SubQuestion

    question = Question(
        number=1, author="A", date=dt.date(2017, 6, 8), minister="M", minister_title="T",
        title=f"Departement Werk en Sociale Economie - {title}", intro="",
        subquestions=(SubQuestion(1, text),),
    )  # fmt: skip
    step = plan(question, templates)[0]  # the first part
    return step.template.name if step.template else None


def test_builtin_templates_match_the_subquestions_of_639() -> None:
    templates = load_templates([builtin_dir("templates")])
    assert [_chosen(text, templates) for text in SUBQUESTIONS_639] == [
        "contacten-per-onderwerp",
        "personeel",
        "evaluatie-tevredenheid",
    ]
    assert _chosen("Wat is de kostprijs van de nieuwe website?", templates, "Website") is None


def test_builtin_templates_declare_existing_queries() -> None:
    queries = {p.name.split(".", 1)[0] for p in builtin_dir("queries").glob("*.sql")}
    for template in load_templates([builtin_dir("templates")]):
        assert template.figures, template.name
        assert {spec.query for spec in template.figures.values()} <= queries, template.name


def test_user_template_replaces_builtin_of_same_name(tmp_path: Path) -> None:
    write(tmp_path, "personeel.md.j2", '{#-\ntitle: Mine\nmatch: ["personeel"]\n-#}\nEigen.')
    templates = load_templates([tmp_path, builtin_dir("templates")])
    mine = next(t for t in templates if t.name == "personeel")
    assert mine.title == "Mine" and mine.path.parent == tmp_path


def test_front_matter_problems(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no front matter"):
        read_template(write(tmp_path, "a.md.j2", "Tekst zonder kop."))
    with pytest.raises(TemplateError, match="needs 'match:'"):
        read_template(write(tmp_path, "b.md.j2", "{#-\ntitle: B\n-#}\nx"))
    with pytest.raises(
        TemplateError, match=r"b2: front matter is not valid YAML: line \d+, column \d+: "
    ):
        read_template(write(tmp_path, "b2.md.j2", "{#-\ntitle: [B\n-#}\nx"))
    # The line in the template, blank lines after "{#-" counted.
    with pytest.raises(TemplateError, match=r"b3: front matter is not valid YAML: line 5, col"):
        read_template(write(tmp_path, "b3.md.j2", "{#-\n\n\ntitle: a\nmatch: [B\n-#}\nx"))
    with pytest.raises(TemplateError, match="pattern '\\(' in 'match:' is invalid"):
        read_template(write(tmp_path, "c.md.j2", '{#-\nmatch: ["("]\n-#}\nx'))


def test_more_specific_template_wins(tmp_path: Path) -> None:
    write(tmp_path, "algemeen.md.j2", '{#-\nmatch: ["hoeveel"]\nfigures: {}\n-#}\nx')
    write(tmp_path, "precies.md.j2", '{#-\nmatch: ["hoeveel", "personeelsleden"]\n-#}\nx')
    templates = load_templates([tmp_path])
    assert _chosen("Hoeveel personeelsleden?", templates) == "precies"
    assert _chosen("Hoeveel contacten?", templates) == "algemeen"
    # a word nothing reads ("kost") gets no template at all, however general
    assert _chosen("Hoeveel kost het?", templates) is None


def render(tmp_path: Path, body: str, **context) -> str:
    path = write(tmp_path, "t.md.j2", '{#-\nmatch: ["x"]\n-#}\n' + body)
    template = read_template(path)
    return render_template(make_environment([tmp_path]), template, context)


def test_missing_variable_names_template_line_and_variable(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        render(tmp_path, "Regel een.\n{{ figures.staffing }}\n", figures={})
    error = info.value
    assert error.template == "t"
    assert error.line == 5  # after the three lines of front matter and one of text
    assert error.variable == "staffing"
    assert "template t, line 5" in str(error)


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"template t, line 4: .*"):
        render(tmp_path, "{% if %}\n")


def test_missing_row_names_the_figure_set(tmp_path: Path) -> None:
    frame = FigureTable("satisfaction", ["year", "satisfied_pct"], [(2015, 80.0)])
    with pytest.raises(TemplateError, match="figure set 'satisfaction' has no row with year=2016"):
        render(tmp_path, "{{ (figures.s | row(year=2016)).satisfied_pct }}", figures={"s": frame})


def test_sandbox_blocks_unsafe_access(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"unsafe|not safely|access"):
        render(tmp_path, "{{ x.__class__.__mro__ }}", x=1)


def test_crosstab_has_totals_that_add_up() -> None:
    frame = FigureTable(
        "contacts",
        ["year", "topic", "contacts"],
        [(2014, "a", 1000), (2015, "a", 2500), (2015, "b", 7)],
        {"year": "year", "topic": "text", "contacts": "count"},
    )
    (table,) = parse_markup(
        tables.crosstab(
            cast(Any, {}), frame, "topic", "year", "contacts", "Onderwerp", [2014, 2015]
        )
    )
    cells = [[r.text for run in cell for r in [run]] for cell in table.header]  # type: ignore[union-attr]
    assert [c[0] for c in cells] == ["Onderwerp", "2014", "2015", "Totaal"]
    rows = [["".join(r.text for r in cell) for cell in row] for row in table.rows]  # type: ignore[union-attr]
    assert rows == [
        ["a", "1.000", "2.500", "3.500"],
        ["b", "0", "7", "7"],
        ["Totaal", "1.000", "2.507", "3.507"],
    ]
    assert table.align == ("left", "right", "right", "right")  # type: ignore[union-attr]
    assert all(run.bold for cell in table.rows[-1] for run in cell)  # type: ignore[union-attr]


def test_table_filter_and_small_filters() -> None:
    frame = FigureTable("n", ["jaar", "aantal"], [("2016", 1234)], {"aantal": "count"})
    text = tables.table(cast(Any, {}), frame, labels={"aantal": "Aantal"}, totals=True)
    assert text.splitlines()[0] == f"| {filters.mark('jaar', 'n')} | Aantal |"
    assert text.splitlines()[-1] == "| **Totaal** | **1.234** |"
    assert filters.join_nl(["a", "b", "c"]) == "a, b en c"
    assert filters.join_nl(["a"]) == "a"
    assert filters.month(dt.date(2016, 7, 1)) == "juli 2016"
    assert filters.with_article("Departement Werk en Sociale Economie").startswith("het ")
    assert filters.with_article("Vlaamse Belastingdienst") == "de Vlaamse Belastingdienst"
    assert filters.capfirst("tussen 1 januari") == "Tussen 1 januari"
    assert filters.total(frame, "aantal") == 1234
