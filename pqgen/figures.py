"""Figures: the tables that queries return, each with where it came from.

A figure source answers "run query Q with these parameters" with a :class:`FigureSet`: a pandas
DataFrame and its provenance (query file and checksum, parameters, database without password,
number of rows, time pulled). The same query with the same parameters is pulled once per source,
however many sub-questions or questions ask for it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pqgen import db
from pqgen.errors import QueryError
from pqgen.queries import QueryFile, find_query


@dataclass(frozen=True)
class Provenance:
    """Where a figure set came from: enough to pull it again and compare."""

    query: str
    query_file: str
    checksum: str
    parameters: dict[str, Any]
    database: str
    rows: int
    pulled_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "query_file": self.query_file,
            "checksum": self.checksum,
            "parameters": {k: _plain(v) for k, v in self.parameters.items()},
            "database": self.database,
            "rows": self.rows,
            "pulled_at": self.pulled_at,
        }


def _plain(value: Any) -> Any:
    """A parameter value as JSON-friendly data (dates as ISO text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class FigureSet:
    """A table of figures with its provenance."""

    frame: pd.DataFrame
    provenance: Provenance


def _cache_key(query: str, params: dict[str, Any]) -> str:
    return json.dumps([query, {k: _plain(v) for k, v in sorted(params.items())}], default=str)


@dataclass
class DatabaseSource:
    """Figures pulled by running query files on a database (read-only)."""

    db: str | Path | None
    query_dirs: list[Path]
    _engine: Engine | None = field(default=None, init=False, repr=False)
    _cache: dict[str, FigureSet] = field(default_factory=dict, init=False, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = db.connect(self.db)
        return self._engine

    @property
    def description(self) -> str:
        return db.safe_url(db.to_url(self.db))

    def query(self, name: str) -> QueryFile:
        return find_query(name, self.query_dirs, self.engine.dialect.name)

    def fetch(self, name: str, params: dict[str, Any]) -> FigureSet:
        """Run query `name` with the parameters it declares, taken from `params`."""
        query = self.query(name)
        used = {p.name: params[p.name] for p in query.parameters if p.name in params}
        key = _cache_key(name, used)
        if key not in self._cache:
            self._cache[key] = self._run(query, params)
        return self._cache[key]

    def _run(self, query: QueryFile, params: dict[str, Any]) -> FigureSet:
        statement, bound = query.bind(params)
        try:
            with self.engine.connect() as connection:
                result = connection.execute(statement, bound)
                frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        except sa.exc.DBAPIError as exc:
            raise QueryError(
                query.path,
                f"failed on {self.description}: {db.first_line(exc.orig)}",
                hint="check that the database has the tables and columns this query reads",
            ) from None
        provenance = Provenance(
            query=query.name,
            query_file=str(query.path),
            checksum=query.checksum,
            parameters=bound,
            database=self.description,
            rows=len(frame),
            pulled_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        return FigureSet(frame, provenance)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
