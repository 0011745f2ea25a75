"""Compose the answer: match templates to sub-questions, pull their figures, fill them in.

For each sub-question the best-matching template is chosen (see
:func:`pqgen.templating.best_template`). Its queries run with parameters taken, in this order of
precedence, from the question's own `parameters`, the template's defaults, and what pqgen reads
from the question: the period asked about, the department named in its title or introduction,
and the question's date as the reference date. A sub-question no template matches gets a
placeholder, as does anything a template leaves for a person to write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pqgen.compose.templating import (
    AnswerTemplate,
    FigureSpec,
    best_template,
)
from pqgen.figures.model import FigureRequest, figure_key
from pqgen.figures.queries import QueryFile
from pqgen.question.model import Question, SubQuestion
from pqgen.question.period import Period, period_for

WHOLE_ANSWER = "antwoord"
_BODY = re.compile(
    r"\b((?:Departement|Agentschap)\s+[A-Z][\w'-]*(?:\s+(?:en|van|voor|[A-Z][\w'-]*))*)"
)


def named_department(question: Question) -> str | None:
    """The department or agency the question names in its title or introduction, if any."""
    for text in (question.title, question.intro):
        if m := _BODY.search(text):
            return re.sub(r"\s+(?:en|van|voor)$", "", m.group(1))
    return None


def full_text(question: Question) -> str:
    return "\n".join([question.title, question.intro, *(s.text for s in question.subquestions)])


def parameters_for(
    question: Question, subquestion: SubQuestion, template: AnswerTemplate | None
) -> tuple[Period, dict[str, Any]]:
    """The period a sub-question asks about and the parameters its queries get."""
    period = period_for(subquestion.text, full_text(question), question.date)
    derived: dict[str, Any] = {
        "period_start": period.start,
        "period_end": period.end,
        "reference_date": question.date,
    }
    if department := named_department(question):
        derived["department"] = department
    defaults = template.parameters if template else {}
    return period, {**derived, **defaults, **question.parameters}


@dataclass(frozen=True)
class Step:
    """How one sub-question will be answered: by which template, for which period, with which
    query parameters. A sub-question no template fits has neither template nor period."""

    subquestion: SubQuestion
    template: AnswerTemplate | None
    period: Period | None = None
    params: dict[str, Any] = field(default_factory=dict)


def plan(question: Question, templates: list[AnswerTemplate]) -> list[Step]:
    """Which template answers which sub-question, and with what."""
    steps = []
    for subquestion in question.subquestions:
        template = best_template(subquestion.text, templates)
        if template is None:
            steps.append(Step(subquestion, None))
        else:
            period, params = parameters_for(question, subquestion, template)
            steps.append(Step(subquestion, template, period, params))
    return steps


def for_period(step: Step, spec: FigureSpec) -> tuple[Period, dict[str, Any]]:
    """The period and query parameters of one figure set of a step: the period asked about, or
    for `period: previous` the one of the same length before it."""
    assert step.period is not None
    if spec.period != "previous":
        return step.period, step.params
    before = step.period.previous()
    shifted = {"period_start": before.start, "period_end": before.end}
    return before, {**step.params, **shifted}


def figure_requests(steps: list[Step], find: Callable[[str], QueryFile]) -> list[FigureRequest]:
    """The distinct figure sets `steps` need: the same query with the same parameters once."""
    found: dict[str, FigureRequest] = {}
    for step in steps:
        if step.template is None or step.period is None:
            continue
        for spec in step.template.figures.values():
            query = find(spec.query)
            period, params = for_period(step, spec)
            statement_params = query.used_parameters(params)
            key = figure_key(query.name, statement_params)
            if key in found:
                earlier = found[key]
                found[key] = replace(
                    earlier,
                    subquestions=(*earlier.subquestions, step.subquestion),
                    optional=earlier.optional and spec.optional,
                )
            else:
                found[key] = FigureRequest(
                    query, statement_params, (step.subquestion,), period, spec.optional
                )
    return list(found.values())
