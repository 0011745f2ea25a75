"""The satisfaction survey at the end of a contact: per line, channel and day."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pqgen.figures.demo.contacts import channel_shares
from pqgen.figures.demo.facts import (
    ALL_CHANNELS,
    MORE_SURVEY_LINES,
    SATISFACTION,
    SATISFIED_2016,
    SATISFIED_ODDS,
    SURVEY_LINES,
)


def _answers(
    year: int, line: str, answers: int, rate: float, rng: np.random.Generator
) -> pd.DataFrame:
    if (line, year) == ("1700", 2016):
        satisfied, answers = SATISFIED_2016
    else:
        satisfied = round(answers * rate)
    flags = np.zeros(answers, dtype=bool)
    flags[:satisfied] = True
    rng.shuffle(flags)
    start = np.datetime64(f"{year}-01-01T00:00:00")
    days = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
    seconds = np.sort(rng.integers(0, days * 86_400, answers))
    return pd.DataFrame(
        {"responded_at": start + seconds.astype("timedelta64[s]"), "line": line, "satisfied": flags}
    )


def _channels(frame: pd.DataFrame, year: int, line: str, rng: np.random.Generator) -> np.ndarray:
    """The channel of each answer: as the line's contacts that year, satisfied callers a little
    more often on the channels of SATISFIED_ODDS."""
    shares = channel_shares(line, year)
    odds = np.array([SATISFIED_ODDS[c] for c in ALL_CHANNELS])
    codes = np.empty(len(frame), dtype=np.int64)
    for satisfied, weights in ((True, shares * odds), (False, shares)):
        which = np.flatnonzero(frame["satisfied"].to_numpy() == satisfied)
        codes[which] = rng.choice(len(ALL_CHANNELS), size=len(which), p=weights / weights.sum())
    return codes


def survey_table(rng: np.random.Generator, extra: np.random.Generator) -> pd.DataFrame:
    """Survey answers at the end of contacts: on 1700 the satisfied share of SATISFACTION.

    `rng` draws the answers of 1700 and the Woonlijn in the same order as ever; `extra` draws
    the channels and the other lines, which leave question 639's figures as they are."""
    frames = []
    for year, share in SATISFACTION.items():
        for line, (answers, difference) in SURVEY_LINES.items():
            frames.append(_answers(year, line, answers, share + difference, rng))
    for year, share in SATISFACTION.items():
        for line, (answers, difference) in MORE_SURVEY_LINES.items():
            frames.append(_answers(year, line, answers, share + difference, extra))
    for frame in frames:
        year, line = frame["responded_at"].iloc[0].year, frame["line"].iloc[0]
        codes = _channels(frame, year, line, extra)
        frame["channel"] = pd.Categorical.from_codes(codes, pd.Index(ALL_CHANNELS))
    survey = pd.concat(frames, ignore_index=True)
    survey = survey.sort_values("responded_at", kind="stable", ignore_index=True)
    survey.insert(0, "response_id", np.arange(1, len(survey) + 1, dtype=np.int64))
    return survey[["response_id", "responded_at", "line", "channel", "satisfied"]]
