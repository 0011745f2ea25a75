"""Writing figure files: the request workbook a department fills in (`write_request`) and
figures pulled from a database with their provenance (`write_figures`, .xlsx or CSV folder)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from pqgen import catalogue, dutch
from pqgen.errors import InputFileError, PqgenError
from pqgen.figures.columns import COLUMN_TYPES, validation_arguments
from pqgen.figures.model import (
    FigureRequest,
    FigureSet,
    describe_parameters,
    plain_parameters,
    plain_value,
)
from pqgen.figures.queries import QueryColumn
from pqgen.figures.workbooks.format import (
    HEADER_ROW,
    INDEX_COLUMNS,
    INDEX_SHEET,
    PROVENANCE_JSON,
    TO_FILL_IN,
    VALIDATED_ROWS,
    Entry,
    as_data,
    sheet_names,
    subquestion_numbers,
)
from pqgen.files import atomic_write, write_text_atomically


def _instructions(request: FigureRequest) -> str:
    query = request.query
    keys = [f"'{key}'" for key in query.keys]
    if keys:
        per = dutch.join_nl(keys)
        combination = "combinatie van de kolommen" if len(keys) > 1 else "waarde van de kolom"
        rows = catalogue.REQUEST_ROWS.format(per=f"{combination} {per}", row=HEADER_ROW + 1)
    else:
        rows = catalogue.REQUEST_ONE_ROW.format(row=HEADER_ROW + 1)
    optional = catalogue.REQUEST_OPTIONAL if request.optional else ""
    return f"{rows} {catalogue.REQUEST_HOW.format(row=HEADER_ROW)}{optional}"


def _prefill(request: FigureRequest) -> list[dict[str, Any]]:
    """Rows the question already fixes: one per year of the period where the year is the key."""
    if [c.type for c in request.query.columns if c.key] == ["year"]:
        key = request.query.keys[0]
        return [{key: year} for year in request.period.years]
    return []


def _write_sheet(
    workbook: Any, name: str, request: FigureRequest, rows: list[dict[str, Any]], note: str
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(name)
    query = request.query
    numbers = " en ".join(str(s.number) for s in request.subquestions)
    label = "Deelvragen" if len(request.subquestions) > 1 else "Deelvraag"
    sheet["A1"] = f"{label} {numbers}: {request.subquestions[0].text}"
    sheet["A1"].font = Font(bold=True)
    sheet["A2"] = f"Gevraagd: {query.description} ({query.returns})"
    sheet["A3"] = "Parameters: " + describe_parameters(request.params)
    sheet["A4"] = note
    for c, column in enumerate(query.columns, start=1):
        letter = get_column_letter(c)
        flag = catalogue.KEY_COLUMN if column.key else ""
        flag = flag or (catalogue.OPTIONAL_COLUMN if column.optional else "")
        sheet.cell(HEADER_ROW - 1, c, column.description + flag).font = Font(italic=True)
        sheet.cell(HEADER_ROW, c, column.name).font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.name) + 4))
        cells = f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + VALIDATED_ROWS}"
        validation = _validation(column, request)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(cells)
        number_format = COLUMN_TYPES[column.type].excel_format
        for r in range(len(rows)):
            cell = sheet.cell(HEADER_ROW + 1 + r, c, plain_value(rows[r].get(column.name)))
            if number_format:
                cell.number_format = number_format
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"


def _validation(column: QueryColumn, request: FigureRequest) -> Any:
    """Excel's own check on a column, so a mistake is caught while typing."""
    from openpyxl.worksheet.datavalidation import DataValidation

    years = request.period.years
    kind = COLUMN_TYPES[column.type]
    if not kind.validation:
        return None
    what = kind.omschrijving.format(first_year=years[0], last_year=years[-1])
    return DataValidation(
        **validation_arguments(kind, years[0], years[-1]),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ongeldige waarde",
        error=f"{column.name}: verwacht {what}.",
    )


def _workbook(
    entries: list[Entry], sheets: list[tuple[str, FigureRequest, list[dict[str, Any]], str]]
) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    index = workbook.active
    index.title = INDEX_SHEET
    index.append(list(INDEX_COLUMNS))
    for cell in index[1]:
        cell.font = Font(bold=True)
    for entry in entries:
        index.append(entry.as_row())
    widths = (24, 24, 11, 60, 40, 7, 22, 20, 10, 50)
    for letter, width in zip("ABCDEFGHIJ", widths, strict=True):
        index.column_dimensions[letter].width = width
    for name, request, rows, note in sheets:
        _write_sheet(workbook, name, request, rows, note)
    return as_data(workbook)


def write_request(path: Path, requests: list[FigureRequest]) -> list[Entry]:
    """The workbook a department fills in: a sheet per figure set, with what is asked."""
    if not requests:
        raise PqgenError("this question needs no figures: no template asks for a query")
    entries, sheets = [], []
    for name, request in zip(sheet_names(requests), requests, strict=True):
        entries.append(
            Entry(
                name,
                request.query.name,
                subquestion_numbers(request),
                plain_parameters(request.params),
                TO_FILL_IN,
                None,
                "",
                request.query.checksum,
                required=not request.optional,
                query_file=str(request.query.path),
            )
        )
        sheets.append((name, request, _prefill(request), _instructions(request)))
    atomic_write(path, _workbook(entries, sheets).save)
    return entries


def _entries_for(
    requests: list[FigureRequest], figure_sets: list[FigureSet]
) -> list[tuple[str, FigureRequest, FigureSet, Entry]]:
    out = []
    for name, request, figures in zip(sheet_names(requests), requests, figure_sets, strict=True):
        p = figures.provenance
        entry = Entry(
            name,
            p.query,
            subquestion_numbers(request),
            plain_parameters(p.parameters),
            p.source,
            p.rows,
            p.pulled_at,
            p.checksum,
            required=not request.optional,
            query_file=p.query_file,
        )
        out.append((name, request, figures, entry))
    return out


def write_figures(
    path: Path, requests: list[FigureRequest], figure_sets: list[FigureSet]
) -> list[Entry]:
    """Figures pulled for a question, with their provenance: a workbook (.xlsx) or a folder of
    CSV files with provenance.json."""
    items = _entries_for(requests, figure_sets)
    entries = [entry for *_, entry in items]
    if path.suffix.lower() == ".xlsx":
        sheets = []
        for name, request, figures, entry in items:
            note = (
                f"Opgehaald uit {entry.source} op {entry.pulled_at} "
                f"met {figures.provenance.query_file}."
            )
            records = [{str(k): v for k, v in r.items()} for r in figures.frame.to_dict("records")]
            sheets.append((name, request, records, note))
        atomic_write(path, _workbook(entries, sheets).save)
    else:
        _write_folder(path, [(name, figures.frame) for name, _, figures, _ in items], entries)
    return entries


def _write_folder(
    folder: Path, frames: list[tuple[str, pd.DataFrame]], entries: list[Entry]
) -> None:
    """CSV files and provenance.json, each moved into place only when complete."""
    if folder.exists() and not folder.is_dir():
        raise InputFileError(
            folder, "is a file, not a folder", hint="name a folder, or a .xlsx file"
        )
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pqgen-", dir=folder))
    try:
        for name, frame in frames:
            frame.to_csv(staging / f"{name}.csv", index=False, date_format="%Y-%m-%d")
        for name, _ in frames:
            os.replace(staging / f"{name}.csv", folder / f"{name}.csv")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    document = {"figure_sets": [e.as_json() for e in entries]}
    write_text_atomically(
        folder / PROVENANCE_JSON, json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    )
