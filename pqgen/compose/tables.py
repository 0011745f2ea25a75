"""Tables from figure sets, for templates: `table` (a figure set as it is) and `crosstab` (X x Y).

A table shows every cell in its column's format: counts and numbers the Dutch way, percentages
with "%", dates as "8 juni 2017", months (with `formats={"month": "month"}`) as "januari 2023".
Keys keep their natural order: a table keeps the query's rows (its ORDER BY); a crosstab puts
years, dates and numbers in order and other keys by their total, unless the template declares an
order.

Totals only where adding up makes sense. A total row adds up `count` columns only; a percentage or
an average is never summed. Its overall figure is given where the template says how to compute it:
`"answered_within / offered"` (a share of two counts, weighted as it must be) or `"mean by
answered"` (an average weighted by a count), or `"mean"` (the average of the rows, say of the
agents at work each month). An overall figure is marked so that the totals check does not add up
its column. A crosstab of counts gets a "Totaal" row and column; of anything else, none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from pqgen import catalogue, dutch
from pqgen.compose.filters import (
    MARK_OVERALL,
    TOTAL_LABEL,
    _count_text,
    _require_columns,
    _settings,
    _sum,
    _table,
    _tracked,
    mark,
    month,
)
from pqgen.compose.settings import DraftSettings
from pqgen.errors import FigureLookupError
from pqgen.figures.model import FigureTable, plain_value
from pqgen.question.period import Period

ORDERED_KEYS = ("year", "date", "integer", "count", "number")
"""Key types whose values have a natural order (time, or size)."""

_FORMAT_NAMES = ("month", "date", "text")
_OVERALL = re.compile(r"^\s*(?:(\w+)\s*/\s*(\w+)|mean(?:\s+by\s+(\w+))?)\s*$")


def _format_spec(table: FigureTable, column: str, spec: Any) -> Any:
    if spec is None:
        return None
    if isinstance(spec, bool) or not (
        (isinstance(spec, int) and 0 <= spec <= 20) or spec in _FORMAT_NAMES
    ):
        raise FigureLookupError(
            f"format {spec!r} for column '{column}' of figure set '{table.name}' is not one of: "
            "a number of decimals (0-20), 'month', 'date', 'text'"
        )
    return spec


def _formatter(
    table: FigureTable, column: str, spec: Any, period: Period | None = None
) -> Callable[[Any], str]:
    """How the cells of `column` are written: by `spec` (decimals, 'month', 'date', 'text'), else
    by the column's type; a year the period asked cuts short says so ("2025 (tot en met 28
    februari)")."""
    kind = table.type_of(column)
    spec = _format_spec(table, column, spec)

    def write(value: Any) -> str:
        value = plain_value(value)
        if value is None or (isinstance(value, float) and value != value):
            return catalogue.NOT_AVAILABLE
        if spec == "text" or isinstance(value, str):
            return str(value).replace("|", "\\|")
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if isinstance(value, dt.date | dt.datetime):
            return month(value) if spec == "month" else dutch.date(value)
        if isinstance(spec, str):
            raise FigureLookupError(
                f"column '{column}' of figure set '{table.name}' holds {value!r}, not a date: "
                f"it cannot be shown as a {spec}"
            )
        if kind == "year":
            return period.year_label(int(value)) if period is not None else str(value)
        if kind == "percent":
            return dutch.percent(value, 1 if spec is None else spec)
        return dutch.number(value, spec)

    return write


def _period(context: Context) -> Period | None:
    """The period asked about, for the years it cuts short."""
    period = context.get("period") if hasattr(context, "get") else None
    return period if isinstance(period, Period) else None


