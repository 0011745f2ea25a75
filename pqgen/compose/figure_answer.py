"""Write the answer to a figure ask from what a department filled in, with no template (issue 12).

One figure → a sentence. One dimension → a sentence with the total and a short list (a table
when it is long). Two dimensions → a table with totals per row and column (the time dimension,
if any, across). A time dimension (jaar, maand) → the evolution in words: highest, lowest and the
change from first to last. Units are kept: euro as "€ 1.234.567", percentages never summed.
A value the department left empty (or a row it removed) is "niet beschikbaar", and so is every
total it is part of: a wrong total is worse than none; each such part is a failed check until
someone decides (fills it in, or accepts it with `missing: accepted` for the part in the
question's YAML). Every figure names its figure set, whose source is the workbook and sheet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from pqgen import catalogue, dutch
from pqgen.compose.answer import Block, ListBlock, Paragraph, Run, Table
from pqgen.compose.figure_ask import UNIT_WORDS, FigureAsk
from pqgen.figures.dimensions import month_words
from pqgen.figures.model import FigureSet, Provenance, now
from pqgen.figures.workbooks.ask_sheets import AskFigures, AskSheet, value_column

TIME = ("jaar", "maand")
LIST_AT_MOST = 8


@dataclass(frozen=True)
class Written:
    """The blocks of one part's answer, its figure set, and the failed checks it raises."""

    blocks: list[Block]
    figures: dict[str, FigureSet]
    problems: list[str]


def money(value: float, cents: bool = False) -> str:
    """ "€ 1.234.567", or with `cents` (any amount of the set has them) "€ 1.234.567,00"."""
    return "€ " + dutch.number(value, 2 if cents or not float(value).is_integer() else 0)


