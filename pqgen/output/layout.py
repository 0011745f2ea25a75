"""The official layout as data: which lines a document carries, in which order, in which style.

The house-style .docx says how a line looks; a `Layout` says which lines there are. The renderer
(`output.docx`) writes them and `pqgen check` (`review`) reads them back against the same data,
so the two cannot drift apart. Another parliament's layout is another `Layout`.

A line's text is a `str.format` pattern over the fields of :func:`fields`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pqgen import catalogue
from pqgen.compose.answer import Table
from pqgen.dutch import date
from pqgen.output import housestyle as hs
from pqgen.question.model import Question


@dataclass(frozen=True)
class Line:
    """One line of the layout: its text pattern and the house-style paragraph style."""

    text: str
    style: str

    def format(self, values: dict[str, str]) -> str:
        return self.text.format(**values)


@dataclass(frozen=True)
class Layout:
    """An official layout: the question block (for review copies), the answer's header with the
    line that anchors it ("ANTWOORD"), and the draft-only and closing lines."""

    name: str
    question_header: tuple[Line, ...]
    answer_header: tuple[Line, ...]
    anchor: str
    due_date: Line
    annex: Line
    figure_caption: Line

    def expected_answer_header(self, question: Question) -> list[str]:
        """The answer's header lines with text, in order, for `question`."""
        values = fields(question)
        return [text for line in self.answer_header if (text := line.format(values))]


def fields(question: Question, due: dt.date | None = None) -> dict[str, str]:
    """The values a layout's patterns may use."""
    values = {
        "number": str(question.number),
        "author": question.author,
        "date": date(question.date),
        "minister": question.minister,
        "minister_title": question.minister_title,
        "title": question.title,
    }
    if due is not None:
        values["due"] = date(due)
    return values


FLEMISH_PARLIAMENT = Layout(
    name="Vlaams Parlement",
    question_header=(
        Line(catalogue.QUESTION_HEADING, hs.HEADING),
        Line("nr. {number}", hs.REFERENCE),
        Line("van {author}", hs.REFERENCE),
        Line("datum: {date}", hs.REFERENCE),
        Line("", hs.REFERENCE),
        Line("aan {minister}", hs.MINISTER),
        Line("{minister_title}", hs.MINISTER_TITLE),
        Line("{title}", hs.QUESTION_TITLE),
    ),
    answer_header=(
        Line("{minister}", hs.MINISTER),
        Line("{minister_title}", hs.MINISTER_TITLE),
        Line(catalogue.ANSWER_HEADING, hs.HEADING),
        Line("op vraag nr. {number} van {date}", hs.REFERENCE),
        Line("van {author}", hs.REFERENCE),
        Line("", hs.REFERENCE),
    ),
    anchor=catalogue.ANSWER_HEADING,
    due_date=Line(catalogue.DUE_DATE, hs.DUE_DATE),
    annex=Line(catalogue.ANNEX_LINE, hs.BODY),
    figure_caption=Line(catalogue.FIGURE_CAPTION, hs.CAPTION),
)


FIRST_COLUMN_SHARE = 0.4  # at most, of the text width: the keys (topics, months) of a table


def column_widths(block: Table, width: int) -> list[int]:
    """The widths of a table's columns (in the unit of `width`), fixed so that Word and
    LibreOffice show the same: each column as wide as its longest header word or cell needs,
    shared out over the text width; the first column (the keys) at most 40% of it. Two columns
    share it evenly. A header breaks between words, never inside one."""
    columns = len(block.header)
    if columns <= 2:
        return [width // max(columns, 1)] * columns

    def need(c: int) -> int:
        header = "".join(r.text for r in block.header[c]).split() or [""]
        cells = ["".join(r.text for r in row[c]) for row in block.rows if c < len(row)]
        return max(len(w) for w in header + cells) + 2

    needs = [need(c) for c in range(columns)]
    first = min(int(width * FIRST_COLUMN_SHARE), width * needs[0] // sum(needs))
    rest = width - first
    others = sum(needs[1:])
    widths = [first] + [rest * n // others for n in needs[1:]]
    return widths
