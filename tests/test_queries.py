"""Query files: their headers, each query on the demo database, and the errors users hit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from pqgen.errors import DatabaseError, QueryError
from pqgen.figures.queries import (
    QueryFile,
    QueryParameter,
    _coerce,
    find_query,
    list_queries,
    read_query,
)
from pqgen.figures.sources import DatabaseSource
from pqgen.workspace import builtin_dir
from tests.conftest import PARAMS_639

PARAMS = PARAMS_639


def test_every_builtin_query_has_a_header() -> None:
    queries = list_queries([builtin_dir("queries")])
    assert {q.name for q in queries} >= {
        "contacts_per_topic",
        "staffing_range",
        "trained_agents",
        "satisfaction_per_year",
    }
    for q in queries:
        assert q.description and q.returns
        assert q.parameters, q.name
        assert "--" not in q.statement_sql


def test_contacts_per_topic(source: DatabaseSource) -> None:
    figures = source.fetch("contacts_per_topic", PARAMS)
    frame = figures.frame
    assert list(frame.columns) == ["year", "topic", "contacts", "first_contact"]
    assert frame["contacts"].sum() == 69_871
    assert set(frame["year"]) == {2014, 2015, 2016}
    assert "dienstencheques" not in set(frame["topic"])
    zorg = frame[frame["topic"] == "Vlaams zorgkrediet"]
    assert list(zorg["year"]) == [2016] and zorg["first_contact"].min() >= dt.date(2016, 9, 1)
    assert figures.provenance.rows == len(frame)
    assert figures.provenance.parameters["excluded_topics"] == ["dienstencheques"]


def test_empty_list_parameter_excludes_nothing(source: DatabaseSource) -> None:
    everything = source.fetch("contacts_per_topic", {**PARAMS, "excluded_topics": []})
    assert "dienstencheques" in set(everything.frame["topic"])
    assert everything.frame["contacts"].sum() > 69_871


def test_staffing_range_and_trained_agents(source: DatabaseSource) -> None:
    staff = source.fetch("staffing_range", PARAMS).frame.iloc[0]
    assert (staff["min_agents"], staff["max_agents"], staff["months"]) == (115, 125, 36)
    trained = source.fetch("trained_agents", PARAMS).frame.iloc[0]
    assert trained["trained_agents"] == 36
    assert 115 <= trained["agents"] <= 141


def test_satisfaction_per_year(source: DatabaseSource) -> None:
    frame = source.fetch("satisfaction_per_year", PARAMS).frame
    assert list(frame["year"]) == [2014, 2015, 2016]
    assert round(frame.loc[frame["year"] == 2016, "satisfied_pct"].item(), 2) == 87.07


def test_same_query_and_parameters_are_pulled_once(source: DatabaseSource) -> None:
    first = source.fetch("staffing_range", PARAMS)
    # Parameters the query does not use do not make it run again.
    again = source.fetch("staffing_range", {**PARAMS, "line": "other"})
    assert again is first


def test_parameters_are_bound_not_formatted(source: DatabaseSource) -> None:
    sneaky = {**PARAMS, "department": "x' OR '1'='1"}
    assert source.fetch("contacts_per_topic", sneaky).frame.empty


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "-- X.\n-- Returns one row:\n--   n  integer  a number\n"


def test_header_problems_are_named(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no header comment"):
        read_query(write(tmp_path, "a.sql", "SELECT 1"))
    with pytest.raises(QueryError, match="does not say what it returns"):
        read_query(write(tmp_path, "b.sql", "-- Something.\nSELECT 1"))
    with pytest.raises(QueryError, match="does not say what it returns"):
        read_query(write(tmp_path, "b2.sql", "-- Something.\n-- Returns a number\nSELECT 1"))
    with pytest.raises(QueryError, match=r"line 3: column 'n' has unknown type 'getal'"):
        read_query(write(tmp_path, "b3.sql", "-- X.\n-- Returns:\n--   n  getal  x\nSELECT 1"))
    with pytest.raises(QueryError, match="uses :year but the header does not declare it"):
        read_query(write(tmp_path, "c.sql", HEADER + "SELECT :year"))
    with pytest.raises(QueryError, match="declares :year but does not use it"):
        read_query(write(tmp_path, "d.sql", HEADER + "-- :year integer y\nSELECT 1"))
    with pytest.raises(QueryError, match=r"line 4: parameter 'year' has unknown type 'jaar'"):
        read_query(write(tmp_path, "e.sql", HEADER + "-- :year jaar y\nSELECT :year"))


def test_columns_are_declared_with_keys_and_optional_ones() -> None:
    query = read_query(builtin_dir("queries") / "contacts_per_topic.sql")
    assert [(c.name, c.type) for c in query.columns] == [
        ("year", "year"),
        ("topic", "text"),
        ("contacts", "count"),
        ("first_contact", "date"),
    ]
    assert query.keys == ["year", "topic"]
    assert [c.name for c in query.columns if c.optional] == ["first_contact"]
    assert query.returns == "één rij per jaar en onderwerp met contacten"


def test_missing_parameter_says_where_to_give_it(source: DatabaseSource) -> None:
    params = {k: v for k, v in PARAMS.items() if k != "department"}
    with pytest.raises(QueryError, match="needs parameter 'department'") as info:
        source.fetch("contacts_per_topic", params)
    assert "parameters:" in str(info.value)


def test_wrongly_typed_parameter(source: DatabaseSource) -> None:
    with pytest.raises(QueryError, match="parameter 'period_start' must be date"):
        source.fetch("staffing_range", {**PARAMS, "period_start": "last year"})


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("text", ["1700"], "1700"),
        ("integer", 60, 60),
        ("integer", "60", 60),
        ("integer", 60.0, 60),
        ("number", "2.5", 2.5),
        ("boolean", "nee", False),
        ("boolean", "ja", True),
        ("boolean", True, True),
        ("list", "1700", ["1700"]),
        ("list", ("1700", "Woonlijn"), ["1700", "Woonlijn"]),
    ],
)
def test_a_parameter_takes_what_says_exactly_one_value(
    kind: str, value: Any, expected: Any
) -> None:
    query = QueryFile("q", Path("q.sql"), "", "", "", (), (QueryParameter("p", kind, ""),))
    assert _coerce(query, query.parameters[0], value) == expected


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("text", ["1700", "Woonlijn"], r"takes one value \(text\), got 2 \(1700, Woonlijn\)"),
        ("text", [], r"takes one value \(text\), got 0 \(none\)"),
        ("text", {"a": 1}, "must be text"),
        ("integer", 2.5, "must be integer, got 2.5"),
        ("integer", True, "must be integer"),
        ("integer", float("inf"), "must be integer"),
        ("boolean", "misschien", "must be boolean"),
        ("list", [["a"]], "must be list"),
    ],
)
def test_a_parameter_refuses_what_it_would_have_to_guess(
    kind: str, value: Any, message: str
) -> None:
    query = QueryFile("q", Path("q.sql"), "", "", "", (), (QueryParameter("p", kind, ""),))
    with pytest.raises(QueryError, match=message):
        _coerce(query, query.parameters[0], value)


def test_dialect_variant_is_picked(tmp_path: Path) -> None:
    write(tmp_path, "q.sql", HEADER + "SELECT 1 AS n")
    write(tmp_path, "q.duckdb.sql", HEADER + "SELECT 2 AS n")
    assert find_query("q", [tmp_path], "duckdb").path.name == "q.duckdb.sql"
    assert find_query("q", [tmp_path], "postgresql").path.name == "q.sql"
    assert [q.name for q in list_queries([tmp_path])] == ["q"]


def test_missing_table_names_the_query(tmp_path: Path) -> None:
    import duckdb

    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    figures = DatabaseSource(str(empty), [builtin_dir("queries")])
    with pytest.raises(QueryError, match=r"staffing_range\.sql: failed on .*staffing"):
        figures.fetch("staffing_range", PARAMS)
    figures.close()


def test_a_value_the_database_cannot_compute_with_names_the_query(
    tmp_path: Path, demo_db: Path
) -> None:
    """Found in a sweep: a division by zero got the hint about missing tables and columns."""
    write(tmp_path, "q.sql", HEADER + "SELECT 1 // 0 AS n")
    figures = DatabaseSource(str(demo_db), [tmp_path])
    with pytest.raises(QueryError) as raised:
        figures.fetch("q", {})
    figures.close()
    message = str(raised.value)
    assert "q.sql: failed on " in message and "Division by zero" in message
    assert message.endswith("and that their values suit it") and "\n" not in message


def test_missing_database_file(tmp_path: Path) -> None:
    figures = DatabaseSource(str(tmp_path / "nope.duckdb"), [builtin_dir("queries")])
    with pytest.raises(DatabaseError, match="no such database file"):
        figures.fetch("staffing_range", PARAMS)
    assert not (tmp_path / "nope.duckdb").exists()


def test_unreachable_database_hides_password() -> None:
    figures = DatabaseSource(
        "postgresql://reader:s3cret@127.0.0.1:1/figures", [builtin_dir("queries")]
    )
    with pytest.raises(DatabaseError) as info:
        figures.fetch("staffing_range", PARAMS)
    message = str(info.value)
    # Port 1 on loopback: the server is unreachable (not a driver that is missing).
    assert "cannot connect" in message and "psycopg2" not in message
    assert "s3cret" not in message
    assert "***" in message


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("count", [3, 0, 12]),
        ("count", [3, None, 12]),
        ("count", [2**63 - 1, 1]),
        ("count", [-(2**63), 1]),
        ("count", [True, 2]),
        ("count", [2.0, 3.5]),
        ("year", [2014, 2015]),
        ("number", [1.5, 2, None]),
        ("number", [2**60, 1.0]),
        ("percent", [87.07, float("nan")]),
        ("integer", [-5, 7]),
        ("text", ["a", None]),
        ("date", [dt.date(2016, 1, 4), None]),
        ("date", [dt.date(1500, 1, 1)]),
        ("date", [dt.datetime(2016, 1, 4, 10, 30)]),
        ("count", []),
        ("date", []),
    ],
)
def test_plain_values_conform_as_pandas_conforms_them(kind: str, values: list) -> None:
    """Issue 14: plain values (what the drivers return) are conformed without pandas'
    conversions; the column is the one those conversions make, or the same error."""
    import pandas as pd

    from pqgen.figures import model

    column = (
        pd.DataFrame({"c": values}, dtype=object)["c"] if values else pd.Series([], dtype=object)
    )

    def conformed() -> pd.Series | str:
        try:
            return model._conform_column(column, kind)
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            return f"{type(exc).__name__}: {exc}"

    quick = conformed()
    original, model._plain_column = model._plain_column, lambda values, kind: None
    try:
        slow = conformed()
    finally:
        model._plain_column = original
    if isinstance(slow, str) or isinstance(quick, str):
        assert quick == slow
    else:
        pd.testing.assert_series_equal(quick, slow, check_names=False)
        assert [type(v) for v in quick.tolist()] == [type(v) for v in slow.tolist()]
