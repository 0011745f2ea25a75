"""Recurring questions (issue 11): an answer that refers to the earlier question it repeats, and
states the change since then where both answers have exactly the same figure.

A question names the earlier questions it repeats under `earlier:` in its YAML (a manifest row
with `previous:` does so itself). The latest one with a file is planned with the same templates,
as it was asked (its own date, so its own period); each part of this question is linked to the
part of that one that the same template answered (`Link`). The answer then

- refers to it once, at the start of the first sub-answer with such a part ("In mijn antwoord op
  vraag nr. 639 van 8 juni 2017 gaf ik de cijfers voor 2014-2016."), or at the start of the
  answer when none has one;
- states the change of the figure a template declares under `compare:` (a column of one of its
  figure sets): its value in the last year of this period against the last year of the earlier
  one, from the same query with the earlier part's parameters ("In 2017 bedroeg het aantal
  contacten 24.100. Dat is 12,3% meer dan in 2016, het laatste jaar in dat antwoord (21.456).").

A change is stated only when it is exactly comparable: the same template, the same values for
every parameter of the query but the period and the date of asking, both periods whole calendar
years that were over when asked and equally long, and a later last year. Otherwise nothing is
said and `pqgen plan` says why. When the figures themselves fall short (no figure for one of the
two years, an empty value, an earlier value of 0, more than one row for a figure that cannot be
added up), the part gets a flagged placeholder with the reason instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pqgen import catalogue, dutch
from pqgen.compose.answer import Block, Paragraph, Run, written_or_placeholder
from pqgen.compose.filters import mark
from pqgen.compose.markup import parse_markup
from pqgen.compose.templating import AnswerTemplate, CompareSpec
from pqgen.errors import PqgenError, QueryNotFound, TemplateError
from pqgen.figures.model import FigureSet
from pqgen.figures.queries import QueryFile
from pqgen.figures.sources import FigureSource
from pqgen.question.model import Earlier, Question
from pqgen.question.period import Period

if TYPE_CHECKING:
    from pqgen.compose.plan import Step

# Parameters that follow from when a question was asked: they differ between the two answers.
PERIOD_PARAMETERS = ("period_start", "period_end", "reference_date")
# The placeholder's key under `texts:` for a change a person writes instead.
TEXT_KEY = "verandering"


@dataclass(frozen=True)
class Link:
    """A part of this question and the earlier question it repeats: the part of that question
    the same template answered (its label, period and parameters; None when there is none), and
    why no change is stated (`refusal`, None when it is)."""

    earlier: Earlier
    label: str | None = None
    period: Period | None = None
    params: dict[str, Any] | None = None
    refusal: str | None = None

    @property
    def compares(self) -> bool:
        return self.refusal is None and self.params is not None and self.period is not None


def latest(question: Question) -> Earlier | None:
    """The earlier question the answer refers to: the latest one named."""
    return max(question.earlier, key=lambda e: e.date) if question.earlier else None


def link(
    question: Question,
    steps: list[Step],
    templates: list[AnswerTemplate],
    find: Callable[[str], QueryFile] | None,
) -> list[Step]:
    """`steps` with each part that a template answers linked to the earlier question."""
    earlier = latest(question)
    if earlier is None or not any(_answered(s) for s in steps):
        return steps
    if earlier.question is None:
        why = "no file for the earlier question (earlier: file:), so no figures to compare"
        return [_with(s, Link(earlier, refusal=why)) for s in steps]
    from pqgen.compose.plan import plan

    try:  # planned as it was asked; its own `earlier:` does not matter here
        before = plan(replace(earlier.question, earlier=()), templates, find)
    except PqgenError as exc:
        why = f"question {earlier.number} cannot be planned ({exc.message})"
        return [_with(s, Link(earlier, refusal=why)) for s in steps]
    return [
        replace(s, earlier=_link_step(s, before, earlier, find)) if _answered(s) else s
        for s in steps
    ]


def _answered(step: Step) -> bool:
    return step.template is not None and step.period is not None


def _with(step: Step, found: Link) -> Step:
    return replace(step, earlier=found) if _answered(step) else step


def _compared_names(
    template: AnswerTemplate, spec: CompareSpec, find: Callable[[str], QueryFile] | None
) -> list[str] | None:
    """The parameters of the compared figure set's query that must be equal in both answers."""
    if find is None:
        return None
    try:
        query = find(template.figures[spec.figures].query)
    except QueryNotFound:
        return None
    return [p.name for p in query.parameters if p.name not in PERIOD_PARAMETERS]


