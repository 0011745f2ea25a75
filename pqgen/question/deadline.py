"""The answer's due date: the question's date plus 20 working days.

Working days skip weekends and Belgian public holidays, as the `holidays` library knows them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

WORKING_DAYS = 20


@cache
def _holidays(year: int) -> frozenset[dt.date]:
    """The public holidays of `year` (as a set: a batch looks up thousands of days)."""
    return frozenset(holidays.Belgium(years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def due_date(asked_on: dt.date, working_days: int = WORKING_DAYS) -> dt.date:
    """The day the answer is due: `working_days` working days after `asked_on`."""
    day, left = asked_on, working_days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day
