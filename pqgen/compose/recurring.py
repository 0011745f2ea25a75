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
added up, or a value that differs from the one recorded in the earlier draft's provenance), the
part gets a flagged placeholder with the reason instead. This module links and plans;
`compose.recurring_answer` writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pqgen.compose.step import Link, Step
from pqgen.compose.templating import AnswerTemplate, CompareSpec
from pqgen.errors import PqgenError, QueryNotFound
from pqgen.figures.queries import QueryFile
from pqgen.question.model import Earlier, Question
from pqgen.question.period import Period

# Parameters that follow from when a question was asked: they differ between the two answers.
PERIOD_PARAMETERS = ("period_start", "period_end", "reference_date")


# How a question is planned: `plan.plan(question, templates, find)`.
Planner = Callable[[Question, list[AnswerTemplate], Callable[[str], QueryFile] | None], list[Step]]


def latest(question: Question) -> Earlier | None:
    """The earlier question the answer refers to: the latest one named."""
    return max(question.earlier, key=lambda e: e.date) if question.earlier else None


def link(
    question: Question,
    steps: list[Step],
    templates: list[AnswerTemplate],
    find: Callable[[str], QueryFile] | None,
    planner: Planner,
) -> list[Step]:
    """`steps` with each part that a template answers linked to the earlier question, planned
    again with `planner` (`plan.plan`, passed in so that this module needs not import it)."""
    earlier = latest(question)
    if earlier is None or not any(_answered(s) for s in steps):
        return steps
    if earlier.question is None:
        why = "no file for the earlier question (earlier: file:), so no figures to compare"
        return [_with(s, Link(earlier, refusal=why)) for s in steps]

    try:  # planned as it was asked; its own `earlier:` does not matter here
        before = _planned(earlier.question, templates, find, planner)
    except PqgenError as exc:
        why = f"question {earlier.number} cannot be planned ({exc.message})"
        return [_with(s, Link(earlier, refusal=why)) for s in steps]
    return [
        replace(s, earlier=_link_step(s, before, earlier, find)) if _answered(s) else s
        for s in steps
    ]


# The plans of earlier questions, by the identity of the question, templates and query finder
# they were made with (kept, so that no id is reused): the rows of a manifest repeat one earlier
# question, read once (issue 14), and each would plan it again.
_PLANNED: dict[tuple[int, int, int], tuple[Question, object, object, list[Step]]] = {}
_PLANNED_MAX = 256


def _planned(
    question: Question,
    templates: list[AnswerTemplate],
    find: Callable[[str], QueryFile] | None,
    plan: Planner,
) -> list[Step]:
    """`question` planned as it was asked, once per question, templates and finder."""
    key = (id(question), id(templates), id(find))
    known = _PLANNED.get(key)
    if known is not None and known[0] is question and known[1] is templates and known[2] is find:
        return list(known[3])
    before = plan(replace(question, earlier=()), templates, find)
    if len(_PLANNED) >= _PLANNED_MAX:
        _PLANNED.clear()
    _PLANNED[key] = (question, templates, find, before)
    return list(before)


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
        if not period.whole_years or period.open or (period.end.month, period.end.day) != (12, 31):
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


def plan_lines(step: Step) -> list[str]:
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
    if found.compares and found.earlier.provenance is not None:
        lines.append(f"      checked against: {found.earlier.provenance.name}")
    return lines


def heading(question: Question, steps: list[Step]) -> list[str]:
    """The first lines of `pqgen plan` for a question that repeats earlier ones."""
    lines = []
    for e in sorted(question.earlier, key=lambda e: e.date):
        where = f" ({e.file})" if e.file is not None else " (no file: no figures to compare)"
        lines.append(f"repeats question {e.number} of {e.date.isoformat()}{where}")
    if (earlier := latest(question)) and question.subquestions:
        linked = [s for s in steps if s.earlier is not None and s.earlier.period is not None]
        number = linked[0].subquestion.number if linked else question.subquestions[0].number
        lines.append(f"the answer refers to question {earlier.number} (first in answer {number})")
    return lines
