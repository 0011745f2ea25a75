"""Request sheets for figure asks no template answers, and reading them back (issue 12).

One workbook per department. Its sheet "Vraagdelen" names the question, has a cell for who
filled it in, and lists a sheet per part:

    row 1   the part's label and its words
    row 2   what is asked and its unit
    row 3   the period
    row 4   instructions (Dutch)
    row 5   what each column means
    row 6   the column names: one key column per dimension, then the value column
    row 7…  one row per combination of keys; known keys are prefilled

Reading back checks every value (a number; a percentage from 0 to 100; no negative counts or
amounts), every key (open keys filled in where a value is, no row twice) and reports all
problems at once. A value left empty stays empty: the answer says "niet beschikbaar".
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pqgen import catalogue
from pqgen.errors import FigureFileError, InputFileError
from pqgen.figures.workbooks.format import as_data
from pqgen.files import atomic_write
from pqgen.question.period import Period

INDEX = "Vraagdelen"
HEADER = 6
FILLED_BY = "B3"
DEPARTMENT = "B2"
NUMBER = "F2"  # the question's number: a workbook answers one question
FIRST_PART_ROW = 6
VALIDATED = 2000
# What a department writes for a value it cannot give: its decision, not a forgotten cell.
NOT_AVAILABLE = ("niet beschikbaar", "n.b.", "nb", "n.v.t.", "onbekend")
VALUE_COLUMNS = {"aantal": "aantal", "euro": "bedrag_euro", "percentage": "percentage"}


def value_column(unit: str) -> str:
    return VALUE_COLUMNS.get(unit, unit)


@dataclass(frozen=True)
class Dimension:
    """A key column: its name, its known values (None: open) and why it is open."""

    name: str
    values: tuple[str, ...] | None
    why: str = ""


@dataclass(frozen=True)
class AskSheet:
    """What one part asks a department for."""

    label: str
    text: str
    measure: str
    unit: str
    period: Period
    dimensions: tuple[Dimension, ...]
    department: str | None = None
    province: str | None = None

    @property
    def sheet(self) -> str:
        return ("Deel " + self.label.replace(")", "").replace(" ", ""))[:31]

    def prefilled(self) -> list[tuple[str, ...]]:
        """Every combination of the known keys (open keys left empty)."""
        if not self.dimensions:
            return [()]
        if any(d.values is None for d in self.dimensions):
            known = [d.values or ("",) for d in self.dimensions]
            if all(d.values is None for d in self.dimensions):
                return []
            return list(itertools.product(*known))
        return list(itertools.product(*(d.values or () for d in self.dimensions)))


@dataclass(frozen=True)
class AskFigures:
    """What a department filled in for one part: keys as text, the value (NaN when empty)."""

    label: str
    frame: pd.DataFrame
    unit: str
    keys: tuple[str, ...]
    path: Path
    sheet: str
    filled_by: str = ""
    department: str = ""
    blanks: list[tuple[str, ...]] = field(default_factory=list)
    question: str = ""
    declined: list[tuple[str, ...]] = field(default_factory=list)  # "niet beschikbaar" written

    @property
    def source(self) -> str:
        who = f", ingevuld door {self.filled_by}" if self.filled_by else ""
        dept = f" ({self.department})" if self.department else ""
        return f"werkboek {self.path.name}, blad '{self.sheet}'{dept}{who}"


def _instructions(ask: AskSheet) -> str:
    open_keys = [d.name for d in ask.dimensions if d.values is None]
    text = catalogue.ASK_HOW.format(column=value_column(ask.unit), row=HEADER + 1)
    if open_keys:
        text += " " + catalogue.ASK_OPEN_KEYS.format(columns=", ".join(open_keys))
    if any(d.name == "gemeente" and d.values for d in ask.dimensions):
        text += " " + catalogue.ASK_MUNICIPALITIES
    return text


def _validation(unit: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    high = "100" if unit == "percentage" else "1E+15"
    kind = "whole" if unit == "aantal" else "decimal"
    return DataValidation(
        type=kind, operator="between", formula1="0", formula2=high, allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle="Ongeldige waarde",
        error=catalogue.ASK_INVALID.format(unit=unit, high=high),
    )  # fmt: skip


def _write_sheet(workbook: Any, ask: AskSheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(ask.sheet)
    sheet["A1"] = f"Deelvraag {ask.label}: {ask.text}"
    sheet["A1"].font = Font(bold=True)
    where = f" in de provincie {ask.province}" if ask.province else ""
    sheet["A2"] = f"Gevraagd: {ask.measure}{where} (eenheid: {ask.unit})"
    sheet["A3"] = f"Periode: {ask.period.in_words} ({ask.period.label})"
    sheet["A4"] = _instructions(ask)
    names = [d.name for d in ask.dimensions] + [value_column(ask.unit)]
    for c, name in enumerate(names, start=1):
        is_key = c <= len(ask.dimensions)
        meaning = catalogue.KEY_COLUMN.strip() if is_key else f"{ask.measure} ({ask.unit})"
        sheet.cell(HEADER - 1, c, meaning).font = Font(italic=True)
        sheet.cell(HEADER, c, name).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(c)].width = max(16, len(name) + 4)
    letter = get_column_letter(len(names))
    validation = _validation(ask.unit)
    sheet.add_data_validation(validation)
    validation.add(f"{letter}{HEADER + 1}:{letter}{HEADER + VALIDATED}")
    for r, keys in enumerate(ask.prefilled(), start=HEADER + 1):
        for c, (dim, key) in enumerate(zip(ask.dimensions, keys, strict=True), start=1):
            if key:
                sheet.cell(r, c, int(key) if dim.name == "jaar" else key)
        sheet.cell(r, len(names)).number_format = "0.00" if ask.unit == "percentage" else "#,##0"
    sheet.freeze_panes = f"A{HEADER + 1}"


def write_ask_workbook(
    path: Path, title: str, number: int, department: str | None, asks: list[AskSheet]
) -> None:
    """The workbook one department fills in: a sheet per part it is asked for."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    index = workbook.active
    index.title = INDEX
    index["A1"] = title
    index["A1"].font = Font(bold=True)
    index["A2"], index[DEPARTMENT] = "Departement:", department or ""
    index["E2"], index[NUMBER] = "Vraag nr.:", number
    index["A3"], index[FILLED_BY] = catalogue.ASK_FILLED_BY, ""
    index["A4"] = catalogue.ASK_INDEX_HOW
    index.append([])
    index.append(["blad", "deelvraag", "gevraagd", "eenheid", "per", "periode"])
    for ask in asks:
        dims = ", ".join(d.name for d in ask.dimensions) or "-"
        index.append([ask.sheet, ask.label, ask.measure, ask.unit, dims, ask.period.label])
        _write_sheet(workbook, ask)
    index.column_dimensions["A"].width = 16
    index.column_dimensions["C"].width = 50
    atomic_write(path, as_data(workbook).save)  # a text like "=…" stays text


