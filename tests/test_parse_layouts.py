"""Each published layout, written out in tests/fixtures/questions/, read field by field."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pqgen.cli import cli
from pqgen.errors import QuestionParseError
from pqgen.question.load import load_question
from pqgen.question.model import Addressee, Question
from pqgen.question.parse import parse_question, parse_questions

FIXTURES = Path(__file__).parent / "fixtures" / "questions"
MP_TITLE = (
    "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN ECONOMIE, INNOVATIE EN "
    "INDUSTRIE, BUITENLANDSE ZAKEN, DIGITALISERING EN FACILITAIR MANAGEMENT"
)
KEULEN = "VLAAMS MINISTER VAN BINNENLANDS BESTUUR, STEDENBELEID, WONEN EN INBURGERING"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def flatten(text: str) -> str:
    return " ".join(text.split())


def fields(q: Question) -> dict[str, object]:
    """What must not change with the text's line structure (white space in texts aside)."""
    data = q.to_dict()
    data.pop("warnings", None)
    data.pop("answer", None)
    data["intro"] = flatten(q.intro)
    for sub in data["subquestions"]:
        sub["text"] = flatten(sub["text"])
    return data


def test_minister_title_over_two_lines_and_title_before_intro() -> None:
    q = parse_question(read("minister-president.txt"))
    assert (q.number, q.author, q.date) == (1287, "ELS AMMERAAL", dt.date(2025, 3, 14))
    assert q.minister == "MATTHIAS DIEPENDAELE"
    assert q.minister_title == MP_TITLE
    # The title ends in the start-up's name; the introduction holds " - " as a parenthesis
    # and a line that ends in " -".
    assert q.title == "Innovatiesteun - Start-up Lumency"
    assert q.intro.startswith("Het Agentschap Innoveren en Ondernemen kende vorig jaar")
    assert "Lumency - een spin-off van een Gentse universiteit - voor de bouw" in q.intro
    assert q.intro.endswith("verlies - en daarmee ook de belastingbetaler.")
    assert [s.number for s in q.subquestions] == [1, 2, 3]  # "1.Hoeveel", glued
    assert q.subquestions[0].text.startswith("Hoeveel bedroeg de lening")
    assert "a) de termijn waarbinnen" in q.subquestions[1].text
    assert "b) de manier waarop" in q.subquestions[1].text
    assert any(w.startswith("title:") for w in q.warnings)


def test_title_is_settled_by_a_blank_line_without_warning() -> None:
    text = read("minister-president.txt").replace("Lumency\nHet", "Lumency\n\nHet")
    q = parse_question(text)
    assert q.title == "Innovatiesteun - Start-up Lumency"
    assert q.warnings == []


def test_missing_aan_and_skipped_number_are_read_with_warnings() -> None:
    q = parse_question(read("no-addressee-word.txt"))
    assert (q.number, q.author, q.minister) == (412, "KOEN DAENEN", "BEN WEYTS")
    assert q.minister_title.startswith("VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING,")
    assert q.minister_title.endswith("ONDERWIJS, SPORT, DIERENWELZIJN EN VLAAMSE RAND")
    assert q.title == "Leerlingenvervoer - Reistijd buitengewoon onderwijs"
    assert q.intro.startswith("Ouders van kinderen") and q.intro.endswith("hun leerlingen.")
    assert [s.number for s in q.subquestions] == [1, 2, 4]
    assert q.subquestions[2].text.startswith("Welke maatregelen")
    warned = {w.split(":")[0] for w in q.warnings}
    assert warned == {"minister", "subquestions", "title"}


def test_repeated_number_is_renumbered_with_a_warning() -> None:
    text = read("no-addressee-word.txt").replace("2.Hoeveel", "1.Hoeveel").replace("4.W", "3.W")
    q = parse_question(text)
    assert [s.number for s in q.subquestions] == [1, 2, 3]
    assert q.subquestions[1].text.startswith("Hoeveel van hen")
    assert any("published numbering is 1, 1, 3" in w for w in q.warnings)


