"""Hostile query files and export folders: one read-only SELECT, no file outside the database."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from pqgen.errors import PqgenError, QueryError, QueryNotReadOnly
from pqgen.figures import databases as db
from pqgen.figures.queries import read_query
from pqgen.figures.sources import DatabaseSource

HEADER = "-- X.\n-- Returns one row:\n--   n  count  n\n"


def query_file(folder: Path, sql: str, name: str = "q.sql") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(HEADER + sql + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "sql",
    [
        "SET TRANSACTION READ WRITE; CREATE TABLE t (a int); COMMIT; SELECT 1 AS n",
        "SELECT 1 AS n; DELETE FROM t",
        "COPY (SELECT 1 AS n) TO 'OUT'",
        "ATTACH 'OUT' AS other (READ_WRITE)",
        "WITH d AS (DELETE FROM t RETURNING 1) SELECT count(*) AS n FROM d",
        "SELECT count(*) AS n FROM read_csv('/etc/passwd')",
        "SELECT length(pg_read_file('/etc/passwd')) AS n",
        "SELECT 1 AS n INTO newtable",
        "SELECT 1 AS n FROM t FOR UPDATE",
        "SELECT set_config('default_transaction_read_only', 'off', false) AS n",
        "SELECT count(*) AS n FROM query('DELETE FROM t')",
        "PRAGMA enable_profiling",
        "INSTALL httpfs",
        "CALL something()",
        "DROP TABLE t",
        "",
    ],
)
def test_only_one_read_only_select_is_accepted(tmp_path: Path, sql: str) -> None:
    out = tmp_path / "written"
    path = query_file(tmp_path / "q", sql.replace("OUT", str(out)))
    with pytest.raises(QueryNotReadOnly, match=r"read-only|one SELECT") as info:
        read_query(path)
    assert "\n" not in str(info.value)
    assert not out.exists()


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT count(*) AS n FROM t",
        "WITH x AS (SELECT a FROM t) SELECT count(*) AS n FROM x",
        "SELECT 1 AS n UNION ALL SELECT 2",
        "SELECT count(*) AS n FROM t WHERE a = 'it''s -- not a comment'",
    ],
)
def test_plain_selects_pass(tmp_path: Path, sql: str) -> None:
    assert read_query(query_file(tmp_path / "q", sql)).sql


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    path = tmp_path / "small.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS a")
    return path


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM '/etc/passwd'",
        "COPY (SELECT 1) TO 'OUT'",
        "ATTACH 'OUT' AS other",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
    ],
)
def test_duckdb_connections_reach_no_other_file(
    small_db: Path, tmp_path: Path, statement: str
) -> None:
    """The second wall, behind the check of the query file: the connection itself."""
    out = tmp_path / "out.file"
    engine = db.connect(str(small_db))
    try:
        with engine.connect() as connection, pytest.raises(sa.exc.DBAPIError):
            connection.exec_driver_sql(statement.replace("OUT", str(out)))
    finally:
        engine.dispose()
    assert not out.exists()


def test_export_folder_is_locked_and_names_are_quoted(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    # A file name that was SQL when it went unquoted into CREATE VIEW.
    crafted = folder / "t\" AS SELECT 1; COPY (SELECT 1) TO 'pwned.csv'; --.csv"
    crafted.write_text("a\n5\n", encoding="utf-8")
    source_file = folder / "plain.csv"
    source_file.write_text("a\n1\n2\n", encoding="utf-8")
    before = source_file.read_bytes()
    engine = db.connect(str(folder))
    try:
        with engine.connect() as connection:
            quoted = db.quote_identifier(crafted.stem)
            assert connection.exec_driver_sql(f"SELECT a FROM {quoted}").scalar() == 5
            assert connection.exec_driver_sql("SELECT count(*) FROM plain").scalar() == 2
            for statement in (
                f"COPY (SELECT 1 AS a) TO '{source_file}'",
                "SELECT * FROM read_csv('/etc/passwd')",
            ):
                with pytest.raises(sa.exc.DBAPIError):
                    connection.exec_driver_sql(statement)
    finally:
        engine.dispose()
    assert source_file.read_bytes() == before
    assert not (tmp_path / "pwned.csv").exists() and not Path("pwned.csv").exists()


def test_a_query_file_that_writes_never_runs(small_db: Path, tmp_path: Path) -> None:
    query_file(tmp_path / "q", "DELETE FROM t RETURNING 1 AS n", "sneaky.sql")
    with DatabaseSource(str(small_db), [tmp_path / "q"]) as source, pytest.raises(QueryError):
        source.fetch("sneaky", {})
    with duckdb.connect(str(small_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM t").fetchone() == (1,)


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 0.0, -1.0])
def test_timeouts_must_be_finite_and_positive(small_db: Path, timeout: float) -> None:
    with pytest.raises(PqgenError, match="timeout"):
        db.connect(str(small_db), timeout=timeout)


@pytest.mark.parametrize(
    ("select", "says"),
    [
        ("SELECT 'abc' AS n", "Unable to parse"),
        ("SELECT 1.5 AS n", "1.5 is not a whole number"),
        ("SELECT 1e30 AS n", "too large"),
    ],
)
def test_results_of_the_wrong_type_are_one_line(
    small_db: Path, tmp_path: Path, select: str, says: str
) -> None:
    query_file(tmp_path / "q", select, "typed.sql")
    with (
        DatabaseSource(str(small_db), [tmp_path / "q"]) as source,
        pytest.raises(QueryError, match=r"column 'n' \(count\).*" + says) as info,
    ):
        source.fetch("typed", {})
    assert "\n" not in str(info.value)