def _link_step(
    step: Step, before: list[Step], earlier: Earlier, find: Callable[[str], QueryFile] | None
) -> Link:
    template = step.template
    assert template is not None and step.period is not None
    same = [b for b in before if b.template is not None and b.template.name == template.name]
    if not same:
        why = f"no part of question {earlier.number} was answered by template {template.name}"
        return Link(earlier, refusal=why)
    spec = template.compare
    names = _compared_names(template, spec, find) if spec else None
    if names is None:
        names = sorted(set(step.params) - set(PERIOD_PARAMETERS))

    def differences(other: Step) -> list[str]:
        return [
            f"parameter {n} differs ({step.params.get(n)!r} now, {other.params.get(n)!r} then)"
            for n in names
            if step.params.get(n) != other.params.get(n)
        ]

    # The part with the same parameters; of several, the one with the same label.
    same.sort(key=lambda b: (bool(differences(b)), b.label != step.label))
    other = same[0]
    assert other.period is not None
    found = Link(earlier, other.label, other.period, other.params)
    if spec is None:
        return replace(found, refusal=f"template {template.name} declares no 'compare:'")
    if problems := differences(other):
        return replace(found, refusal=problems[0])
    now, then = step.period, other.period
    for period, when in ((now, "now"), (then, "then")):
        if not period.whole_years or period.open:
            return replace(
                found, refusal=f"the period {when} ({period.label}) is not whole calendar years"
            )
    if len(now.years) != len(then.years):
        return replace(
            found,
            refusal=f"the periods differ in length ({len(now.years)} years now, "
            f"{len(then.years)} then)",
        )
    if now.last_year <= then.last_year:
        return replace(found, refusal=f"no later year than {then.last_year} to compare")
    return found


def earlier_sets(step: Step) -> list[tuple[str, Period, dict[str, Any], bool]]:
    """The figure set to compare with that `step` needs beyond its template's own: (query,
    period, parameters, optional)."""
    found: Link | None = step.earlier
    if found is None or not found.compares or step.template is None:
        return []
    spec = step.template.compare
    assert spec is not None and found.period is not None and found.params is not None
    return [(step.template.figures[spec.figures].query, found.period, found.params, True)]


def set_name(spec: CompareSpec, earlier: Earlier) -> str:
    """The name of the earlier answer's figure set in the answer (for comments and provenance)."""
    return f"{spec.figures} (vraag {earlier.number})"


# Writing ------------------------------------------------------------------------------------


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
        text += " " + catalogue.EARLIER_ALSO.format(questions=_join(named))
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


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


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
        return _missing(step, flags, f"the figures of {found.period.label}: {exc.message}"), {}
    now, why = _value(now_set, spec, template, now_year, step.period)
    then, then_why = _value(then_set, spec, template, then_year, found.period)
    why = why or then_why
    if why is None and then == 0 and _kind(now_set, spec) != "percent":
        why = f"{spec.column} is 0 in {then_year}: no relative change"
    if why is not None or now is None or then is None:
        return _missing(step, flags, why or "no figure"), {name: then_set}
    kind = _kind(now_set, spec)
    shown_now = mark(_shown(now, kind, spec), spec.figures)
    shown_then = mark(_shown(then, kind), name)
    one = len(found.period.years) == 1  # "het jaar van dat antwoord", not "het laatste jaar"
    here = catalogue.CHANGE_WHICH_HERE_ONE if one else catalogue.CHANGE_WHICH_HERE
    there = catalogue.CHANGE_WHICH_THERE_ONE if one else catalogue.CHANGE_WHICH_THERE
    which = here if referred_here else there.format(number=earlier.number)
    first = catalogue.CHANGE_NOW.format(year=now_year, what=spec.what, value=shown_now)
    second = _difference(now, then, kind).format(year=then_year, which=which, value=shown_then)
    # Through the markup, so that both figures become runs with their source (Word comments).
    return list(parse_markup(f"{first} {second}")), {name: then_set}