def test_bulletin_lists_every_question_with_its_answer() -> None:
    found = parse_questions(read("bulletin-2006.txt"))
    assert [r.number for r in found] == [42, 57, 118]
    assert all(r.error is None for r in found)
    q42, q57, q118 = (r.question for r in found)
    assert q42 and q57 and q118
    assert (q42.author, q42.date, q42.minister) == (
        "JAN LOONES",
        dt.date(2006, 3, 8),
        "MARINO KEULEN",
    )
    assert q42.minister_title == KEULEN
    assert q42.title == "Sociale woningen - Leegstand aan de kust"
    assert q42.intro.startswith("In verschillende kustgemeenten")
    assert q42.subquestions[0].text.endswith("langer dan twaalf maanden leeg, per kustgemeente?")
    assert q42.answer and q42.answer.startswith("1. Op 1 januari 2006 stonden")
    assert q42.answer.endswith("wachten op een grondige renovatie.")
    # One heading serves the questions after it; the running header is not part of any text.
    assert (q57.minister, q57.minister_title) == ("MARINO KEULEN", KEULEN)
    assert q57.title == "Inburgering - Wachtlijsten onthaalbureaus"
    assert q57.answer == (
        "Eind 2005 stonden 1.130 nieuwkomers op een wachtlijst. Zij wachtten gemiddeld elf weken."
    )
    assert q118.minister == "FRANK VANDENBROUCKE"
    assert q118.minister_title == (
        "VICE-MINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN WERK, "
        "ONDERWIJS EN VORMING"
    )
    assert q118.author == "KATHLEEN HELSEN"
    assert q118.intro == (
        "De centra voor leerlingenbegeleiding krijgen er elk jaar taken bij, zonder dat hun "
        "personeelsformatie meegroeit."
    )
    assert "VANDENBROUCKE" not in (q57.answer or "")


def test_joint_line_footnote_table_and_typesetting_marks() -> None:
    q = parse_question(read("joint-footnote-table.txt"))
    assert (q.number, q.minister) == (208, "ZUHAL DEMIR")
    assert q.title == "Energiepremies - Uitbetaling van de dakisolatiepremie"
    assert q.joint == (Addressee("Zuhal Demir", 208), Addressee("Matthias Diependaele", 377))
    # The footnote is put where its marker was; its line at the page foot and the page's
    # footer and number are gone. Non-breaking spaces and soft hyphens leave no trace.
    assert "dakisolatie [Energie- en Klimaatagentschap, Jaarverslag 2022, p. 14.]." in q.intro
    assert "40.000 premies" in q.intro and "\u00a0" not in q.intro
    assert "behandeltermijn" in q.intro and "voorfinanciering" in q.intro
    assert [s.number for s in q.subquestions] == [1, 2, 3]
    assert q.subquestions[0].text.splitlines() == [
        "Hoeveel aanvragen kwamen er in 2023 binnen en hoeveel werden er uitbetaald, per maand?",
        "Maand | Aanvragen | Uitbetaald",
        "januari | 3.210 | 2.980",
        "februari | 3.455 | 3.102",
    ]
    assert q.subquestions[1].text == "Hoe lang duurde de behandeling van een aanvraag gemiddeld?"
    assert (
        q.subquestions[2].text == "Welke maatregelen neemt de minister om de termijn te verkorten?"
    )


@pytest.mark.parametrize(
    "name",
    [
        "minister-president.txt",
        "no-addressee-word.txt",
        "bulletin-2006.txt",
        "questions-and-answers.txt",
    ],
)
def test_lost_line_structure_gives_the_same_fields(name: str) -> None:
    text = read(name)
    want = [fields(r.question) for r in parse_questions(text) if r.question]
    assert want
    for variant in (flatten(text), re.sub(r"\n\s*\n", "\n", text)):
        got = [fields(r.question) for r in parse_questions(variant) if r.question]
        assert got == want


def test_file_number_picks_one_question(tmp_path: Path) -> None:
    q = load_question(FIXTURES / "questions-and-answers.txt#96")
    assert (q.number, q.title) == (96, "Fietssnelwegen - Ongevallen")
    assert q.answer and q.answer.startswith("1. In 2021 gebeurden er 412 ongevallen")
    with pytest.raises(QuestionParseError, match=r"holds 2 questions \(nr\. 95, 96\)"):
        load_question(FIXTURES / "questions-and-answers.txt")
    with pytest.raises(QuestionParseError, match=r"no question nr\. 7 here \(found: 95, 96\)"):
        load_question(FIXTURES / "questions-and-answers.txt#7")


def test_yaml_keeps_warnings_and_answer(tmp_path: Path) -> None:
    q = load_question(FIXTURES / "bulletin-2006.txt#57")
    path = tmp_path / "vraag.yaml"
    path.write_text(q.to_yaml(), encoding="utf-8")
    back = load_question(path)
    assert back == q
    assert back.warnings == q.warnings and back.warnings
    assert back.answer == q.answer


