"""A department with a schema of its own answers "per channel, per month" by following
queries/README.md alone: its own DuckDB tables, its own query files with a header, run through
DatabaseSource. And the worked example in queries/README.md runs as written."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pqgen.figures.sources import DatabaseSource
from tests.conftest import REPO

# The department's own table: conversations per medium, with the team that took them.
SCHEMA = """
CREATE TABLE gesprekken (
    gesprek_nr  INTEGER,
    gestart     TIMESTAMP,
    medium      VARCHAR,
    team        VARCHAR,
    duur_sec    INTEGER
)
"""
PER_CHANNEL_PER_MONTH = """\
-- Het aantal gesprekken per maand en per medium.
-- Returns één rij per maand en medium met gesprekken:
--   maand       date   key  de eerste dag van de maand
--   medium      text   key  het medium van het gesprek
--   gesprekken  count       het aantal gesprekken via dat medium die maand
-- :team          text  the team whose conversations are counted
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(DATE_TRUNC('month', gestart) AS DATE) AS maand,
    medium,
    COUNT(*) AS gesprekken
FROM gesprekken
WHERE team = :team
  AND gestart >= :period_start
  AND gestart < CAST(:period_end AS DATE) + 1
GROUP BY 1, 2
ORDER BY 1, 2
"""
# Every column type the README lists, in one figure set.
EVERY_TYPE = """\
-- Per medium: hoeveel gesprekken, hoe lang, welk aandeel, sinds wanneer.
-- Returns één rij per jaar en medium:
--   jaar            year     key       het kalenderjaar
--   medium          text     key       het medium van het gesprek
--   gesprekken      count              het aantal gesprekken
--   verschil        integer            gesprekken min 10 (mag negatief zijn)
--   gemiddelde_duur number             de gemiddelde duur in seconden
--   aandeel_pct     percent            het aandeel van het medium in alle gesprekken dat jaar
--   eerste          date               de dag van het eerste gesprek
--   lang            boolean            of een gesprek langer dan de norm duurde
--   opmerking       text     optional  een opmerking (mag leeg zijn)
-- :team         text     the team whose conversations are counted
-- :media        list     the media counted
-- :norm_sec     integer  a conversation is long above this many seconds
-- :year_start   date     first day of the year
SELECT
    CAST(EXTRACT(YEAR FROM gestart) AS INTEGER) AS jaar,
    medium,
    COUNT(*) AS gesprekken,
    COUNT(*) - 10 AS verschil,
    AVG(duur_sec) AS gemiddelde_duur,
    100.0 * COUNT(*) / SUM(COUNT(*)) OVER () AS aandeel_pct,
    CAST(MIN(gestart) AS DATE) AS eerste,
    MAX(duur_sec) > :norm_sec AS lang,
    CAST(NULL AS VARCHAR) AS opmerking
FROM gesprekken
WHERE team = :team AND medium IN :media
  AND gestart >= :year_start AND gestart < CAST(:year_start AS DATE) + INTERVAL 1 YEAR
