"""The filters and functions templates use: Dutch formats and tables from figure sets.

Figure sets reach templates as pandas DataFrames (`figures.contacts`). The filters here turn them
into what an answer needs: a total, one row, a topics x years table in Markdown. A lookup that
finds nothing raises a :class:`FigureLookupError` that names the figure set, so a missing year
is an error, never a blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
from babel.dates import format_date

from pqgen import dutch
from pqgen.errors import PqgenError

TOTAL_LABEL = "Totaal"


class FigureLookupError(PqgenError):
    """A template asked a figure set for something it does not hold."""


def _name(frame: pd.DataFrame) -> str:
    return str(frame.attrs.get("name", "figures"))


def _require_columns(frame: pd.DataFrame, *columns: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise FigureLookupError(
            f"figure set '{_name(frame)}' has no column '{missing[0]}' "
            f"(it has: {', '.join(map(str, frame.columns))})"
        )


def _python(value: Any) -> Any:
    """A cell as a plain Python value: numpy numbers as int/float, midnight timestamps as dates."""
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a figure set as mappings of column to value, for {% for %} loops."""
    return [{str(k): _python(v) for k, v in rec.items()} for rec in frame.to_dict("records")]


def row(frame: pd.DataFrame, **where: Any) -> dict[str, Any]:
    """The one row whose columns equal `where` (row(figures.x, year=2016)); an error if none."""
    _require_columns(frame, *where)
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    found = frame[mask]
    wanted = ", ".join(f"{k}={v}" for k, v in where.items()) or "(any)"
    if found.empty:
        raise FigureLookupError(f"figure set '{_name(frame)}' has no row with {wanted}")
    if len(found) > 1:
        raise FigureLookupError(f"figure set '{_name(frame)}' has {len(found)} rows with {wanted}")
    return rows(found)[0]


def total(frame: pd.DataFrame, column: str) -> int | float:
    """The sum of one column of a figure set."""
    _require_columns(frame, column)
    value: int | float = _python(frame[column].sum())
    return value


def month(value: dt.date | str) -> str:
    """A month in words: 2016-07-01 -> "juli 2016"."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="MMMM y", locale=dutch.LOCALE)


def join_nl(items: Iterable[Any], last: str = "en") -> str:
    """A Dutch enumeration: ["a", "b", "c"] -> "a, b en c"."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def capfirst(text: str) -> str:
    """The text with its first letter in capitals (unlike Jinja's capitalize, the rest stays)."""
    return text[:1].upper() + text[1:]


_NEUTER_HEADS = ("departement", "agentschap", "fonds", "instituut", "secretariaat", "comité")


def with_article(name: str) -> str:
    """A body's name with its article: "het Departement Werk …", "de Vlaamse Belastingdienst"."""
    first = name.split(maxsplit=1)[0].lower() if name else ""
    return f"{'het' if first in _NEUTER_HEADS else 'de'} {name}"


def _cell(value: Any, bold: bool = False) -> str:
    if isinstance(value, bool) or value is None:
        text = "" if value is None else str(value)
    elif isinstance(value, int | float) or hasattr(value, "dtype"):
        text = dutch.number(_python(value))
    else:
        text = str(value).replace("|", "\\|")
    return f"**{text}**" if bold and text else text


def _markdown_table(
    header: list[str], body: list[list[Any]], right: list[bool], bold_last: bool
) -> str:
    lines = [
        "| " + " | ".join(h.replace("|", "\\|") for h in header) + " |",
        "|" + "|".join("---:" if r else "---" for r in right) + "|",
    ]
    for i, values in enumerate(body):
        bold = bold_last and i == len(body) - 1
        lines.append("| " + " | ".join(_cell(v, bold) for v in values) + " |")
    return "\n".join(lines) + "\n"


def table(
    frame: pd.DataFrame,
    labels: dict[str, str] | None = None,
    totals: bool = False,
) -> str:
    """A figure set as a Markdown table: numbers the Dutch way and right-aligned, columns renamed
    by `labels`, and with `totals` a last row "Totaal" with the sum of each numeric column."""
    labels = labels or {}
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    body = [[_python(v) for v in rec] for rec in frame.itertuples(index=False)]
    if totals:
        sums: list[Any] = [
            _python(frame[c].sum()) if n else ""
            for c, n in zip(frame.columns, numeric, strict=True)
        ]
        sums[0] = TOTAL_LABEL
        body.append(sums)
    header = [labels.get(str(c), str(c)) for c in frame.columns]
    return _markdown_table(header, body, numeric, bold_last=totals)


def crosstab(
    frame: pd.DataFrame,
    index: str,
    columns: str,
    values: str,
    label: str | None = None,
    all_columns: Iterable[Any] | None = None,
) -> str:
    """A two-way Markdown table (say topics x years) with a total per row and per column.

    `all_columns` lists the columns to show even where the figure set has no row (say every year
    of the period); rows are ordered by their total, largest first.
    """
    _require_columns(frame, index, columns, values)
    pivot = frame.pivot_table(
        index=index, columns=columns, values=values, aggfunc="sum", fill_value=0
    )
    if all_columns is not None:
        pivot = pivot.reindex(columns=list(all_columns), fill_value=0)
    pivot[TOTAL_LABEL] = pivot.sum(axis=1)
    pivot = pivot.sort_values(by=[TOTAL_LABEL], ascending=False, kind="stable")
    header = [label or index] + [str(c) for c in pivot.columns]
    body = [
        [str(name), *(_python(v) for v in values_)]
        for name, values_ in zip(pivot.index, pivot.to_numpy(), strict=True)
    ]
    body.append([TOTAL_LABEL, *(_python(v) for v in pivot.sum(axis=0))])
    return _markdown_table(header, body, [False] + [True] * len(pivot.columns), bold_last=True)


FILTERS: dict[str, Callable[..., Any]] = {
    "number": dutch.number,
    "percent": dutch.percent,
    "date": dutch.date,
    "month": month,
    "approximately": dutch.approximately,
    "join_nl": join_nl,
    "capfirst": capfirst,
    "with_article": with_article,
    "rows": rows,
    "row": row,
    "total": total,
    "table": table,
    "crosstab": crosstab,
}

GLOBALS: dict[str, Callable[..., Any]] = {"between": dutch.between}
