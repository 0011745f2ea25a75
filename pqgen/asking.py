"""Ask departments for figures no template answers, and read their workbooks back (issue 12).

`pqgen request` writes, beside the workbook for the template figures, one workbook per
department with a sheet per figure ask assigned to it (`department:` in the question's YAML);
`pqgen draft --figures a.xlsx --figures b.xlsx` reads them together.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pqgen.compose import figure_route
from pqgen.drafting import figure_file_source, plan
from pqgen.errors import PqgenError
from pqgen.figures.workbooks.ask_sheets import (
    AskSheet,
    AskSource,
    is_ask_workbook,
    read_ask_workbooks,
    write_ask_workbook,
)
from pqgen.question.model import Question
from pqgen.workspace import Workspace


def ask_sheets(question: Question, workspace: Workspace) -> list[AskSheet]:
    """The request sheet of every figure ask of `question` no template answers."""
    return figure_route.sheets(question, list(plan(question, workspace)))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "departement"


def ask_workbooks(
    sheets: list[AskSheet], output: Path, alone: bool
) -> list[tuple[Path, str | None, list[AskSheet]]]:
    """Where each department's workbook goes: `output` itself when it is the only workbook
    (`alone`: no template figures asked and one department), else OUTPUT-department.xlsx."""
    groups: dict[str | None, list[AskSheet]] = {}
    for sheet in sheets:
        groups.setdefault(sheet.department, []).append(sheet)
    if alone and len(groups) == 1:
        ((department, only),) = groups.items()
        return [(output, department, only)]
    return [
        (output.with_name(f"{output.stem}-{_slug(dept or 'vraagdelen')}.xlsx"), dept, group)
        for dept, group in groups.items()
    ]


def write_ask_requests(
    question: Question, plan_: list[tuple[Path, str | None, list[AskSheet]]]
) -> None:
    title = f"Vraag {question.number} van {question.author}: {question.title}"
    for path, department, sheets in plan_:
        write_ask_workbook(path, title, question.number, department, sheets)


def figures_source(paths: list[Path], workspace: Workspace, database: Any = None) -> Any:
    """One source for every --figures file: departments' ask workbooks read together, and at
    most one figure file (or `database`) for the template figures."""
    asks = [p for p in paths if is_ask_workbook(p)]
    others = [p for p in paths if p not in asks]
    if len(others) > 1:
        raise PqgenError(
            f"more than one figure file for the template figures ({', '.join(map(str, others))})",
            hint="give one workbook from `pqgen request` or `pqgen figures`, plus the "
            "departments' workbooks for the parts no template answers",
        )
    inner = figure_file_source(others[0], workspace) if others else database
    if not asks:
        assert inner is not None
        return inner
    return AskSource(inner, read_ask_workbooks(asks))
