"""SQL files that pull figures, and how they are read, checked and run.

A query file starts with a header comment that says what it returns, column by column, and
declares every parameter it takes::

    -- Contacts per topic and year for the content of one department.
    -- Returns one row per year and topic:
    --   year           year     key       the calendar year
    --   topic          text     key       the topic of the content used
    --   contacts       count              contacts in which it was used
    --   first_contact  date     optional  the first such contact that year
    -- :department       text  the department that owns the content
    -- :period_start     date  first day of the period
    -- :excluded_topics  list  topics to leave out (may be empty)

Column types: text, integer, count (a whole number, not negative), number, percent (0 to 100),
year, date, boolean. Key columns identify a row (no two rows share them); optional columns may
be empty. The columns are the schema of the figure set wherever it comes from: a database, or a
workbook a department filled in. Parameter types: text, date, integer, number, boolean, and list
(of text).

The SQL refers to parameters as :name and they are always bound by the driver, never formatted
into the text. A `list` parameter is used as `IN :name`. Where a database needs its own wording,
a variant file beside the query (name.postgresql.sql) is picked for that dialect.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from pqgen.errors import QueryError, QueryNotFound
from pqgen.figures.columns import COLUMN_TYPES
from pqgen.figures.readonly import check_read_only
from pqgen.workspace import Workspace, find_file

PARAM_TYPES = ("text", "date", "integer", "number", "list", "boolean")

_DECLARATION = re.compile(r"--\s*:(?P<name>\w+)\s+(?P<type>\w+)\s*(?P<description>.*)")
_RETURNS = re.compile(r"--\s*Returns:?\s*(?P<text>.*)", re.IGNORECASE)
_COLUMN = re.compile(
    r"--\s{2,}(?P<name>\w+)\s+(?P<type>\w+)(?:\s+(?P<flag>key|optional)\b)?\s*(?P<description>.*)"
)
_PARAM_USE = re.compile(r"(?<![:\w]):(\w+)")


@dataclass(frozen=True)
class QueryParameter:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class QueryColumn:
    """A column a query returns: its type, and whether it is a key or may be empty."""

    name: str
    type: str
    description: str
    key: bool = False
    optional: bool = False


@dataclass(frozen=True)
class QueryFile:
    """A checked query file: its SQL, what it returns and the parameters it needs."""

    name: str
    path: Path
    sql: str
    description: str
    returns: str
    columns: tuple[QueryColumn, ...]
    parameters: tuple[QueryParameter, ...]

    @property
    def keys(self) -> list[str]:
        return [c.name for c in self.columns if c.key]

    @property
    def statement_sql(self) -> str:
        """The SQL as sent to the database: without comments, whose words could look like :names."""
        return _strip_comments(self.sql)

    @property
    def checksum(self) -> str:
        """sha256 of the query text, so a figure can be traced to the exact SQL that gave it."""
        return _checksum(self.sql)

    def used_parameters(self, values: dict[str, Any]) -> dict[str, Any]:
        """The values of the parameters this query declares, taken by name from `values` and
        checked by type."""
        bound: dict[str, Any] = {}
        for param in self.parameters:
            if param.name not in values:
                raise QueryError(
                    self.path,
                    f"needs parameter '{param.name}' ({param.description}), which is not given",
                    hint=f"add it under 'parameters:' in the question's YAML, e.g. "
                    f"'{param.name}: …'",
                )
            bound[param.name] = _coerce(self, param, values[param.name])
        return bound

    def bind(self, values: dict[str, Any]) -> tuple[sa.TextClause, dict[str, Any]]:
        """The statement and its bound values, taken by name from `values` and checked by type."""
        bound = self.used_parameters(values)
        statement = sa.text(self.statement_sql)
        for param in self.parameters:
            if param.type == "list":
                statement = statement.bindparams(
                    sa.bindparam(param.name, expanding=True, type_=sa.String())
                )
        return statement, bound


_TRUE, _FALSE = ("ja", "true", "waar", "1", "yes"), ("nee", "false", "onwaar", "0", "no")


def _coerce(query: QueryFile, param: QueryParameter, value: Any) -> Any:
    """`value` as the parameter's declared type, or a QueryError that says what was wrong.

    Nothing is guessed: a list for a parameter that takes one value (a question naming two lines
    for a query about one) is an error, not the text "['1700', 'Woonlijn']" that matches no row;
    2.5 is no integer and "nee" is no true."""
    if isinstance(value, list | tuple) and param.type != "list":
        if len(value) != 1:
            raise QueryError(
                query.path,
                f"parameter '{param.name}' takes one value ({param.type}), got {len(value)} "
                f"({', '.join(map(str, value)) or 'none'}): give one under 'parameters:' in the "
                f"question's YAML, or have the query take a list (':{param.name} list', "
                f"'IN :{param.name}')",
            )
        (value,) = value
    if isinstance(value, dict) or (
        param.type == "list"
        and isinstance(value, list | tuple)
        and any(isinstance(v, list | tuple | dict) for v in value)
    ):
        raise QueryError(
            query.path, f"parameter '{param.name}' must be {param.type}, got {value!r}"
        )
    try:
        if param.type == "date":
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if param.type == "integer":
            number = float(value) if not isinstance(value, int) else value
            if isinstance(value, bool) or number != int(number):
                raise ValueError(value)
            return int(number)
        if param.type == "number":
            if isinstance(value, bool):
                raise ValueError(value)
            return float(value)
        if param.type == "boolean":
            word = str(value).strip().lower()
            if isinstance(value, bool) or word in (*_TRUE, *_FALSE):
                return value if isinstance(value, bool) else word in _TRUE
            raise ValueError(value)
        if param.type == "list":
            return list(value) if isinstance(value, list | tuple) else [value]
        return str(value)
    except (TypeError, ValueError, OverflowError):
        raise QueryError(
            query.path, f"parameter '{param.name}' must be {param.type}, got {value!r}"
        ) from None


@functools.lru_cache(maxsize=512)
def _checksum(sql: str) -> str:
    """sha256 of a query text, worked out once per text (every figure set carries it)."""
    return "sha256:" + hashlib.sha256(sql.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=512)
def _strip_comments(sql: str) -> str:
    """`sql` without its -- comments (a -- inside quotes is text) and without empty lines
    (remembered: every figure set a query gives asks for its statement)."""
    return "\n".join(kept for line in sql.splitlines() if (kept := _code_part(line).rstrip()))


def _code_part(line: str) -> str:
    """The part of a line before a -- comment that is not inside quotes."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif line.startswith("--", i):
            return line[:i]
    return line


