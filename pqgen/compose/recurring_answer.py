"""Recurring questions (issue 11), the writing: the sentence that refers to the earlier question,
and the change since then for each part that `compose.recurring` linked and found comparable,
checked against the figures themselves (and the earlier draft's provenance, when named)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from pqgen import catalogue, dutch
from pqgen.compose.answer import Block, Paragraph, Run, written_or_placeholder
from pqgen.compose.filters import mark
from pqgen.compose.markup import parse_markup
from pqgen.compose.recurring import latest, set_name
from pqgen.compose.step import Link
from pqgen.compose.templating import AnswerTemplate, CompareSpec
from pqgen.errors import PqgenError, TemplateError
from pqgen.figures.model import FigureSet
from pqgen.figures.sources import FigureSource
from pqgen.question.model import Earlier, Question
from pqgen.question.period import Period

if TYPE_CHECKING:
    from pqgen.compose.step import Step

# The placeholder's key under `texts:` for a change a person writes instead.
TEXT_KEY = "verandering"


class Why(NamedTuple):
    """Why a change cannot be stated: for the failed check (English) and the placeholder."""

    en: str
    nl: str


def references(question: Question, steps: list[Step]) -> dict[int, Paragraph]:
    """The sentence that refers to the earlier question, by the sub-question it opens: the first
    with a part the same template answered then, else the first."""
    earlier = latest(question)
    if earlier is None or not question.subquestions:
        return {}
    mine = bool(earlier.minister) and (
        str(earlier.minister).casefold() == question.minister.casefold()
    )
    when = {"number": earlier.number, "date": dutch.date(earlier.date)}
    linked = next(
        (s for s in steps if s.earlier is not None and s.earlier.period is not None), None
    )
    if linked is not None:
        assert linked.earlier is not None and linked.earlier.period is not None
        wording = catalogue.EARLIER_MINE if mine else catalogue.EARLIER_OTHER
        text = wording.format(**when, period=_period_words(linked.earlier.period))
        number = linked.subquestion.number
    else:
        wording = catalogue.EARLIER_MINE_ONLY if mine else catalogue.EARLIER_OTHER_ONLY
        text, number = wording.format(**when), question.subquestions[0].number
    others = [e for e in sorted(question.earlier, key=lambda e: e.date) if e is not earlier]
    if others:
        named = [
            catalogue.EARLIER_ALSO_ONE.format(number=e.number, date=dutch.date(e.date))
            for e in others
        ]
        text += " " + catalogue.EARLIER_ALSO.format(questions=dutch.join_nl(named))
    return {number: Paragraph((Run(text),))}


def placed(blocks: list[Block], since: list[Block]) -> list[Block]:
    """A part's `blocks` with the change sentences after its figures: before the placeholders
    it ends with (the minister's words), which a person writes last."""
    end = len(blocks)
    while end > 0 and _placeholder_only(blocks[end - 1]):
        end -= 1
    return [*blocks[:end], *since, *blocks[end:]]


def _placeholder_only(block: Block) -> bool:
    return isinstance(block, Paragraph) and all(
        r.placeholder or not r.text.strip() for r in block.runs
    )


def opened(blocks: list[Block], reference: Paragraph, labelled: bool) -> list[Block]:
    """A sub-answer's `blocks` opened with the reference to the earlier question: as the first
    sentence of its first paragraph, or as a paragraph of its own before a placeholder, a table
    or a part's label ("a)")."""
    first = blocks[0] if blocks else None
    if labelled or not isinstance(first, Paragraph) or any(r.placeholder for r in first.runs):
        return [reference, *blocks]
    joined = Run(reference.text + " ")
    return [Paragraph((joined, *first.runs)), *blocks[1:]]


def _period_words(period: Period) -> str:
    if period.whole_years and not period.open:
        return catalogue.EARLIER_YEARS.format(years=period.label)
    return catalogue.EARLIER_DAYS.format(start=dutch.date(period.start), end=dutch.date(period.end))


def change(
    step: Step,
    figures: dict[str, FigureSet],
    source: FigureSource,
    flags: list[tuple[int, str, str]],
    *,
    referred_here: bool,
) -> tuple[list[Block], dict[str, FigureSet]]:
    """The sentences that state the change since the earlier answer for one part, and the
    earlier figure set they use; or a flagged placeholder when the figures fall short."""
    found: Link | None = step.earlier
    template = step.template
    if found is None or not found.compares or template is None or not figures:
        return [], {}
    spec = template.compare
    assert spec is not None and step.period is not None
    assert found.period is not None and found.params is not None
    earlier = found.earlier
    now_set = figures.get(spec.figures)
    if now_set is None:
        return [], {}
    name = set_name(spec, earlier)
    now_year, then_year = step.period.last_year, found.period.last_year
    try:
        then_set = source.fetch(template.figures[spec.figures].query, found.params)
    except PqgenError as exc:
        label = found.period.label
        absent = Why(
            f"the figures of {label}: {exc.message}", catalogue.CHANGE_NO_SET.format(period=label)
        )
        return _missing(step, flags, absent), {}
    now, why = _value(now_set, spec, template, now_year, step.period)
    then, then_why = _value(then_set, spec, template, then_year, found.period)
    why = why or then_why
    if why is None and then is not None and earlier.recorded:
        why = _against_draft(earlier, then_set, spec, template, then_year, found.period, then)
    if why is None and then == 0 and _kind(now_set, spec) != "percent":
        why = Why(
            f"{spec.column} is 0 in {then_year}: no relative change",
            catalogue.CHANGE_ZERO.format(column=spec.column, year=then_year),
        )
    if why is not None:
        return _missing(step, flags, why), {name: then_set}
    assert now is not None and then is not None  # `_value` gives a figure or why there is none
    kind = _kind(now_set, spec)
    shown_now = mark(_shown(now, kind, spec), spec.figures)
    shown_then = mark(_shown(then, kind, spec), name)
    one = len(found.period.years) == 1  # "het jaar van dat antwoord", not "het laatste jaar"
    here = catalogue.CHANGE_WHICH_HERE_ONE if one else catalogue.CHANGE_WHICH_HERE
    there = catalogue.CHANGE_WHICH_THERE_ONE if one else catalogue.CHANGE_WHICH_THERE
    which = here if referred_here else there.format(number=earlier.number)
    first = catalogue.CHANGE_NOW.format(year=now_year, what=spec.what, value=shown_now)
    second = _difference(now, then, kind, spec).format(
        year=then_year, which=which, value=shown_then
    )
    # Through the markup, so that both figures become runs with their source (Word comments).
    return list(parse_markup(f"{first} {second}")), {name: then_set}


def _against_draft(
    earlier: Earlier, then_set: FigureSet, spec: CompareSpec, template: AnswerTemplate,
    year: int, period: Period, then: float,
) -> Why | None:  # fmt: skip
    """Why the earlier figure cannot be used: the draft of that answer (its provenance.json)
    holds the same figure set with another value for `year` (the data changed since)."""
    pulled = then_set.provenance.to_dict()
    entry = next(
        (
            e
            for e in earlier.recorded
            if e["query"] == pulled["query"] and e["parameters"] == pulled["parameters"]
        ),
        None,
    )
    if entry is None:
        return None  # that draft did not hold these figures: nothing to check them against
    frame = pd.DataFrame.from_records(entry["data"], columns=list(then_set.frame.columns))
    recorded, problem = _value(
        FigureSet(frame, then_set.provenance, then_set.types), spec, template, year, period
    )
    if recorded is None:
        return Why(
            f"the draft of question {earlier.number} has no {spec.column} for {year} "
            f"({problem.en if problem else 'empty'})",
            catalogue.CHANGE_NOT_IN_DRAFT.format(
                number=earlier.number, column=spec.column, year=year
            ),
        )
    if not math.isclose(recorded, then, rel_tol=1e-9, abs_tol=1e-6):
        kind = _kind(then_set, spec)
        was, now = _shown(recorded, kind, spec), _shown(then, kind, spec)
        return Why(
            f"{spec.column} for {year} was {was} in the draft of question {earlier.number} "
            f"and is {now} now",
            catalogue.CHANGE_DRAFT_DIFFERS.format(
                column=spec.column, year=year, was=was, number=earlier.number, now=now
            ),
        )
    return None


def _kind(figure_set: FigureSet, spec: CompareSpec) -> str:
    return figure_set.types.get(spec.column, "")


# What `_value` found, by the identity of the figure set (kept, so no id is reused) and the
# rest of what it reads: the answers of a batch compare the same sets again and again (issue 14).
_VALUES: dict[tuple[Any, ...], tuple[FigureSet, tuple[float | None, Why | None]]] = {}
_VALUES_MAX = 4096


def _value(
    figure_set: FigureSet, spec: CompareSpec, template: AnswerTemplate, year: int, period: Period
) -> tuple[float | None, Why | None]:
    """The figure for `year` (summed over its rows for a count), or why there is none."""
    key = (id(figure_set), spec.column, spec.figures, year, period)
    known = _VALUES.get(key)
    if known is not None and known[0] is figure_set:
        return known[1]
    found = _value_of(figure_set, spec, template, year, period)
    if len(_VALUES) >= _VALUES_MAX:
        _VALUES.clear()
    _VALUES[key] = (figure_set, found)
    return found


def _value_of(
    figure_set: FigureSet, spec: CompareSpec, template: AnswerTemplate, year: int, period: Period
) -> tuple[float | None, Why | None]:
    frame, types = figure_set.frame, figure_set.types
    if spec.column not in types or spec.column not in frame:
        raise TemplateError(
            template.name,
            f"'compare: column: {spec.column}' is not a column of figure set '{spec.figures}'",
            hint="name one of: " + ", ".join(types),
        )
    kind = types[spec.column]
    years = [c for c, t in types.items() if t == "year" and c in frame]
    if kind not in ("count", "integer", "number", "percent") or len(years) != 1:
        raise TemplateError(
            template.name,
            f"'compare:' needs a number column ({spec.column} is {kind}) in a figure set with one "
            f"year column ({spec.figures} has {len(years)})",
        )
    column_years = frame[years[0]].dropna().astype(int)
    if not column_years.between(period.first_year, period.last_year).all():
        return None, Why(
            f"figure set {spec.figures} has rows outside {period.label}",
            catalogue.CHANGE_OUTSIDE.format(figures=spec.figures, period=period.label),
        )
    rows = frame[column_years.reindex(frame.index) == year]
    if rows.empty:
        return None, Why(
            f"no figure for {year} in {spec.figures}",
            catalogue.CHANGE_NO_FIGURE.format(year=year, figures=spec.figures),
        )
    values = rows[spec.column]
    if values.isna().any():
        return None, Why(
            f"{spec.column} is empty for {year}",
            catalogue.CHANGE_EMPTY.format(column=spec.column, year=year),
        )
    if kind != "count" and len(values) != 1:
        return None, Why(
            f"{len(values)} rows for {year}: a {kind} is not added up",
            catalogue.CHANGE_ROWS.format(rows=len(values), year=year),
        )
    return float(values.sum()) if kind != "count" else float(int(values.sum())), None


def _decimals(kind: str, spec: CompareSpec | None) -> int:
    if spec is not None and spec.decimals is not None:
        return spec.decimals
    return {"percent": 2, "count": 0, "integer": 0}.get(kind, 1)


def _shown(value: float, kind: str, spec: CompareSpec | None = None) -> str:
    decimals = _decimals(kind, spec)
    shown = dutch.percent if kind == "percent" else dutch.number
    text = shown(value, decimals)
    return f"{text} {spec.unit}" if spec is not None and spec.unit else text


def _rounded(value: float, decimals: int) -> Decimal:
    """`value` as the answer shows it (so that the change is the difference a reader sees)."""
    return Decimal(dutch.number(value, decimals).replace(".", "").replace(",", "."))


def _difference(now: float, then: float, kind: str, spec: CompareSpec) -> str:
    """The second sentence with {year}, {which} and {value} left to fill in."""
    if now == then:
        return catalogue.CHANGE_SAME
    if kind == "percent":
        decimals = _decimals(kind, spec)
        points = abs(_rounded(now, decimals) - _rounded(then, decimals))
        if points == 0:
            return catalogue.CHANGE_ABOUT_SAME
        amount = catalogue.CHANGE_POINTS.format(points=dutch.number(float(points), decimals))
    else:
        relative = abs(now - then) / abs(then) * 100
        if round(relative, 1) == 0:
            return catalogue.CHANGE_ABOUT_SAME
        amount = dutch.percent(relative, 1)
    wording = catalogue.CHANGE_MORE if now > then else catalogue.CHANGE_LESS
    return wording.replace("{change}", amount)


def _missing(step: Step, flags: list[tuple[int, str, str]], why: Why) -> list[Block]:
    """A flagged placeholder for a change that was to be stated but cannot be (or the text a
    person wrote for it under `texts: verandering:`; nothing when that is empty)."""
    assert step.earlier is not None
    number = step.subquestion.number
    if step.subquestion.texts.get(TEXT_KEY) == "":
        return []  # `verandering: ""`: the person chose to say nothing about a change
    what = catalogue.CHANGE_MISSING.format(number=step.earlier.earlier.number, why=why.nl)
    text = written_or_placeholder(step.subquestion, what, TEXT_KEY)
    if text == catalogue.PLACEHOLDER.format(what=what):
        flags.append(
            (number, "figures", f"{step.label}: change since question "
             f"{step.earlier.earlier.number} not stated: {why.en}")
        )  # fmt: skip
        return [Paragraph((Run(text, placeholder=True),))]
    return [Paragraph((Run(text),))]
