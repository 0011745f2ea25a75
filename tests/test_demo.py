"""The demo database: deterministic, and in agreement with the published answer to 639."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pqgen.figures import demo as demo


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return demo.demo_tables()


def test_wse_contacts_2014_2016_without_dienstencheques(tables) -> None:
    c = tables["contacts"]
    wse = c[
        (c["department"] == demo.WSE)
        & (c["topic"] != "dienstencheques")
        & (c["contacted_at"] >= "2014-01-01")
        & (c["contacted_at"] < "2017-01-01")
    ]
    assert len(wse) == 69_871


def test_topics_start_when_the_published_answer_says(tables) -> None:
    c = tables["contacts"]
    first = c.groupby("topic", observed=True)["contacted_at"].min()
    assert first["Vlaams zorgkrediet"] >= pd.Timestamp("2016-09-01")
    assert first["betaald educatief verlof"] >= pd.Timestamp("2016-07-01")
    assert first["aanmoedigingspremie"] < pd.Timestamp("2014-02-01")
    assert {"ervaringsbewijs", "dienstencheques"} <= set(first.index)


def test_years_and_departments(tables) -> None:
    c = tables["contacts"]
    years = c["contacted_at"].dt.year
    assert years.min() == 2014 and years.max() >= 2024
    assert c["department"].nunique() >= 5
    assert len(c) == demo.DEFAULT_ROWS
    assert c["contact_id"].is_unique


def test_staffing_between_115_and_125_in_2014_2016(tables) -> None:
    s = tables["staffing"]
    period = s[(s["month"] >= dt.date(2014, 1, 1)) & (s["month"] <= dt.date(2016, 12, 1))]
    assert (period["agents"].min(), period["agents"].max()) == (115, 125)


def test_staffing_agrees_with_agents(tables) -> None:
    agents = tables["agents"]
    day = dt.date(2015, 3, 1)
    at_work = agents[
        (agents["started_on"] <= day) & (agents["left_on"].isna() | (agents["left_on"] > day))
    ]
    s = tables["staffing"]
    assert s.loc[s["month"] == day, "agents"].item() == len(at_work)


def test_satisfaction_2016_is_87_07_percent(tables) -> None:
    r = tables["survey_responses"]
    r2016 = r[(r["line"] == "1700") & (r["responded_at"].dt.year == 2016)]
    assert round(100 * r2016["satisfied"].mean(), 2) == 87.07


def test_same_seed_same_data_and_rows_scale() -> None:
    a = demo.demo_tables(rows=20_000)
    b = demo.demo_tables(rows=20_000)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert len(a["contacts"]) == 20_000


def test_apportion_is_exact() -> None:
    counts = demo.apportion(10, np.array([1.0, 1.0, 1.0]))
    assert counts.sum() == 10 and sorted(counts.tolist()) == [3, 3, 4]


def test_too_small_a_database_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1000"):
        demo.demo_tables(rows=10)


def test_duckdb_stores_contacts_by_the_columns_queries_filter_on(demo_db) -> None:
    """Stored by department, line and time, a query on one line over a few years reads a few
    groups of rows (DuckDB skips the others by their min and max): issue 14. The rows are the
    same rows, each with its own contact_id."""
    import duckdb

    order = ", ".join(demo.STORED_ORDER["contacts"])
    with duckdb.connect(str(demo_db), read_only=True) as con:
        out_of_place = con.execute(
            f"SELECT count(*) FROM (SELECT rowid AS r, row_number() OVER (ORDER BY {order}) - 1"
            " AS k FROM contacts) WHERE r <> k"
        ).fetchone()
        ids = con.execute("SELECT count(DISTINCT contact_id), max(contact_id) FROM contacts")
        distinct, largest = ids.fetchone() or (0, 0)
    assert out_of_place == (0,)
    assert distinct == largest == demo.DEFAULT_ROWS
