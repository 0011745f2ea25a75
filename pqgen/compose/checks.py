"""Checks on a composed answer before it is written.

- Totals: in every table with a "Totaal" row or column, the total equals the sum of its parts.
- Small counts: counts from 1 up to below the threshold (default 5) can identify people; they
  fail the check unless the settings show them as "< 5".
- Missing years: a figure set with a year column has a row for every year of the period asked.
- Coverage (issue 8): every flag the plan or the filling raised for a part — a value that
  matches nothing in the data, a missing parameter, a period that cannot be read exactly,
  figures that are empty or all zero, rows outside the period asked.

A failed check is listed in the summary; a final document is not written while one fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pqgen.compose.answer import Answer, Section, Table
from pqgen.compose.filters import TOTAL_LABEL
from pqgen.compose.settings import DraftSettings

_DUTCH_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?")


@dataclass(frozen=True)
class CheckFailure:
    """A check that failed, for which sub-question, and why."""

    subquestion: int
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.subquestion}. {self.check}: {self.message}"


def _value(text: str) -> float | None:
    """A table cell's Dutch number ("69.871", "87,07"), or None for text and "< 5"."""
    text = text.strip().rstrip("%")
    if not _DUTCH_NUMBER.fullmatch(text):
        return None
    return float(text.replace(".", "").replace(",", "."))


def _cells(table: Table) -> tuple[list[str], list[list[str]]]:
    """The texts of a table; an overall figure (a share or an average in a total row, which is
    no sum of its column) reads as empty, so that nothing adds it up."""
    header = ["".join(r.text for r in cell) for cell in table.header]
    body = [
        [
            "" if cell and all(r.overall for r in cell) else "".join(r.text for r in cell)
            for cell in row
        ]
        for row in table.rows
    ]
    return header, body


def _sum_differs(cells: list[str], total: str) -> float | None:
    """The sum of `cells` where it differs from `total`; None where they agree, or where a text
    cell or a suppressed small count ("< 5") leaves nothing to add up."""
    expected = _value(total)
    values = [_value(cell) for cell in cells]
    if expected is None or any(v is None for v in values):
        return None
    found = sum(v for v in values if v is not None)
    return found if abs(found - expected) > 1e-6 else None


def check_totals(section: Section) -> list[CheckFailure]:
    failures = []
    for table in (b for b in section.blocks if isinstance(b, Table)):
        header, body = _cells(table)
        parts = body
        if body and body[-1] and body[-1][0].strip() == TOTAL_LABEL:
            parts, total_row = body[:-1], body[-1]
            for c in range(1, min(len(header), len(total_row))):
                found = _sum_differs([row[c] for row in parts if c < len(row)], total_row[c])
                if found is not None:
                    message = (
                        f"column '{header[c]}' totals {total_row[c]} "
                        f"but its cells add up to {found:g}"
                    )
                    failures.append(CheckFailure(section.number, "totals", message))
        if header and header[-1].strip() == TOTAL_LABEL:
            for row in parts:
                found = _sum_differs(row[1:-1], row[-1])
                if found is not None:
                    message = f"row '{row[0]}' totals {row[-1]} but its cells add up to {found:g}"
                    failures.append(CheckFailure(section.number, "totals", message))
    return failures


def check_small_counts(section: Section, settings: DraftSettings) -> list[CheckFailure]:
    if settings.suppress_small:
        return []
    failures = []
    for name, figure_set in section.figures.items():
        frame = figure_set.frame
        keys = [c for c, k in figure_set.types.items() if k in ("year", "text", "date")]
        # Plain Python over a few rows (read once per set): cheaper than pandas, per answer.
        # A row that fails is worded from the frame's own records, as it always was.
        at = {str(c): i for i, c in enumerate(frame.columns)}
        records: list[dict[Any, Any]] = []
        for column, kind in figure_set.types.items():
            if kind != "count" or column not in frame.columns:
                continue
            for n, plain in enumerate(figure_set.rows):
                value = plain[at[column]]
                if not isinstance(value, int | float) or not 0 < value < settings.min_count:
                    continue
                records = records or frame.to_dict("records")
                row = records[n]
                where = ", ".join(f"{k} {row[k]}" for k in keys if k in frame.columns)
                failures.append(
                    CheckFailure(
                        section.number,
                        "small count",
                        f"{column} = {row[column]} in figure set '{name}'"
                        + (f" ({where})" if where else "")
                        + f" is below {settings.min_count} and could identify people; "
                        "show it as '< 5' with --suppress-small",
                    )
                )
    return failures


def check_years(section: Section) -> list[CheckFailure]:
    """Every year (a `year` column) and every month (a date column named `month`, the first day
    of each) of the period asked about must have figures: a table without them reads "niet
    beschikbaar", and that needs someone to decide."""
    if section.period is None:
        return []
    failures = []
    asked = {"period_start": section.period.start, "period_end": section.period.end}
    for name, figure_set in section.figures.items():
        parameters = figure_set.provenance.parameters
        if any(str(parameters.get(k, v)) != str(v) for k, v in asked.items()):
            continue  # figures for another period, say the one before for comparison
        at = {str(c): i for i, c in enumerate(figure_set.frame.columns)}
        for column, kind in figure_set.types.items():
            if column not in figure_set.frame.columns:
                continue
            if kind == "year":  # the set's plain rows, read once per set (issue 14)
                present: set[Any] = {
                    int(row[at[column]]) for row in figure_set.rows if row[at[column]] is not None
                }
                wanted: list[Any] = section.period.years
                unit, words = "year", [str(y) for y in wanted]
            elif kind == "date" and column == "month":
                values = figure_set.frame[column].dropna()
                present = {v.isoformat()[:7] for v in pd.to_datetime(values).dt.date}
                wanted = [m.isoformat()[:7] for m in section.period.months]
                unit, words = "month", wanted
            else:
                continue
            for value, word in zip(wanted, words, strict=True):
                if value not in present:
                    failures.append(
                        CheckFailure(
                            section.number,
                            f"missing {unit}",
                            f"figure set '{name}' has no data for {word}, "
                            f"a {unit} of the period {section.period.label} asked about",
                        )
                    )
    return failures


def check_answer(answer: Answer, settings: DraftSettings) -> list[CheckFailure]:
    """Every check that fails for `answer`."""
    failures = [CheckFailure(number, check, message) for number, check, message in answer.flags]
    for section in answer.sections:
        failures += check_totals(section)
        failures += check_small_counts(section, settings)
        failures += check_years(section)
    return failures