def is_ask_workbook(path: Path) -> bool:
    """Whether `path` is a workbook `write_ask_workbook` wrote (it has the sheet "Vraagdelen")."""
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return False
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:
        return False
    try:
        return INDEX in workbook.sheetnames
    finally:
        workbook.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any) -> float | str | None:
    """The cell as a number, None when empty, or the problem."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "is not a number"
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else "is not a finite number"
    text = str(value).strip().replace("€", "").replace("%", "").replace(" ", "")
    try:
        return float(text.replace(".", "").replace(",", ".") if "," in text else text)
    except ValueError:
        return f"'{value}' is not a number"


def _read_sheet(
    path: Path, sheet: Any, unit: str, problems: list[str], declined: list[tuple[str, ...]]
) -> pd.DataFrame:
    rows = list(sheet.iter_rows(min_row=HEADER, values_only=True))
    header = [_text(v) for v in (rows[0] if rows else ())]
    while header and not header[-1]:
        header.pop()
    value = value_column(unit)
    where = f"{path.name}, sheet '{sheet.title}'"
    if not header or header[-1] != value:
        problems.append(
            f"{where}, row {HEADER}: the last column must be '{value}' (keep the names)"
        )
        return pd.DataFrame()
    keys = header[:-1]
    records, seen = [], set()
    for r, cells in enumerate(rows[1:], start=HEADER + 1):
        cells = tuple(cells) + (None,) * (len(header) - len(cells))
        key = tuple(_text(v) for v in cells[: len(keys)])
        if _text(cells[len(keys)]).lower() in NOT_AVAILABLE:
            declined.append(key)
            cells = (*cells[: len(keys)], None)
        number = _number(cells[len(keys)])
        if not any(key) and number is None:
            continue
        if isinstance(number, str):
            problems.append(f"{where}, row {r}, column '{value}': {number}")
            continue
        if number is not None and number < 0:
            problems.append(f"{where}, row {r}, column '{value}': must be 0 or more")
        if number is not None and unit == "percentage" and number > 100:
            problems.append(f"{where}, row {r}, column '{value}': a percentage is 0 to 100")
        if number is not None and unit == "aantal" and not float(number).is_integer():
            problems.append(f"{where}, row {r}, column '{value}': a count is a whole number")
        for name, part in zip(keys, key, strict=True):
            if not part:
                problems.append(f"{where}, row {r}, column '{name}': the key is empty")
        if key in seen:
            problems.append(f"{where}, row {r}: {', '.join(key)} is given twice")
        seen.add(key)
        records.append((*key, math.nan if number is None else number))
    return pd.DataFrame.from_records(records, columns=[*keys, value])


def read_ask_workbook(path: Path) -> dict[str, AskFigures]:
    """Every part a department filled in, by its label; all problems raised at once."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as exc:
        raise InputFileError(path, f"cannot be read as a workbook ({exc})") from None
    index = workbook[INDEX]
    filled_by = _text(index[FILLED_BY].value) or _text(workbook.properties.lastModifiedBy)
    department = _text(index[DEPARTMENT].value)
    problems: list[str] = []
    out: dict[str, AskFigures] = {}
    for row in index.iter_rows(min_row=FIRST_PART_ROW + 1, values_only=True):
        if not row or not row[0]:
            continue
        name, label, unit = _text(row[0]), _text(row[1]), _text(row[3])
        if name not in workbook.sheetnames:
            problems.append(f"{path.name}: sheet '{name}' (part {label}) is missing")
            continue
        declined: list[tuple[str, ...]] = []
        frame = _read_sheet(path, workbook[name], unit, problems, declined)
        keys = tuple(c for c in frame.columns[:-1])
        blanks = [tuple(str(v) for v in r[:-1]) for r in frame.itertuples(index=False)
                  if isinstance(r[-1], float) and math.isnan(r[-1])]  # fmt: skip
        out[label] = AskFigures(label, frame, unit, keys, path, name, filled_by, department,
                                blanks, _text(index[NUMBER].value), declined)  # fmt: skip
    if problems:
        raise FigureFileError(path, problems)
    return out


class AskSource:
    """A figure source that also holds what departments filled in for figure asks: template
    figures come from `inner` (a database or figure file), figure asks from `asks`."""

    def __init__(self, inner: Any, asks: dict[str, AskFigures]) -> None:
        self.inner = inner
        self.asks = asks

    def fetch(self, name: str, params: dict[str, Any]) -> Any:
        if self.inner is None:
            raise FigureFileError(
                Path("--figures"),
                [f"no figure file for the template figures '{name}': give it with --figures too"],
            )
        return self.inner.fetch(name, params)

    def __enter__(self) -> AskSource:
        if self.inner is not None and hasattr(self.inner, "__enter__"):
            self.inner.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.inner is not None and hasattr(self.inner, "__exit__"):
            self.inner.__exit__(*exc)


def read_ask_workbooks(paths: list[Path]) -> dict[str, AskFigures]:
    """The parts filled in across several departments' workbooks; a part twice is an error."""
    out: dict[str, AskFigures] = {}
    for path in paths:
        for label, figures in read_ask_workbook(path).items():
            if label in out:
                raise FigureFileError(
                    path, [f"part {label} is also filled in in {out[label].path.name}"]
                )
            out[label] = figures
    return out
