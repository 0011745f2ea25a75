"""The same queries and drafts on DuckDB, PostgreSQL and a folder of CSV/Parquet exports, and the
errors users meet with real databases."""

from __future__ import annotations

from pathlib import Path

import docx
import pandas as pd
import pytest
from click.testing import CliRunner

from pqgen.cli import cli
from pqgen.drafting import draft
from pqgen.errors import DatabaseError, QueryError
from pqgen.figures import databases as db
from pqgen.figures.sources import DatabaseSource
from pqgen.question.load import load_question
from pqgen.workspace import Workspace, builtin_dir
from tests.conftest import EXAMPLES, PARAMS_639

QUERIES = ["contacts_per_topic", "staffing_range", "trained_agents", "satisfaction_per_year"]
PARAMS = PARAMS_639
SLOW = "-- A slow query.\n-- Returns one row:\n--   n  number  a sum\n"
ONE_COUNT = "-- X.\n-- Returns one row:\n--   n  count  n\n"


@pytest.fixture(params=["postgresql", "exports"])
def other_db(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return str(request.getfixturevalue("export_folder"))


@pytest.mark.parametrize("query", QUERIES)
def test_same_figures_as_duckdb(query: str, other_db: str, demo_db: Path) -> None:
    queries = [builtin_dir("queries")]
    duck, other = DatabaseSource(str(demo_db), queries), DatabaseSource(other_db, queries)
    try:
        pd.testing.assert_frame_equal(
            duck.fetch(query, PARAMS).frame, other.fetch(query, PARAMS).frame
        )
    finally:
        duck.close()
        other.close()


def document_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]


def test_same_draft_as_duckdb(other_db: str, demo_db: Path, tmp_path: Path) -> None:
    workspace = Workspace.from_options()
    question = load_question(EXAMPLES / "vraag-639.yaml")
    texts = []
    for name, database in (("duck", str(demo_db)), ("other", other_db)):
        source = DatabaseSource(database, workspace.query_dirs)
        draft(question, source, workspace, tmp_path / f"{name}.docx")
        source.close()
        texts.append(document_text(tmp_path / f"{name}.docx"))
    assert texts[0] == texts[1]


def test_provenance_names_the_database_without_password(postgres_url: str) -> None:
    source = DatabaseSource(postgres_url, [builtin_dir("queries")])
    provenance = source.fetch("staffing_range", PARAMS).provenance
    source.close()
    password = db.to_url(postgres_url).password
    assert password and password not in provenance.source
    assert provenance.source.startswith("postgresql+psycopg://pqgen:***@127.0.0.1")


def user_query(folder: Path, name: str, text: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.sql").write_text(text, encoding="utf-8")
    return [folder, builtin_dir("queries")]


def test_wrong_password(postgres_url: str) -> None:
    url = db.to_url(postgres_url).set(password="not-the-password")
    with pytest.raises(DatabaseError) as info:
        db.connect(url.render_as_string(hide_password=False))
    message = str(info.value)
    assert "password authentication failed" in message
    assert "check the user name and password" in message
    assert "not-the-password" not in message and "\n" not in message


def test_unknown_host() -> None:
    with pytest.raises(DatabaseError) as info:
        db.connect("postgresql://pqgen:secret@no-such-host.invalid/pqgen_demo")
    message = str(info.value)
    assert "cannot connect" in message and "check the host name" in message
    assert "secret" not in message


def test_missing_table_on_postgresql(postgres_url: str) -> None:
    other_database = db.to_url(postgres_url).set(database="postgres")
    source = DatabaseSource(
        other_database.render_as_string(hide_password=False), [builtin_dir("queries")]
    )
    with pytest.raises(
        QueryError, match=r'staffing_range\.sql: failed on .*relation "staffing" does not exist'
    ):
        source.fetch("staffing_range", PARAMS)
    source.close()


@pytest.mark.parametrize("backend", ["duckdb", "postgresql"])
def test_missing_column_names_query_and_column(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    database = str(
        request.getfixturevalue("postgres_url" if backend == "postgresql" else "demo_db")
    )
    dirs = user_query(
        tmp_path / "q",
        "wrong",
        ONE_COUNT + "SELECT COUNT(no_such_column) AS n FROM staffing",
    )
    source = DatabaseSource(database, dirs)
    with pytest.raises(QueryError, match=r"wrong\.sql: failed on .*no_such_column"):
        source.fetch("wrong", {})
    source.close()


@pytest.mark.parametrize("backend", ["duckdb", "postgresql"])
def test_queries_cannot_write(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    database = str(
        request.getfixturevalue("postgres_url" if backend == "postgresql" else "demo_db")
    )
    dirs = user_query(
        tmp_path / "q",
        "sneaky",
        ONE_COUNT + "DELETE FROM staffing RETURNING 1 AS n",
    )
    source = DatabaseSource(database, dirs)
    with pytest.raises(QueryError, match=r"(?i)read-only"):
        source.fetch("sneaky", {})
    source.close()
    check = DatabaseSource(database, [builtin_dir("queries")])
    assert check.fetch("staffing_range", PARAMS).frame["months"].item() == 36
    check.close()


@pytest.mark.parametrize(
    ("backend", "sql"),
    [
        ("duckdb", "SELECT SUM(a.range * b.range) AS n FROM range(1000000) a, range(1000000) b"),
        ("postgresql", "SELECT pg_sleep(5)::text, 1.0 AS n"),
    ],
)
def test_timeout_stops_a_slow_query(
    backend: str, sql: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    database = str(
        request.getfixturevalue("postgres_url" if backend == "postgresql" else "demo_db")
    )
    source = DatabaseSource(database, user_query(tmp_path / "q", "slow", SLOW + sql), timeout=0.5)
    with pytest.raises(QueryError, match=r"slow\.sql: took longer than 0\.5 seconds"):
        source.fetch("slow", {})
    source.close()


def test_export_folder_problems(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match=r"holds no \.csv or \.parquet exports"):
        db.connect(tmp_path)
    (tmp_path / "staffing.csv").write_text("month,agents\n2014-01-01,120\n")
    (tmp_path / "staffing.parquet").write_text("")
    with pytest.raises(DatabaseError, match="two exports of table 'staffing'"):
        db.connect(tmp_path)


@pytest.mark.slow
def test_demo_to_any_sqlalchemy_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    result = CliRunner().invoke(cli, ["demo", "--db", url, "--rows", "2000"])
    assert result.exit_code == 0, result.output
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT COUNT(*) FROM contacts")).scalar() == 2000
        working = connection.execute(
            sa.text("SELECT COUNT(*) FROM agents WHERE left_on IS NULL")
        ).scalar()
        assert working is not None and working > 100
    engine.dispose()


def test_cli_timeout_and_bad_url(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["draft", str(EXAMPLES / "vraag-639.txt"), "--db", "postgresql://a:b@:x/y"]
    )
    assert result.exit_code == 1 and "Error: " in result.output and ":b@" not in result.output
    result = runner.invoke(cli, ["draft", str(EXAMPLES / "vraag-639.txt"), "--timeout", "0"])
    assert result.exit_code == 2
