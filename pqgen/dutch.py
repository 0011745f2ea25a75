"""Dutch (Flemish) formatting of numbers, percentages, dates, ranges and approximations.

Everything that babel knows (digit grouping, decimal comma, month names) comes from babel's data
for the nl_BE locale; only the phrasing that no library has ("tussen de 115 en de 125", "iets
minder dan 70.000") is written here.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cache
from typing import Any

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal, format_percent

LOCALE = "nl_BE"


def number(value: float | int, decimals: int | None = None) -> str:
    """A number the Dutch way: 69871 -> "69.871", 1234.5 -> "1.234,5".

    With `decimals`, exactly that many digits after the comma: number(2.5, 2) -> "2,50". A half
    rounds up, as people round (number(2.5, 0) -> "3"; babel would round it to even, "2").
    """
    # Formatted once per value: a batch writes the same figures into many answers.
    plain = float(value) if isinstance(value, float) else int(value)
    return _number(plain, decimals)


@functools.lru_cache(maxsize=8192, typed=True)
def _number(value: float | int, decimals: int | None) -> str:
    if decimals is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    with localcontext(rounding=ROUND_HALF_UP):
        return format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)


def percent(value: float, decimals: int = 2, *, fraction: bool = False) -> str:
    """A percentage with a decimal comma and no space: 87.07 -> "87,07%".

    `value` is in percent (87.07) unless `fraction` is true (0.8707).
    """
    # Decimal, so that 87.065 stays 0.87065 (a float division gives 0.8706499…).
    ratio = Decimal(str(value)) / (1 if fraction else 100)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    with localcontext(rounding=ROUND_HALF_UP):  # a half rounds up, as in number()
        return format_percent(ratio, format=pattern, locale=LOCALE, decimal_quantization=True)


def join_nl(items: Iterable[Any], last: str = "en") -> str:
    """A Dutch enumeration: ["a", "b", "c"] -> "a, b en c"."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def date(value: dt.date | str) -> str:
    """A date as written in parliamentary documents: 2017-06-08 -> "8 juni 2017"."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return _date(value)


@functools.lru_cache(maxsize=4096, typed=True)
def _date(value: dt.date) -> str:
    """Formatted once per day: a batch writes the same dates into many answers."""
    return format_date(value, format="d MMMM y", locale=LOCALE)


def between(low: float | int, high: float | int) -> str:
    """A range in words: (115, 125) -> "tussen de 115 en de 125"; equal ends give one number."""
    low, high = min(low, high), max(low, high)
    if low == high:
        return number(low)
    return f"tussen de {number(low)} en de {number(high)}"


def round_significant(value: float | int, digits: int = 2) -> int:
    """`value` rounded half up to `digits` significant digits: 69871 -> 70000."""
    if value == 0:
        return 0
    magnitude = math.floor(math.log10(abs(value))) - digits + 1
    quantum = Decimal(10) ** magnitude
    rounded = (Decimal(str(value)) / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum
    return int(rounded)


def approximately(value: float | int, digits: int = 2) -> str:
    """A count in round words: 69871 -> "iets minder dan 70.000", 70420 -> "iets meer dan 70.000".

    The round number keeps `digits` significant digits; a value that is already round is given
    as it is ("70.000").
    """
    rounded = round_significant(value, digits)
    if value < rounded:
        return f"iets minder dan {number(rounded)}"
    if value > rounded:
        return f"iets meer dan {number(rounded)}"
    return number(rounded)


@cache
def _month_numbers() -> dict[str, int]:
    names = get_month_names("wide", locale=LOCALE)
    return {str(name).lower(): month for month, name in names.items()}


_WRITTEN_DATE = re.compile(r"(\d{1,2})\s+([A-Za-zé]+)\s+(\d{4})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_date(text: str) -> dt.date | None:
    """Read "8 juni 2017" or "8/6/2017" (day first); None when `text` holds no such date."""
    text = text.strip()
    if m := _WRITTEN_DATE.fullmatch(text):
        month = _month_numbers().get(m.group(2).lower())
        if month is None:
            return None
        day, year = int(m.group(1)), int(m.group(3))
    elif m := _NUMERIC_DATE.fullmatch(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


WORD_NUMBERS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "achttien": 18,
    "twintig": 20,
    "vierentwintig": 24,
    "zesendertig": 36,
}