def _kind(figure_set: FigureSet, spec: CompareSpec) -> str:
    return figure_set.types.get(spec.column, "")


def _value(
    figure_set: FigureSet, spec: CompareSpec, template: AnswerTemplate, year: int, period: Period
) -> tuple[float | None, str | None]:
    """The figure for `year` (summed over its rows for a count), or why there is none."""
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
        return None, f"figure set {spec.figures} has rows outside {period.label}"
    rows = frame[column_years.reindex(frame.index) == year]
    if rows.empty:
        return None, f"no figure for {year} in {spec.figures}"
    values = rows[spec.column]
    if values.isna().any():
        return None, f"{spec.column} is empty for {year}"
    if kind != "count" and len(values) != 1:
        return None, f"{len(values)} rows for {year}: a {kind} is not added up"
    return float(values.sum()) if kind != "count" else float(int(values.sum())), None


def _shown(value: float, kind: str, spec: CompareSpec | None = None) -> str:
    if kind == "percent":
        text = dutch.percent(value)
    elif kind in ("count", "integer"):
        text = dutch.number(int(value))
    else:
        text = dutch.number(value, 1)
    return f"{text} {spec.unit}" if spec is not None and spec.unit else text


def _difference(now: float, then: float, kind: str) -> str:
    """The second sentence with {year}, {which} and {value} left to fill in."""
    if now == then:
        return catalogue.CHANGE_SAME
    if kind == "percent":
        amount = catalogue.CHANGE_POINTS.format(points=dutch.number(abs(now - then), 2))
    else:
        relative = abs(now - then) / abs(then) * 100
        if round(relative, 1) == 0:
            return catalogue.CHANGE_ABOUT_SAME
        amount = dutch.percent(relative, 1)
    wording = catalogue.CHANGE_MORE if now > then else catalogue.CHANGE_LESS
    return wording.replace("{change}", amount)


def _missing(step: Step, flags: list[tuple[int, str, str]], why: str) -> list[Block]:
    """A flagged placeholder for a change that was to be stated but cannot be (or the text a
    person wrote for it under `texts: verandering:`; nothing when that is empty)."""
    assert step.earlier is not None
    number = step.subquestion.number
    if step.subquestion.texts.get(TEXT_KEY) == "":
        return []  # `verandering: ""`: the person chose to say nothing about a change
    what = catalogue.CHANGE_MISSING.format(number=step.earlier.earlier.number, why=why)
    text = written_or_placeholder(step.subquestion, what, TEXT_KEY)
    if text == catalogue.PLACEHOLDER.format(what=what):
        flags.append(
            (number, "figures", f"{step.label}: change since question "
             f"{step.earlier.earlier.number} not stated: {why}")
        )  # fmt: skip
        return [Paragraph((Run(text, placeholder=True),))]
    return [Paragraph((Run(text),))]


def plan_lines(question: Question | None, step: Step) -> list[str]:
    """What `pqgen plan` shows about the earlier question for one part."""
    found: Link | None = step.earlier
    if found is None:
        return []
    then = f"question {found.earlier.number} of {found.earlier.date.isoformat()}"
    if found.period is not None:
        lines = [f"      earlier: {then}, part {found.label}, {found.period.label}"]
    else:
        lines = [f"      earlier: {then}"]
    if found.compares and step.period is not None:
        assert found.period is not None and step.template is not None
        spec = step.template.compare
        assert spec is not None
        lines.append(
            f"      change since then: {spec.figures}.{spec.column} in {step.period.last_year} "
            f"against {found.period.last_year}"
        )
    else:
        lines.append(f"      change since then: not stated: {found.refusal}")
    return lines


def heading(question: Question) -> list[str]:
    """The first lines of `pqgen plan` for a question that repeats earlier ones."""
    lines = []
    for e in sorted(question.earlier, key=lambda e: e.date):
        where = f" ({e.file})" if e.file is not None else " (no file: no figures to compare)"
        lines.append(f"repeats question {e.number} of {e.date.isoformat()}{where}")
    if earlier := latest(question):
        lines.append(f"the answer refers to question {earlier.number}")
    return lines
