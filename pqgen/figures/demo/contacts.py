"""The contacts of the demo contact centre, and the calls and chats abandoned in the queue."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pqgen.figures.demo.facts import (
    ALL_CHANNELS,
    CHANNELS,
    DEFAULT_ROWS,
    EXCLUDED_TOPIC,
    FIRST_YEAR,
    LAST_YEAR,
    LINES,
    MEDIAN_HANDLING,
    MEDIAN_WAIT,
    TOPICS,
    WAIT_FACTOR,
    WSE,
    WSE_CONTACTS_2014_2016,
)


def months() -> pd.DatetimeIndex:
    return pd.date_range(f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-01", freq="MS")


def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Whole counts that add up to `total`, in proportion to `weights` (largest remainder)."""
    if total == 0 or weights.sum() == 0:
        return np.zeros(len(weights), dtype=np.int64)
    exact = weights / weights.sum() * total
    counts = np.floor(exact).astype(np.int64)
    short = total - int(counts.sum())
    # Ties go to the earlier cell, so the result depends on nothing but the inputs.
    order = np.lexsort((np.arange(len(exact)), -(exact - counts)))
    counts[order[:short]] += 1
    return counts


def channel_shares(line: str, year: int) -> np.ndarray:
    """The share of each of ALL_CHANNELS in `line`'s contacts in `year` (0 where not offered)."""
    along = (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)
    offered = CHANNELS[line]
    shares = np.array(
        [
            (1 - along) * offered[c][0] + along * offered[c][1] if c in offered else 0.0
            for c in ALL_CHANNELS
        ]
    )
    return shares / shares.sum()


def _channels(uniform: np.ndarray, line: np.ndarray, year: np.ndarray) -> np.ndarray:
    """The channel (an index into ALL_CHANNELS) of each contact, from one uniform draw each and
    the shares of its line and year."""
    line_names = sorted(CHANNELS)
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    cdf = np.array([np.cumsum(channel_shares(n, y)) for n in line_names for y in years])
    cdf /= cdf[:, -1:]
    group = np.searchsorted(line_names, line) * len(years) + (year - FIRST_YEAR)
    code = np.zeros(len(uniform), dtype=np.int64)
    for k in range(len(ALL_CHANNELS) - 1):
        code += uniform >= cdf[group, k]
    return code


