"""The period a question asks about, read from its words and its date.

"de laatste 3 jaar", asked on 8 June 2017, means the full years 2014, 2015 and 2016: the year of
the question is not complete, so it is not counted. Other forms: "sinds 2014", "van 2014 tot en
met 2016", "2014-2016", "in 2016", "vorig jaar".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pqgen.dutch import WORD_NUMBERS, date

_COUNT = r"(\d{1,2}|" + "|".join(WORD_NUMBERS) + r")"
_YEAR = r"((?:19|20)\d{2})"

_LAST_N_YEARS = re.compile(
    rf"\b(?:de\s+)?(?:laatste|afgelopen|voorbije|vorige)\s+{_COUNT}\s+(?:jaar|jaren|kalenderjaren)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"\b{_YEAR}\s*(?:-|–|tot\s+en\s+met|tot)\s*{_YEAR}\b|\btussen\s+{_YEAR}\s+en\s+{_YEAR}\b",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"\b(?:sinds|vanaf|sedert)\s+{_YEAR}\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"\b(?:vorig|het\s+afgelopen|het\s+voorbije)\s+jaar\b", re.IGNORECASE)
_ONE_YEAR = re.compile(rf"\b{_YEAR}\b")


@dataclass(frozen=True)
class Period:
    """A run of whole calendar years, with the words it was read from (for the summary)."""

    first_year: int
    last_year: int
    source: str

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def label(self) -> str:
        """ "2014-2016" or "2016", for table headings and short mentions."""
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}-{self.last_year}"

    def previous(self) -> Period:
        """The period of the same length just before this one: for 2014-2016, 2011-2013."""
        length = self.last_year - self.first_year + 1
        return Period(self.first_year - length, self.last_year - length, f"voor {self.label}")

    @property
    def in_words(self) -> str:
        """ "tussen 1 januari 2014 en 31 december 2016", or "in 2016" for one year."""
        if self.first_year == self.last_year:
            return f"in {self.first_year}"
        return f"tussen {date(self.start)} en {date(self.end)}"


def find_period(text: str, asked_on: dt.date) -> Period | None:
    """The period that `text` names, relative to the date the question was asked; None if none."""
    this_year = asked_on.year
    if m := _LAST_N_YEARS.search(text):
        word = m.group(1).lower()
        count = int(word) if word.isdigit() else WORD_NUMBERS[word]
        if count >= 1:
            return Period(this_year - count, this_year - 1, m.group(0).strip())
    if m := _RANGE.search(text):
        a, b = (int(y) for y in m.groups() if y)
        return Period(min(a, b), max(a, b), m.group(0).strip())
    if m := _SINCE.search(text):
        first = int(m.group(1))
        return Period(first, max(first, this_year - 1), m.group(0).strip())
    if m := _LAST_YEAR.search(text):
        return Period(this_year - 1, this_year - 1, m.group(0).strip())
    years = sorted({int(y) for y in _ONE_YEAR.findall(text)})
    if years:
        return Period(years[0], years[-1], ", ".join(map(str, years)))
    return None


def period_for(subquestion_text: str, question_text: str, asked_on: dt.date) -> Period:
    """The period one sub-question asks about.

    Its own words come first; then the question as a whole (a question that asks for "de laatste
    3 jaar" in its first sub-question means the same years in the next); failing both, the last
    complete year before the question, marked as assumed in its `source`.
    """
    found = find_period(subquestion_text, asked_on) or find_period(question_text, asked_on)
    if found:
        return found
    last = asked_on.year - 1
    return Period(last, last, f"niet vermeld, aangenomen: {last}")