def formatted(value: float | None, unit: str, cents: bool = False) -> str:
    """A value in its unit the Dutch way; None is "niet beschikbaar"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return catalogue.NOT_AVAILABLE
    if unit == "euro":
        return money(value, cents)
    if unit == "percentage":
        return dutch.percent(value, 1)
    text = dutch.number(int(value) if float(value).is_integer() else value)
    return text if unit == "aantal" else f"{text} {UNIT_WORDS.get(unit, unit)}"


def _key_words(dimension: str, key: str) -> str:
    return month_words(key) if dimension == "maand" else key


def _label(ask: FigureAsk, dimension: str, key: str) -> str:
    """A key as a list or table shows it; a year the period cuts short says where
    ("2025 (tot en met 28 februari)")."""
    if dimension == "jaar" and key.isdigit():
        return ask.period.year_label(int(key))
    return _key_words(dimension, key)


def _total(values: list[float | None], unit: str) -> float | None:
    """The sum, or None when a value is missing or the unit is not summed (percentages)."""
    if unit == "percentage" or any(v is None for v in values):
        return None
    return float(sum(v for v in values if v is not None))


class _Figures:
    """The filled-in values by key, with the keys the request asked for."""

    def __init__(self, sheet: AskSheet, filled: AskFigures) -> None:
        self.sheet, self.filled = sheet, filled
        self.unit = sheet.unit
        self.name = f"deel {sheet.label}"
        column = value_column(sheet.unit)
        frame = filled.frame
        self.values: dict[tuple[str, ...], float | None] = {}
        for record in frame.itertuples(index=False):
            value = record[-1]
            key = tuple(str(k) for k in record[:-1])
            self.values[key] = None if isinstance(value, float) and math.isnan(value) else value
        self.keys: list[list[str]] = []
        for i, dim in enumerate(sheet.dimensions):
            seen = list(dict.fromkeys(k[i] for k in self.values))
            self.keys.append(list(dim.values) if dim.values is not None else seen)
        self.outside = [k for k in self.values if any(
            k[i] not in self.keys[i] for i in range(len(k)))]  # fmt: skip
        self.column = column

    def get(self, key: tuple[str, ...]) -> float | None:
        return self.values.get(key)

    def run(self, value: float | None) -> Run:
        cents = any(v is not None and not float(v).is_integer() for v in self.values.values())
        return Run(formatted(value, self.unit, cents), figure=self.name)

    def missing(self) -> list[tuple[str, ...]]:
        import itertools

        declined = set(self.filled.declined)
        return [
            k for k in itertools.product(*self.keys) if self.get(k) is None and k not in declined
        ]


def _opening(ask: FigureAsk, extra: str = "") -> str:
    """ "Tussen 1 januari 2019 en … ging het{extra} om " (with the one province first)."""
    if ask.province:
        return f"In de provincie {ask.province} ging het {ask.period.in_words}{extra} om "
    period = ask.period.in_words
    return f"{period[0].upper()}{period[1:]} ging het{extra} om "


def _sentence(ask: FigureAsk, value: float | None, f: _Figures, total: bool) -> Paragraph:
    if value is None and total:
        where = f" in de provincie {ask.province}" if ask.province else ""
        period = ask.period.in_words
        period = period[0].upper() + period[1:] + where
        return Paragraph((Run(catalogue.ASK_NO_TOTAL.format(period=period)),))
    before = _opening(ask, " in totaal" if total else "")
    after = (
        f" {ask.measure}." if ask.unit == "aantal" and value is not None else f" ({ask.measure})."
    )
    return Paragraph((Run(before), f.run(value), Run(after)))


def _lead(ask: FigureAsk) -> Paragraph:
    """The sentence before figures that have no total (percentages)."""
    period = ask.period.in_words
    dims = " en ".join(f"per {d}" for d in ask.dimensions)
    where = f" in de provincie {ask.province}" if ask.province else ""
    text = f"{ask.measure[0].upper()}{ask.measure[1:]}{where} {dims}, {period}:"
    return Paragraph((Run(text),))


def _evolution(
    dimension: str, keys: list[str], values: list[float | None], f: _Figures
) -> list[Block]:
    """Highest, lowest, and the change from first to last, in words."""
    known = [(k, v) for k, v in zip(keys, values, strict=True) if v is not None]
    if len(known) < 2:
        return []
    high = max(known, key=lambda kv: kv[1])
    low = min(known, key=lambda kv: kv[1])
    (k0, v0), (k1, v1) = known[0], known[-1]
    if high[1] == low[1]:
        return [Paragraph((Run(catalogue.ASK_CONSTANT.format(dimension=dimension)), f.run(v0),
                           Run(".")))]  # fmt: skip
    runs = [Run(catalogue.ASK_HIGHEST.format(key=_key_words(dimension, high[0]))), f.run(high[1]),
            Run(catalogue.ASK_LOWEST.format(key=_key_words(dimension, low[0]))), f.run(low[1]),
            Run(catalogue.ASK_FROM_TO.format(first=_key_words(dimension, k0),
                                             last=_key_words(dimension, k1)))]  # fmt: skip
    if v1 == v0:
        runs += [Run(catalogue.ASK_SAME), f.run(v0), Run(").")]
        return [Paragraph(tuple(runs))]
    word = catalogue.ASK_ROSE if v1 > v0 else catalogue.ASK_FELL
    runs += [Run(f"{word} "), f.run(v0), Run(" naar "), f.run(v1)]
    if f.unit == "percentage":
        change = f"{dutch.number(abs(v1 - v0), 1)} procentpunt"
    elif v0:
        change = dutch.percent(abs(v1 - v0) / v0 * 100, 1)
    else:
        change = ""
    runs.append(Run(f" ({change}{' ' if change else ''}{'meer' if v1 > v0 else 'minder'})."
                    if f.unit != "percentage" else f" ({change})."))  # fmt: skip
    return [Paragraph(tuple(runs))]


def _cell(text: str, bold: bool = False) -> tuple[Run, ...]:
    return (Run(text, bold=bold),)


def _one_dimension(ask: FigureAsk, f: _Figures) -> list[Block]:
    dim = ask.dimensions[0]
    keys = f.keys[0]
    values = [f.get((k,)) for k in keys]
    total = _total(values, f.unit)
    blocks: list[Block] = []
    if f.unit != "percentage":
        blocks.append(_sentence(ask, total, f, total=True))
    else:
        blocks.append(_lead(ask))
    if len(keys) <= LIST_AT_MOST:
        items = tuple(
            (Run(f"{_label(ask, dim, k)}: "), f.run(v)) for k, v in zip(keys, values, strict=True)
        )
        blocks.append(ListBlock(items))
    else:
        rows = [
            (_cell(_label(ask, dim, k)), (f.run(v),)) for k, v in zip(keys, values, strict=True)
        ]
        if f.unit != "percentage":
            rows.append((_cell(catalogue.ASK_TOTAL, True), (f.run(total),)))
        header = (
            _cell(dim.capitalize(), True),
            _cell(catalogue.ASK_VALUE_HEADERS.get(f.unit, f.unit.capitalize()), True),
        )
        blocks.append(Table(header, tuple(rows), ("left", "right")))
    if dim in TIME:
        blocks += _evolution(dim, *_complete(ask, dim, keys, values), f)
    return blocks


def _complete(
    ask: FigureAsk, dim: str, keys: list[str], values: list[float | None]
) -> tuple[list[str], list[float | None]]:
    """The keys and values to describe the evolution with: without a last year that is not over
    (a period up to the question), which would look like a fall."""
    if dim == "jaar" and ask.period.open and (ask.period.end.month, ask.period.end.day) != (12, 31):
        return keys[:-1], values[:-1]
    return keys, values


def _two_dimensions(ask: FigureAsk, f: _Figures) -> list[Block]:
    dims = list(ask.dimensions)
    across = 1 if dims[0] not in TIME or dims[1] in TIME else 0  # time runs across
    down = 1 - across
    rows_keys, cols_keys = f.keys[down], f.keys[across]

    def value(r: str, c: str) -> float | None:
        return f.get((r, c) if down == 0 else (c, r))

    summed = f.unit != "percentage"
    header = (_cell(dims[down].capitalize(), True),
              *(_cell(_label(ask, dims[across], c), True) for c in cols_keys),
              *((_cell(catalogue.ASK_TOTAL, True),) if summed else ()))  # fmt: skip
    rows = []
    for r in rows_keys:
        cells = [value(r, c) for c in cols_keys]
        extra = ((f.run(_total(cells, f.unit)),),) if summed else ()
        rows.append((_cell(_label(ask, dims[down], r)), *((f.run(v),) for v in cells), *extra))
    column_totals = [_total([value(r, c) for r in rows_keys], f.unit) for c in cols_keys]
    grand = _total(column_totals, f.unit) if summed else None
    if summed:
        rows.append((_cell(catalogue.ASK_TOTAL, True), *((f.run(v),) for v in column_totals),
                     (f.run(grand),)))  # fmt: skip
    blocks: list[Block] = [_sentence(ask, grand, f, total=True) if summed else _lead(ask)]
    blocks.append(Table(header, tuple(rows), ("left", *["right"] * (len(header) - 1))))
    if summed and dims[across] in TIME:
        blocks += _evolution(
            dims[across], *_complete(ask, dims[across], cols_keys, column_totals), f
        )
    return blocks


def _long_table(ask: FigureAsk, f: _Figures) -> list[Block]:
    total = _total(list(f.values.values()), f.unit)
    lead = _sentence(ask, total, f, total=True) if f.unit != "percentage" else _lead(ask)
    header = (
        *(_cell(d.capitalize(), True) for d in ask.dimensions),
        _cell(catalogue.ASK_VALUE_HEADERS.get(f.unit, f.unit.capitalize()), True),
    )
    rows = [(*(_cell(k) for k in key), (f.run(v),)) for key, v in f.values.items()]
    if f.unit != "percentage":
        rows.append((_cell(catalogue.ASK_TOTAL, True), *(_cell("") for _ in ask.dimensions[1:]),
                     (f.run(total),)))  # fmt: skip
    align = (*["left"] * len(ask.dimensions), "right")
    return [lead, Table(header, tuple(rows), align)]


def write_part(ask: FigureAsk, sheet: AskSheet, filled: AskFigures) -> Written:
    """The answer to one figure ask from the values a department filled in."""
    f = _Figures(sheet, filled)
    problems = []
    if f.outside:
        shown = "; ".join(", ".join(k) for k in f.outside[:3])
        problems.append(f"{filled.source}: rows for keys that were not asked ({shown}); "
                        "they are left out")  # fmt: skip
        for key in f.outside:
            f.values.pop(key)
    missing = f.missing()
    if missing:
        shown = "; ".join(", ".join(k) or "(de waarde)" for k in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        problems.append(f"{filled.source}: {len(missing)} value(s) not filled in ({shown}{more}): "
                        "'niet beschikbaar' in the answer until filled in or accepted")  # fmt: skip
    if not ask.dimensions:
        blocks: list[Block] = [_sentence(ask, f.get(()), f, total=False)]
    elif len(ask.dimensions) == 1:
        blocks = _one_dimension(ask, f)
    elif len(ask.dimensions) == 2:
        blocks = _two_dimensions(ask, f)
    else:
        blocks = _long_table(ask, f)
    kind = {"aantal": "count", "percentage": "percent"}.get(sheet.unit, "number")
    provenance = Provenance(
        query=f.name,
        query_file=filled.path.name,
        checksum="",
        parameters={"periode": ask.period.label, "per": ", ".join(ask.dimensions) or "-"},
        source=filled.source,
        rows=len(filled.frame),
        pulled_at=now(),
    )
    types = {**{k: "text" for k in filled.keys}, f.column: kind}
    frame = pd.DataFrame(filled.frame)
    return Written(blocks, {f.name: FigureSet(frame, provenance, types)}, problems)
