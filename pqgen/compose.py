"""Compose the answer: match templates to sub-questions, pull their figures, fill them in.

For each sub-question the best-matching template is chosen (see
:func:`pqgen.templating.best_template`). Its queries run with parameters taken, in this order of
precedence, from the question's own `parameters`, the template's defaults, and what pqgen reads
from the question: the period asked about, the department named in its title or introduction,
and the question's date as the reference date. A sub-question no template matches gets a
placeholder, as does anything a template leaves for a person to write.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from docx.document import Document
from jinja2.sandbox import SandboxedEnvironment

from pqgen.answer import Answer, Paragraph, Run, Section, placeholder
from pqgen.errors import TemplateError
from pqgen.figures import FigureSet, figure_key
from pqgen.markup import parse_markup
from pqgen.period import Period, period_for
from pqgen.queries import QueryFile, find_query
from pqgen.question import Question, SubQuestion
from pqgen.render import find_reference, open_reference
from pqgen.settings import DraftSettings
from pqgen.templating import (
    AnswerTemplate,
    FigureSpec,
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
    """The folders a draft reads templates and queries from: the user's first, then built-ins.

    It keeps what every draft needs once read: the templates, the Jinja environment (which
    compiles each template once) and the house-style document, so that a batch of a thousand
    drafts reads and parses them once per process.
    """

    template_dirs: list[Path]
    query_dirs: list[Path]
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_options(cls, templates: Path | None = None, queries: Path | None = None) -> Workspace:
        return cls(search_path("templates", templates), search_path("queries", queries))

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes without what they read for themselves.
        return {"template_dirs": self.template_dirs, "query_dirs": self.query_dirs, "_cache": {}}

    def templates(self, role: str = "answer") -> list[AnswerTemplate]:
        key = f"templates:{role}"
        if key not in self._cache:
            self._cache[key] = load_templates(self.template_dirs, role)
        templates: list[AnswerTemplate] = self._cache[key]
        return templates

    def query(self, name: str, dialect: str | None = None) -> QueryFile:
        """The query file `name` (in its `dialect` variant where there is one), read once."""
        key = f"query:{name}:{dialect}"
        if key not in self._cache:
            self._cache[key] = find_query(name, self.query_dirs, dialect)
        query: QueryFile = self._cache[key]
        return query

    def environment(self) -> SandboxedEnvironment:
        if "environment" not in self._cache:
            self._cache["environment"] = make_environment(self.template_dirs)
        environment: SandboxedEnvironment = self._cache["environment"]
        return environment

    def reference(self) -> Document:
        """A fresh copy of the house-style document with its sample body removed."""
        if "reference" not in self._cache:
            self._cache["reference"] = open_reference(find_reference(self.template_dirs))
        return copy.deepcopy(self._cache["reference"])


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


@dataclass(frozen=True)
class FigureRequest:
    """One figure set a question needs: a query with its parameters, for these sub-questions."""

    query: QueryFile
    params: dict[str, Any]
    subquestions: tuple[SubQuestion, ...]
    period: Period
    optional: bool = False


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


def compose(
    question: Question,
    source: FigureSource,
    workspace: Workspace,
    settings: DraftSettings | None = None,
) -> Answer:
    """The draft answer to `question`, with figures from `source`."""
    settings = settings or DraftSettings()
    env = workspace.environment()
    sections = []
    for step in plan(question, workspace.templates()):
        subquestion, template = step.subquestion, step.template
        if template is None:
            note = "geen sjabloon past bij deze vraag"
            sections.append(_placeholder_section(subquestion, note))
            continue
        figures = {
            name: source.fetch(spec.query, for_period(step, spec)[1])
            for name, spec in template.figures.items()
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
            "previous_period": step.period.previous() if step.period else None,
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


def compose_referral(
    question: Question, coordinated: Question, coordinator: str, workspace: Workspace
) -> Answer:
    """The short answer for a minister who refers to the coordinated answer of a joint question:
    `question` as addressed to that minister, `coordinated` as addressed to `coordinator`."""
    templates = workspace.templates("referral")
    if not templates:
        raise TemplateError(
            "verwijzing",
            "no template with 'role: referral' for the referring answers to a joint question",
        )
    env = workspace.environment()
    context = {
        "question": question,
        "coordinated": coordinated,
        "coordinator": coordinator,
        "subquestion": SubQuestion(0, ""),
    }
    blocks = tuple(parse_markup(render_template(env, templates[0], context)))
    return Answer(
        question, (Section(SubQuestion(0, ""), blocks, templates[0].name),), numbered=False
    )
