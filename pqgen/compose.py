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
from pathlib import Path
from typing import Any, Protocol

from pqgen.answer import Answer, Paragraph, Run, Section, placeholder
from pqgen.figures import FigureSet, figure_key
from pqgen.markup import parse_markup
from pqgen.period import Period, period_for
from pqgen.queries import QueryFile
from pqgen.question import Question, SubQuestion
from pqgen.settings import DraftSettings
from pqgen.templating import (
    AnswerTemplate,
    best_template,
    load_templates,
    make_environment,
    render_template,
)
from pqgen.workspace import search_path

WHOLE_ANSWER = "antwoord"
_BODY = re.compile(
    r"\b((?:Departement|Agentschap)\s+[A-Z][\w'-]*(?:\s+(?:en|van|voor|[A-Z][\w'-]*))*)"
)


class FigureSource(Protocol):
    """Anything that answers "query NAME with these parameters" with a figure set."""

    def fetch(self, name: str, params: dict[str, Any]) -> FigureSet: ...


@dataclass(frozen=True)
class Workspace:
    """The folders a draft reads templates and queries from: the user's first, then built-ins."""

    template_dirs: list[Path]
    query_dirs: list[Path]

    @classmethod
    def from_options(cls, templates: Path | None = None, queries: Path | None = None) -> Workspace:
        return cls(search_path("templates", templates), search_path("queries", queries))


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


@dataclass(frozen=True)
class FigureRequest:
    """One figure set a question needs: a query with its parameters, for these sub-questions."""

    query: QueryFile
    params: dict[str, Any]
    subquestions: tuple[SubQuestion, ...]
    period: Period


def figure_requests(steps: list[Step], find: Callable[[str], QueryFile]) -> list[FigureRequest]:
    """The distinct figure sets `steps` need: the same query with the same parameters once."""
    found: dict[str, FigureRequest] = {}
    for step in steps:
        if step.template is None or step.period is None:
            continue
        for query_name in step.template.figures.values():
            query = find(query_name)
            statement_params = query.used_parameters(step.params)
            key = figure_key(query.name, statement_params)
            if key in found:
                earlier = found[key]
                found[key] = replace(
                    earlier, subquestions=(*earlier.subquestions, step.subquestion)
                )
            else:
                found[key] = FigureRequest(
                    query, statement_params, (step.subquestion,), step.period
                )
    return list(found.values())


def compose(
    question: Question,
    source: FigureSource,
    workspace: Workspace,
    settings: DraftSettings | None = None,
) -> Answer:
    """The draft answer to `question`, with figures from `source`."""
    settings = settings or DraftSettings()
    templates = load_templates(workspace.template_dirs)
    env = make_environment(workspace.template_dirs)
    sections = []
    for step in plan(question, templates):
        subquestion, template = step.subquestion, step.template
        if template is None:
            note = "geen sjabloon past bij deze vraag"
            sections.append(_placeholder_section(subquestion, note))
            continue
        figures = {
            name: source.fetch(query, step.params) for name, query in template.figures.items()
        }
        frames = {}
        for name, figure_set in figures.items():
            frame = figure_set.frame.copy(deep=False)
            # Filters name the figure set in errors and marks, and know which columns are figures.
            frame.attrs.update(name=name, types=figure_set.types)
            frames[name] = frame
        pictures: dict[str, bytes] = {}  # charts the template draws, by key
        context = {
            "question": question,
            "subquestion": subquestion,
            "period": step.period,
            "params": step.params,
            "figures": frames,
            "settings": settings,
            "annex": settings.annex,
            "labels": template.labels,
            "pictures": pictures,
        }
        blocks = tuple(parse_markup(render_template(env, template, context)))
        if not blocks:
            note = f"sjabloon {template.name} gaf geen tekst"
            sections.append(_placeholder_section(subquestion, note))
            continue
        sections.append(
            Section(
                subquestion, blocks, template.name, step.period, figures, template.labels, pictures
            )
        )
    return Answer(question, tuple(sections))


def _placeholder_section(subquestion: SubQuestion, why: str) -> Section:
    """The answer to a sub-question no template answers: what the question's YAML gives under
    `texts: {antwoord: …}`, else a placeholder."""
    if written := subquestion.texts.get(WHOLE_ANSWER):
        return Section(subquestion, tuple(parse_markup(written)), None)
    note = placeholder(f"antwoord op deelvraag {subquestion.number}; {why}")
    return Section(subquestion, (Paragraph((Run(note, placeholder=True),)),), None)
