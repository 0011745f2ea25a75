"""Figures: the tables that queries return, each with where it came from.

A figure source answers "run query Q with these parameters" with a :class:`FigureSet`: a pandas
DataFrame and its provenance (query file and checksum, parameters, database without password,
number of rows, time pulled). The same query with the same parameters is pulled once per source,
however many sub-questions or questions ask for it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pqgen import db
from pqgen.errors import InputFileError, QueryError
from pqgen.queries import QueryFile, find_query


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
        values = frame[column.name]
        if column.type in ("integer", "count", "year"):
            numbers = pd.to_numeric(values)
            data[column.name] = numbers.astype("Int64" if numbers.isna().any() else "int64")
        elif column.type in ("number", "percent"):
            data[column.name] = pd.to_numeric(values).astype("float64")
        elif column.type == "date":
            dates = pd.to_datetime(values)
            data[column.name] = pd.Series(
                [None if pd.isna(d) else d.date() for d in dates], index=frame.index, dtype=object
            )
        elif column.type == "boolean":
            data[column.name] = values.astype(bool)
        else:
            data[column.name] = pd.Series(
                [None if v is None or v is pd.NA else str(v) for v in values],
                index=frame.index,
                dtype=object,
            )
    return pd.DataFrame(data, index=pd.RangeIndex(len(frame)))


def _plain(value: Any) -> Any:
    """A parameter value as JSON-friendly data (dates as ISO text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class FigureSet:
    """A table of figures with its provenance and the type of each column (from the query)."""

    frame: pd.DataFrame
    provenance: Provenance
    types: dict[str, str] = field(default_factory=dict)


def figure_key(query: str, params: dict[str, Any]) -> str:
    """What identifies a figure set: its query and the values of the parameters it uses."""
    return json.dumps([query, plain_parameters(params)], sort_keys=True, ensure_ascii=False)


def plain_parameters(params: dict[str, Any]) -> dict[str, Any]:
    """Parameter values as JSON-friendly data (dates as ISO text)."""
    return {k: _plain(v) for k, v in sorted(params.items())}


@dataclass
class DatabaseSource:
    """Figures pulled by running query files on a database (read-only)."""

    db: str | Path | None
    query_dirs: list[Path]
    timeout: float | None = None
    _engine: Engine | None = field(default=None, init=False, repr=False)
    _cache: dict[str, FigureSet] = field(default_factory=dict, init=False, repr=False)
    _queries: dict[str, QueryFile] = field(default_factory=dict, init=False, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = db.connect(self.db, timeout=self.timeout)
        return self._engine

    @property
    def description(self) -> str:
        return db.describe(self.db)

    @property
    def dialect(self) -> str:
        """The SQLAlchemy dialect's name ("duckdb", "postgresql"): picks query variants."""
        return str(self.engine.dialect.name)

    def query(self, name: str) -> QueryFile:
        """The query file `name` for this database's dialect, read once."""
        if name not in self._queries:
            self._queries[name] = find_query(name, self.query_dirs, self.dialect)
        return self._queries[name]

    def fetch(self, name: str, params: dict[str, Any]) -> FigureSet:
        """Run query `name` with the parameters it declares, taken from `params`."""
        query = self.query(name)
        statement, bound = query.bind(params)
        key = figure_key(name, bound)
        if key not in self._cache:
            self._cache[key] = self._run(query, statement, bound)
        return self._cache[key]

    def _run(self, query: QueryFile, statement: sa.TextClause, bound: dict[str, Any]) -> FigureSet:
        try:
            with (
                self.engine.connect() as connection,
                db.statement_timeout(connection, self.timeout),
            ):
                result = connection.execute(statement, bound)
                frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        except sa.exc.DBAPIError as exc:
            if db.is_timeout(exc.orig):
                raise QueryError(
                    query.path,
                    f"took longer than {self.timeout:g} seconds on {self.description} "
                    "and was stopped",
                    hint="raise --timeout, or ask the database's owner why the query is slow",
                ) from None
            raise QueryError(
                query.path,
                f"failed on {self.description}: {db.first_line(exc.orig)}",
                hint="check that the database has the tables and columns this query reads",
            ) from None
        frame = conform(frame, query)
        provenance = Provenance(
            query=query.name,
            query_file=str(query.path),
            checksum=query.checksum,
            parameters=bound,
            source=self.description,
            rows=len(frame),
            pulled_at=now(),
        )
        return FigureSet(frame, provenance, column_types(query))

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> DatabaseSource:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@dataclass
class StoredSource:
    """Figure sets pulled before, looked up by query and parameter values: from a figure file,
    or pulled once for a whole batch."""

    origin: str
    sets: dict[str, FigureSet]
    find: Callable[[str], QueryFile]
    hint: str | None = None

    def fetch(self, name: str, params: dict[str, Any]) -> FigureSet:
        used = self.find(name).used_parameters(params)
        key = figure_key(name, used)
        if key not in self.sets:
            shown = json.dumps(plain_parameters(used), ensure_ascii=False)
            raise InputFileError(
                self.origin,
                f"holds no figures for query {name} with parameters {shown}",
                hint=self.hint,
            )
        return self.sets[key]

    def close(self) -> None:
        pass

    def __enter__(self) -> StoredSource:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