def test_cli_parse_all_lists_questions_and_warnings() -> None:
    result = CliRunner().invoke(cli, ["parse", "--all", str(FIXTURES / "bulletin-2006.txt")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(
        "nr. 42 of 2006-03-08 by JAN LOONES to MARINO KEULEN: Sociale woningen"
    )
    assert "warning: title:" in lines[2]
    assert lines[3].startswith("nr. 118 of 2006-03-02 by KATHLEEN HELSEN to FRANK VANDENBROUCKE")
    result = CliRunner().invoke(
        cli, ["parse", "--all", "--json", str(FIXTURES / "bulletin-2006.txt")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[: result.output.rindex("]") + 1])
    assert [d["number"] for d in data] == [42, 57, 118]


def test_cli_parse_one_of_several(tmp_path: Path) -> None:
    out = tmp_path / "vraag.yaml"
    name = str(FIXTURES / "bulletin-2006.txt") + "#57"
    result = CliRunner().invoke(cli, ["parse", name, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Warning: title:" in result.output
    assert "answer: Eind 2005 stonden" in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(FIXTURES / "bulletin-2006.txt")])
    assert result.exit_code == 1
    assert "holds 3 questions (nr. 42, 57, 118)" in result.output
    assert "Traceback" not in result.output


def test_bulletin_question_in_prose_is_one_subquestion_with_a_warning() -> None:
    text = read("bulletin-2006.txt").replace(
        "1. Hoeveel voltijdse equivalenten werkten er op 1 september 2005 in de centra?\n\n"
        "2. Hoeveel leerlingen",
        "Hoeveel voltijdse equivalenten werkten er op 1 september 2005 in de centra, en hoeveel "
        "leerlingen",
    )
    q = parse_question(text, number=118)
    assert q.title == "Centra voor leerlingenbegeleiding - Personeel"
    assert q.intro.startswith("De centra voor leerlingenbegeleiding krijgen er elk jaar")
    assert [s.text for s in q.subquestions] == [
        "Hoeveel voltijdse equivalenten werkten er op 1 september 2005 in de centra, en hoeveel "
        "leerlingen begeleidde een voltijdse medewerker gemiddeld?"
    ]
    assert any(w.startswith("subquestions: none numbered") for w in q.warnings)


def test_title_that_starts_with_capitals() -> None:
    text = read("questions-and-answers.txt").split("\n\nLYDIA PEETERS\n")[0]
    text = text.replace("Fietssnelwegen - Stand", "VDAB - Stand")
    q = parse_question(text)  # the line breaks settle it
    assert q.minister_title == "VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN"
    assert q.title == "VDAB - Stand van de aanleg"
    assert q.warnings == []
    flat = parse_question(flatten(text))  # without them, the dash does, with a warning
    assert (flat.minister_title, flat.title) == (q.minister_title, q.title)
    assert any(w.startswith("minister_title:") for w in flat.warnings)


@pytest.mark.parametrize("flat", [False, True])
def test_date_before_author_and_courtesy_title(flat: bool) -> None:
    text = (
        read("questions-and-answers.txt")
        .split("\n\nLYDIA PEETERS\n")[0]
        .replace(
            "nr. 95\nvan STIJN DE ROO\ndatum: 20 oktober 2022",
            "nr. 95\nvan 20 oktober 2022\nvan de heer STIJN DE ROO",
        )
    )
    q = parse_question(flatten(text) if flat else text)
    assert (q.number, q.author, q.date) == (95, "STIJN DE ROO", dt.date(2022, 10, 20))
    assert (q.minister, q.title) == ("LYDIA PEETERS", "Fietssnelwegen - Stand van de aanleg")


@pytest.mark.parametrize("flat", [False, True])
def test_answer_ending_in_capitals_is_not_the_next_heading(flat: bool) -> None:
    text = read("bulletin-2006.txt").replace(
        "elf weken.\n\nFRANK", "elf weken.\nTOTAAL 1.130\nFRANK"
    )
    found = parse_questions(flatten(text) if flat else text)
    assert [r.question.minister for r in found if r.question] == [
        "MARINO KEULEN",
        "MARINO KEULEN",
        "FRANK VANDENBROUCKE",
    ]
    assert found[1].question and (found[1].question.answer or "").endswith("TOTAAL 1.130")
