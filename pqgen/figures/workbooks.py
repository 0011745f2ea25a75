"""Figure files: figures written out for review, and workbooks that departments fill in.

Both are the same workbook. A sheet "Overzicht" lists every figure set: its sheet, the query it
answers, the sub-questions that need it, the query's parameters, where the figures came from,
how many rows, when they were pulled, the checksum of the query text, whether it must be filled
in, and the query file. Each figure set has a
sheet of its own:

    row 1   the sub-question(s) it answers
    row 2   what is asked (the query's description)
    row 3   the parameters (period, department, …)
    row 4   instructions, or where the figures came from
    row 5   what each column means
    row 6   the column names (keep them as they are)
    row 7…  one row of figures per line

`pqgen figures -o DIR` writes the same as CSV files (header in line 1) with provenance.json
instead of the "Overzicht" sheet. Reading a figure file back checks every cell against the
columns the query declares and reports all problems at once, each naming file, sheet, row and
column.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pqgen.dutch import parse_date
from pqgen.errors import FigureFileError, InputFileError, PqgenError
from pqgen.figures.model import (
    FigureRequest,
    FigureSet,
    Provenance,
    column_types,
    conform,
    figure_key,
    plain_parameters,
)
from pqgen.figures.queries import QueryColumn, QueryFile
from pqgen.figures.sources import StoredSource
from pqgen.files import atomic_write, write_text_atomically

INDEX_SHEET = "Overzicht"
INDEX_COLUMNS = (
    "blad",
    "query",
    "deelvragen",
    "parameters",
    "bron",
    "rijen",
    "opgehaald",
    "checksum",
    "verplicht",
    "querybestand",
)
HEADER_ROW = 6
PROVENANCE_JSON = "provenance.json"
TO_FILL_IN = "in te vullen door het departement"
# Room for a department's rows: data validation covers this many rows below the header.
VALIDATED_ROWS = 500

_WHAT = {
    "text": "a text",
    "integer": "a whole number",
    "count": "a whole number, 0 or more",
    "number": "a number",
    "percent": "a percentage from 0 to 100",
    "year": "a year",
    "date": "a date (yyyy-mm-dd)",
    "boolean": "ja or nee",
}
_NUMBER_FORMATS = {
    "year": "0",
    "integer": "#,##0",
    "count": "#,##0",
    "number": "#,##0.##########",
    "percent": "0.00",
    "date": "yyyy-mm-dd",
}


@dataclass(frozen=True)
class Entry:
    """One figure set in a figure file: the line of "Overzicht" (or provenance.json) for it."""

    sheet: str
    query: str
    subquestions: str
    parameters: dict[str, Any]
    source: str
    rows: int | None
    pulled_at: str
    checksum: str
    required: bool = True
    query_file: str = ""

    def as_row(self) -> list[Any]:
        params = json.dumps(self.parameters, ensure_ascii=False)
        return [
            self.sheet,
            self.query,
            self.subquestions,
            params,
            self.source,
            self.rows,
            self.pulled_at,
            self.checksum,
            "ja" if self.required else "nee",
            self.query_file,
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "file": f"{self.sheet}.csv",
            "query": self.query,
            "subquestions": self.subquestions,
            "parameters": self.parameters,
            "source": self.source,
            "rows": self.rows,
            "pulled_at": self.pulled_at,
            "checksum": self.checksum,
            "required": self.required,
            "query_file": self.query_file,
        }


def sheet_names(requests: list[FigureRequest]) -> list[str]:
    """A sheet name per request: the query's name, with the period where a query is asked for
    more than one, within Excel's limit of 31 characters."""
    names: list[str] = []
    for request in requests:
        base = re.sub(r"[\[\]:*?/\\]", "_", request.query.name)[:21]
        name, n = base, 1
        if name in names:
            name = f"{base} {request.period.label}"
        while name in names:
            n += 1
            name = f"{base} ({n})"
        names.append(name)
    return names


def _subquestion_numbers(request: FigureRequest) -> str:
    return ", ".join(str(s.number) for s in request.subquestions)


