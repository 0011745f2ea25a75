"""Text from a database or a department's workbook is data in every spreadsheet pqgen writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from pqgen.cli import cli

QUESTION = """number: 7
author: A. AUTEUR
date: '2017-06-08'
minister: B. MINISTER
minister_title: VLAAMS MINISTER VAN WERK
title: Onderwerpen
intro: Een vraag.
subquestions:
- number: 1
  text: Hoeveel vragen, opgesplitst per onderwerp?
"""

EVIL = ['=HYPERLINK("http://evil.example","klik")', "+1+1", "-2+3", "@SUM(1,2)"]


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A database whose texts look like formulas, a query and a template that show them."""
    database = tmp_path / "evil.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("CREATE TABLE t (topic VARCHAR, n INTEGER)")
        con.executemany("INSERT INTO t VALUES (?, ?)", [(text, 10) for text in EVIL])
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "evil.sql").write_text(
        "-- Texts.\n-- Returns one row per topic:\n--   topic  text  key  the topic\n"
        "--   n  count  the count\nSELECT topic, n FROM t\n",
        encoding="utf-8",
    )
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "evil.md.j2").write_text(
        '{#-\nmatch: ["opgesplitst per onderwerp"]\nfigures:\n  x: evil\n-#}\n'
        "{{ figures.x | table }}\n",
        encoding="utf-8",
    )
    return database, queries, templates


def formulas(path: Path) -> list[str]:
    """Every cell of the workbook that a spreadsheet would calculate."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name):
                found.append(name)
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            found += [c.coordinate for c in row if c.data_type == "f"]
    return found


def cell_texts(path: Path) -> set[str]:
    workbook = openpyxl.load_workbook(path)
    return {
        str(c.value) for s in workbook.worksheets for row in s.iter_rows() for c in row if c.value
    }


def test_texts_that_look_like_formulas_stay_texts(
    tmp_path: Path, workspace: tuple[Path, Path, Path]
) -> None:
    database, queries, templates = workspace
    options = ["--db", str(database), "--queries", str(queries), "--templates", str(templates)]
    question = str(tmp_path / "vraag.yaml")
    Path(question).write_text(QUESTION, encoding="utf-8")
    runner = CliRunner()
    drafted = runner.invoke(
        cli, ["draft", question, *options, "--annex", "-o", str(tmp_path / "a.docx")]
    )
    assert drafted.exit_code == 0, drafted.output
    pulled = runner.invoke(cli, ["figures", question, *options, "-o", str(tmp_path / "c.xlsx")])
    assert pulled.exit_code == 0, pulled.output
    for workbook in (tmp_path / "a-bijlage-1.xlsx", tmp_path / "c.xlsx"):
        assert formulas(workbook) == [], workbook
        assert set(EVIL) <= cell_texts(workbook), workbook
    # Read back as figures, the texts are the same texts.
    again = runner.invoke(
        cli,
        ["draft", question, "--figures", str(tmp_path / "c.xlsx"), "--queries", str(queries),
         "--templates", str(templates), "-o", str(tmp_path / "b.docx")],
    )  # fmt: skip
    assert again.exit_code == 0, again.output


def test_uncalculated_formula_is_not_called_empty(tmp_path: Path) -> None:
    """A workbook a program wrote with formulas has no values for them until a spreadsheet
    calculates it: pqgen says so instead of "is empty"."""
    from tests.conftest import EXAMPLES

    question = str(EXAMPLES / "vraag-639.txt")
    request = tmp_path / "uitvraag.xlsx"
    made = CliRunner().invoke(cli, ["request", question, "-o", str(request)])
    assert made.exit_code == 0, made.output
    workbook = openpyxl.load_workbook(request)
    sheet = next(s for s in workbook.worksheets if s.title.startswith("staffing"))
    header_row = next(r for r in range(1, 12) if sheet.cell(r, 1).value == "min_agents")
    sheet.cell(header_row + 1, 1, "=100+15")
    sheet.cell(header_row + 1, 2, 125)
    sheet.cell(header_row + 1, 3, 36)
    workbook.save(request)
    result = CliRunner().invoke(
        cli, ["draft", question, "--figures", str(request), "-o", str(tmp_path / "a.docx")]
    )
    assert result.exit_code == 1
    staffing = [line for line in result.output.splitlines() if "'staffing" in line]
    assert staffing, result.output
    assert all("was never calculated" in line for line in staffing), staffing
