"""Figure asks no template answers (issue 12): read the ask, request the right sheet, fill it
in as a department would (openpyxl), draft from it, and find in the answer exactly what was
filled in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pqgen.cli import cli
from pqgen.compose.figure_ask import read_figure_ask
from pqgen.figures.dimensions import BRUSSELS, PROVINCES, flemish_municipalities, known_values
from pqgen.planning.period import read_period
from pqgen.question.period import Period
from tests.conftest import EXAMPLES, REPO

ASKS = REPO / "tests" / "figure_asks"
FIRST = 7  # the first row of values in a request sheet


def run(*args: str | Path) -> Any:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


def request(question: str, out: Path) -> list[Path]:
    result = run("request", ASKS / question, "-o", out)
    assert result.exit_code == 0, result.output
    return sorted(out.parent.glob(f"{out.stem}*.xlsx"))


def fill(path: Path, value: Any, who: str = "") -> dict[str, dict[tuple[str, ...], Any]]:
    """Fill every prefilled row of every sheet with value(sheet, keys); what was written."""
    workbook = load_workbook(path)
    written: dict[str, dict[tuple[str, ...], Any]] = {}
    for sheet in workbook.worksheets[1:]:
        width = sum(1 for c in sheet[FIRST - 1] if c.value)
        written[sheet.title] = {}
        for r in range(FIRST, sheet.max_row + 1):
            keys = tuple(str(sheet.cell(r, c).value) for c in range(1, width))
            if not any(k != "None" for k in keys) and width > 1:
                continue
            sheet.cell(r, width).value = v = value(sheet.title, keys)
            written[sheet.title][keys] = v
    if who:
        workbook["Vraagdelen"]["B3"] = who
    out = path.with_name("ingevuld-" + path.name)
    workbook.save(out)
    return written


def draft(question: str, tmp_path: Path, *figures: Path) -> tuple[Any, Path]:
    out = tmp_path / "antwoord.docx"
    args = [x for f in figures for x in ("--figures", f)]
    return run("draft", ASKS / question, *args, "-o", out), out


def tables(path: Path) -> list[list[list[str]]]:
    return [
        [[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables
    ]


def paragraphs(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def number(text: str) -> float:
    return float(text.replace("€", "").replace("%", "").replace(".", "").replace(",", ".").strip())


# --- reading the ask ---------------------------------------------------------------------------

ASKED_ON = dt.date(2025, 3, 10)


@pytest.mark.parametrize(
    ("text", "measure", "unit", "dimensions"),
    [
        ("Hoeveel aanvragen voor een omgevingsvergunning werden er sinds 2019 ingediend, per jaar "
         "en per provincie?", "aanvragen voor een omgevingsvergunning", "aantal",
         ("jaar", "provincie")),
        ("Welk bedrag aan ticketverkoop werd er per jaar geboekt van 2014 tot en met 2023?",
         "ticketverkoop", "euro", ("jaar",)),
        ("Hoeveel medewerkers zijn er op het kabinet, opgesplitst naar geslacht (m/v/x) en per "
         "leeftijdscategorie?", "medewerkers", "aantal", ("geslacht", "leeftijdscategorie")),
        ("Hoeveel ton huishoudelijk restafval werd er in 2024 ingezameld?",
         "huishoudelijk restafval", "ton", ()),
        ("Welk percentage van de aanvragen werd per maand goedgekeurd in 2024?",
         "percentage van de aanvragen", "percentage", ("maand",)),
        ("Hoeveel subsidies werden er per sector en per type toegekend in 2023?",
         "subsidies", "aantal", ("sector", "type")),
        ("Hoeveel leerlingen waren er in 2023 per school?", "leerlingen", "aantal", ("school",)),
    ],
)  # fmt: skip
def test_the_measure_unit_and_dimensions_are_read(
    text: str, measure: str, unit: str, dimensions: tuple[str, ...]
) -> None:
    ask = read_figure_ask(text, read_period([text], ASKED_ON))
    assert ask is not None
    assert (ask.measure, ask.unit, ask.dimensions) == (measure, unit, dimensions)


def test_one_province_is_a_restriction_not_a_dimension() -> None:
    text = "Welk bedrag aan subsidies werd er in de provincie Limburg per jaar toegekend in 2023?"
    ask = read_figure_ask(text, read_period([text], ASKED_ON))
    assert ask is not None and ask.province == "Limburg" and ask.dimensions == ("jaar",)


def test_a_policy_question_is_no_figure_ask() -> None:
    text = "Hoe evalueert de minister de doorlooptijd?"
    assert read_figure_ask(text, read_period([text], ASKED_ON)) is None


# --- known values ------------------------------------------------------------------------------

PERIOD = Period.years_from(2019, 2021, "test")


def test_years_months_provinces_and_genders_are_known() -> None:
    assert known_values("jaar", PERIOD, ASKED_ON).values == ("2019", "2020", "2021")
    months = known_values(
        "maand", Period(dt.date(2024, 11, 1), dt.date(2025, 2, 28), "t"), ASKED_ON
    )
    assert months.values == ("2024-11", "2024-12", "2025-01", "2025-02")
    assert known_values("provincie", PERIOD, ASKED_ON).values == PROVINCES
    assert known_values("provincie", PERIOD, ASKED_ON, brussels=True).values == (
        *PROVINCES,
        BRUSSELS,
    )
    assert known_values("geslacht", PERIOD, ASKED_ON).values == ("m", "v", "x")
    assert known_values("sector", PERIOD, ASKED_ON).values is None


def test_municipalities_are_those_after_the_2025_mergers() -> None:
    names = flemish_municipalities()
    assert len(names) == 285
    assert {"Merelbeke-Melle", "Beveren-Kruibeke-Zwijndrecht", "Tongeren-Borgloon"} <= set(names)
    assert not {"Melle", "Kruibeke", "Borgloon", "Namen", "Brussel"} & set(names)
    assert known_values("gemeente", PERIOD, dt.date(2025, 1, 1)).values == names


def test_municipalities_before_2025_are_an_open_column_that_says_why() -> None:
    known = known_values("gemeente", PERIOD, dt.date(2024, 12, 31))
    assert known.values is None and "2025-01-01" in known.why


# --- round trips -------------------------------------------------------------------------------


def test_permits_per_province_per_year(tmp_path: Path) -> None:
    (path,) = request("../../examples/vraag-412.yaml", tmp_path / "uitvraag.xlsx")
    sheet = load_workbook(path)["Deel 1"]
    assert [c.value for c in sheet[FIRST - 1]] == ["jaar", "provincie", "aantal"]
    keys = [
        (sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(FIRST, sheet.max_row + 1)
    ]
    assert keys == [(y, p) for y in range(2019, 2026) for p in PROVINCES]
    assert sheet.data_validations.dataValidation[0].sqref  # a typed, checked value column
    written = fill(path, lambda _, k: int(k[0]) * 3 + len(k[1]) * 100, who="Els Peeters")
    result, out = draft(
        "../../examples/vraag-412.yaml", tmp_path, path.with_name("ingevuld-" + path.name)
    )
    assert result.exit_code == 0, result.output
    (table,) = tables(out)
    years = [*map(str, range(2019, 2025)), "2025 (tot en met 28 februari)"]
    assert table[0] == ["Provincie", *years, "Totaal"]
    values = written["Deel 1"]
    for row in table[1:-1]:
        filled = [values[(str(y), row[0])] for y in range(2019, 2026)]
        assert [number(c) for c in row[1:-1]] == filled
        assert number(row[-1]) == sum(filled)
    grand = sum(values.values())
    assert number(table[-1][-1]) == grand
    assert f"{grand:,}".replace(",", ".") in paragraphs(out)
    assert "Het hoogste cijfer was er in 2024" in paragraphs(out)  # 2025 is not over
    assert "Checks failed: 0" in result.output
    provenance = json.loads(out.with_name("antwoord.provenance.json").read_text())
    (recorded,) = provenance["figure_sets"].values()
    assert recorded["source"] == (
        f"werkboek {path.with_name('ingevuld-' + path.name).name}, blad 'Deel 1' "
        "(Departement Omgeving), ingevuld door Els Peeters"
    )
    assert len(recorded["data"]) == 35
    comments = docx.Document(str(out)).part.package.parts
    assert any(b"ingevuld door Els Peeters" in p.blob for p in comments if "comments" in p.partname)


def test_amounts_per_year_in_euro(tmp_path: Path) -> None:
    (path,) = request("ticketverkoop.yaml", tmp_path / "uitvraag.xlsx")
    written = fill(path, lambda _, k: 1_000_000 + int(k[0]) * 37)
    result, out = draft("ticketverkoop.yaml", tmp_path, path.with_name("ingevuld-" + path.name))
    assert result.exit_code == 0, result.output
    (table,) = tables(out)  # ten years: a table, not a list
    assert table[0] == ["Jaar", "Bedrag"]
    assert [row[0] for row in table[1:-1]] == [str(y) for y in range(2014, 2024)]
    assert all(row[1].startswith("€ ") for row in table[1:])
    assert [number(row[1]) for row in table[1:-1]] == list(written["Deel 1"].values())
    total = sum(written["Deel 1"].values())
    assert table[-1] == ["Totaal", "€ " + f"{total:,}".replace(",", ".")]
    assert "steeg het van € 1.074.518 naar € 1.074.851" in paragraphs(out)


def test_subsidies_in_one_province_and_percentages_never_summed(tmp_path: Path) -> None:
    (path,) = request("landbouwsubsidies.yaml", tmp_path / "uitvraag.xlsx")
    workbook = load_workbook(path)
    assert "in de provincie Limburg" in workbook["Deel 1"]["A2"].value
    written = fill(path, lambda s, k: 250_000.5 if s == "Deel 1" else 80 + int(k[0]) % 10 / 2)
    result, out = draft("landbouwsubsidies.yaml", tmp_path, path.with_name("ingevuld-" + path.name))
    assert result.exit_code == 0, result.output
    text = paragraphs(out)
    assert (
        "In de provincie Limburg ging het tussen 1 januari 2020 en 31 december 2023 in totaal om "
        "€ 1.000.002,00 (subsidies)." in text
    )
    assert "2020: € 250.000,50" in text and "Per jaar ging het telkens om € 250.000,50." in text
    assert (
        "Percentage van de aanvragen per jaar, tussen 1 januari 2020 en 31 december 2023:" in text
    )
    assert "Totaal" not in text.split("2.")[-1] and "80,0%" in text and "81,5%" in text
    assert "(1,5 procentpunt)" in text
    assert written["Deel 2"][("2023",)] == 81.5


def test_staff_by_gender_and_age_group_with_an_open_column(tmp_path: Path) -> None:
    (path,) = request("kabinet.yaml", tmp_path / "uitvraag.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Deel 1"]
    assert [c.value for c in sheet[FIRST - 1]] == ["geslacht", "leeftijdscategorie", "aantal"]
    assert [sheet.cell(r, 1).value for r in range(FIRST, sheet.max_row + 1)] == ["m", "v", "x"]
    counts = {("m", "<30"): 4, ("m", "30-49"): 9, ("v", "<30"): 6, ("v", "30-49"): 11,
              ("x", "<30"): 1, ("x", "30-49"): 0}  # fmt: skip
    for r, ((gender, age), n) in enumerate(counts.items(), start=FIRST):
        sheet.cell(r, 1).value, sheet.cell(r, 2).value, sheet.cell(r, 3).value = gender, age, n
    filled = tmp_path / "ingevuld.xlsx"
    workbook.save(filled)
    result, out = draft("kabinet.yaml", tmp_path, filled)
    assert result.exit_code == 0, result.output
    (table,) = tables(out)
    assert table[0] == ["Geslacht", "<30", "30-49", "Totaal"]
    assert table[1:] == [["m", "4", "9", "13"], ["v", "6", "11", "17"], ["x", "1", "0", "1"],
                         ["Totaal", "11", "20", "31"]]  # fmt: skip


def test_per_municipality_and_one_total_from_two_departments(tmp_path: Path) -> None:
    paths = request("laadpalen.yaml", tmp_path / "uitvraag.xlsx")
    assert [p.name for p in paths] == [
        "uitvraag-departement-mobiliteit-en-openbare-werken.xlsx",
        "uitvraag-ovam.xlsx",
    ]
    mobility = load_workbook(paths[0])
    assert mobility.sheetnames == ["Vraagdelen", "Deel 1"]
    assert mobility["Vraagdelen"]["B2"].value == "Departement Mobiliteit en Openbare Werken"
    names = [c.value for c in mobility["Deel 1"]["A"][FIRST - 1 :]]
    assert names == list(flemish_municipalities())
    first = fill(paths[0], lambda _, k: len(k[0]))
    second = fill(paths[1], lambda _, k: 1234.5)
    filled = [p.with_name("ingevuld-" + p.name) for p in paths]
    result, out = draft("laadpalen.yaml", tmp_path, *filled)
    assert result.exit_code == 0, result.output
    (table,) = tables(out)
    assert len(table) == 1 + 285 + 1
    assert {row[0]: number(row[1]) for row in table[1:-1]} == {
        k[0]: v for k, v in first["Deel 1"].items()
    }
    assert number(table[-1][1]) == sum(first["Deel 1"].values())
    assert second["Deel 2"][()] == 1234.5
    assert "In 2024 ging het om 1.234,5 ton (huishoudelijk restafval)." in paragraphs(out)


# --- what a department leaves empty or gets wrong ----------------------------------------------


def test_an_empty_cell_is_not_available_and_a_failed_check_until_decided(tmp_path: Path) -> None:
    (path,) = request("ticketverkoop.yaml", tmp_path / "uitvraag.xlsx")
    fill(path, lambda _, k: None if k[0] == "2016" else 100)
    filled = path.with_name("ingevuld-" + path.name)
    result, out = draft("ticketverkoop.yaml", tmp_path, filled)
    assert result.exit_code == 0, result.output
    assert "Checks failed: 1" in result.output and "(2016)" in result.output
    (table,) = tables(out)
    assert ["2016", "niet beschikbaar"] in table and table[-1] == ["Totaal", "niet beschikbaar"]
    assert run("draft", ASKS / "ticketverkoop.yaml", "--figures", filled, "--final",
               "-o", tmp_path / "final.docx").exit_code == 1  # fmt: skip
    fill(path, lambda _, k: "niet beschikbaar" if k[0] == "2016" else 100)  # decided
    result, out = draft("ticketverkoop.yaml", tmp_path / "g", filled)
    assert "Checks failed: 0" in result.output
    assert ["2016", "niet beschikbaar"] in tables(out)[0]


def test_every_wrong_cell_is_reported_at_once(tmp_path: Path) -> None:
    (path,) = request("landbouwsubsidies.yaml", tmp_path / "uitvraag.xlsx")
    fill(path, lambda s, k: "veel" if k[0] == "2021" else (120 if s == "Deel 2" else -5))
    result, out = draft("landbouwsubsidies.yaml", tmp_path, path.with_name("ingevuld-" + path.name))
    assert result.exit_code == 1
    assert "'veel' is not a number" in result.output
    assert "a percentage is 0 to 100" in result.output and "must be 0 or more" in result.output
    assert not out.exists()


def test_the_plan_shows_what_was_read_per_part() -> None:
    result = run("plan", EXAMPLES / "vraag-412.yaml")
    assert result.exit_code == 0, result.output
    assert (
        "figure ask: 'aanvragen voor een omgevingsvergunning' (aantal); per jaar, per provincie"
        in result.output
    )
    assert "key provincie: 5 values" in result.output
    assert "request: sheet 'Deel 1' for Departement Omgeving" in result.output


def test_contact_centre_questions_take_no_figure_ask_route() -> None:
    result = run("plan", REPO / "examples" / "vraag-639.yaml")
    assert result.exit_code == 0 and "figure ask" not in result.output


def test_the_plan_shows_what_was_read_from_the_workbooks(tmp_path: Path) -> None:
    (path,) = request("../../examples/vraag-412.yaml", tmp_path / "uitvraag.xlsx")
    fill(path, lambda _, k: None if k == ("2019", "Limburg") else 7, who="Els Peeters")
    filled = path.with_name("ingevuld-" + path.name)
    result = run("plan", EXAMPLES / "vraag-412.yaml", "--figures", filled)
    assert result.exit_code == 0, result.output
    assert (
        f"read: 35 rows from werkboek {filled.name}, blad 'Deel 1' (Departement Omgeving), "
        "ingevuld door Els Peeters; 1 empty, 0 'niet beschikbaar'" in result.output
    )


def test_a_workbook_for_another_question_is_not_used(tmp_path: Path) -> None:
    (path,) = request("ticketverkoop.yaml", tmp_path / "uitvraag.xlsx")
    fill(path, lambda _, k: 5)
    filled = path.with_name("ingevuld-" + path.name)
    other = tmp_path / "andere.yaml"
    other.write_text((ASKS / "ticketverkoop.yaml").read_text().replace("number: 98", "number: 99"))
    out = tmp_path / "antwoord.docx"
    result = run("draft", other, "--figures", filled, "-o", out)
    assert result.exit_code == 0, result.output
    assert "is for question 98, not 99" in result.output and "Checks failed: 1" in result.output
    assert tables(out) == [] and "TE VERVOLLEDIGEN" in paragraphs(out)


def test_templates_from_the_database_and_a_figure_ask_from_a_workbook(
    tmp_path: Path, demo_db: Path
) -> None:
    path, templates = request("gemengd-639.yaml", tmp_path / "uitvraag.xlsx")
    assert path.name == "uitvraag-departement-werk-en-sociale-economie.xlsx"
    assert load_workbook(path).sheetnames == ["Vraagdelen", "Deel 4"]
    assert "Overzicht" in load_workbook(templates).sheetnames  # the template figures, as before
    written = fill(path, lambda _, k: 10_000 * (int(k[0]) - 2010))
    filled = path.with_name("ingevuld-" + path.name)
    out = tmp_path / "antwoord.docx"
    result = run(
        "draft", ASKS / "gemengd-639.yaml", "--db", demo_db, "--figures", filled, "-o", out
    )
    assert result.exit_code == 0, result.output
    assert "1. template contacten-per-onderwerp [2014-2016]" in result.output
    text = paragraphs(out)
    assert "69.871 keer" in text  # sub-question 1, from the database, as always
    assert "2014: € 40.000" in text and "2016: € 60.000" in text
    assert "ging het in totaal om € 150.000 (uitgegeven aan de bekendmaking van het nummer)" in text
    assert sum(written["Deel 4"].values()) == 150_000


def test_words_that_look_like_a_formula_stay_text(tmp_path: Path) -> None:
    question = tmp_path / "vraag.yaml"
    text = (ASKS / "ticketverkoop.yaml").read_text()
    question.write_text(text.replace("department: Departement", "department: =1+1 Departement"))
    result = run("request", question, "-o", tmp_path / "uitvraag.xlsx")
    assert result.exit_code == 0, result.output
    cell = load_workbook(tmp_path / "uitvraag.xlsx")["Vraagdelen"]["B2"]
    assert cell.data_type == "s" and cell.value == "=1+1 Departement Cultuur, Jeugd en Media"


def question_file(tmp_path: Path, date: str, text: str) -> Path:
    path = tmp_path / "vraag.yaml"
    path.write_text(
        "number: 7\nauthor: X\ndate: '" + date + "'\nminister: M\nminister_title: T\n"
        "title: Test\nintro: ''\nsubquestions:\n- number: 1\n  text: " + text + "\n"
    )
    return path


def test_months_and_brussels_are_prefilled(tmp_path: Path) -> None:
    question = question_file(
        tmp_path, "2025-02-03", "Welk percentage van de meldingen werd per maand en per provincie "
        "(en in het Brussels Hoofdstedelijk Gewest) binnen de week behandeld in 2024?")  # fmt: skip
    assert run("request", question, "-o", tmp_path / "u.xlsx").exit_code == 0
    sheet = load_workbook(tmp_path / "u.xlsx")["Deel 1"]
    rows = [
        (c.value, d.value)
        for c, d in zip(sheet["A"][FIRST - 1 :], sheet["B"][FIRST - 1 :], strict=True)
    ]
    assert rows == [(f"2024-{m:02d}", p) for m in range(1, 13) for p in (*PROVINCES, BRUSSELS)]
    fill(tmp_path / "u.xlsx", lambda _, k: 50 + int(k[0][-2:]))
    result = run(
        "draft", question, "--figures", tmp_path / "ingevuld-u.xlsx", "-o", tmp_path / "a.docx"
    )
    assert result.exit_code == 0, result.output
    (table,) = tables(tmp_path / "a.docx")
    assert (
        table[0][:3] == ["Provincie", "januari 2024", "februari 2024"] and "Totaal" not in table[0]
    )
    assert table[1][1:3] == ["51,0%", "52,0%"] and len(table) == 1 + 6  # no total row


def test_municipalities_before_2025_are_filled_in_by_the_department(tmp_path: Path) -> None:
    question = question_file(
        tmp_path,
        "2024-03-01",
        "Hoeveel bouwvergunningen werden er in 2023 afgeleverd per gemeente?",
    )
    plan = run("plan", question)
    assert "key gemeente: open (the municipalities as of 2024-03-01 are not known" in plan.output
    assert run("request", question, "-o", tmp_path / "u.xlsx").exit_code == 0
    workbook = load_workbook(tmp_path / "u.xlsx")
    sheet = workbook["Deel 1"]
    assert sheet.max_row == FIRST - 1 and "Vul ook de kolom(men) gemeente in" in sheet["A4"].value
    for r, (name, n) in enumerate([("Melle", 12), ("Merelbeke", 30)], start=FIRST):
        sheet.cell(r, 1).value, sheet.cell(r, 2).value = name, n
    workbook.save(tmp_path / "ingevuld.xlsx")
    result = run(
        "draft", question, "--figures", tmp_path / "ingevuld.xlsx", "-o", tmp_path / "a.docx"
    )
    assert result.exit_code == 0, result.output
    text = paragraphs(tmp_path / "a.docx")
    assert "In 2023 ging het in totaal om 42 bouwvergunningen." in text
    assert "Melle: 12" in text and "Merelbeke: 30" in text


@pytest.mark.parametrize(
    "words",
    [
        "Wat was de gemiddelde wachttijd bij het contactpunt in 2023?",
        "Hoe lang duurde de behandeling van een aanvraag in 2023?",
        "Wat was de gemiddelde behandeltermijn van de aanvragen in 2023?",
    ],
)
def test_an_average_or_a_duration_is_no_figure_ask(words: str) -> None:
    period = Period.years_from(2023, 2023, "2023")
    assert read_figure_ask(words, period) is None
