"""The annex (bijlage 1): the full tables behind an answer, as a workbook for Parliament.

One sheet per figure set the answer uses, with a title, a formatted header row (the template's
`labels:` for the column names) and number formats by column type, and a sheet "Bronnen" naming
the source of each. The answer text refers to it as "bijlage 1".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pqgen.compose.answer import Answer
from pqgen.figures.columns import COLUMN_TYPES
from pqgen.figures.model import FigureSet, describe_parameters, figure_key, plain_value
from pqgen.figures.workbooks import as_data
from pqgen.files import atomic_write

ANNEX_NUMBER = 1


def annex_path(docx: Path) -> Path:
    return docx.with_name(f"{docx.stem}-bijlage-{ANNEX_NUMBER}.xlsx")


def write_annex(answer: Answer, path: Path) -> Path:
    """Write bijlage 1 for `answer` to `path`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    question = answer.question
    workbook = Workbook()
    workbook.remove(workbook.active)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E79")
    rule = Border(bottom=Side(style="thin"))
    sources: list[list[Any]] = []
    seen: set[str] = set()
    tables: list[tuple[int, FigureSet, dict[str, str]]] = []
    for section in answer.sections:
        for figure_set in section.figures.values():
            p = figure_set.provenance
            key = figure_key(p.query, p.parameters)
            if key not in seen and not figure_set.frame.empty:
                seen.add(key)
                tables.append((section.number, figure_set, section.labels))
    for n, (number, figure_set, labels) in enumerate(tables, start=1):
        sheet = workbook.create_sheet(f"Tabel {n}")
        p = figure_set.provenance
        sheet["A1"] = (
            f"Bijlage {ANNEX_NUMBER} bij het antwoord op vraag nr. {question.number}, "
            f"deelvraag {number}: tabel {n}"
        )
        sheet["A1"].font = Font(bold=True, size=12)
        frame = figure_set.frame
        for c, column in enumerate(frame.columns, start=1):
            cell = sheet.cell(3, c, labels.get(str(column), str(column)))
            cell.font, cell.fill, cell.border = head_font, head_fill, rule
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            sheet.column_dimensions[cell.column_letter].width = max(12, len(str(cell.value)) + 4)
            kind = COLUMN_TYPES.get(figure_set.types.get(str(column), ""))
            number_format = kind.excel_format if kind else None
            for r, value in enumerate(frame[column].tolist(), start=4):
                target = sheet.cell(r, c, plain_value(value))
                if number_format:
                    target.number_format = number_format
        sheet.column_dimensions["B"].width = max(sheet.column_dimensions["B"].width or 0, 26)
        sheet.freeze_panes = "A4"
        params = describe_parameters(p.parameters)
        sources.append(
            [
                f"Tabel {n}",
                number,
                Path(p.query_file).name,
                params,
                p.source,
                p.pulled_at,
                p.rows,
                p.checksum,
            ]
        )
    bronnen = workbook.create_sheet("Bronnen")
    bronnen.append(
        ["tabel", "deelvraag", "query", "parameters", "bron", "opgehaald", "rijen", "checksum"]
    )
    for cell in bronnen[1]:
        cell.font, cell.fill = head_font, head_fill
    for row in sources:
        bronnen.append(row)
    for letter, width in zip("ABCDEFGH", (10, 10, 28, 60, 40, 24, 8, 20), strict=True):
        bronnen.column_dimensions[letter].width = width
    if not tables:
        workbook.active = workbook.index(bronnen)
    atomic_write(path, as_data(workbook).save)
    return path
