"""Figures: the tables that queries return, each with where it came from.

A figure source answers "run query Q with these parameters" with a :class:`FigureSet`: a pandas
DataFrame and its provenance (query file and checksum, parameters, database without password,
number of rows, time pulled). The same query with the same parameters is pulled once per source,
however many sub-questions or questions ask for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pqgen import catalogue
from pqgen.errors import QueryError
from pqgen.figures.columns import COLUMN_TYPES
from pqgen.figures.queries import QueryFile
from pqgen.question.model import SubQuestion
from pqgen.question.period import Period


@dataclass(frozen=True)
class Provenance:
    """Where a figure set came from: enough to pull it again and compare.

    `source` is the database (its URL without password) or the figures file and sheet.
    """

    query: str
    query_file: str
    checksum: str
    parameters: dict[str, Any]
    source: str
    rows: int
    pulled_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "query_file": self.query_file,
            "checksum": self.checksum,
            "parameters": plain_parameters(self.parameters),
            "source": self.source,
            "rows": self.rows,
            "pulled_at": self.pulled_at,
        }


def now() -> str:
    """The time a figure set is pulled, in UTC, as ISO text."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def column_types(query: QueryFile) -> dict[str, str]:
    return {c.name: c.type for c in query.columns}


def conform(frame: pd.DataFrame, query: QueryFile) -> pd.DataFrame:
    """`frame` with exactly the columns `query` declares, in their order and of their types.

    Every source of figures goes through here, so a figure set from PostgreSQL, DuckDB or a
    department's workbook is the same table, and the same draft comes out of each.
    """
    missing = [c.name for c in query.columns if c.name not in frame.columns]
    if missing:
        raise QueryError(
            query.path,
            f"returned no column '{missing[0]}', which its header declares "
            f"(it returned: {', '.join(map(str, frame.columns)) or 'nothing'})",
        )
    data: dict[str, pd.Series] = {}
    for column in query.columns:
        try:
            data[column.name] = _conform_column(frame[column.name], column.type)
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            raise QueryError(
                query.path,
                f"column '{column.name}' ({column.type}) got a value that is not one: "
                f"{str(exc).splitlines()[0][:120]}",
                hint="make the query return the type its header declares",
            ) from None
    return pd.DataFrame(data, index=pd.RangeIndex(len(frame)))


MAX_WHOLE = 2**63 - 1


