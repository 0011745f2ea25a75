"""Figure sources: where a figure set comes from when a draft asks for "query NAME with these
parameters" — a database (`DatabaseSource`) or figure sets already pulled or read from a file
(`StoredSource`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pqgen.errors import InputFileError, QueryError
from pqgen.figures import databases as db
from pqgen.figures.model import (
    FigureSet,
    conform,
    figure_key,
    plain_parameters,
    pulled,
)
from pqgen.figures.queries import QueryFile, find_query


class FigureSource(Protocol):
    """Anything that answers "query NAME with these parameters" with a figure set."""

    def fetch(self, name: str, params: dict[str, Any]) -> FigureSet: ...


@dataclass
class DatabaseSource:
    """Figures pulled by running query files on a database (read-only)."""

    db: str | Path | None
    query_dirs: list[Path]
    timeout: float | None = None
    threads: int | None = None  # DuckDB's threads (None: as many as it likes)
    _engine: Engine | None = field(default=None, init=False, repr=False)
    _cache: dict[str, FigureSet] = field(default_factory=dict, init=False, repr=False)
    _described: tuple[str | Path | None, str] | None = field(default=None, init=False, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = db.connect(self.db, timeout=self.timeout, threads=self.threads)
        return self._engine

    @property
    def description(self) -> str:
        """The database as provenance names it (without password), worked out once per `db`."""
        if self._described is None or self._described[0] != self.db:
            self._described = (self.db, db.describe(self.db))
        return self._described[1]

    @property
    def dialect(self) -> str:
        """The SQLAlchemy dialect's name ("duckdb", "postgresql"): picks query variants."""
        return str(self.engine.dialect.name)

    def query(self, name: str) -> QueryFile:
        """The query file `name` for this database's dialect, read once."""
        return find_query(name, self.query_dirs, self.dialect)

    def fetch(self, name: str, params: dict[str, Any]) -> FigureSet:
        """Run query `name` with the parameters it declares, taken from `params`."""
        query = self.query(name)
        statement, bound = query.bind(params)
        key = figure_key(name, bound)
        if key not in self._cache:
            self._cache[key] = self._run(query, statement, bound)
        return self._cache[key]

    def _run(self, query: QueryFile, statement: sa.TextClause, bound: dict[str, Any]) -> FigureSet:
        timer = db.Timer()
        try:
            with (
                self.engine.connect() as connection,
                db.statement_timeout(connection, self.timeout) as timer,
            ):
                if connection.dialect.name == "postgresql":
                    # Read-only again, whatever the session's default says.
                    connection.exec_driver_sql("SET TRANSACTION READ ONLY")
                result = connection.execute(statement, bound)
                frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        except (RuntimeError, sa.exc.DBAPIError) as exc:
            # DuckDB reports an interrupt (its own, or Ctrl-C) as "Query interrupted", at
            # times as a bare RuntimeError; only pqgen's timer makes it a timeout.
            orig = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
            if isinstance(exc, RuntimeError) and not db.is_timeout(orig):
                raise
            if self._interrupted(orig) and not timer.fired:
                raise KeyboardInterrupt from None
            if db.is_timeout(orig):
                raise QueryError(
                    query.path,
                    f"took longer than {self.timeout:g} seconds on {self.description} "
                    "and was stopped",
                    hint="raise --timeout, or ask the database's owner why the query is slow",
                ) from None
            raise QueryError(
                query.path,
                f"failed on {self.description}: {db.first_line(orig)}",
                # The database's own words say which: a name it does not know, or a value it
                # cannot compute with (a division by zero, a text where a number belongs).
                hint="check that the database has the tables and columns this query reads, "
                "and that their values suit it",
            ) from None
        return pulled(conform(frame, query), query, bound, self.description)

    def _interrupted(self, exc: BaseException | None) -> bool:
        """Whether a DuckDB error is an interrupt that pqgen's timer did not cause (Ctrl-C)."""
        return self.dialect == "duckdb" and "interrupt" in str(exc).lower()

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
