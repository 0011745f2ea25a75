"""Figure files: pulled figures written out and read back, and the workbook departments fill in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from pqgen.cli import cli
from pqgen.drafting import draft, figure_file_source, pull_figures, requests_for
from pqgen.errors import FigureFileError
from pqgen.figures.sources import DatabaseSource
from pqgen.figures.workbooks import (
    HEADER_ROW,
    INDEX_COLUMNS,
    INDEX_SHEET,
    sheet_names,
    write_figures,
    write_request,
)
from pqgen.question.load import load_question
from pqgen.workspace import Workspace
from tests.conftest import EXAMPLES

QUESTION = EXAMPLES / "vraag-639.yaml"


def document_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]


@pytest.fixture
def from_database(source: DatabaseSource, workspace: Workspace, tmp_path: Path) -> list[str]:
    out = tmp_path / "from-db.docx"
    draft(load_question(QUESTION), source, workspace, out)
    return document_text(out)


def draft_from_file(figure_file: Path, workspace: Workspace, out: Path) -> list[str]:
    draft(load_question(QUESTION), figure_file_source(figure_file, workspace), workspace, out)
    return document_text(out)


@pytest.mark.parametrize("kind", ["figures.xlsx", "figures-folder"])
def test_figures_out_and_back_give_the_same_draft(
    kind: str, source: DatabaseSource, workspace: Workspace, tmp_path: Path, from_database
) -> None:
    requests, figure_sets = pull_figures(load_question(QUESTION), workspace, source)
    target = tmp_path / kind
    write_figures(target, requests, figure_sets)
    assert draft_from_file(target, workspace, tmp_path / "a.docx") == from_database


def test_figures_workbook_names_the_source_of_every_set(
    source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    requests, figure_sets = pull_figures(load_question(QUESTION), workspace, source)
    target = tmp_path / "figures.xlsx"
    write_figures(target, requests, figure_sets)
    book = openpyxl.load_workbook(target)
    index = list(book[INDEX_SHEET].iter_rows(values_only=True))
    assert index[0] == INDEX_COLUMNS
    by_sheet = {row[0]: dict(zip(INDEX_COLUMNS, row, strict=True)) for row in index[1:]}
    assert set(by_sheet) == {
        "contacts_per_topic",
        "contacts_per_topic 2011-2013",  # the period before, to compare with
        "staffing_range",
        "trained_agents",
        "satisfaction_per_year",
    }
    assert by_sheet["contacts_per_topic 2011-2013"]["verplicht"] == "nee"
    assert by_sheet["contacts_per_topic"]["verplicht"] == "ja"
    contacts = by_sheet["contacts_per_topic"]
    assert contacts["bron"].startswith("duckdb:///") and contacts["rijen"] == 17
    assert json.loads(contacts["parameters"])["excluded_topics"] == ["dienstencheques"]
    assert contacts["checksum"].startswith("sha256:")
    assert contacts["querybestand"].endswith("queries/contacts_per_topic.sql")
    assert dt.datetime.fromisoformat(contacts["opgehaald"])
    sheet = book["contacts_per_topic"]
    assert [c.value for c in sheet[HEADER_ROW]] == ["year", "topic", "contacts", "first_contact"]
    assert sheet["A1"].value.startswith("Deelvraag 1: Hoeveel informatieaanvragen")
    assert "contacts_per_topic.sql" in sheet["A4"].value


def test_request_workbook_says_what_is_asked(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "request.xlsx"
    write_request(target, requests_for(load_question(QUESTION), workspace))
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == INDEX_SHEET
    satisfaction = book["satisfaction_per_year"]
    assert "period_start = 2014-01-01" in satisfaction["A3"].value
    assert "Vul één rij in per waarde van de kolom 'year'" in satisfaction["A4"].value
    # The question fixes the years: they are filled in already.
    years = [satisfaction.cell(r, 1).value for r in range(HEADER_ROW + 1, HEADER_ROW + 4)]
    assert years == [2014, 2015, 2016]
    rules = {str(v.sqref).split(":")[0]: v for v in satisfaction.data_validations.dataValidation}
    assert rules["A7"].type == "whole" and (rules["A7"].formula1, rules["A7"].formula2) == (
        "2014",
        "2016",
    )
    assert rules["D7"].type == "decimal" and rules["D7"].formula2 == "100"
    contacts = book["contacts_per_topic"]
    assert {str(v.sqref).split(":")[0]: v.type for v in contacts.data_validations.dataValidation}[
        "C7"
    ] == "whole"


def fill_in(request: Path, source: DatabaseSource, workspace: Workspace) -> None:
    """Fill the request workbook by hand, as a department would, with the database's figures."""
    requests, figure_sets = pull_figures(load_question(QUESTION), workspace, source)
    by_sheet = dict(zip(sheet_names(requests), figure_sets, strict=True))
    book = openpyxl.load_workbook(request)
    for row in list(book[INDEX_SHEET].iter_rows(values_only=True))[1:]:
        sheet = book[row[0]]
        for r, record in enumerate(by_sheet[row[0]].frame.to_dict("records")):
            for c, value in enumerate(record.values(), start=1):
                sheet.cell(HEADER_ROW + 1 + r, c, value.item() if hasattr(value, "item") else value)
    book.save(request)


