"""A period asked about: a run of days with the resolution it was asked in.

The data type every stage shares (the plan, figure sets, workbooks, tables); reading a period
from a question's words is the planning stage's (`planning.period`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pqgen import catalogue
from pqgen.dutch import date

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip


@dataclass(frozen=True)
class Period:
    """A run of days asked about, with the words it was read from and how it was asked."""

    start: dt.date
    end: dt.date
    source: str
    unit: str = "year"  # year | quarter | month | schoolyear | legislature | days
    note: str = ""  # for a period that is not over: where it ends, and why there

    @classmethod
    def years_from(cls, first: int, last: int, source: str) -> Period:
        return cls(dt.date(first, 1, 1), dt.date(last, 12, 31), source)

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        return self.end.year

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def months(self) -> list[dt.date]:
        """The first day of every month the period touches: 2023 -> 2023-01-01 … 2023-12-01."""
        first, last = self.start.replace(day=1), self.end.replace(day=1)
        return [add_months(first, k) for k in range(months_between(first, last) + 1)]

    def year_label(self, year: int) -> str:
        """A year of the period as a table heads it, saying where the period cuts it short:
        "2025 (tot en met 28 februari)", "2014 (vanaf 1 juli)", or just "2016"."""
        first = (
            self.start if self.start.year == year and self.start.timetuple().tm_yday > 1 else None
        )
        last = (
            self.end
            if self.end.year == year and (self.end.month, self.end.day) != (12, 31)
            else None
        )

        def day(d: dt.date) -> str:
            return date(d).rsplit(" ", 1)[0]

        if first and last:
            return catalogue.PART_YEAR_BETWEEN.format(year=year, first=day(first), last=day(last))
        if first:
            return catalogue.PART_YEAR_FROM.format(year=year, day=day(first))
        if last:
            return catalogue.ASK_PART_YEAR.format(year=year, day=day(last))
        return str(year)

    @property
    def whole_years(self) -> bool:
        """Whole calendar years, or the current year up to its last complete month."""
        return self.unit == "year" and (self.start.month, self.start.day) == (1, 1)

    @property
    def open(self) -> bool:
        return bool(self.note)

    @property
    def label(self) -> str:
        """ "2014-2016", "2016", "maart 2024", "K1 2024", or the first and last day."""
        if self.unit == "year" and not self.open:
            if self.first_year == self.last_year:
                return str(self.first_year)
            return f"{self.first_year}-{self.last_year}"
        if self.unit == "month" and months_between(self.start, self.end) == 1:
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        if self.start == self.end:
            return self.start.isoformat()
        if self.unit == "quarter":
            return f"K{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return f"{self.start.isoformat()} - {self.end.isoformat()}"

    @property
    def in_words(self) -> str:
        """ "tussen 1 januari 2014 en 31 december 2016", "in 2016", "in maart 2024"; a quarter or
        a year not over when asked by its days ("tussen 1 januari en 29 februari 2024")."""
        if self.open and self.start != self.end:
            return f"tussen {date(self.start)} en {date(self.end)}"
        if self.unit == "year" and not self.open and self.first_year == self.last_year:
            return f"in {self.first_year}"
        if self.unit == "month" and months_between(self.start, self.end) == 1:
            return f"in {MONTHS[self.start.month - 1]} {self.start.year}"
        if self.unit == "quarter":
            which = ("eerste", "tweede", "derde", "vierde")[(self.start.month - 1) // 3]
            return f"in het {which} kwartaal van {self.start.year}"
        if self.start == self.end:
            return f"op {date(self.start)}"
        return f"tussen {date(self.start)} en {date(self.end)}"

    def previous(self) -> Period:
        """The period of the same length just before this one: for 2014-2016, 2011-2013; for
        January to April 2025 (a year not over), September to December 2024."""
        after = self.end + dt.timedelta(days=1)
        if self.start.day == 1 and after.day == 1:
            months = months_between(self.start, self.end)
            start, end = add_months(self.start, -months), self.start - dt.timedelta(days=1)
            if months % 12 == 0 and start.month == 1:
                unit = "year"
            elif months == 3 and start.month % 3 == 1:
                unit = "quarter"
            else:
                unit = "month"
        else:
            end = self.start - dt.timedelta(days=1)
            start, unit = end - (self.end - self.start), "days"
        return Period(start, end, f"voor {self.label}", unit)

    def describe(self) -> str:
        """For the plan: the days, how it was read, and where an open period ends."""
        days = f"{self.start.isoformat()} to {self.end.isoformat()}"
        text = f"{self.label} ({days}, from '{self.source}')"
        return text + (f"; {self.note}" if self.note else "")


def months_between(start: dt.date, end: dt.date) -> int:
    after = end + dt.timedelta(days=1)
    return (after.year - start.year) * 12 + after.month - start.month


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(year: int, month: int) -> dt.date:
    return add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
