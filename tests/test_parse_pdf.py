"""A question as .docx and as PDF (made by LibreOffice) reads as its text does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pqgen.question.parse import parse_question_file
from tests.conftest import to_pdf
from tests.published_pdf import question_docx
from tests.test_parse_layouts import FIXTURES, fields

LONG_TITLE = (
    "Innovatiesteun - Achtergestelde lening van het Agentschap Innoveren en Ondernemen aan "
    "de start-up Lumency"
)


def words(q: object) -> dict[str, object]:
    """The fields, with a table's cells as words (a PDF keeps rows, not cell boundaries)."""
    data = fields(q)  # type: ignore[arg-type]
    for sub in data["subquestions"]:  # type: ignore[attr-defined]
        sub["text"] = sub["text"].replace(" | ", " ")
    return data


@pytest.mark.parametrize(
    "name", ["minister-president.txt", "no-addressee-word.txt", "joint-footnote-table.txt"]
)
def test_docx_reads_as_its_text(tmp_path: Path, name: str) -> None:
    q = parse_question_file(FIXTURES / name)
    document = question_docx(q, tmp_path / "vraag.docx")
    assert fields(parse_question_file(document)) == fields(q)


@pytest.mark.slow
def test_pdf_reads_as_its_text(tmp_path: Path, soffice: str) -> None:
    mp = parse_question_file(FIXTURES / "minister-president.txt")
    cases = [
        (mp, 3),  # over several pages, with a running header and page numbers
        (dataclasses.replace(mp, title=LONG_TITLE), 1),  # the title over two lines
        (parse_question_file(FIXTURES / "no-addressee-word.txt"), 1),
        (parse_question_file(FIXTURES / "joint-footnote-table.txt"), 1),
    ]
    for k, (q, pages) in enumerate(cases):
        document = question_docx(q, tmp_path / f"vraag-{k}.docx", pages=pages)
        want = words(q)
        if pages > 1:
            want["intro"] = " ".join([q.intro] * pages)
        got = parse_question_file(to_pdf(soffice, document, tmp_path))
        assert words(got) == want, k
        assert not [w for w in got.warnings if w.startswith("title")], k


@pytest.mark.slow
def test_bulletin_pdf_reads_as_its_text(tmp_path: Path, soffice: str) -> None:
    """The bulletin, running headers and all, printed to PDF: the same three questions."""
    from pqgen.question.parse import parse_questions, read_text

    text = FIXTURES / "bulletin-2006.txt"
    pdf = to_pdf(soffice, text, tmp_path)
    want = [
        fields(r.question) for r in parse_questions(text.read_text(encoding="utf-8")) if r.question
    ]
    found = parse_questions(read_text(pdf))
    assert [fields(r.question) for r in found if r.question] == want
    assert [r.number for r in found] == [42, 57, 118]