def contacts_table(
    rows: int, rng: np.random.Generator, extra: np.random.Generator
) -> tuple[pd.DataFrame, np.ndarray]:
    """`rows` contacts spread over departments, topics and months, the 639 figures built in;
    with the median waiting time of each contact's queue (for `abandoned_table`).

    `rng` draws what question 639's figures depend on, in the same order as ever; `extra` draws
    what was added since (waiting and handling times), so those figures never move.
    """
    month_index = months()
    cells = pd.DataFrame(
        [(t.department, t.name, line, m, t.weight * share, t.available_from)
         for t in TOPICS
         for line, share in LINES[t.department].items()
         for m in month_index],
        columns=["department", "topic", "line", "month", "weight", "available_from"],
    )  # fmt: skip
    season = 1 + 0.25 * np.cos((cells["month"].dt.month.to_numpy() - 2) / 12 * 2 * np.pi)
    growth = 1 + 0.04 * (cells["month"].dt.year.to_numpy() - FIRST_YEAR)
    noise = rng.uniform(0.85, 1.15, len(cells))
    weight = cells["weight"].to_numpy() * season * growth * noise
    weight[(cells["month"].dt.date < cells["available_from"]).to_numpy()] = 0.0

    published = (
        (cells["department"] == WSE)
        & (cells["topic"] != EXCLUDED_TOPIC)
        & (cells["month"].dt.year <= 2016)
    ).to_numpy()
    target = round(WSE_CONTACTS_2014_2016 * rows / DEFAULT_ROWS)
    counts = np.zeros(len(cells), dtype=np.int64)
    counts[published] = apportion(target, weight[published])
    counts[~published] = apportion(rows - target, weight[~published])

    cell = np.repeat(np.arange(len(cells)), counts)
    month_start = cells["month"].to_numpy()[cell]
    days_in_month = cells["month"].dt.days_in_month.to_numpy()[cell]
    offset = (rng.random(rows) * days_in_month).astype(np.int64) * 86_400 + rng.integers(
        8 * 3600, 19 * 3600, rows
    )
    contacted_at = month_start + offset.astype("timedelta64[s]")
    line = cells["line"].to_numpy()[cell]
    year = cells["month"].dt.year.to_numpy()[cell]
    channel = _channels(rng.random(rows), line, year)
    wait_median = _median_wait(channel, line, year, season[cell])
    frame = pd.DataFrame(
        {
            "contacted_at": contacted_at,
            "channel": pd.Categorical.from_codes(channel, pd.Index(ALL_CHANNELS)),
            "line": pd.Categorical(line),
            "department": pd.Categorical(cells["department"].to_numpy()[cell]),
            "topic": pd.Categorical(cells["topic"].to_numpy()[cell]),
            "waiting_seconds": _seconds(wait_median, extra),
            "handling_seconds": _seconds(
                np.array([MEDIAN_HANDLING[c] for c in ALL_CHANNELS])[channel], extra, spread=0.5
            ),
        }
    )
    order = np.argsort(contacted_at, kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    frame.insert(0, "contact_id", np.arange(1, rows + 1, dtype=np.int64))
    return frame, wait_median[order]


def _median_wait(
    channel: np.ndarray, line: np.ndarray, year: np.ndarray, season: np.ndarray
) -> np.ndarray:
    """The median waiting time of each contact's queue (NaN on channels without one): longer in
    busy months and in some years, shorter on the sectoral lines."""
    per_channel = np.array([MEDIAN_WAIT.get(c, np.nan) for c in ALL_CHANNELS])
    per_year = np.array([WAIT_FACTOR[y] for y in range(FIRST_YEAR, LAST_YEAR + 1)])
    sectoral = np.where(line == "1700", 1.0, 0.8)
    busy = 1 + 2 * (season - 1)
    median: np.ndarray = per_channel[channel] * per_year[year - FIRST_YEAR] * sectoral * busy
    return median


def _seconds(median: np.ndarray, rng: np.random.Generator, spread: float = 0.8) -> pd.Series:
    """Whole seconds drawn around `median` (log-normal); empty where the median is NaN."""
    drawn = np.rint(median * np.exp(spread * rng.standard_normal(len(median))))
    missing = np.isnan(drawn)
    values = np.where(missing, 0, drawn).astype(np.int64)
    return pd.Series(pd.arrays.IntegerArray(values, missing))


def abandoned_table(
    contacts: pd.DataFrame, wait_median: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """Calls and chats that were given up in the queue before an agent answered: no department
    or topic (nobody heard the question). More of them where the queue is long."""
    sorted_median = wait_median
    live = ~np.isnan(sorted_median)
    # The share of callers who hang up grows with the waiting time; one draw per answered call
    # makes the abandoned ones that share of all callers on that line and channel.
    share = np.clip(0.02 + 0.0006 * np.nan_to_num(sorted_median), 0, 0.5)
    chosen = np.flatnonzero(live & (rng.random(len(contacts)) < share / (1 - share)))
    earlier = rng.integers(60, 3600, len(chosen)).astype("timedelta64[s]")
    frame = pd.DataFrame(
        {
            "contacted_at": contacts["contacted_at"].to_numpy()[chosen] - earlier,
            "channel": contacts["channel"].to_numpy()[chosen],
            "line": contacts["line"].to_numpy()[chosen],
            "waiting_seconds": _seconds(1.6 * sorted_median[chosen], rng).to_numpy(),
        }
    )
    frame = frame.sort_values("contacted_at", kind="stable", ignore_index=True)
    frame.insert(0, "abandoned_id", np.arange(1, len(frame) + 1, dtype=np.int64))
    return frame
