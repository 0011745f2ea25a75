"""The contact-centre queries: every figure equals what SQL written here, independently of the
query files, computes on the demo database; and each query gives the same figures on DuckDB,
PostgreSQL and a folder of CSV/Parquet exports.

The SQL here is DuckDB's own dialect on purpose (year(), median(), count_if(), FILTER, strftime,
generate_series, correlated subqueries), so it shares no wording with the portable query files.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pqgen.figures import demo
from pqgen.figures.model import FigureRequest
from pqgen.figures.queries import find_query, list_queries
from pqgen.figures.sources import DatabaseSource
from pqgen.figures.workbooks import load_figure_file, write_figures
from pqgen.question.model import SubQuestion
from pqgen.question.period import Period
from pqgen.workspace import builtin_dir

DIGITAL = ["e-mail", "chat", "webformulier", "sociale media"]
# Two questions' parameters: the 1700 line's calls and chats over three whole years, and two
# sectoral lines on every channel over a period that starts and ends in the middle of a year.
CASES: dict[str, dict[str, Any]] = {
    "1700-live-2022-2024": {
        "department": sorted(set(demo.THEMES.values())),
        "line": ["1700"],
        "channel": ["telefoon", "chat"],
        "period_start": dt.date(2022, 1, 1),
        "period_end": dt.date(2024, 12, 31),
        "digital_channels": DIGITAL,
        "threshold_seconds": 60,
        "reference_date": dt.date(2024, 1, 1),  # agents leave, start and are trained that day
    },
    "sector-lines-2015-2016": {
        "department": ["Agentschap Wonen-Vlaanderen"],
        "line": ["Woonlijn", "Onderwijslijn"],
        "channel": list(demo.ALL_CHANNELS),
        "period_start": dt.date(2015, 7, 1),
        "period_end": dt.date(2016, 6, 30),
        "digital_channels": ["e-mail", "webformulier"],
        "threshold_seconds": 30,
        "reference_date": dt.date(2017, 6, 8),
    },
}


def values(items: list[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in items) + ")"


def during(p: dict[str, Any], column: str) -> str:
    return f"CAST({column} AS DATE) BETWEEN DATE '{p['period_start']}' AND DATE '{p['period_end']}'"


def where(p: dict[str, Any], column: str = "contacted_at", *, line: bool = True,
          channel: bool = True, department: bool = False) -> str:  # fmt: skip
    parts = [during(p, column)]
    if line:
        parts.append(f"line IN {values(p['line'])}")
    if channel:
        parts.append(f"channel IN {values(p['channel'])}")
    if department:
        parts.append(f"department IN {values(p['department'])}")
    return " AND ".join(parts)


MONTH = "CAST(strftime({}, '%Y-%m-01') AS DATE)"


def offered(p: dict[str, Any], key: str = "year(contacted_at)") -> str:
    """Answered (with a wait) and abandoned contacts per year (or per `key`), kept apart, joined
    on the year."""
    return f"""
        WITH answered AS (
            SELECT {key} AS y, count(*) AS n,
                   count_if(waiting_seconds <= {p["threshold_seconds"]}) AS within
            FROM contacts WHERE {where(p)} AND waiting_seconds IS NOT NULL GROUP BY y),
        gone AS (
            SELECT {key} AS y, count(*) AS n
            FROM abandoned_contacts WHERE {where(p)} GROUP BY y)
        SELECT coalesce(a.y, g.y) AS y, coalesce(a.n, 0) + coalesce(g.n, 0) AS offered,
               coalesce(a.within, 0) AS within, coalesce(g.n, 0) AS gone
        FROM answered a FULL JOIN gone g ON a.y = g.y"""


def satisfaction(p: dict[str, Any], keys: str, filters: str) -> str:
    return f"""
        SELECT {keys}, count(*), count_if(satisfied), avg(CASE WHEN satisfied THEN 100 ELSE 0 END)
        FROM survey_responses WHERE {during(p, "responded_at")} AND {filters}
        GROUP BY ALL ORDER BY ALL"""


def monthly_staff(p: dict[str, Any]) -> str:
    """Agents and FTE on the first of each month, counted from the agents table itself."""
    return f"""
        SELECT CAST(d AS DATE) AS m, count(a.agent_id) AS n, round(sum(a.fte), 1) AS fte
        FROM generate_series(date_trunc('month', DATE '{p["period_start"]}'),
                             DATE '{p["period_end"]}', INTERVAL 1 MONTH) AS s(d)
        JOIN agents a ON a.started_on <= CAST(d AS DATE)
                     AND coalesce(a.left_on, DATE '9999-12-31') > CAST(d AS DATE)
        WHERE CAST(d AS DATE) >= DATE '{p["period_start"]}'
        GROUP BY m ORDER BY m"""


EXPECTED: dict[str, Callable[[dict[str, Any]], str]] = {
    "contacts_total": lambda p: f"SELECT count(*) FROM contacts WHERE {where(p, department=True)}",
    "contacts_per_year": lambda p: (
        f"""
        SELECT year(contacted_at) AS y, count(*) FROM contacts WHERE {where(p, department=True)}
        GROUP BY y ORDER BY y"""
    ),
    "contacts_per_channel": lambda p: (
        f"""
        SELECT year(contacted_at) AS y, channel, count(*) FROM contacts
        WHERE {where(p, channel=False, department=True)} GROUP BY ALL ORDER BY ALL"""
    ),
    "contacts_per_month": lambda p: (
        f"""
        SELECT {MONTH.format("contacted_at")} AS m, count(*) FROM contacts
        WHERE {where(p, department=True)} GROUP BY m ORDER BY m"""
    ),
    "contacts_per_channel_per_month": lambda p: (
        f"""
        SELECT {MONTH.format("contacted_at")} AS m, channel, count(*) FROM contacts
        WHERE {where(p, channel=False, department=True)} GROUP BY ALL ORDER BY ALL"""
    ),
    "contacts_per_line": lambda p: (
        f"""
        SELECT year(contacted_at) AS y, line, count(*) FROM contacts
        WHERE {where(p, department=True)} GROUP BY ALL ORDER BY ALL"""
    ),
    "contacts_per_department": lambda p: (
        f"""
        SELECT year(contacted_at) AS y, department, count(*) FROM contacts WHERE {where(p)}
        GROUP BY ALL ORDER BY ALL"""
    ),
    "contacts_per_topic_on_line": lambda p: (
        f"""
        SELECT year(contacted_at) AS y, department, topic, count(*) FROM contacts
        WHERE {where(p, department=True)} GROUP BY ALL ORDER BY ALL"""
    ),
    "channel_shares_per_year": lambda p: (
        f"""
        SELECT y, channel, n, total, 100.0 * n / total FROM (
            SELECT year(contacted_at) AS y, channel, count(*) AS n FROM contacts
            WHERE {where(p, channel=False, department=True)} GROUP BY ALL)
        JOIN (SELECT year(contacted_at) AS y, count(*) AS total FROM contacts
              WHERE {where(p, channel=False, department=True)} GROUP BY ALL) USING (y)
        ORDER BY y, channel"""
    ),
    "digital_share_per_year": lambda p: (
        f"""
        SELECT year(contacted_at) AS y, count(*),
               count(*) FILTER (WHERE channel IN {values(p["digital_channels"])}),
               100 * avg(CASE WHEN channel IN {values(p["digital_channels"])} THEN 1 ELSE 0 END)
        FROM contacts WHERE {where(p, channel=False, department=True)} GROUP BY y ORDER BY y"""
    ),
    "waiting_time_per_year": lambda p: (
        f"""
        SELECT year(contacted_at) AS y, count(*), avg(waiting_seconds), median(waiting_seconds)
        FROM contacts WHERE {where(p)} AND waiting_seconds IS NOT NULL GROUP BY y ORDER BY y"""
    ),
    "waiting_time_per_month": lambda p: (
        f"""
        SELECT {MONTH.format("contacted_at")} AS m, count(*), avg(waiting_seconds),
               quantile_cont(waiting_seconds, 0.5)
        FROM contacts WHERE {where(p)} AND waiting_seconds IS NOT NULL GROUP BY m ORDER BY m"""
    ),
    "service_level_per_year": lambda p: (
        f"""
        SELECT y, offered, within, 100.0 * within / offered FROM ({offered(p)}) ORDER BY y"""
    ),
    "service_level_per_month": lambda p: (
        f"""
        SELECT y, offered, within, 100.0 * within / offered, gone, 100.0 * gone / offered
        FROM ({offered(p, MONTH.format("contacted_at"))}) ORDER BY y"""
    ),
    "abandoned_per_year": lambda p: (
        f"""
        SELECT y, offered, gone, 100.0 * gone / offered FROM ({offered(p)}) ORDER BY y"""
    ),
    "staffing_per_month": monthly_staff,
    "staffing_average": lambda p: f"SELECT avg(n), avg(fte), count(*) FROM ({monthly_staff(p)})",
    "trained_agents_per_theme": lambda p: (
        f"""
        SELECT th.theme, th.department, (
            SELECT count(DISTINCT t.agent_id) FROM agent_themes t JOIN agents a USING (agent_id)
            WHERE t.theme = th.theme AND t.trained_on <= DATE '{p["reference_date"]}'
              AND a.started_on <= DATE '{p["reference_date"]}'
              AND coalesce(a.left_on, DATE '9999-12-31') > DATE '{p["reference_date"]}')
        FROM themes th ORDER BY th.theme"""
    ),
    "trained_per_theme_during": lambda p: (
        f"""
        SELECT th.theme, th.department, (
            SELECT count(DISTINCT agent_id) FROM agent_themes t
            WHERE t.theme = th.theme AND {during(p, "t.trained_on")})
        FROM themes th ORDER BY th.theme"""
    ),
    "satisfaction_per_line": lambda p: satisfaction(
        p,
        "year(responded_at), line",
        f"line IN {values(p['line'])} AND channel IN {values(p['channel'])}",
    ),
    "satisfaction_per_channel": lambda p: satisfaction(
        p, "year(responded_at), channel", f"line IN {values(p['line'])}"
    ),
    "satisfaction_per_month": lambda p: satisfaction(
        p,
        MONTH.format("responded_at"),
        f"line IN {values(p['line'])} AND channel IN {values(p['channel'])}",
    ),
}
NEW_QUERIES = sorted(EXPECTED)


def assert_same(frame: pd.DataFrame, expected: list[tuple[Any, ...]]) -> None:
    got = [tuple(row) for row in frame.itertuples(index=False)]
    assert len(got) == len(expected), (got[:3], expected[:3])
    for mine, theirs in zip(got, expected, strict=True):
        assert len(mine) == len(theirs)
        for a, b in zip(mine, theirs, strict=True):
            if isinstance(b, float) or isinstance(a, float):
                assert a == pytest.approx(float(b), rel=1e-9, abs=1e-9), (mine, theirs)
            else:
                assert a == b, (mine, theirs)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("query", NEW_QUERIES)
def test_figures_equal_independent_sql(query: str, case: str, source: DatabaseSource) -> None:
    params = CASES[case]
    figures = source.fetch(query, params)
    # The same demo database, through the same (read-only) engine, but not through a query file.
    with source.engine.connect() as connection:
        expected = [tuple(r) for r in connection.exec_driver_sql(EXPECTED[query](params))]
    assert expected, f"the independent SQL for {query} found nothing: the case tests nothing"
    assert_same(figures.frame, expected)


def test_every_new_query_is_compared() -> None:
    mine = {p.name.split(".")[0] for p in builtin_dir("queries").glob("*.sql")}
    first_four = {"contacts_per_topic", "staffing_range", "trained_agents", "satisfaction_per_year"}
    assert mine - first_four == set(NEW_QUERIES)


# Figures that must agree with each other, whatever the SQL behind them.


def test_counts_add_up(source: DatabaseSource) -> None:
    p = CASES["1700-live-2022-2024"]
    total = source.fetch("contacts_total", p).frame["contacts"].item()
    assert total == source.fetch("contacts_per_year", p).frame["contacts"].sum()
    assert total == source.fetch("contacts_per_month", p).frame["contacts"].sum()
    assert total == source.fetch("contacts_per_department", p).frame["contacts"].sum()
    assert total == source.fetch("contacts_per_topic_on_line", p).frame["contacts"].sum()
    per_channel = source.fetch("contacts_per_channel", p).frame
    monthly = source.fetch("contacts_per_channel_per_month", p).frame
    assert per_channel["contacts"].sum() == monthly["contacts"].sum()
    live = per_channel[per_channel["channel"].isin(p["channel"])]["contacts"].sum()
    assert live == total
    every_channel = dict(p, channel=list(demo.ALL_CHANNELS))
    by_line = source.fetch("contacts_per_line", every_channel).frame
    assert by_line[by_line["line"] == "1700"]["contacts"].sum() == per_channel["contacts"].sum()


def test_shares_are_shares(source: DatabaseSource) -> None:
    p = CASES["1700-live-2022-2024"]
    shares = source.fetch("channel_shares_per_year", p).frame
    assert shares.groupby("year")["share_pct"].sum().round(9).eq(100).all()
    digital = source.fetch("digital_share_per_year", p).frame
    for row in digital.itertuples():
        year = shares[shares["year"] == row.year]
        assert row.digital_pct == pytest.approx(
            year[year["channel"].isin(DIGITAL)]["share_pct"].sum()
        )
    # The telephone gives way to the digital channels on 1700, year after year.
    over_years = dict(p, period_start=dt.date(2014, 1, 1), period_end=dt.date(2025, 12, 31))
    trend = source.fetch("digital_share_per_year", over_years).frame["digital_pct"]
    assert trend.is_monotonic_increasing and trend.iloc[-1] - trend.iloc[0] > 15


def test_waiting_figures_agree(source: DatabaseSource) -> None:
    p = CASES["1700-live-2022-2024"]
    waiting = source.fetch("waiting_time_per_year", p).frame
    gone = source.fetch("abandoned_per_year", p).frame
    assert (waiting["answered"] + gone["abandoned"]).tolist() == gone["offered"].tolist()
    assert gone["abandoned_pct"].between(1, 20).all()
    assert (waiting["median_wait_seconds"] < waiting["avg_wait_seconds"]).all()
    levels = [
        source.fetch("service_level_per_year", dict(p, threshold_seconds=n)).frame
        for n in (20, 60, 300)
    ]
    for short, long in itertools.pairwise(levels):
        assert (short["service_level_pct"] < long["service_level_pct"]).all()
    assert (levels[-1]["service_level_pct"] < 100 - gone["abandoned_pct"] + 1e-9).all()
    # E-mail has no queue: no waiting time, nothing abandoned.
    email = dict(p, channel=["e-mail"])
    assert source.fetch("waiting_time_per_year", email).frame.empty
    assert source.fetch("abandoned_per_year", email).frame.empty


def test_staffing_and_training_agree_with_question_639(source: DatabaseSource) -> None:
    p639 = {
        "period_start": dt.date(2014, 1, 1),
        "period_end": dt.date(2016, 12, 31),
        "reference_date": dt.date(2017, 6, 8),
    }
    monthly = source.fetch("staffing_per_month", p639).frame
    assert (monthly["agents"].min(), monthly["agents"].max()) == (115, 125)
    assert ((monthly["fte"] <= monthly["agents"]) & (monthly["fte"] >= monthly["agents"] / 2)).all()
    average = source.fetch("staffing_average", p639).frame.iloc[0]
    assert average["months"] == 36
    assert average["avg_agents"] == pytest.approx(monthly["agents"].mean())
    per_theme = source.fetch("trained_agents_per_theme", p639).frame.set_index("theme")
    assert per_theme.loc["Werk en sociale economie", "trained_agents"] == demo.WSE_TRAINED


def test_satisfaction_agrees_with_question_639(source: DatabaseSource) -> None:
    p = {
        "line": ["1700"],
        "channel": list(demo.ALL_CHANNELS),
        "period_start": dt.date(2016, 1, 1),
        "period_end": dt.date(2016, 12, 31),
    }
    lines = ["1700", "Woonlijn", "Onderwijslijn", "Belastinglijn", "Energielijn"]
    per_line = source.fetch("satisfaction_per_line", dict(p, line=lines)).frame.set_index("line")
    assert per_line.loc["1700", "satisfied_pct"] == pytest.approx(87.07)
    assert set(per_line.index) == set(lines)
    only = source.fetch("satisfaction_per_line", p).frame
    assert list(only["line"]) == ["1700"] and only["satisfied"].sum() == 8_707
    per_channel = source.fetch("satisfaction_per_channel", p).frame
    assert per_channel["responses"].sum() == 10_000 and per_channel["satisfied"].sum() == 8_707


# The same figures on every kind of database.


@pytest.fixture(scope="module", params=["postgresql", "exports"])
def other(request: pytest.FixtureRequest) -> Iterator[DatabaseSource]:
    name = "postgres_url" if request.param == "postgresql" else "export_folder"
    figures = DatabaseSource(str(request.getfixturevalue(name)), [builtin_dir("queries")])
    yield figures
    figures.close()


@pytest.mark.parametrize("query", NEW_QUERIES)
def test_same_figures_on_postgresql_and_exports(
    query: str, other: DatabaseSource, source: DatabaseSource
) -> None:
    for params in CASES.values():
        pd.testing.assert_frame_equal(
            source.fetch(query, params).frame, other.fetch(query, params).frame
        )


# A department without database access gets the same columns in its workbook.


@pytest.mark.parametrize("kind", ["cijfers.xlsx", "cijfers"])
def test_every_new_query_round_trips_through_a_figure_file(
    kind: str, source: DatabaseSource, tmp_path: Path
) -> None:
    params = CASES["1700-live-2022-2024"]
    dirs = [builtin_dir("queries")]
    requests, sets = [], []
    for name in NEW_QUERIES:
        query = find_query(name, dirs)
        requests.append(
            FigureRequest(query, query.used_parameters(params), (SubQuestion(1, "x"),),
                          Period.years_from(2022, 2024, "2022-2024"))
        )  # fmt: skip
        sets.append(source.fetch(name, params))
    write_figures(tmp_path / kind, requests, sets)
    stored = load_figure_file(tmp_path / kind, lambda name: find_query(name, dirs))
    for name, pulled in zip(NEW_QUERIES, sets, strict=True):
        pd.testing.assert_frame_equal(stored.fetch(name, params).frame, pulled.frame)


def test_queries_readme_lists_every_query_with_its_parameters() -> None:
    text = (builtin_dir("queries") / "README.md").read_text(encoding="utf-8")
    for query in list_queries([builtin_dir("queries")]):
        row = next((r for r in text.splitlines() if r.startswith(f"| `{query.name}.sql` |")), None)
        assert row, f"queries/README.md does not list {query.name}.sql"
        listed = row.rsplit("|", 2)[-2]
        for parameter in query.parameters:
            assert re.search(rf"\b{parameter.name}\b", listed), (query.name, parameter.name)
