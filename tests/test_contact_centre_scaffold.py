"""`pqgen new-template`: a query and a template on a department's own table that draft a right
answer at once, and the mistakes it refuses without writing anything."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import docx
import duckdb
import pytest
from click.testing import CliRunner

from pqgen import dutch
from pqgen.cli import cli
from pqgen.compose.scaffold import Scaffold, query_text, template_text
from pqgen.compose.templating import read_template
from pqgen.errors import ScaffoldError
from pqgen.figures.queries import read_query
from tests.test_contact_centre_department import SCHEMA, conversations

QUESTION = """\
SCHRIFTELIJKE VRAAG

nr. 77
van JAN JANSSENS
datum: 14 februari 2025

aan MATTHIAS DIEPENDAELE
MINISTER-PRESIDENT VAN DE VLAAMSE REGERING

Dienst Klantencontact - Gesprekken

De dienst voert gesprekken met burgers via verschillende media.

1. {subquestion}
"""


@pytest.fixture(scope="module")
def department_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("department") / "dienst.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(SCHEMA)
        con.executemany("INSERT INTO gesprekken VALUES (?, ?, ?, ?, ?)", conversations())
    return path


def texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]


def draft(tmp_path: Path, db: Path, subquestion: str) -> list[str]:
    question = tmp_path / "vraag-77.txt"
    question.write_text(QUESTION.format(subquestion=subquestion), encoding="utf-8")
    out = tmp_path / "antwoord-77.docx"
    result = CliRunner().invoke(
        cli,
        ["draft", str(question), "--db", str(db), "--templates", str(tmp_path / "t"),
         "--queries", str(tmp_path / "q"), "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return texts(out)


def scaffold(tmp_path: Path, *args: str) -> str:
    result = CliRunner().invoke(
        cli,
        [
            "new-template",
            *args,
            "--templates",
            str(tmp_path / "t"),
            "--queries",
            str(tmp_path / "q"),
        ],
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_per_year_and_medium_drafts_the_right_figures(department_db: Path, tmp_path: Path) -> None:
    output = scaffold(
        tmp_path, "gesprekken-per-medium", "--table", "gesprekken", "--date-column", "gestart",
        "--per", "medium", "--db", str(department_db),
    )  # fmt: skip
    assert "q/gesprekken_per_medium.sql" in output and "t/gesprekken-per-medium.md.j2" in output
    assert "The query ran on" in output and "10 rows over all years" in output
    lines = draft(
        tmp_path, department_db, "Hoeveel gesprekken voerde de dienst in 2024 via elk medium?"
    )
    in_2024 = [r for r in conversations() if r[1].year == 2024]
    per_medium = Counter(r[2] for r in in_2024)
    answer = "\n".join(lines)
    assert f"telden we {dutch.number(len(in_2024))} gesprekken" in answer
    for medium, count in per_medium.items():
        row = lines.index(medium)
        assert lines[row + 1 : row + 3] == [dutch.number(count), dutch.number(count)], medium
    assert "TE VERVOLLEDIGEN" not in answer


def test_a_month_asked_of_a_per_year_template_is_a_placeholder(
    department_db: Path, tmp_path: Path
) -> None:
    scaffold(
        tmp_path, "gesprekken-per-medium", "--table", "gesprekken", "--date-column", "gestart",
        "--per", "medium",
    )  # fmt: skip
    answer = "\n".join(
        draft(
            tmp_path,
            department_db,
            "Hoeveel gesprekken voerde de dienst in maart 2024 via elk medium?",
        )
    )
    assert "TE VERVOLLEDIGEN" in answer and "telden we" not in answer


def test_per_month_drafts_every_month(department_db: Path, tmp_path: Path) -> None:
    scaffold(
        tmp_path, "gesprekken-per-maand", "--table", "gesprekken", "--date-column", "gestart",
        "--by", "month", "--db", str(department_db),
    )  # fmt: skip
    lines = draft(tmp_path, department_db, "Hoeveel gesprekken waren er per maand in 2024?")
    per_month = Counter(r[1].month for r in conversations() if r[1].year == 2024)
    for month, count in per_month.items():
        name = dutch.format_date(dt.date(2024, month, 1), format="MMMM y", locale=dutch.LOCALE)
        row = lines.index(name)
        assert lines[row + 1] == dutch.number(count), name
    assert "januari 2025" not in lines and "december 2023" not in lines


def test_written_files_follow_the_documented_grammar(tmp_path: Path) -> None:
    for spec in (
        Scaffold("vragen-per-kanaal", "dienst.klantvragen", "ontvangen", per="kanaal"),
        Scaffold("vragen-per-maand", "klantvragen", "ontvangen", by="month", noun="vragen"),
    ):
        (tmp_path / f"{spec.query_name}.sql").write_text(query_text(spec), encoding="utf-8")
        query = read_query(tmp_path / f"{spec.query_name}.sql")
        assert [p.name for p in query.parameters] == ["period_start", "period_end"]
        assert query.keys == ([spec.by, spec.per] if spec.per else [spec.by])
        assert query.columns[-1].type == "count"
        (tmp_path / f"{spec.name}.md.j2").write_text(template_text(spec), encoding="utf-8")
        template = read_template(tmp_path / f"{spec.name}.md.j2")
        assert template.score(f"Hoeveel {spec.words['noun']} per {spec.per or 'maand'}?") > 0
        assert template.resolution == spec.by
        assert template.about(f"De {spec.words['noun']} van de dienst")
        assert ("by_channel" in template.measures) is (spec.per == "kanaal")


BASE = ["g", "--table", "gesprekken", "--date-column", "gestart"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Gesprekken!", *BASE[1:]], "is not a template name"),
        (["g", "--table", "gesprekken; DROP TABLE x", "--date-column", "d"], "not a plain table"),
        ([*BASE, "--per", "year"], "is a name the figure set uses"),
        ([*BASE, "--match", "(("], "is no valid pattern"),
        (["g", "--table", "gesprekken", "--date-column", "begin"], "the query does not run"),
        (["g", "--table", "gesprek", "--date-column", "gestart"], "the query does not run"),
        (["g", "--table", "gesprekken", "--date-column", "medium"], "the query does not run"),
    ],
)  # fmt: skip
def test_mistakes_write_nothing(
    args: list[str], message: str, department_db: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        cli,
        ["new-template", *args, "--db", str(department_db), "--templates", str(tmp_path / "t"),
         "--queries", str(tmp_path / "q")],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "t").exists() and not (tmp_path / "q").exists()


def test_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    mine = tmp_path / "t" / "gesprekken-per-medium.md.j2"
    mine.write_text("mijn eigen sjabloon", encoding="utf-8")
    args = ["gesprekken-per-medium", "--table", "gesprekken", "--date-column", "gestart"]
    result = CliRunner().invoke(
        cli,
        [
            "new-template",
            *args,
            "--templates",
            str(tmp_path / "t"),
            "--queries",
            str(tmp_path / "q"),
        ],
    )
    assert result.exit_code == 1 and "exists already" in result.output
    assert mine.read_text(encoding="utf-8") == "mijn eigen sjabloon"
    assert not (tmp_path / "q").exists()
    with pytest.raises(ScaffoldError, match="must be year or month"):
        Scaffold("x", "t", "d", by="week")