GROUP BY 1, 2
ORDER BY 1, 2
"""
MEDIA = ("telefoon", "mail", "balie")


def conversations() -> list[tuple[int, dt.datetime, str, str, int]]:
    """Made-up but known conversations: some every day of 2023-2025, on the edges of years too."""
    rows = []
    start = dt.datetime(2023, 12, 31, 23, 59)
    for n in range(3_000):
        when = start + dt.timedelta(hours=7 * n)
        rows.append(
            (n + 1, when, MEDIA[n % 3 if n % 7 else 0], ("A", "B")[n % 5 == 0], 60 + n % 400)
        )
    rows.append((9_001, dt.datetime(2024, 12, 31, 23, 59, 59), "balie", "A", 30))
    rows.append((9_002, dt.datetime(2025, 1, 1, 0, 0, 0), "balie", "A", 30))
    return rows


@pytest.fixture(scope="module")
def department_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("department") / "dienst.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(SCHEMA)
        con.executemany("INSERT INTO gesprekken VALUES (?, ?, ?, ?, ?)", conversations())
    return path


def own_queries(folder: Path, **files: str) -> list[Path]:
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.sql").write_text(text, encoding="utf-8")
    return [folder]


def test_per_channel_per_month_from_its_own_schema(department_db: Path, tmp_path: Path) -> None:
    dirs = own_queries(
        tmp_path / "mijn-queries", gesprekken_per_medium_per_maand=PER_CHANNEL_PER_MONTH
    )
    params = {"team": "A", "period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 12, 31)}
    with DatabaseSource(str(department_db), dirs) as source:
        figures = source.fetch("gesprekken_per_medium_per_maand", params)
    expected = Counter(
        (dt.date(when.year, when.month, 1), medium)
        for _, when, medium, team, _ in conversations()
        if team == "A" and when.year == 2024
    )
    got = {(r.maand, r.medium): r.gesprekken for r in figures.frame.itertuples()}
    assert got == dict(expected)
    assert len(got) == 12 * 3
    assert figures.types == {"maand": "date", "medium": "text", "gesprekken": "count"}
    # The last second of the period is in it, the first second after it is not.
    december = figures.frame[figures.frame["maand"] == dt.date(2024, 12, 1)]
    balie = december[december["medium"] == "balie"]["gesprekken"].item()
    assert balie == expected[(dt.date(2024, 12, 1), "balie")]
    assert figures.provenance.query_file.endswith("gesprekken_per_medium_per_maand.sql")


def test_every_column_type_from_its_own_schema(department_db: Path, tmp_path: Path) -> None:
    dirs = own_queries(tmp_path / "mijn-queries", per_medium=EVERY_TYPE)
    params = {"team": "B", "media": ["telefoon", "mail"], "norm_sec": 400,
              "year_start": dt.date(2024, 1, 1)}  # fmt: skip
    with DatabaseSource(str(department_db), dirs) as source:
        frame = source.fetch("per_medium", params).frame
    rows = [r for r in conversations() if r[3] == "B" and r[1].year == 2024 and r[2] != "balie"]
    for medium in ("telefoon", "mail"):
        mine = [r for r in rows if r[2] == medium]
        row = frame[frame["medium"] == medium].iloc[0]
        assert row["jaar"] == 2024 and row["gesprekken"] == len(mine)
        assert row["verschil"] == len(mine) - 10
        assert row["gemiddelde_duur"] == pytest.approx(sum(r[4] for r in mine) / len(mine))
        assert row["aandeel_pct"] == pytest.approx(100 * len(mine) / len(rows))
        assert row["eerste"] == min(r[1] for r in mine).date()
        assert bool(row["lang"]) is (max(r[4] for r in mine) > 400)
        assert row["opmerking"] is None
    assert frame["aandeel_pct"].sum() == pytest.approx(100)
    assert (
        str(frame["gesprekken"].dtype) == "int64"
        and str(frame["gemiddelde_duur"].dtype) == "float64"
    )


def readme_blocks(language: str) -> list[str]:
    text = (REPO / "queries" / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def test_the_worked_example_in_queries_readme_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CREATE TABLE, the query file and the Python of queries/README.md, as written there;
    only the database URL is swapped for a DuckDB file."""
    create = next(b for b in readme_blocks("sql") if b.lstrip().startswith("CREATE TABLE"))
    query = next(b for b in readme_blocks("sql") if "FROM klantvragen" in b)
    python = next(b for b in readme_blocks("python") if "vragen_per_kanaal_per_maand" in b)
    database = tmp_path / "dienst.duckdb"
    rows = [
        (1, dt.datetime(2023, 12, 31, 23, 59, 59), "mail", "X"),
        (2, dt.datetime(2024, 1, 1, 0, 0), "telefoon", "X"),
        (3, dt.datetime(2024, 1, 15, 9, 30), "telefoon", "Y"),
        (4, dt.datetime(2024, 1, 20, 14, 0), "mail", "X"),
        (5, dt.datetime(2024, 3, 3, 11, 0), "balie", "X"),
        (6, dt.datetime(2024, 12, 31, 23, 59, 59), "balie", "Y"),
        (7, dt.datetime(2025, 1, 1, 0, 0), "balie", "Y"),
    ]
    with duckdb.connect(str(database)) as con:
        con.execute(create)
        con.executemany("INSERT INTO klantvragen VALUES (?, ?, ?, ?)", rows)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "mijn-queries"
    folder.mkdir()
    (folder / "vragen_per_kanaal_per_maand.sql").write_text(query, encoding="utf-8")
    url = re.search(r'"(postgresql://[^"]+)"', python)
    assert url, "the README's example names its database as a postgresql:// URL"
    namespace: dict[str, object] = {}
    exec(python.replace(url.group(1), str(database)), namespace)
    frame = namespace["figures"].frame  # type: ignore[attr-defined]
    assert [tuple(r) for r in frame.itertuples(index=False)] == [
        (dt.date(2024, 1, 1), "mail", 1),
        (dt.date(2024, 1, 1), "telefoon", 2),
        (dt.date(2024, 3, 1), "balie", 1),
        (dt.date(2024, 12, 1), "balie", 1),
    ]
    assert isinstance(frame, pd.DataFrame)