def _python(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


# Writing ------------------------------------------------------------------------------------


def _describe_params(params: dict[str, Any]) -> str:
    parts = []
    for name, value in plain_parameters(params).items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{name} = {shown or '(geen)'}")
    return "Parameters: " + "; ".join(parts) if parts else "Parameters: geen"


def _instructions(request: FigureRequest) -> str:
    query = request.query
    keys = query.keys
    if keys:
        rows = f"Vul per {', '.join(keys)} één rij in, vanaf rij {HEADER_ROW + 1}."
    else:
        rows = f"Vul één rij in: rij {HEADER_ROW + 1}."
    optional = (
        " Mag leeg blijven: deze cijfers dienen ter vergelijking." if request.optional else ""
    )
    return (
        f"{rows} Laat de kolomnamen in rij {HEADER_ROW} staan. Getallen zonder scheidingsteken "
        f"voor duizendtallen; percentages als getal van 0 tot 100; datums als jjjj-mm-dd.{optional}"
    )


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
    sheet["A3"] = _describe_params(request.params)
    sheet["A4"] = note
    for c, column in enumerate(query.columns, start=1):
        letter = get_column_letter(c)
        flag = " (sleutel)" if column.key else " (mag leeg)" if column.optional else ""
        sheet.cell(HEADER_ROW - 1, c, column.description + flag).font = Font(italic=True)
        sheet.cell(HEADER_ROW, c, column.name).font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.name) + 4))
        cells = f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + VALIDATED_ROWS}"
        validation = _validation(column, request)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(cells)
        number_format = _NUMBER_FORMATS.get(column.type)
        for r in range(len(rows)):
            cell = sheet.cell(HEADER_ROW + 1 + r, c, _python(rows[r].get(column.name)))
            if number_format:
                cell.number_format = number_format
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"


