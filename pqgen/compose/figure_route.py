"""The route for a part that asks figures and that no template answers (issue 12).

Such a part is a figure ask (:mod:`pqgen.compose.figure_ask`): `pqgen request` writes a sheet
for it in the workbook of the department the question's YAML assigns it to (`department:` on
the sub-question, or under `parts:` for one part), `pqgen draft --figures` reads the filled-in
workbooks together and :mod:`pqgen.compose.figure_answer` writes the answer. A part a template
answers, a policy ask, a part with `template: none` or an unclear period never takes this route.
"""

from __future__ import annotations

from pqgen.compose.answer import Block
from pqgen.compose.figure_answer import Written, write_part
from pqgen.compose.figure_ask import FigureAsk, read_figure_ask, sheet_for
from pqgen.figures.workbooks.ask_sheets import AskFigures, AskSheet, AskSource
from pqgen.planning.asks import asks_figures
from pqgen.planning.period import unclear_phrases
from pqgen.question.model import Question, SubQuestion

# Why a part got no template that still lets it be a figure ask: no template's subject,
# measure or period fits. A view asked, `template: none`, an unclear period or a missing value
# are not figure asks.
_NOT_ROUTED = (
    "policy",
    "template none",
    "unclear period",
    "future period",
    "missing value",
    "no query",
)


def department(sub: SubQuestion, key: str) -> str | None:
    """The department the question's YAML assigns the part to (the part's own first)."""
    return (sub.parts.get(key, {}).get("department") if key else None) or sub.department


def figure_ask(step: object) -> FigureAsk | None:
    """The figure ask of a planned part, or None when a template, text or placeholder answers it."""
    from pqgen.compose.step import Step

    assert isinstance(step, Step)
    if step.template is not None or step.written is not None or step.covered_by:
        return None
    if step.period is None or step.reason is None or step.reason.kind in _NOT_ROUTED:
        return None
    if not asks_figures(step.part.full_text):
        return None
    if unclear_phrases(step.part.full_text) or unclear_phrases(step.subquestion.text):
        return None  # "in dezelfde periode van 2021": no sheet for days pqgen cannot name
    return read_figure_ask(step.part.full_text, step.period)


def sheets(question: Question, steps: list[object]) -> list[AskSheet]:
    """The request sheet of every figure ask of `question`, in order."""
    from pqgen.compose.step import Step

    out = []
    for step in steps:
        assert isinstance(step, Step)
        if (ask := figure_ask(step)) is not None:
            text = step.part.full_text
            dept = department(step.subquestion, step.part.key)
            out.append(sheet_for(ask, step.label, text, question.date, dept))
    return out


def plan_lines(
    question: Question, step: object, filled: dict[str, AskFigures] | None = None
) -> list[str]:
    """What `pqgen plan` shows for a figure ask: what was read from its words, the sheet it
    gets, and (given the filled-in workbooks) what was read from them."""
    from pqgen.compose.step import Step

    assert isinstance(step, Step)
    ask = figure_ask(step)
    if ask is None:
        return []
    sheet = sheet_for(ask, step.label, step.part.full_text, question.date,
                      department(step.subquestion, step.part.key))  # fmt: skip
    lines = [f"      figure ask: {ask.describe()}"]
    for dim in sheet.dimensions:
        if dim.values is None:
            lines.append(f"      key {dim.name}: open ({dim.why})")
        else:
            shown = ", ".join(dim.values[:6]) + (", …" if len(dim.values) > 6 else "")
            lines.append(f"      key {dim.name}: {len(dim.values)} values ({shown})")
    who = sheet.department or "no department named (department: in the question's YAML)"
    lines.append(f"      request: sheet '{sheet.sheet}' for {who}")
    if filled is not None:
        got = filled.get(step.label)
        if got is None:
            lines.append("      read: no workbook given holds this part")
        elif problem := _mismatch(question, sheet, got):
            lines.append(f"      read: NOT USED: {problem}")
        else:
            empty = len(got.blanks) - len(got.declined)
            lines.append(f"      read: {len(got.frame)} rows from {got.source}; "
                         f"{empty} empty, {len(got.declined)} 'niet beschikbaar'")  # fmt: skip
    return lines


def answer(question: Question, step: object, source: object) -> tuple[list[Block], Written] | None:
    """The answer to a figure ask from the filled-in workbooks behind `source`, or None when
    the part is no figure ask or no workbook holds it (it keeps its placeholder)."""
    from pqgen.compose.step import Step

    assert isinstance(step, Step)
    if not isinstance(source, AskSource) or (ask := figure_ask(step)) is None:
        return None
    filled = source.asks.get(step.label)
    if filled is None:
        return None
    sheet = sheet_for(ask, step.label, step.part.full_text, question.date,
                      department(step.subquestion, step.part.key))  # fmt: skip
    if mismatch := _mismatch(question, sheet, filled):
        return [], Written([], {}, [mismatch])
    written = write_part(ask, sheet, filled)
    return written.blocks, written


def _mismatch(question: Question, sheet: AskSheet, filled: AskFigures) -> str | None:
    """Why a filled-in sheet is not the one this part asks for (another question, other keys or
    unit), or None. Its figures are then not used: the part keeps its placeholder."""
    asked = (tuple(d.name for d in sheet.dimensions), sheet.unit)
    if filled.question and filled.question != str(question.number):
        return f"{filled.source} is for question {filled.question}, not {question.number}"
    if (filled.keys, filled.unit) != asked:
        return (f"{filled.source} gives {filled.unit} per {', '.join(filled.keys) or '-'}; "
                f"asked: {asked[1]} per {', '.join(asked[0]) or '-'}")  # fmt: skip
    return None
