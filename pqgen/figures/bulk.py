"""Pulling the figure sets of a whole batch: each distinct set once, many sets in one statement.

A batch of a thousand recurring questions needs a thousand figure sets that differ only in their
parameters (the reference date of each question, say). One statement per set spends most of its
time on the round trip: a transaction opened and rolled back, the statement parsed and planned.
Here the sets of one query file go to the database as one statement: the query as a LATERAL
subquery over a VALUES list of the parameter values, each row tagged with its set, and the
result is split in Python.

That is exact only where a set's rows need no order of their own: queries that return one row
(a query file without key columns, such as a count on a day). The split is checked to give
every set exactly one row; a query file with key columns, a list parameter, another database
than DuckDB, or a statement that fails goes one set at a time through `DatabaseSource.fetch`,
which also words any error.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from typing import Any

import pandas as pd
import sqlalchemy as sa

from pqgen.errors import PqgenError
from pqgen.figures import databases as db
from pqgen.figures.model import (
    FigureRequest,
    FigureSet,
    conform,
    now,
    pulled,
)
from pqgen.figures.queries import QueryFile
from pqgen.figures.sources import DatabaseSource

SQL_TYPES = {"text": "VARCHAR", "date": "DATE", "integer": "BIGINT", "number": "DOUBLE",
             "boolean": "BOOLEAN"}  # fmt: skip
PER_STATEMENT = 500  # figure sets in one statement
SET_COLUMN = "__pqgen_set"
_PARAM_USE = re.compile(r"(?<![:\w]):(\w+)")  # as the query files' check reads them


class _NotExact(Exception):
    """The statement did not give each set exactly one row: pull the sets one by one."""


def pull_all(
    requests: Mapping[str, FigureRequest], source: DatabaseSource, known: Container[str] = ()
) -> tuple[dict[str, FigureSet], dict[str, str]]:
    """Each figure set of `requests` (by `figure_key`) but those `known` already, by key; and
    for those that failed, why."""
    groups: dict[str, dict[str, FigureRequest]] = {}
    for key, request in requests.items():
        if key not in known:
            groups.setdefault(request.query.name, {})[key] = request
    sets: dict[str, FigureSet] = {}
    failed: dict[str, str] = {}
    for name, group in groups.items():
        query = source.query(name)
        if len(group) > 1 and bulk_possible(query, source):
            keys = list(group)
            try:
                for start in range(0, len(keys), PER_STATEMENT):
                    chunk = keys[start : start + PER_STATEMENT]
                    pulled = pull_bulk(query, [group[k].params for k in chunk], source)
                    sets.update(zip(chunk, pulled, strict=True))
                continue
            except (sa.exc.DBAPIError, _NotExact):
                pass  # one by one, below: DatabaseSource words the error of a failing set
        for key, request in group.items():
            if key in sets:
                continue
            try:
                sets[key] = source.fetch(name, request.params)
            except PqgenError as exc:
                failed[key] = str(exc)
    return sets, failed


def bulk_possible(query: QueryFile, source: DatabaseSource) -> bool:
    """Whether `query`'s sets can be pulled in one statement and split exactly."""
    return (
        source.dialect == "duckdb"
        and not query.keys
        and all(p.type in SQL_TYPES for p in query.parameters)
    )


def bulk_statement(query: QueryFile, count: int) -> str:
    """The statement that runs `query` for `count` sets of parameter values (bound as p{i}_{j})."""
    names = [p.name for p in query.parameters]
    inner = _PARAM_USE.sub(lambda m: f'__pqgen_p."{m.group(1)}"', query.statement_sql)
    rows = ", ".join(
        "("
        + ", ".join(
            [str(i)]
            + [f"CAST(:p{i}_{j} AS {SQL_TYPES[p.type]})" for j, p in enumerate(query.parameters)]
        )
        + ")"
        for i in range(count)
    )
    columns = ", ".join([SET_COLUMN, *(f'"{n}"' for n in names)])
    return (
        f"SELECT __pqgen_p.{SET_COLUMN}, __pqgen_q.* FROM (VALUES {rows}) AS __pqgen_p({columns})"
        f" CROSS JOIN LATERAL ({inner}) AS __pqgen_q ORDER BY 1"
    )


def pull_bulk(
    query: QueryFile, params: list[dict[str, Any]], source: DatabaseSource
) -> list[FigureSet]:
    """The figure sets of `query` for each of `params` (checked and typed, as a
    `FigureRequest` holds them), from one statement, in that order."""
    bound = [{p.name: one[p.name] for p in query.parameters} for one in params]
    values = {
        f"p{i}_{j}": one[p.name]
        for i, one in enumerate(bound)
        for j, p in enumerate(query.parameters)
    }
    statement = sa.text(bulk_statement(query, len(bound)))
    with source.engine.connect() as connection, db.statement_timeout(connection, source.timeout):
        result = connection.execute(statement, values)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    if frame[SET_COLUMN].tolist() != list(range(len(bound))):
        raise _NotExact(query.name)
    conformed = conform(frame.drop(columns=[SET_COLUMN]), query)
    pulled_at = now()
    sets = []
    for i, one in enumerate(bound):
        row = _one_row(conformed, i)
        sets.append(pulled(row, query, one, source.description, pulled_at))
    return sets


def _one_row(frame: pd.DataFrame, i: int) -> pd.DataFrame:
    """Row `i` of `frame` as `conform` would give it on its own: a whole-number column is
    nullable (Int64) only where this row's value is missing."""
    row = frame.iloc[[i]].reset_index(drop=True)
    for column in row.columns:
        if str(row[column].dtype) == "Int64" and not row[column].isna().any():
            row[column] = row[column].astype("int64")
    return row