def _validation(column: QueryColumn, request: FigureRequest) -> Any:
    """Excel's own check on a column, so a mistake is caught while typing."""
    from openpyxl.worksheet.datavalidation import DataValidation

    years = request.period.years
    kinds: dict[str, dict[str, Any]] = {
        "count": {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"},
        "integer": {
            "type": "whole",
            "operator": "between",
            "formula1": "-1000000000",
            "formula2": "1000000000",
        },
        "year": {
            "type": "whole",
            "operator": "between",
            "formula1": str(years[0]),
            "formula2": str(years[-1]),
        },
        "number": {
            "type": "decimal",
            "operator": "between",
            "formula1": "-1E+15",
            "formula2": "1E+15",
        },
        "percent": {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "100"},
        "date": {"type": "date", "operator": "greaterThan", "formula1": "1"},
        "boolean": {"type": "list", "formula1": '"ja,nee"'},
    }
    if column.type not in kinds:
        return None
    what = _WHAT[column.type]
    if column.type == "year":
        what = f"een jaar van {years[0]} tot {years[-1]}"
    return DataValidation(
        **kinds[column.type],
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


# Text that a spreadsheet would read as a formula (or as the start of one when edited).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_data(workbook: Any) -> Any:
    """`workbook` with every text cell written as text, never as a formula: a department's or a
    database's "=HYPERLINK(…)" stays the text it is. pqgen itself writes no formulas in cells
    (data validation rules are not cells)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return workbook


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
                _subquestion_numbers(request),
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
            _subquestion_numbers(request),
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


# Reading ------------------------------------------------------------------------------------


@dataclass
class _Sheet:
    """A figure set's cells as read from a file: header names and rows with their numbers."""

    where: str
    header: list[str]
    rows: list[tuple[int, list[Any]]]
    header_row: int
    cell: Callable[[int, int], str]


def _excel_cell(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"row {row}, column {get_column_letter(column + 1)}"


def _csv_cell(row: int, column: int) -> str:
    return f"line {row}, column {column + 1}"


# Bounds on what a figure file may hold: a figure set is a small table of ordinary numbers.
MAX_FIGURE = 10**15
MAX_ROWS = 10_000


def _bounded(rows: Iterable[Any], where: str) -> list[Any] | str:
    """At most `MAX_ROWS` rows of a sheet (after its header), or a problem saying there are more."""
    taken = list(itertools.islice(rows, HEADER_ROW + MAX_ROWS + 1))
    extra = taken[HEADER_ROW + MAX_ROWS :]
    if any(any(c not in (None, "") for c in row) for row in extra):
        return f"{where}: more than {MAX_ROWS:,} rows; a figure set is a small table"
    return taken[: HEADER_ROW + MAX_ROWS]


def _parse(raw: Any, column: QueryColumn) -> tuple[Any, str | None]:
    """A cell's value as the column's type, or None and what is wrong with it."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if column.optional:
            return None, None
        return None, f"is empty; enter {_WHAT[column.type]}"
    text = raw.strip() if isinstance(raw, str) else raw
    kind = column.type
    if kind in ("integer", "count", "year"):
        value: Any = None
        if isinstance(text, bool):
            value = None
        elif isinstance(text, int):
            value = text
        elif (isinstance(text, float) and text.is_integer()) or (
            isinstance(text, str) and re.fullmatch(r"[+-]?\d+", text)
        ):
            value = int(text)
        if value is None:
            return None, f"{_shown(raw)} is not a whole number; enter {_WHAT[kind]}"
        if abs(value) > MAX_FIGURE:
            return None, f"{_shown(raw)} is too large for a figure; enter {_WHAT[kind]}"
        if kind == "count" and value < 0:
            return None, f"{value} is negative; a count is 0 or more"
        return value, None
    if kind in ("number", "percent"):
        if isinstance(text, int | float) and not isinstance(text, bool):
            number = float(text)
        elif isinstance(text, str) and re.fullmatch(r"[+-]?\d+([.,]\d+)?", text):
            number = float(text.replace(",", "."))
        else:
            return None, f"{_shown(raw)} is not a number; enter {_WHAT[kind]}"
        if not abs(number) <= MAX_FIGURE:  # also NaN and infinity
            return None, f"{_shown(raw)} is too large for a figure; enter {_WHAT[kind]}"
        if kind == "percent" and not 0 <= number <= 100:
            side = "above 100" if number > 100 else "below 0"
            return None, f"{_shown(raw)} is {side}; enter {_WHAT[kind]}"
        return number, None
    if kind == "date":
        if isinstance(text, dt.datetime):
            return text.date(), None
        if isinstance(text, dt.date):
            return text, None
        parsed = None
        if isinstance(text, str):
            try:
                parsed = dt.date.fromisoformat(text[:10])
            except ValueError:
                parsed = parse_date(text)
        if parsed is None:
            return None, f"{_shown(raw)} is not a date; enter {_WHAT[kind]}"
        return parsed, None
    if kind == "boolean":
        lowered = str(text).lower()
        if lowered in ("ja", "true", "1", "waar"):
            return True, None
        if lowered in ("nee", "false", "0", "onwaar"):
            return False, None
        return None, f"{_shown(raw)} is not ja or nee"
    return str(text), None


def _shown(raw: Any) -> str:
    return repr(raw) if isinstance(raw, str) else str(raw)


def _check_sheet(
    sheet: _Sheet, query: QueryFile, years: range | None, *, must_fill_in: bool
) -> tuple[pd.DataFrame | None, list[str]]:
    """The figure set in `sheet` as a table of the query's columns, or the problems found.

    A required sheet a department was to fill in may not be left empty; figures pulled from a
    database may be (no contacts that year is an answer too), and so may an optional sheet.
    """
    problems: list[str] = []
    positions = {}
    for column in query.columns:
        if column.name in sheet.header:
            positions[column.name] = sheet.header.index(column.name)
        else:
            problems.append(
                f"{sheet.where}, row {sheet.header_row}: no column '{column.name}' "
                f"({column.description}); the column names in row {sheet.header_row} "
                "must stay as they were"
            )
    if problems:
        return None, problems
    records = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, cells in sheet.rows:
        record = {}
        for column in query.columns:
            i = positions[column.name]
            raw = cells[i] if i < len(cells) else None
            value, problem = _parse(raw, column)
            if (
                problem is None
                and column.type == "year"
                and years is not None
                and value not in years
            ):
                problem = f"{value} is outside the period {years[0]}-{years[-1]} of the question"
            if problem:
                problems.append(
                    f"{sheet.where}, {sheet.cell(number, i)} ({column.name}): {problem}"
                )
            record[column.name] = value
        key = tuple(record[k] for k in query.keys)
        if query.keys and None not in key:
            if key in seen:
                shown = ", ".join(f"{k} {v}" for k, v in zip(query.keys, key, strict=True))
                problems.append(
                    f"{sheet.where}, row {number}: repeats {shown} of row {seen[key]}; keep one row"
                )
            else:
                seen[key] = number
        records.append(record)
    if query.keys and must_fill_in and not sheet.rows:
        problems.append(f"{sheet.where}: no figures filled in (from row {sheet.header_row + 1})")
    if not query.keys and len(sheet.rows) != 1:
        problems.append(
            f"{sheet.where}: expected one row of figures (row {sheet.header_row + 1}), "
            f"found {len(sheet.rows)}"
        )
    if problems:
        return None, problems
    frame = pd.DataFrame(records, columns=[c.name for c in query.columns])
    return conform(frame, query), []


def _years(parameters: dict[str, Any]) -> range | None:
    try:
        first = dt.date.fromisoformat(str(parameters["period_start"])).year
        last = dt.date.fromisoformat(str(parameters["period_end"])).year
    except (KeyError, ValueError):
        return None
    return range(first, last + 1)


def _non_empty(rows: Iterable[tuple[int, list[Any]]]) -> list[tuple[int, list[Any]]]:
    return [
        (n, cells)
        for n, cells in rows
        if any(c is not None and not (isinstance(c, str) and not c.strip()) for c in cells)
    ]


def _read_xlsx(path: Path) -> tuple[list[Entry], Callable[[Entry], _Sheet | str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
        raise InputFileError(path, f"is not a readable .xlsx workbook ({exc})") from None
    if INDEX_SHEET not in workbook.sheetnames:
        raise InputFileError(
            path,
            f"no sheet '{INDEX_SHEET}' listing the figure sets",
            hint="start from a workbook made by `pqgen request` or `pqgen figures`",
        )
    index_rows = list(workbook[INDEX_SHEET].iter_rows(values_only=True))
    entries = _entries(path, f"sheet '{INDEX_SHEET}'", index_rows)

    def sheet(entry: Entry) -> _Sheet | str:
        if entry.sheet not in workbook.sheetnames:
            return (
                f"{path}: no sheet '{entry.sheet}' (listed in sheet '{INDEX_SHEET}'); put it back"
            )
        bounded = _bounded(
            workbook[entry.sheet].iter_rows(values_only=True), f"{path}, sheet '{entry.sheet}'"
        )
        if isinstance(bounded, str):
            return bounded
        rows = bounded
        if uncalculated := _uncalculated(path, entry.sheet, rows):
            return uncalculated
        header = [
            str(c).strip() if c is not None else ""
            for c in (rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else [])
        ]
        body = [(n, list(r)) for n, r in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1)]
        return _Sheet(
            f"{path}, sheet '{entry.sheet}'", header, _non_empty(body), HEADER_ROW, _excel_cell
        )

    return entries, sheet


def _uncalculated(path: Path, sheet: str, values: list[Any]) -> str | None:
    """A problem for a formula whose value was never calculated (a workbook written by a
    program, not saved by Excel or LibreOffice): its cell reads as empty, which it is not."""
    from openpyxl import load_workbook

    if not any(c is None for row in values for c in row):
        return None
    formulas = load_workbook(path, read_only=True, data_only=False)
    try:
        rows = formulas[sheet].iter_rows(max_row=len(values))
        for row_number, (row, shown) in enumerate(zip(rows, values, strict=False), start=1):
            for column, (cell, value) in enumerate(zip(row, shown, strict=False), start=1):
                formula = getattr(cell, "value", None)
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    where = _excel_cell(row_number, column)
                    return (
                        f"{path}, sheet '{sheet}', {where}: the formula {formula[:40]} was never "
                        "calculated; open the workbook in Excel or LibreOffice and save it"
                    )
    finally:
        formulas.close()
    return None


def _entries(path: Path, where: str, rows: list[tuple[Any, ...]]) -> list[Entry]:
    if not rows or [str(c) for c in rows[0][: len(INDEX_COLUMNS)]] != list(INDEX_COLUMNS):
        raise InputFileError(
            path, f"{where}: row 1 must hold the columns {', '.join(INDEX_COLUMNS)}"
        )
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or row[0] is None:
            continue
        values = dict(zip(INDEX_COLUMNS, row, strict=False))
        try:
            parameters = json.loads(str(values.get("parameters") or "{}"))
        except json.JSONDecodeError:
            raise InputFileError(
                path, f"{where}, row {number}, column D (parameters): not valid JSON"
            ) from None
        entries.append(
            Entry(
                sheet=str(values["blad"]),
                query=str(values.get("query") or ""),
                subquestions=str(values.get("deelvragen") or ""),
                parameters=parameters,
                source=str(values.get("bron") or ""),
                rows=None,
                pulled_at=str(values.get("opgehaald") or ""),
                checksum=str(values.get("checksum") or ""),
                required=str(values.get("verplicht") or "ja").strip().lower() != "nee",
            )
        )
    return entries


def _read_folder(path: Path) -> tuple[list[Entry], Callable[[Entry], _Sheet | str]]:
    manifest = path / PROVENANCE_JSON
    if not manifest.is_file():
        raise InputFileError(
            path,
            f"no {PROVENANCE_JSON} listing the figure sets",
            hint="use a folder written by `pqgen figures -o DIR`",
        )
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))["figure_sets"]
        entries = [
            Entry(
                Path(e["file"]).stem,
                e["query"],
                str(e.get("subquestions", "")),
                e.get("parameters", {}),
                e.get("source", ""),
                e.get("rows"),
                e.get("pulled_at", ""),
                e.get("checksum", ""),
                bool(e.get("required", True)),
            )
            for e in listed
        ]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputFileError(manifest, f"not a provenance file written by pqgen ({exc})") from None

    def sheet(entry: Entry) -> _Sheet | str:
        file = path / f"{entry.sheet}.csv"
        if not file.is_file():
            return f"{file}: no such file (listed in {manifest.name}); put it back"
        try:
            with file.open(encoding="utf-8-sig", newline="") as handle:
                bounded = _bounded(csv.reader(handle), str(file))
        except UnicodeDecodeError:
            return f"{file}: not UTF-8; save it as UTF-8"
        except csv.Error as exc:
            return f"{file}: not a readable CSV file ({exc})"
        if isinstance(bounded, str):
            return bounded
        rows = bounded
        header = [c.strip() for c in rows[0]] if rows else []
        body = [(n, list(r)) for n, r in enumerate(rows[1:], start=2)]
        return _Sheet(str(file), header, _non_empty(body), 1, _csv_cell)

    return entries, sheet


def load_figure_file(path: Path, find: Callable[[str], QueryFile]) -> StoredSource:
    """Read and check every figure set in a workbook or folder; raise with all problems at once."""
    if not path.exists():
        raise InputFileError(path, "no such file or folder")
    if path.is_dir():
        entries, read_sheet = _read_folder(path)
    elif path.suffix.lower() == ".xlsx":
        entries, read_sheet = _read_xlsx(path)
    else:
        raise InputFileError(
            path,
            f"unknown kind of figure file '{path.suffix}'",
            hint="give a .xlsx workbook or a folder from `pqgen figures -o DIR`",
        )
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).isoformat(timespec="seconds")
    problems: list[str] = []
    sets: dict[str, FigureSet] = {}
    for entry in entries:
        query = find(entry.query)
        sheet = read_sheet(entry)
        if isinstance(sheet, str):
            problems.append(sheet)
            continue
        frame, found = _check_sheet(
            sheet,
            query,
            _years(entry.parameters),
            must_fill_in=entry.source == TO_FILL_IN and entry.required,
        )
        problems.extend(found)
        if frame is None:
            continue
        origin = "" if entry.source in ("", TO_FILL_IN) else f" (from {entry.source})"
        provenance = Provenance(
            query=entry.query,
            query_file=str(query.path),
            checksum=entry.checksum or query.checksum,
            parameters=entry.parameters,
            source=f"{sheet.where}{origin}",
            rows=len(frame),
            pulled_at=entry.pulled_at or mtime,
        )
        sets[figure_key(entry.query, entry.parameters)] = FigureSet(
            frame, provenance, column_types(query)
        )
    if problems:
        raise FigureFileError(path, problems)
    return StoredSource(
        str(path),
        sets,
        find,
        hint="was it made for another question? make a new one with `pqgen request`",
    )
