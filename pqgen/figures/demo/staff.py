"""The agents of the demo contact centre: when they came and left, their FTE, the themes they are
trained for (and when), and the staffing on the first day of each month."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pqgen.figures.demo.contacts import months
from pqgen.figures.demo.facts import (
    FTE_SHARES,
    LAST_YEAR,
    STAFF_RANGE_2014_2016,
    THEMES,
    WSE,
    WSE_TRAINED,
    WSE_TRAINED_ON,
)

LAST_DAY = dt.date(LAST_YEAR, 12, 31)


def _headcount_targets(rng: np.random.Generator) -> list[int]:
    """Agents at work on the first of each month: 115 to 125 in 2014-2016, more later on."""
    targets = []
    for m in months():
        if m.year <= 2016:
            targets.append(int(rng.integers(116, 125)))
        else:
            targets.append(int(rng.integers(118, 141)))
    # The published range is reached exactly, once each end.
    targets[5], targets[30] = STAFF_RANGE_2014_2016
    return targets


def agents_tables(
    rng: np.random.Generator, extra: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agents hired and leaving so that the headcount follows the targets, and their training.

    `rng` draws what question 639's figures depend on, in the same order as ever; `extra` draws
    the FTE and the trainings after the first, which leave those figures as they are.
    """
    started: list[dt.date] = []
    left: list[dt.date | None] = []
    at_work: list[int] = []
    for month, target in zip(months(), _headcount_targets(rng), strict=True):
        day = month.date()
        if not started:
            for _ in range(target):
                started.append(day - dt.timedelta(days=int(rng.integers(30, 1500))))
                left.append(None)
                at_work.append(len(started) - 1)
            continue
        # A little churn every month, then hire or let go to reach the target.
        for _ in range(int(rng.integers(0, 3))):
            gone = at_work.pop(int(rng.integers(len(at_work))))
            left[gone] = day
        while len(at_work) > target:
            gone = at_work.pop(int(rng.integers(len(at_work))))
            left[gone] = day
        while len(at_work) < target:
            started.append(day)
            left.append(None)
            at_work.append(len(started) - 1)
    fte = extra.choice(list(FTE_SHARES), size=len(started), p=list(FTE_SHARES.values()))
    agents = pd.DataFrame(
        {
            "agent_id": np.arange(1, len(started) + 1),
            "started_on": pd.to_datetime(started).date,
            "left_on": [d for d in left],
            "fte": fte,
        }
    )

    on_day = [
        i for i, (s, e) in enumerate(zip(started, left, strict=True))
        if s <= WSE_TRAINED_ON and (e is None or e > WSE_TRAINED_ON)
    ]  # fmt: skip
    wse_theme = next(t for t, d in THEMES.items() if d == WSE)
    other_themes = [t for t in THEMES if t != wse_theme]
    trained_wse = set(rng.choice(on_day, size=WSE_TRAINED, replace=False).tolist())
    rows = []
    for i, start in enumerate(started):
        themes = list(rng.choice(other_themes, size=int(rng.integers(1, 3)), replace=False))
        on_that_day = i in set(on_day)
        if i in trained_wse or (not on_that_day and rng.random() < 0.3):
            themes.append(wse_theme)
        for theme in themes:
            rows.append((i + 1, theme, start))
        rows.extend(_later_trainings(i + 1, start, left[i], themes, extra))
    training = pd.DataFrame(rows, columns=["agent_id", "theme", "trained_on"])
    return agents, training


def _later_trainings(
    agent: int, start: dt.date, left: dt.date | None, themes: list[str], rng: np.random.Generator
) -> list[tuple[int, str, dt.date]]:
    """Themes an agent is trained for while at work, on a date after the start.

    No training for Werk en sociale economie up to WSE_TRAINED_ON, so that 36 agents were trained
    for it on that day, as the published answer says."""
    first = start + dt.timedelta(days=60)
    last = min(left - dt.timedelta(days=1) if left else LAST_DAY, LAST_DAY)
    untrained = [t for t in THEMES if t not in themes]
    if first > last or not untrained:
        return []
    wanted = min(int(rng.integers(0, 3)), len(untrained))
    rows = []
    for theme in rng.choice(untrained, size=wanted, replace=False):
        day = first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))
        if THEMES[str(theme)] == WSE and day <= WSE_TRAINED_ON:
            continue
        rows.append((agent, str(theme), day))
    return rows


def staffing_table(agents: pd.DataFrame) -> pd.DataFrame:
    """Agents at work on the first day of each month, and their FTE together."""
    rows = []
    started = agents["started_on"].tolist()
    left = agents["left_on"].tolist()
    fte = agents["fte"].tolist()
    for month in months():
        day = month.date()
        working = [
            f for s, e, f in zip(started, left, fte, strict=True)
            if s <= day and (e is None or e > day)
        ]  # fmt: skip
        rows.append((day, len(working), round(sum(working), 1)))
    return pd.DataFrame(rows, columns=["month", "agents", "fte"])
