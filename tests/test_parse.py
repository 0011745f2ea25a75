"""Reading published questions: the reference, its flattened form, other files, and bad input."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest

from pqgen.errors import InputFileError, QuestionParseError
from pqgen.question.parse import parse_question, parse_question_file
from tests.conftest import EXAMPLES

SUB_1 = (
    "Hoeveel informatieaanvragen zijn er de laatste 3 jaar binnengekomen via het gratis "
    "1700-nummer, opgesplitst per onderwerp waarover info wordt gevraagd?"
)


def flatten(text: str) -> str:
    """The text as PDF extraction often gives it: every line break one space."""
    return re.sub(r"\s+", " ", text)


def test_reference_question_is_read_field_by_field(published_639: str) -> None:
    q = parse_question(published_639)
    assert q.number == 639
    assert q.author == "GUY D'HAESELEER"
    assert q.date == dt.date(2017, 6, 8)
    assert q.minister == "PHILIPPE MUYTERS"
    assert q.minister_title == "VLAAMS MINISTER VAN WERK, ECONOMIE, INNOVATIE EN SPORT"
    assert q.title == "Departement Werk en Sociale Economie - Gratis 1700-nummer"
    assert q.intro.startswith("Burgers en ondernemers kunnen doelgerichte info opvragen")
    assert q.intro.endswith("via het gratis 1700-nummer.")
    assert [s.number for s in q.subquestions] == [1, 2, 3]
    assert q.subquestions[0].text == SUB_1
    assert q.subquestions[1].text == (
        "Door hoeveel personeelsleden worden de vragen via het gratis nummer behandeld?"
    )


def test_answer_part_is_not_a_subquestion(published_639: str) -> None:
    last = parse_question(published_639).subquestions[-1].text
    assert last.endswith("bij de verschillende actoren op de arbeidsmarkt?")
    assert "ANTWOORD" not in last and "MUYTERS" not in last


def test_flattened_reference_reads_the_same(published_639: str) -> None:
    assert parse_question(flatten(published_639)) == parse_question(published_639)


def test_typographic_apostrophe_is_kept(published_639: str) -> None:
    text = published_639.replace("D'HAESELEER", "D’HAESELEER")
    assert parse_question(text).author == "GUY D’HAESELEER"
    assert parse_question(flatten(text)).author == "GUY D’HAESELEER"


def test_repository_example_parses() -> None:
    q = parse_question_file(EXAMPLES / "vraag-639.txt")
    assert (q.number, q.date, q.minister) == (639, dt.date(2017, 6, 8), "PHILIPPE MUYTERS")
    assert len(q.subquestions) == 3
    assert "de laatste 3 jaar" in q.subquestions[0].text


def test_docx_question(tmp_path: Path, published_639: str) -> None:
    document = docx.Document()
    for line in published_639.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "vraag.docx"
    document.save(str(path))
    assert parse_question_file(path) == parse_question(published_639)


def test_windows_encoded_text(tmp_path: Path, published_639: str) -> None:
    path = tmp_path / "vraag.txt"
    path.write_bytes(published_639.replace("D'HAESELEER", "D’HAESELEER").encode("cp1252"))
    assert parse_question_file(path).author == "GUY D’HAESELEER"


def test_stray_number_in_a_sentence_does_not_start_a_subquestion(published_639: str) -> None:
    text = published_639.replace("behandeld?", "behandeld, zoals bedoeld in artikel 3. Graag?")
    q = parse_question(text)
    assert [s.number for s in q.subquestions] == [1, 2, 3]
    assert "artikel 3. Graag?" in q.subquestions[1].text


@pytest.mark.parametrize(
    ("edit", "part"),
    [
        (lambda t: t.replace("SCHRIFTELIJKE VRAAG", "VRAAG"), "SCHRIFTELIJKE VRAAG"),
        (lambda t: t.replace("nr. 639", "nummer"), "question number"),
        (lambda t: t.replace("datum: 8 juni 2017", "datum: binnenkort"), "date"),
        (lambda t: t.replace("8 juni 2017", "8 jni 2017"), "date"),
        (lambda t: t.replace("aan PHILIPPE", "voor PHILIPPE"), "addressee"),
        (lambda t: re.sub(r"^\d\. ", "", t, flags=re.M), "sub-questions"),
    ],
)
def test_missing_part_is_named(published_639: str, edit, part: str) -> None:
    with pytest.raises(QuestionParseError) as info:
        parse_question(edit(published_639), source="vraag.txt")
    assert part in str(info.value)
    assert str(info.value).startswith("vraag.txt: not a written question")


def test_missing_and_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        parse_question_file(tmp_path / "nope.txt")
    odd = tmp_path / "vraag.odt"
    odd.write_text("x")
    with pytest.raises(InputFileError, match=r"unknown kind of file '\.odt'"):
        parse_question_file(odd)
    broken = tmp_path / "vraag.docx"
    broken.write_text("not a zip")
    with pytest.raises(InputFileError, match=r"cannot be read as \.docx"):
        parse_question_file(broken)


@pytest.mark.slow
def test_pdf_question(tmp_path: Path, published_639: str, soffice: str) -> None:
    from tests.conftest import to_pdf

    text = tmp_path / "vraag-639.txt"
    text.write_text(published_639, encoding="utf-8")
    pdf = to_pdf(soffice, text, tmp_path)
    assert parse_question_file(pdf) == parse_question(published_639)