def test_filled_in_request_drafts_as_the_database(
    source: DatabaseSource, workspace: Workspace, tmp_path: Path, from_database
) -> None:
    request = tmp_path / "request.xlsx"
    write_request(request, requests_for(load_question(QUESTION), workspace))
    fill_in(request, source, workspace)
    assert draft_from_file(request, workspace, tmp_path / "a.docx") == from_database


def test_every_mistake_is_reported_with_its_cell(
    source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    request = tmp_path / "ingevuld.xlsx"
    write_request(request, requests_for(load_question(QUESTION), workspace))
    fill_in(request, source, workspace)
    book = openpyxl.load_workbook(request)
    contacts = book["contacts_per_topic"]
    contacts["C7"] = "veel"  # text in a number cell
    contacts["C8"] = -5  # a negative count
    contacts["A9"] = 2013  # a year outside the period
    for c in range(1, 5):  # a duplicate row
        contacts.cell(11, c, contacts.cell(10, c).value)
    book["satisfaction_per_year"]["D9"] = 187.07  # a percentage above 100
    book["trained_agents"].cell(HEADER_ROW, 2, "voorlichters")  # a renamed (so missing) column
    del book["staffing_range"]  # a missing sheet
    book.save(request)

    with pytest.raises(FigureFileError) as info:
        figure_file_source(request, workspace)
    problems = info.value.problems
    expected = [
        "sheet 'contacts_per_topic', row 7, column C (contacts): 'veel' is not a whole number",
        "sheet 'contacts_per_topic', row 8, column C (contacts): -5 is negative",
        "sheet 'contacts_per_topic', row 9, column A (year): 2013 is outside the period 2014-2016",
        "sheet 'contacts_per_topic', row 11: repeats year 2014, topic",
        "sheet 'satisfaction_per_year', row 9, column D (satisfied_pct): 187.07 is above 100",
        "sheet 'trained_agents', row 6: no column 'agents'",
        "no sheet 'staffing_range' (listed in sheet 'Overzicht')",
    ]
    for fragment in expected:
        assert any(fragment in p and str(request) in p for p in problems), (fragment, problems)
    assert len(problems) == len(expected)


def test_mistakes_through_the_cli_write_nothing(
    source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    request = tmp_path / "ingevuld.xlsx"
    write_request(request, requests_for(load_question(QUESTION), workspace))
    out = tmp_path / "a.docx"
    result = CliRunner().invoke(
        cli, ["draft", str(QUESTION), "--figures", str(request), "-o", str(out)]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(f"Error: {request}: ") and "problems in the figures" in lines[0]
    assert any("sheet 'contacts_per_topic': no figures filled in" in line for line in lines)
    assert any("sheet 'staffing_range': expected one row of figures" in line for line in lines)
    assert not out.exists()


def test_figure_file_for_another_question(
    source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    requests, figure_sets = pull_figures(load_question(QUESTION), workspace, source)
    target = tmp_path / "figures.xlsx"
    write_figures(target, requests, figure_sets)
    question = load_question(QUESTION)
    other = type(question)(**{**question.__dict__, "date": dt.date(2020, 3, 1)})
    from pqgen.errors import InputFileError

    with pytest.raises(InputFileError, match="holds no figures for query contacts_per_topic"):
        draft(other, figure_file_source(target, workspace), workspace, tmp_path / "a.docx")


def test_cli_figures_and_request(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["figures", str(QUESTION), "--db", str(demo_db), "-o", str(tmp_path / "f.xlsx")]
    )
    assert result.exit_code == 0, result.output
    assert "contacts_per_topic: 17 rows for sub-question 1" in result.output
    result = runner.invoke(cli, ["request", str(QUESTION), "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    assert "5 figure sets to fill in" in result.output
    result = runner.invoke(cli, ["request", str(QUESTION), "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 2 and "must be a .xlsx file" in result.output
    result = runner.invoke(cli, ["draft", str(QUESTION), "--db", "x", "--figures", "y"])
    assert result.exit_code == 2 and "either --db or --figures" in result.output


def test_not_a_figure_file(workspace: Workspace, tmp_path: Path) -> None:
    from pqgen.errors import InputFileError

    plain = tmp_path / "cijfers.xlsx"
    openpyxl.Workbook().save(plain)
    with pytest.raises(InputFileError, match="no sheet 'Overzicht'"):
        figure_file_source(plain, workspace)
    with pytest.raises(InputFileError, match=r"no provenance\.json"):
        figure_file_source(tmp_path, workspace)
    broken = tmp_path / "kapot.xlsx"
    broken.write_text("nope")
    with pytest.raises(InputFileError, match=r"not a readable \.xlsx"):
        figure_file_source(broken, workspace)
