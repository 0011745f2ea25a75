"""What a query file may be: exactly one statement that only reads (SELECT, WITH … SELECT).

Checked with sqlglot when the file is read, before anything runs: a file with a second
statement, a COPY, ATTACH, SET, PRAGMA, INSERT … or a SELECT that writes (SELECT … INTO, a
data-modifying WITH, FOR UPDATE) or calls a function that reaches files or the server's
settings is refused with one line naming the file. The database enforces the same again:
DuckDB without external access and with its configuration locked, PostgreSQL in a read-only
transaction (see `figures.databases`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp

from pqgen.errors import QueryNotReadOnly

# sqlglot's names for the dialects a variant file (name.DIALECT.sql) is written for.
DIALECTS = {"duckdb": "duckdb", "postgresql": "postgres", "postgres": "postgres"}

READING_ROOTS = (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Subquery)

WRITING_NODES: tuple[type[exp.Expression], ...] = (
    exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Create, exp.Drop, exp.Alter, exp.Copy,
    exp.Command, exp.Into, exp.Lock, exp.Set, exp.Pragma, exp.Use, exp.Transaction,
    exp.Commit, exp.Rollback, exp.Attach, exp.Detach, exp.Install, exp.LoadData,
)  # fmt: skip

# Functions that read files, reach other servers or change settings; DuckDB refuses the file
# readers anyway (external access is off), PostgreSQL lets a superuser run them.
FORBIDDEN_FUNCTIONS = frozenset(
    {
        "read_csv", "read_csv_auto", "read_parquet", "parquet_scan", "read_json",
        "read_json_auto", "read_json_objects", "read_ndjson", "read_text", "read_blob", "glob",
        "sniff_csv", "parquet_metadata", "parquet_schema", "query", "query_table",
        "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "lo_import",
        "lo_export", "lo_get", "lo_put", "lo_from_bytea", "dblink", "dblink_exec",
        "set_config", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf",
        "nextval", "setval", "currval", "txid_current", "pg_advisory_lock",
        "pg_advisory_xact_lock", "copy_from", "getenv", "current_setting",
    }
)  # fmt: skip

logging.getLogger("sqlglot").setLevel(logging.ERROR)


def _dialects(path: Path) -> list[str]:
    """The dialects a file is written for: its variant's, else both pqgen runs on."""
    parts = path.name.split(".")
    if len(parts) >= 3 and parts[-2].lower() in DIALECTS:
        return [DIALECTS[parts[-2].lower()]]
    return ["duckdb", "postgres"]


def check_read_only(path: Path, sql: str) -> None:
    """Refuse `sql` (the file's statement, comments removed) unless it is one reading SELECT."""
    readable = False
    for dialect in _dialects(path):
        try:
            statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
        except (sqlglot.errors.ParseError, sqlglot.errors.TokenError, ValueError):
            continue
        readable = True
        _check_statements(path, statements, dialect)
    if not readable:
        raise QueryNotReadOnly(
            path,
            "cannot be read as one SELECT statement",
            hint="write one SELECT (or WITH … SELECT); SQL for one database only goes in a "
            "variant file such as NAME.duckdb.sql or NAME.postgresql.sql",
        )


def _check_statements(path: Path, statements: list[Any], dialect: str) -> None:
    hint = "a query file holds exactly one read-only statement: SELECT, or WITH … SELECT"
    if len(statements) != 1:
        raise QueryNotReadOnly(
            path,
            f"is not one read-only SELECT: it holds {len(statements)} statements "
            f"(read as {dialect})",
            hint=hint,
        )
    (statement,) = statements
    if not isinstance(statement, READING_ROOTS):
        kind = statement.key.upper()
        raise QueryNotReadOnly(path, f"is not a read-only SELECT but {kind}", hint=hint)
    for node in statement.walk():
        if isinstance(node, WRITING_NODES):
            raise QueryNotReadOnly(
                path, f"is not read-only: it holds {node.key.upper()} inside its SELECT", hint=hint
            )
        if isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
            if name in FORBIDDEN_FUNCTIONS:
                raise QueryNotReadOnly(
                    path,
                    f"is not read-only: it calls {name}(), which reaches files or settings",
                    hint="query the database's tables only",
                )
