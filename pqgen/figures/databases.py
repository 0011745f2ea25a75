"""Connections to the database that holds the figures.

`--db` takes any SQLAlchemy URL (postgresql://user:password@host/db, …), the path of a DuckDB
file, or a folder of CSV and Parquet exports (one file per table, read through DuckDB without an
import step). Without one, pqgen uses the embedded demo database that `pqgen demo` builds:
$PQGEN_DB, or pqgen-demo.duckdb in the current folder.

Connections for figures are read-only (DuckDB files are opened read-only, PostgreSQL sessions
are read-only transactions), and a statement timeout can stop a query that runs too long.
"""

from __future__ import annotations

import math
import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

from pqgen.errors import DatabaseError, PqgenError

DEFAULT_DB_FILE = "pqgen-demo.duckdb"
EXPORT_SUFFIXES = {".csv": "read_csv_auto", ".parquet": "read_parquet"}
CONNECT_TIMEOUT_SECONDS = 10


def default_db() -> str:
    return os.environ.get("PQGEN_DB") or DEFAULT_DB_FILE


def export_folder(db: str | Path | None) -> Path | None:
    """The folder of CSV/Parquet exports that `db` names, or None if it names no folder."""
    text = str(db) if db is not None else default_db()
    if "://" in text:
        return None
    path = Path(text).expanduser()
    return path.resolve() if path.is_dir() else None


def to_url(db: str | Path | None) -> URL:
    """The SQLAlchemy URL for `db`: a URL as given (postgresql:// uses psycopg 3), a path as a
    DuckDB file, a folder of exports as an in-memory DuckDB, None as the default database."""
    text = str(db) if db is not None else default_db()
    if "://" not in text:
        if export_folder(text) is not None:
            return sa.make_url("duckdb:///:memory:")
        return sa.make_url("duckdb:///" + str(Path(text).expanduser().resolve()))
    try:
        url = sa.make_url(_quote_userinfo(text))
    except (sa.exc.ArgumentError, ValueError):
        raise DatabaseError(
            _hide_password(text),
            "not a database URL or path",
            hint="write it as dialect://user:password@host:port/database",
        ) from None
    if url.drivername == "postgresql":
        # The driver pqgen installs; SQLAlchemy's default for postgresql:// would be psycopg2.
        url = url.set(drivername="postgresql+psycopg")
    return url


def _quote_userinfo(text: str) -> str:
    """`text` with its user name and password %-encoded when the password holds a bare '@' (the
    last '@' before the host separates them, as browsers read it)."""
    scheme, sep, rest = text.partition("://")
    netloc, slash, path = rest.partition("/")
    if netloc.count("@") < 2:
        return text
    userinfo, _, hostport = netloc.rpartition("@")
    user, colon, password = userinfo.partition(":")
    quoted = quote(unquote(user), safe="") + (colon + quote(unquote(password), safe=""))
    return f"{scheme}{sep}{quoted}@{hostport}{slash}{path}"


# Query-string parameters of a URL that carry a credential (password, sslpassword, token, …).
_SECRET_KEY = re.compile(r"pass|pwd|secret|token|key|auth|credential|cookie", re.IGNORECASE)


def _hide_password(text: str) -> str:
    """A text that did not parse as a URL, with whatever may be a credential replaced by ***."""
    text = re.sub(r"(://)[^/?#]*@", r"\1***@", text)
    return re.sub(r"([?&][^=&#]*=)[^&#]*", r"\1***", text)


def safe_url(url: URL) -> str:
    """The URL as it may be shown and stored: the password, and every query-string parameter
    that carries a credential (password, sslpassword, token, …), replaced by ***."""
    secrets = {k: "***" for k in url.query if _SECRET_KEY.search(k)}
    if secrets:
        url = url.update_query_dict(secrets)
    return url.render_as_string(hide_password=True).replace("%2A%2A%2A", "***")


def describe(db: str | Path | None) -> str:
    """`db` as shown in messages and provenance: a URL without password, or the export folder."""
    folder = export_folder(db)
    if folder is not None:
        return f"{folder} (CSV/Parquet exports)"
    return safe_url(to_url(db))


