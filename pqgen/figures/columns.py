"""The column types a query header declares, and everything each type means, in one table.

A figure set's columns are typed in its query's header (see queries/README.md). The type decides
how a database's or a workbook's values are cast (`figures.model.conform`), how a department's
workbook shows and checks the column (number format, Excel validation, the Dutch words of its
messages), how a cell is read back and what the error says (English, for the terminal), how the
annex formats it, and whether templates treat its values as figures (sourced, formatted, checked
for small counts). Adding a type means adding one row here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ColumnType:
    """One column type. `description` is English (terminal messages); `omschrijving` is the
    same in Dutch (inside the workbook a department fills in)."""

    name: str
    description: str
    omschrijving: str
    excel_format: str | None = None
    # openpyxl DataValidation arguments; "{first_year}"/"{last_year}" are filled in per request.
    validation: dict[str, str] = field(default_factory=dict)
    whole: bool = False  # cast to whole numbers
    numeric: bool = False
    figure: bool = False  # a figure templates format, source and check


_TYPES = (
    ColumnType("text", "a text", "een tekst"),
    ColumnType(
        "integer",
        "a whole number",
        "een geheel getal",
        "#,##0",
        {"type": "whole", "operator": "between", "formula1": "-1000000000",
         "formula2": "1000000000"},
        whole=True, numeric=True, figure=True,
    ),
    ColumnType(
        "count",
        "a whole number, 0 or more",
        "een geheel getal, 0 of meer",
        "#,##0",
        {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"},
        whole=True, numeric=True, figure=True,
    ),
    ColumnType(
        "number",
        "a number",
        "een getal",
        "#,##0.##########",
        {"type": "decimal", "operator": "between", "formula1": "-1E+15", "formula2": "1E+15"},
        numeric=True, figure=True,
    ),
    ColumnType(
        "percent",
        "a percentage from 0 to 100",
        "een percentage van 0 tot 100",
        '0.00"%"',
        {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "100"},
        numeric=True, figure=True,
    ),
    ColumnType(
        "year",
        "a year",
        "een jaar van {first_year} tot {last_year}",
        "0",
        {"type": "whole", "operator": "between", "formula1": "{first_year}",
         "formula2": "{last_year}"},
        whole=True, numeric=True,
    ),
    ColumnType(
        "date",
        "a date (yyyy-mm-dd)",
        "een datum (jjjj-mm-dd)",
        "yyyy-mm-dd",
        {"type": "date", "operator": "greaterThan", "formula1": "1"},
    ),
    ColumnType("boolean", "ja or nee", "ja of nee", None, {"type": "list", "formula1": '"ja,nee"'}),
)  # fmt: skip

COLUMN_TYPES: dict[str, ColumnType] = {t.name: t for t in _TYPES}
FIGURE_TYPES = tuple(t.name for t in _TYPES if t.figure)
NUMERIC_TYPES = tuple(t.name for t in _TYPES if t.numeric)


def validation_arguments(kind: ColumnType, first_year: int, last_year: int) -> dict[str, Any]:
    """The Excel validation of `kind` for a request about `first_year`-`last_year`."""
    years = {"first_year": first_year, "last_year": last_year}
    return {k: v.format(**years) for k, v in kind.validation.items()}