def read_query(path: Path) -> QueryFile:
    """Read and check one query file: header present, every parameter declared and used."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(path, f"cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        bad = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise QueryError(path, f"line {bad}: not UTF-8", hint="save it as UTF-8") from None
    header: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip().startswith("--"):
            break
        header.append((number, line.strip()))
    if not header:
        raise QueryError(
            path,
            "no header comment",
            hint="start the file with '-- what it returns' lines and '-- :name type description' "
            "for each parameter",
        )
    description = header[0][1].lstrip("-").strip()
    returns: str | None = None
    columns: list[QueryColumn] = []
    params: list[QueryParameter] = []
    for number, line in header:
        if m := _DECLARATION.match(line):
            if m.group("type") not in PARAM_TYPES:
                raise QueryError(
                    f"{path}, line {number}",
                    f"parameter '{m.group('name')}' has unknown type '{m.group('type')}'",
                    hint="use one of " + ", ".join(PARAM_TYPES),
                )
            params.append(QueryParameter(m.group("name"), m.group("type"), m["description"]))
        elif m := _RETURNS.match(line):
            returns = m.group("text").strip().rstrip(":")
        elif returns is not None and (m := _COLUMN.match(line)):
            if m.group("type") not in COLUMN_TYPES:
                raise QueryError(
                    f"{path}, line {number}",
                    f"column '{m.group('name')}' has unknown type '{m.group('type')}'",
                    hint="use one of " + ", ".join(COLUMN_TYPES),
                )
            flag = m.group("flag")
            columns.append(
                QueryColumn(
                    m.group("name"),
                    m.group("type"),
                    m.group("description").strip(),
                    key=flag == "key",
                    optional=flag == "optional",
                )
            )
    if returns is None or not columns:
        raise QueryError(
            path,
            "the header does not say what it returns",
            hint="add '-- Returns …:' and a line '--   name  type  description' per column",
        )
    used = set(_PARAM_USE.findall(_strip_comments(text)))
    declared = {p.name for p in params}
    if undeclared := sorted(used - declared):
        raise QueryError(
            path,
            f"uses :{undeclared[0]} but the header does not declare it",
            hint=f"add '-- :{undeclared[0]} TYPE description' to the header",
        )
    if unused := sorted(declared - used):
        raise QueryError(path, f"declares :{unused[0]} but does not use it")
    check_read_only(path, _strip_comments(text))
    return QueryFile(
        name=path.name.split(".", 1)[0],
        path=path,
        sql=text,
        description=description,
        returns=returns,
        columns=tuple(columns),
        parameters=tuple(params),
    )


def find_query(name: str, dirs: list[Path], dialect: str | None = None) -> QueryFile:
    """The query `name` from the first folder that has it; its `dialect` variant if there is one.

    A file is parsed once per process while it is unchanged: every draft of a batch, and every
    source, shares it (the one cache of query files)."""
    candidates = ([f"{name}.{dialect}.sql"] if dialect else []) + [f"{name}.sql"]
    for folder in dirs:
        for candidate in candidates:
            path = find_file(candidate, [folder])
            if path is not None:
                stat = path.stat()
                return _read_unchanged(path, stat.st_mtime_ns, stat.st_size)
    raise QueryNotFound(
        f"{name}.sql",
        "no such query file in " + ", ".join(str(d) for d in dirs),
        hint="check the name in the template's 'figures:' list",
    )


@functools.lru_cache(maxsize=512)
def _read_unchanged(path: Path, mtime_ns: int, size: int) -> QueryFile:
    return read_query(path)


def list_queries(dirs: list[Path]) -> list[QueryFile]:
    """Every query in `dirs` (the user's first), without dialect variants."""
    seen: dict[str, QueryFile] = {}
    for folder in dirs:
        for path in sorted(folder.glob("*.sql")):
            name = path.name.split(".", 1)[0]
            if path.name == f"{name}.sql" and name not in seen:
                seen[name] = read_query(path)
    return list(seen.values())


def query(workspace: Workspace, name: str, dialect: str | None = None) -> QueryFile:
    """The workspace's query file `name` (its `dialect` variant where there is one), read once."""
    return find_query(name, workspace.query_dirs, dialect)
