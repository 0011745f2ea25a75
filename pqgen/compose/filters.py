"""The filters and functions templates use: Dutch formats and tables from figure sets.

Figure sets reach templates as read-only `FigureTable`s (`figures.contacts`), never as library
objects. The filters here turn them into what an answer needs: a total, one row, a Dutch number
(tables are in `compose.tables`). A lookup that finds nothing raises a :class:`FigureLookupError`
that names the figure set, so a missing year is an error, never a blank.

Figures remember where they came from. `row`, `rows` and `total` hand out numbers that carry the
name of their figure set; the formatting filters (`number`, `percent`, `approximately`,
`between`) and the tables mark what they write with it, invisibly, and the renderer turns each
mark into a Word comment naming the source. Arithmetic on a figure gives a plain number: a value
the template computes is not a figure from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
from babel.dates import format_date
from jinja2 import Undefined, pass_context
from jinja2.runtime import Context

from pqgen import dutch
from pqgen.compose.settings import DraftSettings
from pqgen.errors import FigureLookupError
from pqgen.figures.columns import FIGURE_TYPES, NUMERIC_TYPES
from pqgen.figures.model import FigureTable, plain_value

TOTAL_LABEL = "Totaal"

# Private-use characters around a marked figure: START name SEP text END.
MARK_START, MARK_SEP, MARK_END = "\ue000", "\ue001", "\ue002"
# Around an overall figure in a total row (a share or an average, not a sum).
MARK_OVERALL = "\ue003"


class FigureInt(int):
    """A whole number from a figure set, with the set's name and the column's type."""

    source: str
    column_type: str

    def __new__(cls, value: int, source: str, column_type: str) -> FigureInt:
        obj = super().__new__(cls, value)
        obj.source, obj.column_type = source, column_type
        return obj


class FigureFloat(float):
    """A number from a figure set, with the set's name and the column's type."""

    source: str
    column_type: str

    def __new__(cls, value: float, source: str, column_type: str) -> FigureFloat:
        obj = super().__new__(cls, value)
        obj.source, obj.column_type = source, column_type
        return obj


MAX_DECIMALS = 20


def mark(text: str, source: str | None) -> str:
    """`text` marked as a figure from figure set `source` (unmarked without a source)."""
    return f"{MARK_START}{source}{MARK_SEP}{text}{MARK_END}" if source else text


def source_of(*values: Any) -> str | None:
    """The figure set the first figure among `values` came from."""
    return next((v.source for v in values if isinstance(v, FigureInt | FigureFloat)), None)


def _table(value: Any) -> FigureTable:
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()  # names the missing figure set
    if not isinstance(value, FigureTable):
        raise FigureLookupError(f"expected a figure set (figures.NAME), got {type(value).__name__}")
    return value


def _name(table: FigureTable) -> str:
    return table.name


def _require_columns(table: FigureTable, *columns: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise FigureLookupError(
            f"figure set '{table.name}' has no column '{missing[0]}' "
            f"(it has: {', '.join(table.columns)})"
        )


def _tracked(value: Any, table: FigureTable, column: str) -> Any:
    """A cell as a plain value, or as a figure if its column holds figures."""
    value = plain_value(value)
    kind = table.type_of(column)
    if kind not in FIGURE_TYPES or isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return FigureInt(value, table.name, kind)
    if isinstance(value, float):
        return FigureFloat(value, table.name, kind)
    return value


def rows(table: FigureTable) -> list[dict[str, Any]]:
    """The rows of a figure set as mappings of column to value, for {% for %} loops."""
    table = _table(table)
    return [
        {column: _tracked(v, table, column) for column, v in zip(table.columns, rec, strict=True)}
        for rec in table.tuples()
    ]


def row(table: FigureTable, **equal: Any) -> dict[str, Any]:
    """The one row whose columns equal `equal` (row(figures.x, year=2016)); an error if none."""
    found = where(table, **equal)
    wanted = ", ".join(f"{k}={v}" for k, v in equal.items()) or "(any)"
    if not found:
        raise FigureLookupError(f"figure set '{found.name}' has no row with {wanted}")
    if len(found) > 1:
        raise FigureLookupError(f"figure set '{found.name}' has {len(found)} rows with {wanted}")
    return rows(found)[0]


def where(table: FigureTable, **equal: Any) -> FigureTable:
    """The rows whose columns equal `equal`, as a figure set of the same name and types
    (figures.contacts | where(topic="huurpremie")); it may be empty."""
    table = _table(table)
    _require_columns(table, *equal)
    index = {c: i for i, c in enumerate(table.columns)}
    kept = [
        rec for rec in table.tuples() if all(_equal(rec[index[c]], v) for c, v in equal.items())
    ]
    return FigureTable(table.name, table.columns, kept, _types(table))


def _equal(cell: Any, wanted: Any) -> bool:
    """Whether a cell equals a looked-up value, as pandas compares them (no text to number)."""
    if isinstance(cell, str) != isinstance(wanted, str):
        return False
    try:
        return bool(cell == wanted)
    except (TypeError, ValueError):
        return False


def _types(table: FigureTable) -> dict[str, str]:
    return {c: t for c in table.columns if (t := table.type_of(c)) is not None}


def _sum(values: list[Any]) -> Any:
    """The sum of a column, as pandas adds it up: empty cells skipped, floats by numpy."""
    present = [v for v in values if v is not None and not (isinstance(v, float) and v != v)]
    if any(isinstance(v, float) for v in present):
        return float(np.sum(np.array(present, dtype="float64")))
    return sum(present)


def _numeric(table: FigureTable, column: str) -> bool:
    kind = table.type_of(column)
    if kind is not None:
        return kind in (*NUMERIC_TYPES, "boolean")
    values = [v for v in table.values(column) if v is not None]
    return bool(values) and all(isinstance(v, int | float) for v in values)


def total(table: FigureTable, column: str) -> Any:
    """The sum of one column of a figure set (a figure from that set)."""
    table = _table(table)
    _require_columns(table, column)
    values = table.values(column)
    kind = table.type_of(column)
    if kind == "percent":
        raise FigureLookupError(
            f"column '{column}' of figure set '{table.name}' holds percentages, which do not add "
            "up to a total: compute the overall share from the counts"
        )
    result = _sum(values)
    if kind in ("number", "percent"):
        result = float(result)
    return _tracked(result, table, column)


def _settings(context: Context) -> DraftSettings:
    settings = context.get("settings")
    return settings if isinstance(settings, DraftSettings) else DraftSettings()


def _count_text(value: Any, kind: str | None, settings: DraftSettings) -> str | None:
    """ "< 5" for a small count that must not be shown, else None."""
    if (
        settings.suppress_small
        and kind == "count"
        and isinstance(value, int)
        and 0 < value < settings.min_count
    ):
        return f"< {settings.min_count}"
    return None


@pass_context
def number(context: Context, value: Any, decimals: int | None = None) -> str:
    """dutch.number, marked as a figure; a small count is "< 5" when the settings say so."""
    _numbers("number", value)
    _decimals(decimals)
    kind = getattr(value, "column_type", None)
    text = _count_text(value, kind, _settings(context)) or dutch.number(value, decimals)
    return mark(text, source_of(value))


def _numbers(name: str, *values: Any) -> None:
    """A formatting filter takes numbers: anything else is an error that says what it got."""
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FigureLookupError(
                f"{name} takes a number, got {type(value).__name__} {str(value)[:40]!r}"
            )
        if isinstance(value, float) and (value != value or value in (float("inf"), -float("inf"))):
            raise FigureLookupError(f"{name} takes a number, got {value}")


def _decimals(count: Any) -> None:
    if count is not None and (not isinstance(count, int) or not 0 <= count <= MAX_DECIMALS):
        raise FigureLookupError(f"decimals must be a whole number from 0 to {MAX_DECIMALS}")


def percent(value: Any, decimals: int = 2, fraction: bool = False) -> str:
    _numbers("percent", value)
    _decimals(decimals)
    return mark(dutch.percent(value, decimals, fraction=fraction), source_of(value))


def approximately(value: Any, digits: int = 2) -> str:
    _numbers("approximately", value)
    _decimals(digits)
    return mark(dutch.approximately(value, digits), source_of(value))


def between(low: Any, high: Any) -> str:
    _numbers("between", low, high)
    return mark(dutch.between(low, high), source_of(low, high))


def month(value: dt.date | str) -> str:
    """A month in words: 2016-07-01 -> "juli 2016"."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="MMMM y", locale=dutch.LOCALE)


join_nl = dutch.join_nl  # the filter's name in templates


def capfirst(text: str) -> str:
    """The text with its first letter in capitals (unlike Jinja's capitalize, the rest stays)."""
    return text[:1].upper() + text[1:]


_NEUTER_HEADS = ("departement", "agentschap", "fonds", "instituut", "secretariaat", "comité")


def with_article(name: str) -> str:
    """A body's name with its article: "het Departement Werk …", "de Vlaamse Belastingdienst"."""
    first = name.split(maxsplit=1)[0].lower() if name else ""
    return f"{'het' if first in _NEUTER_HEADS else 'de'} {name}"


FILTERS: dict[str, Callable[..., Any]] = {
    "number": number,
    "percent": percent,
    "date": dutch.date,
    "month": month,
    "approximately": approximately,
    "join_nl": join_nl,
    "capfirst": capfirst,
    "with_article": with_article,
    "rows": rows,
    "row": row,
    "where": where,
    "total": total,
}

GLOBALS: dict[str, Callable[..., Any]] = {"between": between}