def duckdb_path(url: URL) -> Path | None:
    """The file of a DuckDB URL, or None for another database or an in-memory DuckDB."""
    if url.get_backend_name() != "duckdb" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _export_views(folder: Path) -> tuple[list[str], list[Path]]:
    """The statements that make each export file a view named after the file, and the files."""
    seen: dict[str, Path] = {}
    statements = []
    for path in sorted(folder.iterdir()):
        reader = EXPORT_SUFFIXES.get(path.suffix.lower())
        if reader is None:
            continue
        table = path.stem
        if table in seen:
            raise DatabaseError(
                str(folder),
                f"two exports of table '{table}': {seen[table].name} and {path.name}",
                hint="keep one file per table",
            )
        seen[table] = path
        statements.append(
            f"CREATE VIEW {quote_identifier(table)} AS SELECT * FROM {reader}({quote_text(path)})"
        )
    if not statements:
        raise DatabaseError(
            str(folder),
            "holds no .csv or .parquet exports",
            hint="export one file per table (contacts.csv, staffing.parquet, …)",
        )
    return statements, list(seen.values())


def quote_identifier(name: str) -> str:
    """`name` as a SQL identifier: in double quotes, a double quote inside doubled."""
    return '"' + name.replace('"', '""') + '"'


def quote_text(value: object) -> str:
    """`value` as a SQL string literal: in single quotes, a single quote inside doubled."""
    return "'" + str(value).replace("'", "''") + "'"


# What a DuckDB connection for figures may not do: touch any file but its own database (and,
# for a folder of exports, the export files), install or load extensions, or change that.
DUCKDB_LOCKED = {"enable_external_access": False, "lock_configuration": True}


def _lock_duckdb(
    dbapi_connection: Any, allowed: list[Path], views: list[str], threads: int | None
) -> None:
    """Allow reading `allowed` files only, create the export `views`, then lock the settings."""
    if threads:
        dbapi_connection.execute(f"SET threads = {int(threads)}")
    if allowed:
        paths = ", ".join(quote_text(p) for p in allowed)
        dbapi_connection.execute(f"SET allowed_paths = [{paths}]")
    dbapi_connection.execute("SET enable_external_access = false")
    for statement in views:
        dbapi_connection.execute(statement)
    dbapi_connection.execute("SET lock_configuration = true")


def connect(
    db: str | Path | None, *, timeout: float | None = None, threads: int | None = None
) -> Engine:
    """An engine on `db` for reading figures; fails at once, clearly, if it cannot be reached.

    `timeout` (seconds) stops a statement that runs longer: PostgreSQL enforces it itself, for
    DuckDB pqgen interrupts the query (see :func:`statement_timeout`). `threads` limits DuckDB's
    threads; it is set when the connection opens, as the configuration is locked after that.
    """
    url = to_url(db)
    shown = describe(db)
    check_timeout(timeout)
    connect_args: dict[str, Any] = {}
    backend = url.get_backend_name()
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
        connect_args["config"] = dict(DUCKDB_LOCKED)
        if threads:
            connect_args["config"]["threads"] = int(threads)
    elif backend == "sqlite" and url.database not in (None, "", ":memory:"):
        # SQLite would create an empty file for a wrong path; open it read-only, if it exists.
        if not Path(url.database).is_file():
            raise DatabaseError(shown, "no such database file", hint="check the path in the URL")
        url = url.set(database=f"file:{url.database}?mode=ro", query={"uri": "true"})
    elif backend == "postgresql":
        options = "-c default_transaction_read_only=on"
        if timeout:
            # At least 1 ms: PostgreSQL reads 0 as "no limit".
            options += f" -c statement_timeout={max(1, math.ceil(timeout * 1000))}"
        connect_args["options"] = options
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    try:
        engine = sa.create_engine(url, connect_args=connect_args)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise DatabaseError(
            shown, f"cannot use this kind of database ({_hide_password(str(exc))})"
        ) from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            shown, f"the driver is not installed ({exc.name})", hint=f"pip install {exc.name}"
        ) from None
    folder = export_folder(db)
    if folder is not None:
        views, files = _export_views(folder)

        @sa.event.listens_for(engine, "connect")
        def _create_views(dbapi_connection: Any, _record: Any) -> None:
            _lock_duckdb(dbapi_connection, files, views, threads)

    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        message = first_line(exc.orig)
        raise DatabaseError(
            shown, f"cannot connect: {message}", hint=_connect_hint(message)
        ) from None
    return engine


