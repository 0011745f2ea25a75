"""Writing the demo tables: to a DuckDB file, or to any database SQLAlchemy reaches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

# The order a table's rows are stored in, in DuckDB: by the columns queries filter on first.
# DuckDB keeps each column's min and max per group of rows, and skips a group that a query's
# filter rules out: stored by department and line, then in time, the contacts of one line over
# three years are a few neighbouring groups instead of a quarter of the table (issue 14).
# Only where the rows lie changes: every query returns the same result.
STORED_ORDER = {"contacts": ("department", "line", "contacted_at", "contact_id")}


def write_duckdb(path: Path, tables: Mapping[str, pd.DataFrame]) -> None:
    """Write `tables` to a new DuckDB file at `path`, replacing it only once complete (rows
    stored in `STORED_ORDER`)."""
    import duckdb

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(partial)) as con:
            for name, frame in tables.items():
                con.register("frame", frame)
                # Categorical columns would become ENUMs; the schema promises plain text.
                columns = ", ".join(
                    f'CAST("{c}" AS VARCHAR) AS "{c}"'
                    if isinstance(frame[c].dtype, pd.CategoricalDtype)
                    else f'"{c}"'
                    for c in frame.columns
                )
                order = ", ".join(f'"{c}"' for c in STORED_ORDER.get(name, ()))
                con.execute(
                    f'CREATE TABLE "{name}" AS SELECT {columns} FROM frame'
                    + (f" ORDER BY {order}" if order else "")
                )
                con.unregister("frame")
            con.execute(f"CREATE TABLE {MARKER_TABLE} AS SELECT '{MARKER_TEXT}' AS made_by")
            con.execute("CHECKPOINT")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _sql_type(series: pd.Series) -> Any:
    """The SQL column type for a demo table's column."""
    import sqlalchemy as sa

    if pd.api.types.is_bool_dtype(series):
        return sa.Boolean()
    if pd.api.types.is_integer_dtype(series):
        return sa.BigInteger()
    if pd.api.types.is_float_dtype(series):
        return sa.Float(precision=53)
    if pd.api.types.is_datetime64_any_dtype(series):
        return sa.DateTime()
    sample = series.dropna()
    if len(sample) and isinstance(sample.iloc[0], dt.date):
        return sa.Date()
    return sa.Text()


def _copy(connection: Any, name: str, part: pd.DataFrame) -> None:
    """Load rows into PostgreSQL with COPY: far faster than INSERTs for millions of rows."""
    import io

    buffer = io.StringIO()
    part.to_csv(buffer, header=False, index=False, date_format="%Y-%m-%d %H:%M:%S")
    columns = ", ".join(f'"{c}"' for c in part.columns)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{name}" ({columns}) FROM STDIN (FORMAT csv)') as pipe:
        pipe.write(buffer.getvalue())


def _insert(connection: Any, table: Any, part: pd.DataFrame) -> None:
    records = part.astype(object).where(part.notna(), None).to_dict("records")
    connection.execute(table.insert(), [{str(k): v for k, v in r.items()} for r in records])


def write_sqlalchemy(url: Any, tables: Mapping[str, pd.DataFrame], chunk: int = 500_000) -> None:
    """Write `tables` to the database at `url` in one transaction, replacing tables of the same
    name: readers see the old tables or all the new ones."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            metadata = sa.MetaData()
            for name, frame in tables.items():
                columns = (sa.Column(c, _sql_type(frame[c])) for c in frame.columns)
                sa.Table(name, metadata, *columns)
            sa.Table(MARKER_TABLE, metadata, sa.Column("made_by", sa.Text()))
            metadata.drop_all(connection)
            metadata.create_all(connection)
            connection.execute(metadata.tables[MARKER_TABLE].insert(), [{"made_by": MARKER_TEXT}])
            for name, frame in tables.items():
                for start in range(0, len(frame), chunk):
                    part = frame.iloc[start : start + chunk]
                    if connection.dialect.name == "postgresql":
                        _copy(connection, name, part)
                    else:
                        _insert(connection, metadata.tables[name], part)
    finally:
        engine.dispose()


# The table that marks a database as made by `pqgen demo`: only such a database (or a new one)
# is replaced without --force.
MARKER_TABLE = "pqgen_demo"
MARKER_TEXT = "pqgen demo"


def _made_by_demo_duckdb(path: Path) -> bool:
    """Whether the DuckDB file at `path` was made by `pqgen demo` (False for any other file)."""
    import duckdb

    try:
        with duckdb.connect(str(path), read_only=True) as con:
            found = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                [MARKER_TABLE],
            ).fetchone()
    except (duckdb.Error, OSError):
        return False
    return bool(found and found[0])


def _foreign_tables(url: Any, names: list[str]) -> list[str]:
    """The demo's table names that already exist in the database at `url` without the marker."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            existing = set(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()
    return [] if MARKER_TABLE in existing else sorted(existing & set(names))


TABLE_NAMES = (
    "contacts",
    "abandoned_contacts",
    "agents",
    "agent_themes",
    "themes",
    "staffing",
    "survey_responses",
)


def check_replaceable(db: str | Path | None, *, force: bool = False) -> None:
    """Refuse (before any work) to write the demo into a folder, or over a file or tables that
    `pqgen demo` did not make, unless `force`."""
    import sqlalchemy as sa

    from pqgen.errors import DatabaseError
    from pqgen.figures import databases as database

    if database.export_folder(db) is not None:
        raise DatabaseError(str(db), "is a folder", hint="give a DuckDB file or a database URL")
    url = database.to_url(db)
    path = database.duckdb_path(url)
    hint = "give a new file or database, or add --force to replace it"
    if force:
        return
    if path is not None:
        if path.exists() and not _made_by_demo_duckdb(path):
            raise DatabaseError(
                str(path), "exists and was not made by `pqgen demo`; left as it is", hint=hint
            )
        return
    shown = database.describe(db)
    try:
        theirs = _foreign_tables(url, list(TABLE_NAMES))
    except sa.exc.DBAPIError as exc:
        raise DatabaseError(shown, f"cannot connect: {database.first_line(exc.orig)}") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(shown, f"the driver is not installed ({exc.name})") from None
    if theirs:
        raise DatabaseError(
            shown,
            f"already has table '{theirs[0]}' not made by `pqgen demo`; left as it is",
            hint=hint,
        )


def write_demo(
    db: str | Path | None, tables: Mapping[str, pd.DataFrame], *, force: bool = False
) -> str:
    """Write the demo tables to `db` (a DuckDB path, or any SQLAlchemy URL); return where.

    Only a new file, or a database `pqgen demo` made before, is replaced, unless `force`: a
    user's own database or file is never overwritten by accident."""
    import sqlalchemy as sa

    from pqgen.errors import DatabaseError
    from pqgen.figures import databases as database

    check_replaceable(db, force=force)
    url = database.to_url(db)
    shown = database.describe(db)
    path = database.duckdb_path(url)
    if path is not None:
        write_duckdb(path, tables)
        return str(path)
    try:
        write_sqlalchemy(url, tables)
    except sa.exc.DBAPIError as exc:
        message = database.first_line(exc.orig)
        raise DatabaseError(shown, f"cannot write the demo tables: {message}") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(shown, f"the driver is not installed ({exc.name})") from None
    return shown