def _pipe_table(
    table: FigureTable, header: list[str], body: list[list[str]], right: list[bool]
) -> str:
    """A Markdown pipe table; the first header cell marked with the figure set, so the table
    carries one comment naming its source."""
    cells = [h.replace("|", "\\|") for h in header]
    cells[0] = mark(cells[0], table.name)
    lines = [
        "| " + " | ".join(cells) + " |",
        "|" + "|".join("---:" if r else "---" for r in right) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def _shown(
    value: Any, write: Callable[[Any], str], kind: str | None, settings: DraftSettings
) -> str:
    return _count_text(plain_value(value), kind, settings) or write(value)


def _bold(text: str) -> str:
    return f"**{text}**" if text else text


def _overall(text: str) -> str:
    """An overall figure in a total row: marked, so that the totals check leaves it be."""
    return f"{MARK_OVERALL}{text}{MARK_OVERALL}"


def _summed_columns(table: FigureTable, totals: Any) -> list[str]:
    if totals is True:
        return [c for c in table.columns if table.type_of(c) == "count"]
    if not totals:
        return []
    names = [totals] if isinstance(totals, str) else list(totals)
    _require_columns(table, *names)
    for name in names:
        kind = table.type_of(name)
        if kind != "count":
            raise FigureLookupError(
                f"column '{name}' of figure set '{table.name}' holds {kind or 'untyped'} values, "
                "which do not add up to a total: give its overall figure with overall= "
                "(a share 'a / b', or 'mean by w')"
            )
    return names


def _gaps(values: Iterable[Any]) -> bool:
    """Whether a column has an empty cell (None or NaN)."""
    return any(v is None or v != v for v in map(plain_value, values))


def overall_value(table: FigureTable, column: str, spec: str) -> float | None:
    """The overall figure of `column` by `spec`: "a / b" (a share of two sums, times 100 for a
    percent column), "mean by w" (weighted by column w) or "mean"; None when there is none."""
    found = _OVERALL.match(str(spec))
    if not found:
        raise FigureLookupError(
            f"overall figure {spec!r} for column '{column}' is not 'a / b', 'mean' or 'mean by w'"
        )
    numerator, denominator, weight = found.groups()
    _require_columns(table, column, *(c for c in (numerator, denominator, weight) if c))
    # An overall figure over rows with a gap would be wrong: there is none.
    if numerator:
        if _gaps(table.values(numerator)) or _gaps(table.values(denominator)):
            return None
        top, bottom = _sum(table.values(numerator)), _sum(table.values(denominator))
        if not bottom:
            return None
        return 100 * top / bottom if table.type_of(column) == "percent" else top / bottom
    values = [plain_value(v) for v in table.values(column)]
    if _gaps(values) or not values:
        return None
    if weight is None:
        return sum(values) / len(values)
    weights = [plain_value(w) for w in table.values(weight)]
    if _gaps(weights) or not sum(weights):
        return None
    return sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)


@pass_context
def table(
    context: Context,
    figures: FigureTable,
    labels: dict[str, str] | None = None,
    totals: bool | str | list[str] = False,
    overall: dict[str, str] | None = None,
    formats: dict[str, Any] | None = None,
    columns: list[str] | None = None,
    total_label: str = TOTAL_LABEL,
) -> str:
    """A figure set as a Markdown table, rows in the query's order.

    `labels` renames columns, `formats` sets a column's format (decimals, 'month', 'date',
    'text'), `columns` picks and orders them. `totals` adds a row "Totaal" that adds up the count
    columns (True) or the columns named; `overall` gives other columns' overall figure in it (a
    row of averages alone is better called so: `total_label="Gemiddeld"`)."""
    figures = _table(figures)
    labels, formats, overall = labels or {}, formats or {}, overall or {}
    shown = list(columns) if columns is not None else list(figures.columns)
    _require_columns(figures, *shown, *formats, *overall)
    summed = _summed_columns(figures, totals)
    settings = _settings(context)
    writers = {c: _formatter(figures, c, formats.get(c), _period(context)) for c in shown}
    index = {c: i for i, c in enumerate(figures.columns)}
    body = [
        [_shown(rec[index[c]], writers[c], figures.type_of(c), settings) for c in shown]
        for rec in figures.tuples()
    ]
    if summed or overall:
        last = []
        for c in shown:
            if c in summed:  # a gap in the column: no total (writers show None so)
                whole = not _gaps(figures.values(c))
                last.append(_bold(writers[c](_sum(figures.values(c)) if whole else None)))
            elif c in overall:
                value = overall_value(figures, c, overall[c])
                whole = figures.type_of(c) in ("count", "integer") and value is not None
                text = (
                    dutch.number(value, 0 if float(value).is_integer() else 1)  # a mean of counts
                    if whole and value is not None
                    else writers[c](value)
                )
                last.append(_bold(_overall(text)) if value is not None else "")
            else:
                last.append("")
        last[0] = _bold(total_label)
        body.append(last)
    right = [figures.type_of(c) not in (None, "text", "date", "boolean") for c in shown]
    right[0] = False
    return _pipe_table(figures, [labels.get(c, c) for c in shown], body, right)


def _key_order(
    figures: FigureTable,
    column: str,
    keys: Iterable[Any],
    declared: Iterable[Any] | None,
    size: Callable[[Any], Any],
) -> list[Any]:
    """Keys in their natural order: as declared (then the others alphabetically), by value for
    years, dates and numbers, else by `size`, largest first (ties alphabetically)."""
    keys = list(keys)
    if declared is not None:
        wanted = [k for k in declared if k in keys]
        return wanted + sorted((k for k in keys if k not in wanted), key=str)
    if figures.type_of(column) in ORDERED_KEYS or all(isinstance(k, dt.date) for k in keys):
        return sorted(keys)
    return sorted(sorted(keys, key=str), key=size, reverse=True)


