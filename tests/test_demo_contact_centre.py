"""The demo contact centre beyond question 639: channels per line, waiting and handling times,
abandoned contacts, FTE, training dates, the survey per line and channel; and the data that
question 639's figures rest on exactly as they were before these were added."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import pandas as pd
import pytest

from pqgen.figures import demo
from pqgen.figures.demo.facts import SATISFACTION, SURVEY_LINES

# Fingerprints of the data question 639's figures rest on, taken from the generator as it was
# before issue 11 (commit 78c9fc7) with `fingerprints` below: adding tables and columns must
# never move them.
BEFORE_ISSUE_11 = {
    "contacts": "fe8b4b4a1be32e1f",
    "agents": "c795e601f3c91c8e",
    "staffing": "c2d5f21b555b24d7",
    "training_at_start": "36e9bf895ef04821",
    "survey": "332e57df8b16743f",
}


def fingerprint(frame: pd.DataFrame) -> str:
    """A digest of the values of `frame`, column by column, that depends on nothing else."""
    digest = hashlib.sha256()
    for name in frame.columns:
        column = frame[name]
        digest.update(name.encode())
        if pd.api.types.is_datetime64_any_dtype(column):
            digest.update(column.to_numpy("datetime64[s]").astype(np.int64).tobytes())
        else:
            digest.update("\x1f".join(map(str, column.tolist())).encode())
    return digest.hexdigest()[:16]


def fingerprints(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    contacts = tables["contacts"]
    line = contacts["line"].astype(str)
    agents = tables["agents"]
    training = tables["agent_themes"].merge(agents[["agent_id", "started_on"]], on="agent_id")
    at_start = training[training["trained_on"] == training["started_on"]]
    survey = tables["survey_responses"]
    survey = survey[survey["line"].isin(list(SURVEY_LINES))]
    return {
        "contacts": fingerprint(
            pd.DataFrame(
                {
                    "contact_id": contacts["contact_id"],
                    "contacted_at": contacts["contacted_at"],
                    "department": contacts["department"].astype(str),
                    "topic": contacts["topic"].astype(str),
                    "on_1700": line == "1700",
                }
            )
        ),
        "agents": fingerprint(agents[["agent_id", "started_on", "left_on"]]),
        "staffing": fingerprint(tables["staffing"][["month", "agents"]]),
        "training_at_start": fingerprint(
            at_start.sort_values(["agent_id", "theme"])[["agent_id", "theme", "trained_on"]]
        ),
        "survey": fingerprint(
            survey.sort_values(["responded_at", "line", "satisfied"])[
                ["responded_at", "line", "satisfied"]
            ]
        ),
    }


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return demo.demo_tables()


def test_what_639_rests_on_is_as_before(tables: dict[str, pd.DataFrame]) -> None:
    assert fingerprints(tables) == BEFORE_ISSUE_11


def test_each_line_offers_its_own_channels(tables: dict[str, pd.DataFrame]) -> None:
    contacts = tables["contacts"]
    offered = contacts.groupby("line", observed=True)["channel"].unique()
    for line, channels in offered.items():
        assert set(channels) == set(demo.CHANNELS[str(line)]), line
    assert set(offered.index) == set(demo.CHANNELS)
    assert set(contacts["channel"]) == set(demo.ALL_CHANNELS)


def test_the_telephone_gives_way_to_digital_channels(tables: dict[str, pd.DataFrame]) -> None:
    contacts = tables["contacts"]
    on_1700 = contacts[contacts["line"] == "1700"]
    phone = (on_1700["channel"] == "telefoon").groupby(on_1700["contacted_at"].dt.year).mean()
    assert phone.is_monotonic_decreasing
    assert phone[2014] == pytest.approx(0.74, abs=0.01)
    assert phone[2025] == pytest.approx(0.52, abs=0.01)


def test_waiting_only_where_there_is_a_queue(tables: dict[str, pd.DataFrame]) -> None:
    contacts = tables["contacts"]
    live = contacts["channel"].isin(demo.LIVE_CHANNELS)
    assert contacts.loc[live, "waiting_seconds"].notna().all()
    assert contacts.loc[~live, "waiting_seconds"].isna().all()
    assert (contacts.loc[live, "waiting_seconds"] >= 0).all()
    assert contacts["handling_seconds"].notna().all() and (contacts["handling_seconds"] > 0).all()
    phone = contacts[contacts["channel"] == "telefoon"]
    by_year = phone.groupby(phone["contacted_at"].dt.year)["waiting_seconds"].median()
    assert by_year[2020] > 1.5 * by_year[2019]  # the year of the corona measures


def test_abandoned_contacts(tables: dict[str, pd.DataFrame]) -> None:
    gone = tables["abandoned_contacts"]
    assert list(gone.columns) == [
        "abandoned_id", "contacted_at", "channel", "line", "waiting_seconds",
    ]  # fmt: skip
    assert set(gone["channel"]) <= set(demo.LIVE_CHANNELS)
    assert gone["abandoned_id"].is_unique and gone["waiting_seconds"].notna().all()
    contacts = tables["contacts"]
    answered = contacts[contacts["channel"].isin(demo.LIVE_CHANNELS)]
    year = gone["contacted_at"].dt.year
    share = year.value_counts() / (
        year.value_counts() + answered["contacted_at"].dt.year.value_counts()
    )
    assert share.between(0.02, 0.12).all()
    assert share[2020] > share[2019]
    assert gone["contacted_at"].dt.year.between(demo.FIRST_YEAR, demo.LAST_YEAR).all()


def test_fte_and_staffing(tables: dict[str, pd.DataFrame]) -> None:
    agents, staffing = tables["agents"], tables["staffing"]
    assert set(agents["fte"]) == {1.0, 0.8, 0.5}
    for day in (dt.date(2014, 1, 1), dt.date(2019, 7, 1), dt.date(2025, 12, 1)):
        at_work = agents[
            (agents["started_on"] <= day) & (agents["left_on"].isna() | (agents["left_on"] > day))
        ]
        month = staffing[staffing["month"] == day].iloc[0]
        assert month["agents"] == len(at_work)
        assert month["fte"] == pytest.approx(at_work["fte"].sum())
        assert month["fte"] < month["agents"]


def test_training_dates(tables: dict[str, pd.DataFrame]) -> None:
    training = tables["agent_themes"].merge(tables["agents"], on="agent_id")
    assert not training.duplicated(["agent_id", "theme"]).any()
    assert (training["trained_on"] >= training["started_on"]).all()
    stayed = training["left_on"].isna()
    assert (stayed | (training["trained_on"] < training["left_on"])).all()
    later = training[training["trained_on"] > training["started_on"]]
    assert len(later) > 500 and later["trained_on"].max() <= dt.date(demo.LAST_YEAR, 12, 31)
    # The 36 agents trained for Werk en sociale economie on 8 June 2017 are still 36.
    day = demo.WSE_TRAINED_ON
    wse = training[
        (training["theme"] == "Werk en sociale economie")
        & (training["trained_on"] <= day)
        & (training["started_on"] <= day)
        & (training["left_on"].isna() | (training["left_on"] > day))
    ]
    assert wse["agent_id"].nunique() == demo.WSE_TRAINED


def test_survey_per_line_and_channel(tables: dict[str, pd.DataFrame]) -> None:
    survey = tables["survey_responses"]
    assert list(survey.columns) == ["response_id", "responded_at", "line", "channel", "satisfied"]
    assert set(survey["line"]) == set(demo.CHANNELS)
    for line, channels in survey.groupby("line")["channel"].unique().items():
        assert set(channels) <= set(demo.CHANNELS[str(line)]), line
    on_1700 = survey[survey["line"] == "1700"]
    per_year = on_1700.groupby(on_1700["responded_at"].dt.year)["satisfied"].agg(["sum", "count"])
    for year, share in SATISFACTION.items():
        expected = 8_707 if year == 2016 else round(10_000 * share)
        assert (per_year.loc[year, "sum"], per_year.loc[year, "count"]) == (expected, 10_000)
    by_channel = on_1700.groupby("channel", observed=True)["satisfied"].mean()
    assert by_channel["chat"] > by_channel["e-mail"]


def test_other_sizes_and_seeds(tables: dict[str, pd.DataFrame]) -> None:
    small = demo.demo_tables(rows=5_000)
    assert len(small["contacts"]) == 5_000
    assert len(small["abandoned_contacts"]) < len(tables["abandoned_contacts"]) / 50
    other = demo.demo_tables(rows=5_000, seed=1)
    assert not other["contacts"]["contacted_at"].equals(small["contacts"]["contacted_at"])
    assert not other["abandoned_contacts"]["waiting_seconds"].equals(
        small["abandoned_contacts"]["waiting_seconds"]
    )
