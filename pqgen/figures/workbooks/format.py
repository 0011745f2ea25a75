"""The figure-file format: the "Overzicht" sheet, its entries, sheet names and the layout of
a figure set's sheet (see the package docstring)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pqgen.figures.model import (
    FigureRequest,
)

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


def subquestion_numbers(request: FigureRequest) -> str:
    return ", ".join(str(s.number) for s in request.subquestions)


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
