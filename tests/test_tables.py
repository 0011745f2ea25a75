"""Tables for series: keys in natural order, formats per column, totals only where they add up."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pqgen.compose import tables
from pqgen.compose.answer import Section, Table
from pqgen.compose.checks import check_totals
from pqgen.compose.markup import parse_markup
from pqgen.errors import FigureLookupError
from pqgen.figures.model import FigureTable
from pqgen.question.model import SubQuestion

NO_CONTEXT = cast(Any, {})

SERVICE = FigureTable(
    "service",
    ["month", "offered", "answered_within", "service_level_pct", "avg_wait_seconds"],
    [
        (dt.date(2023, 1, 1), 1000, 900, 90.0, 30.0),
        (dt.date(2023, 2, 1), 3000, 1500, 50.0, 90.0),
    ],
    {
        "month": "date",
        "offered": "count",
        "answered_within": "count",
        "service_level_pct": "percent",
        "avg_wait_seconds": "number",
    },
)


def _section(block: Table) -> Section:
    return Section(SubQuestion(1, "?"), (block,), None)


def cells(markdown: str) -> tuple[list[str], list[list[str]], Table]:
    (block,) = parse_markup(markdown)
    assert isinstance(block, Table)
    header = ["".join(r.text for r in cell) for cell in block.header]
    rows = [["".join(r.text for r in cell) for cell in row] for row in block.rows]
    return header, rows, block


def test_a_table_writes_months_percentages_and_decimals_per_column() -> None:
    text = tables.table(
        NO_CONTEXT,
        SERVICE,
        labels={"month": "Maand"},
        formats={"month": "month", "avg_wait_seconds": 0},
    )
    header, rows, _ = cells(text)
    assert header[0] == "Maand"
    assert rows == [
        ["januari 2023", "1.000", "900", "90,0%", "30"],
        ["februari 2023", "3.000", "1.500", "50,0%", "90"],
    ]


def test_a_total_row_adds_counts_and_gives_shares_and_averages_weighted() -> None:
    text = tables.table(
        NO_CONTEXT,
        SERVICE,
        totals=True,
        overall={
            "service_level_pct": "answered_within / offered",
            "avg_wait_seconds": "mean by offered",
        },
        formats={"month": "month"},
    )
    _, rows, block = cells(text)
    # 2,400 of 4,000 within the norm is 60%, not the 140% of a sum or the 70% of a plain mean.
    assert rows[-1] == ["Totaal", "4.000", "2.400", "60,0%", "75"]
    section = _section(block)
    assert check_totals(section) == []  # the overall figures are not taken for sums


def test_a_total_row_leaves_a_percentage_without_overall_figure_empty() -> None:
    _, rows, _ = cells(tables.table(NO_CONTEXT, SERVICE, totals=True))
    assert rows[-1] == ["Totaal", "4.000", "2.400", "", ""]


@pytest.mark.parametrize("column", ["service_level_pct", "avg_wait_seconds"])
def test_summing_a_share_or_an_average_is_refused(column: str) -> None:
    with pytest.raises(FigureLookupError, match=rf"column .{column}.*do not add up"):
        tables.table(NO_CONTEXT, SERVICE, totals=[column])


def test_the_total_filter_refuses_percentages() -> None:
    from pqgen.compose.filters import total

    with pytest.raises(FigureLookupError, match="percentages, which do not add up"):
        total(SERVICE, "service_level_pct")


def test_an_overall_mean_with_a_gap_is_left_out() -> None:
    gap = FigureTable(
        "agents",
        ["month", "agents"],
        [(dt.date(2023, 1, 1), 40), (dt.date(2023, 2, 1), None)],
        {"month": "date", "agents": "count"},
    )
    _, rows, _ = cells(tables.table(NO_CONTEXT, gap, overall={"agents": "mean"}))
    assert rows[-1] == ["Totaal", ""]
    assert rows[1][1] == "niet beschikbaar"


def test_a_bad_overall_or_format_names_what_is_allowed() -> None:
    with pytest.raises(FigureLookupError, match="not 'a / b', 'mean' or 'mean by w'"):
        tables.table(NO_CONTEXT, SERVICE, overall={"service_level_pct": "sum"})
    with pytest.raises(FigureLookupError, match="no column 'waiting'"):
        tables.table(NO_CONTEXT, SERVICE, overall={"service_level_pct": "waiting / offered"})
    with pytest.raises(FigureLookupError, match="format 'quarter' for column 'month'"):
        tables.table(NO_CONTEXT, SERVICE, formats={"month": "quarter"})
    with pytest.raises(FigureLookupError, match="not a date"):
        tables.table(NO_CONTEXT, SERVICE, formats={"offered": "month"})


CHANNELS = FigureTable(
    "contacts",
    ["month", "channel", "contacts"],
    [
        (dt.date(2023, 2, 1), "telefoon", 500),
        (dt.date(2023, 1, 1), "telefoon", 400),
        (dt.date(2023, 1, 1), "chat", 50),
        (dt.date(2023, 2, 1), "e-mail", 70),
    ],
    {"month": "date", "channel": "text", "contacts": "count"},
)


def test_a_crosstab_of_months_reads_in_time_order_with_a_total_column() -> None:
    text = tables.crosstab(
        NO_CONTEXT, CHANNELS, "month", "channel", "contacts", label="Maand",
        order=None, formats={"month": "month"},
    )  # fmt: skip
    header, rows, _ = cells(text)
    assert header == ["Maand", "chat", "e-mail", "telefoon", "Totaal"]
    assert rows == [
        ["januari 2023", "50", "0", "400", "450"],
        ["februari 2023", "0", "70", "500", "570"],
        ["Totaal", "50", "70", "900", "1.020"],
    ]


def test_a_crosstab_keeps_a_declared_order_and_puts_months_across() -> None:
    text = tables.crosstab(
        NO_CONTEXT, CHANNELS, "channel", "month", "contacts", label="Kanaal",
        order=["telefoon", "e-mail", "chat"], formats={"month": "month"},
    )  # fmt: skip
    header, rows, _ = cells(text)
    assert header == ["Kanaal", "januari 2023", "februari 2023", "Totaal"]
    assert [r[0] for r in rows] == ["telefoon", "e-mail", "chat", "Totaal"]


def test_a_crosstab_of_percentages_has_no_totals_and_shows_a_gap() -> None:
    shares = FigureTable(
        "satisfaction",
        ["year", "channel", "satisfied_pct"],
        [(2022, "telefoon", 81.5), (2023, "telefoon", 83.0), (2023, "chat", 77.25)],
        {"year": "year", "channel": "text", "satisfied_pct": "percent"},
    )
    text = tables.crosstab(NO_CONTEXT, shares, "channel", "year", "satisfied_pct", label="Kanaal")
    header, rows, _ = cells(text)
    assert header == ["Kanaal", "2022", "2023"]
    assert rows == [["chat", "niet beschikbaar", "77,3%"], ["telefoon", "81,5%", "83,0%"]]


def test_a_year_without_any_figure_is_not_a_column_of_zeros() -> None:
    text = tables.crosstab(
        NO_CONTEXT, CHANNELS, "channel", "month", "contacts", all_columns=[
            dt.date(2023, 1, 1), dt.date(2023, 2, 1), dt.date(2023, 3, 1)
        ], formats={"month": "month"},
    )  # fmt: skip
    header, rows, _ = cells(text)
    assert header[-2:] == ["maart 2023", "Totaal"]
    telefoon = next(r for r in rows if r[0] == "telefoon")
    assert telefoon[-2:] == ["niet beschikbaar", "niet beschikbaar"]
    assert rows[-1][-2:] == ["niet beschikbaar", "niet beschikbaar"]


def test_two_values_for_one_cell_of_averages_are_refused() -> None:
    doubled = FigureTable(
        "w", ["year", "line", "avg"], [(2023, "1700", 30.0), (2023, "1700", 40.0)],
        {"year": "year", "line": "text", "avg": "number"},
    )  # fmt: skip
    with pytest.raises(FigureLookupError, match=r"two values of 'avg'.*cannot be added up"):
        tables.crosstab(NO_CONTEXT, doubled, "line", "year", "avg")


@given(
    st.dictionaries(
        st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(2019, 2023)),
        st.integers(0, 10**7),
        min_size=1,
    )
)
def test_crosstab_totals_always_add_up(counts: dict[tuple[str, int], int]) -> None:
    table = FigureTable(
        "n",
        ["topic", "year", "n"],
        [(topic, year, n) for (topic, year), n in counts.items()],
        {"topic": "text", "year": "year", "n": "count"},
    )
    _, _, block = cells(tables.crosstab(NO_CONTEXT, table, "topic", "year", "n"))
    assert check_totals(_section(block)) == []
    grand = sum(counts.values())
    assert "".join(r.text for r in block.rows[-1][-1]) == f"{grand:,}".replace(",", ".")


@given(
    st.lists(
        st.tuples(st.integers(1, 10**6), st.floats(0, 1)).map(lambda t: (t[0], int(t[0] * t[1]))),
        min_size=1,
        max_size=24,
    )
)
def test_an_overall_share_is_the_share_of_the_sums(pairs: list[tuple[int, int]]) -> None:
    rows = [
        (i, offered, within, 100 * within / offered) for i, (offered, within) in enumerate(pairs)
    ]
    table = FigureTable(
        "s", ["i", "offered", "within", "pct"], rows,
        {"i": "integer", "offered": "count", "within": "count", "pct": "percent"},
    )  # fmt: skip
    value = tables.overall_value(table, "pct", "within / offered")
    assert value == pytest.approx(100 * sum(w for _, w in pairs) / sum(o for o, _ in pairs))


def test_a_year_the_period_cuts_short_says_where_it_ends() -> None:
    from pqgen.question.period import Period

    years = FigureTable(
        "contacts", ["year", "line", "contacts"],
        [(2023, "1700", 900), (2024, "1700", 150)],
        {"year": "year", "line": "text", "contacts": "count"},
    )  # fmt: skip
    context = cast(Any, {"period": Period(dt.date(2023, 1, 1), dt.date(2024, 2, 29), "sinds 2023")})
    header, _, _ = cells(tables.crosstab(context, years, "line", "year", "contacts"))
    assert header == ["line", "2023", "2024 (tot en met 29 februari)", "Totaal"]
    _, rows, _ = cells(tables.table(context, years))
    assert [r[0] for r in rows] == ["2023", "2024 (tot en met 29 februari)"]


def test_a_column_with_a_gap_has_no_total_and_no_overall_share() -> None:
    gap = FigureTable(
        "service", ["month", "offered", "answered_within", "service_level_pct"],
        [(dt.date(2023, 1, 1), 1000, 900, 90.0), (dt.date(2023, 2, 1), 3000, None, None)],
        {"month": "date", "offered": "count", "answered_within": "count",
         "service_level_pct": "percent"},
    )  # fmt: skip
    text = tables.table(
        NO_CONTEXT, gap, totals=True, overall={"service_level_pct": "answered_within / offered"}
    )
    _, rows, _ = cells(text)
    # 900 of 4.000 would be a wrong share, and 900 a wrong total: neither is written.
    assert rows[-1] == ["Totaal", "4.000", "niet beschikbaar", ""]