MAX_TIMEOUT_SECONDS = 7 * 24 * 3600


def check_timeout(timeout: float | None) -> None:
    """A timeout is a finite number of seconds above zero (nan, inf and 0 are refused)."""
    if timeout is None:
        return
    if not (isinstance(timeout, int | float) and 0 < timeout <= MAX_TIMEOUT_SECONDS):
        raise PqgenError(
            f"timeout {timeout}: not a number of seconds above 0 and at most {MAX_TIMEOUT_SECONDS}",
            hint="give, say, --timeout 30",
        )


def _connect_hint(message: str) -> str | None:
    """What to check, for the connection errors users meet most."""
    lowered = message.lower()
    if "password" in lowered or "authentication" in lowered:
        return "check the user name and password in the URL"
    if "resolve host" in lowered or "translate host" in lowered or "name or service" in lowered:
        return "check the host name in the URL"
    if "refused" in lowered or "timeout" in lowered or "timed out" in lowered:
        return "check the host and port, and that the database server is running"
    if "does not exist" in lowered:
        return "check the database name in the URL"
    return None


class Timer:
    """Whether pqgen's own timer stopped the statement (else an interrupt came from Ctrl-C)."""

    fired = False


@contextmanager
def statement_timeout(connection: Connection, timeout: float | None) -> Iterator[Timer]:
    """Interrupt DuckDB statements that run longer than `timeout` seconds, or at Ctrl-C.

    PostgreSQL needs nothing here: its session has statement_timeout set (see :func:`connect`),
    and psycopg cancels a query at Ctrl-C itself.
    """
    state = Timer()
    if connection.dialect.name != "duckdb":
        yield state
        return
    raw = connection.connection.dbapi_connection

    def stop() -> None:
        state.fired = True
        raw.interrupt()  # type: ignore[union-attr]

    timer = threading.Timer(timeout, stop) if timeout else None
    if timer is not None:
        timer.start()
    try:
        with _interrupt_at_ctrl_c(raw):
            yield state
    finally:
        if timer is not None:
            timer.cancel()


class _CtrlCListener:
    """A thread that reads the signals Python writes to a wakeup file and, at Ctrl-C, interrupts
    the DuckDB statements running: one per process, started at the first statement (starting a
    thread per statement cost more than a small query)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.running: dict[int, Any] = {}  # id -> the raw connection of a statement running
        self.read_end, self.write_end = os.pipe()
        os.set_blocking(self.write_end, False)
        threading.Thread(target=self._listen, name="pqgen-ctrl-c", daemon=True).start()

    def _listen(self) -> None:
        while data := os.read(self.read_end, 16):
            if signal.SIGINT in data:
                for raw in list(self.running.values()):
                    with suppress(Exception):
                        raw.interrupt()


_LISTENER: list[_CtrlCListener] = []


def _listener() -> _CtrlCListener:
    if not _LISTENER or _LISTENER[0].pid != os.getpid():  # none yet, or a forked process's
        _LISTENER[:] = [_CtrlCListener()]
    return _LISTENER[0]


@contextmanager
def _interrupt_at_ctrl_c(raw: Any) -> Iterator[None]:
    """Interrupt DuckDB at once when Ctrl-C comes. DuckDB runs a query in C code, where Python
    raises KeyboardInterrupt only once the query is over (or reports "Query interrupted"); but
    Python writes each signal to a wakeup file at once, and a thread listening there interrupts
    the query, as the timeout does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    listener = _listener()
    try:
        previous = signal.set_wakeup_fd(listener.write_end)
    except ValueError:  # not the main thread of the main interpreter
        yield
        return
    listener.running[id(raw)] = raw
    try:
        yield
    finally:
        signal.set_wakeup_fd(previous)
        listener.running.pop(id(raw), None)


def is_timeout(exc: BaseException | None) -> bool:
    """Whether a driver error says the statement was stopped by the timeout."""
    text = str(exc).lower()
    return "statement timeout" in text or "interrupt" in text


def first_line(exc: BaseException | None) -> str:
    """The first line of a driver's message, without SQLAlchemy's background links."""
    text = str(exc).strip() if exc is not None else "unknown error"
    return text.splitlines()[0] if text else type(exc).__name__
