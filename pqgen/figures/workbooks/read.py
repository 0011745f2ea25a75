"""Reading figure files back: every cell checked against the columns its query declares, all
problems reported at once, each naming file, sheet, row and column (`load_figure_file`)."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pqgen.dutch import parse_date
from pqgen.errors import FigureFileError, InputFileError
from pqgen.figures.columns import COLUMN_TYPES
from pqgen.figures.model import (
    FigureSet,
    Provenance,
    column_types,
    conform,
    figure_key,
)
from pqgen.figures.queries import QueryColumn, QueryFile
from pqgen.figures.sources import StoredSource
from pqgen.figures.workbooks.format import (
    HEADER_ROW,
    INDEX_COLUMNS,
    INDEX_SHEET,
    PROVENANCE_JSON,
    TO_FILL_IN,
    Entry,
)


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
        return None, f"is empty; enter {COLUMN_TYPES[column.type].description}"
    text = raw.strip() if isinstance(raw, str) else raw
    kind = column.type
    enter = COLUMN_TYPES[kind].description
    if COLUMN_TYPES[kind].whole:
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
            return None, f"{_shown(raw)} is not a whole number; enter {enter}"
        if abs(value) > MAX_FIGURE:
            return None, f"{_shown(raw)} is too large for a figure; enter {enter}"
        if kind == "count" and value < 0:
            return None, f"{value} is negative; a count is 0 or more"
        return value, None
    if COLUMN_TYPES[kind].numeric:
        if isinstance(text, int | float) and not isinstance(text, bool):
            number = float(text)
        elif isinstance(text, str) and re.fullmatch(r"[+-]?\d+([.,]\d+)?", text):
            number = float(text.replace(",", "."))
        else:
            return None, f"{_shown(raw)} is not a number; enter {enter}"
        if not abs(number) <= MAX_FIGURE:  # also NaN and infinity
            return None, f"{_shown(raw)} is too large for a figure; enter {enter}"
        if kind == "percent" and not 0 <= number <= 100:
            side = "above 100" if number > 100 else "below 0"
            return None, f"{_shown(raw)} is {side}; enter {enter}"
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
            return None, f"{_shown(raw)} is not a date; enter {enter}"
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
