"""Dutch formats: the examples from the published answer, and properties that hold for all."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pqgen import dutch


def test_published_examples() -> None:
    assert dutch.number(69871) == "69.871"
    assert dutch.percent(87.07) == "87,07%"
    assert dutch.percent(0.8707, fraction=True) == "87,07%"
    assert dutch.date(dt.date(2017, 6, 8)) == "8 juni 2017"
    assert dutch.between(115, 125) == "tussen de 115 en de 125"
    assert dutch.approximately(69871) == "iets minder dan 70.000"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (70420, "iets meer dan 70.000"),
        (70000, "70.000"),
        (1234, "iets meer dan 1.200"),
        (95, "95"),
        (99.6, "iets minder dan 100"),
    ],
)
def test_approximately(value: float, expected: str) -> None:
    assert dutch.approximately(value) == expected


def test_number_with_decimals_and_small_values() -> None:
    assert dutch.number(1234.5) == "1.234,5"
    assert dutch.number(2.5, 2) == "2,50"
    assert dutch.number(7) == "7"
    assert dutch.percent(50, 0) == "50%"


def test_between_with_equal_or_swapped_ends() -> None:
    assert dutch.between(36, 36) == "36"
    assert dutch.between(125, 115) == "tussen de 115 en de 125"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 juni 2017", dt.date(2017, 6, 8)),
        ("1 Maart 2024", dt.date(2024, 3, 1)),
        ("08/06/2017", dt.date(2017, 6, 8)),
        ("31 februari 2017", None),
        ("8 jni 2017", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert dutch.parse_date(text) == expected


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_number_round_trips(value: int) -> None:
    text = dutch.number(value)
    assert int(text.replace(".", "")) == value
    assert "," not in text


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_round_trips(value: dt.date) -> None:
    assert dutch.parse_date(dutch.date(value)) == value


@given(st.integers(min_value=1, max_value=10**9))
def test_approximately_names_a_close_round_number(value: int) -> None:
    text = dutch.approximately(value)
    rounded = int(text.rsplit(" ", 1)[-1].replace(".", ""))
    assert abs(rounded - value) <= 0.05 * value + 0.5
    if text.startswith("iets minder"):
        assert value < rounded
    elif text.startswith("iets meer"):
        assert value > rounded
    else:
        assert value == rounded


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_percent_has_a_comma_and_two_decimals(value: float) -> None:
    text = dutch.percent(value)
    assert text.endswith("%") and " " not in text
    assert abs(float(text[:-1].replace(".", "").replace(",", ".")) - value) <= 0.005 + 1e-9


@pytest.mark.parametrize(
    ("formatted", "expected"),
    [
        (lambda: dutch.number(2.5, 0), "3"),
        (lambda: dutch.number(0.125, 2), "0,13"),
        (lambda: dutch.number(2.675, 2), "2,68"),
        (lambda: dutch.percent(77.25, 1), "77,3%"),
        (lambda: dutch.percent(87.065, 2), "87,07%"),
        (lambda: dutch.percent(0.5, 0), "1%"),
    ],
)
def test_a_half_rounds_up_as_people_round(formatted: Any, expected: str) -> None:
    assert formatted() == expected