@pass_context
def crosstab(
    context: Context,
    figures: FigureTable,
    index: str,
    columns: str,
    values: str,
    label: str | None = None,
    all_columns: Iterable[Any] | None = None,
    order: Iterable[Any] | None = None,
    formats: dict[str, Any] | None = None,
    all_rows: Iterable[Any] | None = None,
    column_order: Iterable[Any] | None = None,
) -> str:
    """A two-way Markdown table: `index` down, `columns` across, `values` in the cells.

    Counts get a total per row (a column "Totaal") and per column (a row "Totaal"); percentages
    and averages get none. `all_columns` lists the columns to show (say every year of the
    period), `all_rows` the rows (say every month, `period.months`): one with no figure at all
    reads "niet beschikbaar", never zeros, and so does every total it is part of. Keys are in
    their natural order (`order` declares one for the rows, `column_order` for the columns);
    `formats` sets how `index`, `columns` or `values` read (say `{"month": "month"}`)."""
    figures = _table(figures)
    _require_columns(figures, index, columns, values)
    formats = formats or {}
    kind = figures.type_of(values)
    additive = kind == "count"
    cells: dict[Any, dict[Any, Any]] = {}
    for row_key, column_key, value in zip(
        figures.values(index), figures.values(columns), figures.values(values), strict=True
    ):
        value = plain_value(value)
        if value is not None and value == value:  # NaN is no figure
            row = cells.setdefault(row_key, {})
            if column_key in row and not additive:
                raise FigureLookupError(
                    f"figure set '{figures.name}' has two values of '{values}' for "
                    f"{index}={row_key}, {columns}={column_key}: they cannot be added up"
                )
            row[column_key] = row.get(column_key, 0) + value
    present = {c for r in cells.values() for c in r}
    if all_columns is not None:
        shown = list(all_columns)
    else:
        shown = _key_order(figures, columns, present, column_order, lambda c: 0)
    row_total = {k: sum(r.values()) for k, r in cells.items()}
    names = (
        list(all_rows)
        if all_rows is not None
        else _key_order(figures, index, cells, order, lambda k: row_total[k] if additive else 0)
    )
    complete = all(n in cells for n in names)
    write_key = _formatter(figures, index, formats.get(index), _period(context))
    write_column = _formatter(figures, columns, formats.get(columns), _period(context))
    write = _formatter(figures, values, formats.get(values))
    settings = _settings(context)

    def cell(name: Any, column: Any) -> str:
        if column not in present or name not in cells:  # no figures at all: missing, not zero
            return catalogue.NOT_AVAILABLE
        value = cells[name].get(column)
        if value is None:
            return write(0) if additive else catalogue.NOT_AVAILABLE
        return _shown(value, write, kind, settings)

    def added(values: list[Any], whole: bool) -> str:
        whole = whole and all(c in present for c in shown)
        return write(sum(values)) if whole else catalogue.NOT_AVAILABLE

    body = []
    for name in names:
        line = [write_key(name), *(cell(name, c) for c in shown)]
        if additive:  # row totals add up several cells: they are not small counts of their own
            line.append(added([cells.get(name, {}).get(c, 0) for c in shown], name in cells))
        body.append(line)
    header = [label or index, *(write_column(c) for c in shown)]
    if additive:
        header.append(TOTAL_LABEL)
        sums = [sum(cells.get(n, {}).get(c, 0) for n in names) for c in shown]
        last = [
            write(s) if c in present and complete else catalogue.NOT_AVAILABLE
            for s, c in zip(sums, shown, strict=True)
        ]
        last.append(added(sums, complete))
        body.append([_bold(TOTAL_LABEL), *(_bold(text) for text in last)])
    right = [False] + [True] * (len(header) - 1)
    return _pipe_table(figures, header, body, right)


def overall(figures: FigureTable, column: str, spec: str) -> Any:
    """The overall figure of a column over all rows, as a figure of its set: `"a / b"` (a share
    of two sums), `"mean by w"` (weighted) or `"mean"`. An error where there is none (a gap, or
    nothing to divide by): a template never writes an overall figure that is not one."""
    figures = _table(figures)
    value = overall_value(figures, column, spec)
    if value is None:
        raise FigureLookupError(
            f"figure set '{figures.name}' has no overall '{column}' ({spec}): a value is missing"
        )
    return _tracked(value, figures, column)


FILTERS: dict[str, Callable[..., Any]] = {"table": table, "crosstab": crosstab, "overall": overall}
