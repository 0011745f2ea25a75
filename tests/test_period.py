"""The period a question asks about."""

from __future__ import annotations

import datetime as dt

import pytest

from pqgen.question.period import find_period, period_for

ASKED = dt.date(2017, 6, 8)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Hoeveel aanvragen de laatste 3 jaar?", (2014, 2016)),
        ("in de afgelopen drie jaren", (2014, 2016)),
        ("de voorbije 5 jaar", (2012, 2016)),
        ("sinds 2015", (2015, 2017)),  # not over: up to the last complete month
        ("van 2012 tot en met 2014", (2012, 2014)),
        ("voor de periode 2013-2015", (2013, 2015)),
        ("tussen 2010 en 2012", (2010, 2012)),
        ("in 2016", (2016, 2016)),
        ("vorig jaar", (2016, 2016)),
        ("voor 2014, 2015 en 2016 apart", (2014, 2016)),
    ],
)
def test_find_period(text: str, years: tuple[int, int]) -> None:
    period = find_period(text, ASKED)
    assert period is not None
    assert (period.first_year, period.last_year) == years


def test_last_three_years_asked_on_8_june_2017_are_2014_to_2016() -> None:
    period = find_period("de laatste 3 jaar", ASKED)
    assert period is not None
    assert period.start == dt.date(2014, 1, 1)
    assert period.end == dt.date(2016, 12, 31)
    assert period.years == [2014, 2015, 2016]
    assert period.in_words == "tussen 1 januari 2014 en 31 december 2016"
    assert period.label == "2014-2016"


def test_1700_number_is_not_a_year() -> None:
    assert find_period("het gratis 1700-nummer", ASKED) is None


def test_subquestion_falls_back_to_question_then_to_last_year() -> None:
    assert period_for("Hoeveel personeel?", "de laatste 3 jaar", ASKED).years == [2014, 2015, 2016]
    assumed = period_for("Hoeveel personeel?", "geen periode", ASKED)
    assert assumed.years == [2016]
    assert "aangenomen" in assumed.source
