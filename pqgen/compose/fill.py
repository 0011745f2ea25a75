"""Fill in the plan: each sub-question's template with its figures, as an `Answer`."""

from __future__ import annotations

from pqgen import catalogue
from pqgen.compose import templating
from pqgen.compose.answer import Answer, Paragraph, Run, Section, placeholder
from pqgen.compose.markup import parse_markup
from pqgen.compose.plan import for_period, plan
from pqgen.compose.settings import DraftSettings
from pqgen.compose.templating import render_template
from pqgen.errors import TemplateError
from pqgen.figures.model import FigureTable
from pqgen.figures.sources import FigureSource
from pqgen.question.model import Question, SubQuestion
from pqgen.workspace import Workspace

WHOLE_ANSWER = "antwoord"


def compose(
    question: Question,
    source: FigureSource,
    workspace: Workspace,
    settings: DraftSettings | None = None,
) -> Answer:
    """The draft answer to `question`, with figures from `source`."""
    settings = settings or DraftSettings()
    env = templating.environment(workspace)
    sections = []
    for step in plan(question, templating.templates(workspace)):
        subquestion, template = step.subquestion, step.template
        if template is None:
            note = catalogue.NO_TEMPLATE
            sections.append(_placeholder_section(subquestion, note))
            continue
        figures = {
            name: source.fetch(spec.query, for_period(step, spec)[1])
            for name, spec in template.figures.items()
        }
        # Templates get read-only tables of plain values, never a library object.
        frames = {name: FigureTable.of(name, figure_set) for name, figure_set in figures.items()}
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
            note = catalogue.TEMPLATE_GAVE_NOTHING.format(template=template.name)
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
    note = placeholder(catalogue.ANSWER_TO_SUBQUESTION.format(number=subquestion.number, why=why))
    return Section(subquestion, (Paragraph((Run(note, placeholder=True),)),), None)


def compose_referral(
    question: Question, coordinated: Question, coordinator: str, workspace: Workspace
) -> Answer:
    """The short answer for a minister who refers to the coordinated answer of a joint question:
    `question` as addressed to that minister, `coordinated` as addressed to `coordinator`."""
    templates = templating.templates(workspace, "referral")
    if not templates:
        raise TemplateError(
            "verwijzing",
            "no template with 'role: referral' for the referring answers to a joint question",
        )
    env = templating.environment(workspace)
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
