"""The period a question asks about."""

from __future__ import annotations

import datetime as dt

import pytest

from pqgen.planning.period import find_period, period_for, unclear_phrases
from pqgen.question.period import Period

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


MAY_2025 = dt.date(2025, 5, 14)


@pytest.mark.parametrize(
    ("text", "start", "end", "unit"),
    [
        ("in het eerste kwartaal van 2024", "2024-01-01", "2024-03-31", "quarter"),
        ("in Q3 2024", "2024-07-01", "2024-09-30", "quarter"),
        ("in maart 2024", "2024-03-01", "2024-03-31", "month"),
        ("van januari tot en met maart 2025", "2025-01-01", "2025-03-31", "month"),
        ("de laatste 6 maanden", "2024-11-01", "2025-04-30", "month"),
        ("vorige maand", "2025-04-01", "2025-04-30", "month"),
        ("het eerste semester van 2024", "2024-01-01", "2024-06-30", "month"),
        ("dit jaar", "2025-01-01", "2025-04-30", "year"),
        ("per jaar sinds de start in 2014", "2014-01-01", "2025-04-30", "year"),
        ("sinds 2021", "2021-01-01", "2025-04-30", "year"),
        ("vorig jaar", "2024-01-01", "2024-12-31", "year"),
        ("in het schooljaar 2023-2024", "2023-09-01", "2024-08-31", "schoolyear"),
        ("in het academiejaar 2022-23", "2022-09-01", "2023-08-31", "schoolyear"),
        ("tijdens de vorige legislatuur", "2019-05-26", "2024-06-08", "legislature"),
        ("sinds het begin van deze legislatuur", "2024-06-09", "2025-04-30", "legislature"),
        ("ongeveer 2000 ton luiers in 2023", "2023-01-01", "2023-12-31", "year"),
    ],
)
def test_periods_at_the_resolution_asked(text: str, start: str, end: str, unit: str) -> None:
    period = find_period(text, MAY_2025)
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat(), period.unit) == (start, end, unit)


def test_an_unfinished_period_says_where_it_ends() -> None:
    period = find_period("dit jaar", MAY_2025)
    assert period is not None and "2025-04-30, the last complete month" in period.note
    assert period.in_words == "tussen 1 januari 2025 en 30 april 2025"
    january = find_period("dit jaar", dt.date(2025, 1, 20))
    assert january is not None and january.end == dt.date(2025, 1, 20)
    assert "the date of the question" in january.note


@pytest.mark.parametrize("text", ["2000 ton afval", "€ 2000 subsidie", "het 1700-nummer",
                                  "2000 euro", "1999 personen"])  # fmt: skip
def test_amounts_are_no_years(text: str) -> None:
    assert find_period(text, MAY_2025) is None


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("de laatste maanden", "de laatste maanden"),
        ("sinds de coronacrisis", "sinds de coronacrisis"),
        ("in 2019 en 2024", "2019 en 2024"),
        ("in het derde kwartaal", "derde kwartaal"),
        ("recent", "recent"),
    ],
)
def test_phrases_that_cannot_be_represented_are_quoted(text: str, quoted: str) -> None:
    assert unclear_phrases(text) == [quoted]


def test_exact_phrases_are_not_unclear() -> None:
    for text in ("sinds het begin van deze legislatuur", "in 2023 en 2024", "sinds 2014"):
        assert unclear_phrases(text) == []


def test_the_period_before_has_the_same_length_and_says_its_days() -> None:
    last_three = find_period("de laatste 3 jaar", ASKED)
    assert last_three is not None and last_three.previous().label == "2011-2013"
    this_year = find_period("dit jaar", MAY_2025)
    assert this_year is not None
    before = this_year.previous()
    assert (before.start, before.end) == (dt.date(2024, 9, 1), dt.date(2024, 12, 31))
    assert before.in_words == "tussen 1 september 2024 en 31 december 2024"
    quarter = find_period("in het eerste kwartaal van 2024", MAY_2025)
    assert quarter is not None and quarter.previous().label == "K4 2023"
    legislature = find_period("de vorige legislatuur", MAY_2025)
    assert legislature is not None
    assert legislature.previous().end == dt.date(2019, 5, 25)


@pytest.mark.parametrize(
    ("start", "end", "year", "label"),
    [
        ("2014-01-01", "2016-12-31", 2015, "2015"),
        ("2022-01-01", "2024-02-29", 2024, "2024 (tot en met 29 februari)"),
        ("2014-07-01", "2016-12-31", 2014, "2014 (vanaf 1 juli)"),
        ("2024-03-01", "2024-06-30", 2024, "2024 (1 maart tot en met 30 juni)"),
        ("2022-01-01", "2024-02-29", 2023, "2023"),
    ],
)
def test_a_year_cut_short_by_the_period_says_where(
    start: str, end: str, year: int, label: str
) -> None:
    period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), "test")
    assert period.year_label(year) == label


@pytest.mark.parametrize(
    "text",
    ["in het voorjaar van 2023", "in het najaar van 2022", "de jongste jaren",
     "tijdens de coronacrisis", "sinds de energiecrisis", "midden 2023"],
)  # fmt: skip
def test_a_season_an_event_or_a_vague_span_is_unclear_never_a_whole_year(text: str) -> None:
    assert unclear_phrases(f"Hoeveel oproepen kwamen er {text} binnen?")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("de laatste twaalf maanden", "2023-05-01", "2024-04-30"),
        ("de voorbije vierentwintig maanden", "2022-05-01", "2024-04-30"),
        ("sinds begin 2023", "2023-01-01", "2024-04-30"),
    ],
)
def test_counted_months_and_a_start_of_year_are_read_exactly(
    text: str, start: str, end: str
) -> None:
    period = find_period(text, dt.date(2024, 5, 15))
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("van 1 januari tot 30 juni 2023", "2023-01-01", "2023-06-30"),
        ("tussen januari en juni 2023", "2023-01-01", "2023-06-30"),
        ("tussen 1 maart en 15 april 2023", "2023-03-01", "2023-04-15"),
        ("van 15 januari 2023 tot 14 februari 2023", "2023-01-15", "2023-02-14"),
        ("in januari en februari 2024", "2024-01-01", "2024-02-29"),
        ("in juli en augustus 2023", "2023-07-01", "2023-08-31"),
        ("sinds 1 juli 2023", "2023-07-01", "2024-02-29"),
        ("sinds maart 2023", "2023-03-01", "2024-02-29"),
        ("per maand sinds oktober 2023", "2023-10-01", "2024-02-29"),
        ("in de eerste drie maanden van 2023", "2023-01-01", "2023-03-31"),
        ("de laatste zes maanden van 2022", "2022-07-01", "2022-12-31"),
        ("op 3 mei 2023", "2023-05-03", "2023-05-03"),
    ],
)
def test_a_span_of_months_or_days_is_read_whole_never_its_last_month(
    text: str, start: str, end: str
) -> None:
    period = find_period(f"Hoeveel contacten kwamen er {text} binnen?", dt.date(2024, 3, 12))
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert not unclear_phrases(text)


@pytest.mark.parametrize(
    "text", ["in januari en maart 2023", "op 31 juni 2023", "tussen 1 en 15 maart 2023"]
)
def test_months_or_days_that_make_no_one_period_are_unclear(text: str) -> None:
    assert unclear_phrases(f"Hoeveel contacten kwamen er {text} binnen?")
