"""The drafted answer (antwoord) as data, between the templates and the Word document.

Templates write a small markup; :mod:`pqgen.compose.markup` reads it into these blocks, and
:mod:`pqgen.output.docx` lays them out in the house style. Nothing here knows about Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pqgen.compose.placeholders import placeholder as placeholder
from pqgen.compose.placeholders import written_or_placeholder as written_or_placeholder
from pqgen.figures.model import FigureSet
from pqgen.question.model import Question, SubQuestion
from pqgen.question.period import Period

if TYPE_CHECKING:
    from pqgen.compose.step import Step


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look. A placeholder run is highlighted in the document; a
    figure run names the figure set it came from (its source becomes a comment); an overall
    run is a total row's share or average, not a sum of its column."""

    text: str
    bold: bool = False
    italic: bool = False
    placeholder: bool = False
    figure: str | None = None
    overall: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (or numbered, when `ordered`) list; each item is a run of text."""

    items: tuple[tuple[Run, ...], ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with one header row. `align` is "left" or "right" per column."""

    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    align: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    """A chart a template asked for: the key of its picture in the section, and its caption."""

    key: str
    caption: str


Block = Paragraph | ListBlock | Table | Chart


@dataclass(frozen=True)
class Section:
    """The answer to one sub-question, numbered like it."""

    subquestion: SubQuestion
    blocks: tuple[Block, ...]
    template: str | None
    period: Period | None = None
    figures: dict[str, FigureSet] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    pictures: dict[str, bytes] = field(default_factory=dict)

    @property
    def number(self) -> int:
        return self.subquestion.number

    def placeholders(self) -> list[str]:
        return [run.text for run in self.runs() if run.placeholder]

    def runs(self) -> list[Run]:
        found: list[Run] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                found.extend(block.runs)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    found.extend(item)
            elif isinstance(block, Table):
                for cells in (block.header, *block.rows):
                    for cell in cells:
                        found.extend(cell)
        return found


@dataclass(frozen=True)
class Answer:
    """The draft answer to a question: one numbered section per sub-question. A referring
    answer to a joint question is one section of text, not numbered."""

    question: Question
    sections: tuple[Section, ...]
    numbered: bool = True
    # Known before the checks run (issue 8): (sub-question, check, message) for parts whose
    # figures are missing, cannot be narrowed or look wrong; each is a failed check.
    flags: tuple[tuple[int, str, str], ...] = ()
    # How each part was planned (what `pqgen plan` shows), so nobody plans it again.
    steps: tuple[Step, ...] = field(default=(), compare=False)

    def placeholders(self) -> list[tuple[int, str]]:
        """(sub-question number, placeholder text) for every placeholder left in the answer."""
        return [(s.number, text) for s in self.sections for text in s.placeholders()]

    def figure_sets(self) -> dict[str, FigureSet]:
        """Every figure set the answer used, by "sub-question number/name"."""
        return {f"{s.number}/{name}": fs for s in self.sections for name, fs in s.figures.items()}