def _is_truth(value: Any) -> bool:
    """Whether a database value is a boolean (True/False, 1/0, or empty; never NaN or text)."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return True
    return isinstance(value, int | float) and value in (0, 1)


# Dates pandas holds as timestamps: a date outside goes the slow way, to be refused as before.
_FIRST_DAY, _LAST_DAY = pd.Timestamp.min.date() + dt.timedelta(days=1), pd.Timestamp.max.date()
_EXACT_FLOAT = 2**53


def _plain_column(values: pd.Series, kind: str) -> pd.Series | None:
    """The column as `_conform_column` makes it, built at once where every value is already a
    plain Python value of the type (what the drivers return): pandas' conversions cost more than
    the query on a small result. None where the general way is needed."""
    plain = values.tolist()
    spec = COLUMN_TYPES[kind]
    if spec.whole:
        if all(type(v) is int and -MAX_WHOLE <= v <= MAX_WHOLE for v in plain):
            return pd.Series(plain, index=values.index, dtype="int64")
    elif spec.numeric:
        if all(
            type(v) is float or (type(v) is int and -_EXACT_FLOAT <= v <= _EXACT_FLOAT)
            for v in plain
        ):
            return pd.Series(plain, index=values.index, dtype="float64")
    elif kind == "date" and all(
        v is None or (type(v) is dt.date and _FIRST_DAY <= v <= _LAST_DAY) for v in plain
    ):
        return pd.Series(plain, index=values.index, dtype=object)
    return None


def _conform_column(values: pd.Series, kind: str) -> pd.Series:
    """One column as its declared type; a value of another type is a ValueError saying which."""
    quick = _plain_column(values, kind)
    if quick is not None:
        return quick
    if COLUMN_TYPES[kind].whole:
        numbers = pd.to_numeric(values)
        present = numbers.dropna()
        if len(present) and (present.abs() > MAX_WHOLE).any():
            raise ValueError(f"{present.abs().max()} is too large")
        if len(present) and not (present == present.round()).all():
            bad = present[present != present.round()].iloc[0]
            raise ValueError(f"{bad} is not a whole number")
        return numbers.astype("Int64" if numbers.isna().any() else "int64")
    if COLUMN_TYPES[kind].numeric:
        return pd.to_numeric(values).astype("float64")
    if kind == "date":
        dates = pd.to_datetime(values)
        return pd.Series(
            [None if pd.isna(d) else d.date() for d in dates], index=values.index, dtype=object
        )
    if kind == "boolean":
        wrong = [v for v in values if not _is_truth(v)]
        if wrong:
            raise ValueError(f"{wrong[0]!r} is not true or false")
        return values.astype(bool)
    return pd.Series(
        [None if v is None or v is pd.NA else str(v) for v in values],
        index=values.index,
        dtype=object,
    )


def _plain(value: Any) -> Any:
    """A parameter value as JSON-friendly data (dates as ISO text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def plain_value(value: Any) -> Any:
    """A cell as plain Python: None for every kind of missing value (None, NA, NaN, NaT), numpy
    scalars as int, float or bool, and midnight timestamps as dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        item = value.item()
        return None if isinstance(item, float) and item != item else item
    return value


def describe_parameters(params: dict[str, Any]) -> str:
    """Parameters as one line of text, "name = value; …" (lists as "a, b"), for the comments,
    workbooks and annex a reviewer reads."""
    parts = []
    for name, value in plain_parameters(params).items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{name} = {shown or catalogue.EMPTY_LIST}")
    return "; ".join(parts) or catalogue.NO_PARAMETERS


@dataclass(frozen=True)
class FigureSet:
    """A table of figures with its provenance and the type of each column (from the query)."""

    frame: pd.DataFrame
    provenance: Provenance
    types: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def rows(self) -> tuple[tuple[Any, ...], ...]:
        """The rows as plain values (see `plain_value`), in the frame's column order: read once
        per set, however many answers and checks of a batch read it (the frame is not changed
        once pulled)."""
        data = [[plain_value(v) for v in self.frame[c].tolist()] for c in self.frame.columns]
        return tuple(zip(*data, strict=True)) if data else tuple(() for _ in range(len(self.frame)))


def figure_key(query: str, params: dict[str, Any]) -> str:
    """What identifies a figure set: its query and the values of the parameters it uses."""
    return json.dumps([query, plain_parameters(params)], sort_keys=True, ensure_ascii=False)


def plain_parameters(params: dict[str, Any]) -> dict[str, Any]:
    """Parameter values as JSON-friendly data (dates as ISO text)."""
    return {k: _plain(v) for k, v in sorted(params.items())}


@dataclass(frozen=True)
class FigureRequest:
    """One figure set a question needs: a query with its parameters, for these sub-questions."""

    query: QueryFile
    params: dict[str, Any]
    subquestions: tuple[SubQuestion, ...]
    period: Period
    optional: bool = False


class FigureTable:
    """A figure set as templates see it: read-only rows of plain values, typed columns, a name.

    Templates never get a library object (a DataFrame's public methods read and write files);
    they get this: the name of the set, its columns with their types (from the query header),
    and rows of plain Python values (int, float, str, bool, date, None). The filters in
    `compose.filters` and `chart()` take it.
    """

    __slots__ = ("_columns", "_name", "_rows", "_types")
    _name: str
    _columns: tuple[str, ...]
    _rows: tuple[tuple[Any, ...], ...]
    _types: dict[str, str]

    def __init__(
        self,
        name: str,
        columns: list[str] | tuple[str, ...],
        rows: list[tuple[Any, ...]] | tuple[tuple[Any, ...], ...],
        types: dict[str, str] | None = None,
    ) -> None:
        object.__setattr__(self, "_name", str(name))
        object.__setattr__(self, "_columns", tuple(str(c) for c in columns))
        object.__setattr__(self, "_rows", tuple(tuple(r) for r in rows))
        object.__setattr__(self, "_types", dict(types or {}))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a figure table is read-only")

    @classmethod
    def of(cls, name: str, figure_set: FigureSet) -> FigureTable:
        """The figure set `figure_set`, named `name` as the template knows it."""
        columns = [str(c) for c in figure_set.frame.columns]
        return cls(name, columns, figure_set.rows, figure_set.types)

    @property
    def name(self) -> str:
        return self._name

    @property
    def columns(self) -> tuple[str, ...]:
        return self._columns

    def type_of(self, column: str) -> str | None:
        """The declared type of `column` (count, year, text, …), None when not declared."""
        return self._types.get(column)

    def values(self, column: str) -> list[Any]:
        """The values of one column, top to bottom."""
        i = self._columns.index(column)
        return [r[i] for r in self._rows]

    def records(self) -> list[dict[str, Any]]:
        """The rows as mappings of column to value."""
        return [dict(zip(self._columns, r, strict=True)) for r in self._rows]

    def tuples(self) -> tuple[tuple[Any, ...], ...]:
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"<figure set {self._name}: {len(self._rows)} rows>"


def pulled(
    frame: pd.DataFrame,
    query: QueryFile,
    parameters: dict[str, Any],
    source: str,
    pulled_at: str | None = None,
) -> FigureSet:
    """A figure set that `query` returned on the database `source` (its table conformed
    already), with its provenance and the column types the query declares."""
    provenance = Provenance(
        query=query.name,
        query_file=str(query.path),
        checksum=query.checksum,
        parameters=parameters,
        source=source,
        rows=len(frame),
        pulled_at=pulled_at or now(),
    )
    return FigureSet(frame, provenance, column_types(query))
