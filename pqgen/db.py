"""Connections to the database that holds the figures.

Any SQLAlchemy URL works; a plain path means a DuckDB file. Without one, pqgen uses the embedded
demo database that `pqgen demo` builds: $PQGEN_DB, or pqgen-demo.duckdb in the current folder.
Connections for figures are read-only: pqgen never changes a department's data.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine

from pqgen.errors import DatabaseError

DEFAULT_DB_FILE = "pqgen-demo.duckdb"


def default_db() -> str:
    return os.environ.get("PQGEN_DB") or DEFAULT_DB_FILE


def to_url(db: str | Path | None) -> URL:
    """The SQLAlchemy URL for `db`: a URL as given, a path as a DuckDB file, None as the default."""
    text = str(db) if db is not None else default_db()
    if "://" not in text:
        return sa.make_url("duckdb:///" + str(Path(text).expanduser().resolve()))
    try:
        return sa.make_url(text)
    except sa.exc.ArgumentError:
        raise DatabaseError(text, "not a database URL or path") from None


def safe_url(url: URL) -> str:
    """The URL as it may be shown and stored: the password is replaced by ***."""
    return url.render_as_string(hide_password=True)


def duckdb_path(url: URL) -> Path | None:
    """The file of a DuckDB URL, or None for another database or an in-memory DuckDB."""
    if url.get_backend_name() != "duckdb" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def connect(db: str | Path | None) -> Engine:
    """An engine on `db` for reading figures; fails at once, clearly, if it cannot be reached."""
    url = to_url(db)
    shown = safe_url(url)
    connect_args: dict[str, object] = {}
    path = duckdb_path(url)
    if path is not None:
        if not path.exists():
            hint = (
                "build the demo database with `pqgen demo`, or name one with --db"
                if path.name == DEFAULT_DB_FILE
                else "check the path, or name another database with --db"
            )
            raise DatabaseError(shown, "no such database file", hint=hint)
        connect_args["read_only"] = True
    try:
        engine = sa.create_engine(url, connect_args=connect_args)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise DatabaseError(shown, f"cannot use this kind of database ({exc})") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            shown, f"the driver is not installed ({exc.name})", hint=f"pip install {exc.name}"
        ) from None
    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        raise DatabaseError(shown, f"cannot connect: {first_line(exc.orig)}") from None
    return engine


def first_line(exc: BaseException | None) -> str:
    """The first line of a driver's message, without SQLAlchemy's background links."""
    text = str(exc).strip() if exc is not None else "unknown error"
    return text.splitlines()[0] if text else type(exc).__name__
