"""Fill in the plan: each part's template with its figures, as an `Answer`.

A sub-question's answer is the answers to its parts in turn, each sub-point opened with its label
("a) …"). A part without a template gets the text the question's YAML gives for it, else a
placeholder that says why; a policy ask gets a placeholder for the minister's words even when
figures join it. Figures that cannot be right — empty or all zero for the period asked, or rows
outside it — give a placeholder and a failed check instead of a sentence.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pandas as pd

from pqgen import catalogue
from pqgen.compose import figure_route, recurring_answer, templating
from pqgen.compose.answer import Answer, Block, Paragraph, Run, Section, placeholder
from pqgen.compose.markup import parse_markup
from pqgen.compose.plan import for_period, plan
from pqgen.compose.settings import DraftSettings
from pqgen.compose.step import Step
from pqgen.compose.templating import render_template
from pqgen.dutch import date
from pqgen.errors import TemplateError
from pqgen.figures import queries
from pqgen.figures.model import FigureSet, FigureTable
from pqgen.figures.sources import FigureSource
from pqgen.question.model import Question, SubQuestion
from pqgen.question.period import Period
from pqgen.workspace import Workspace

WHOLE_ANSWER = "antwoord"
Flag = tuple[int, str, str]


def _note(step: Step, why: str) -> Paragraph:
    label = step.label if step.part.key else str(step.subquestion.number)
    text = placeholder(catalogue.ANSWER_TO_PART.format(label=label, why=why))
    if not step.part.key:  # one part: the placeholder as it always read
        text = placeholder(
            catalogue.ANSWER_TO_SUBQUESTION.format(number=step.subquestion.number, why=why)
        )
    return Paragraph((Run(text, placeholder=True),))


def _suspect(figure_set: FigureSet, period: Period) -> str | None:
    """Why figures cannot be right for `period`: "empty" (no rows, or a count column without a
    value), "zero" (a count column that is 0 throughout), "outside" (rows for other years or
    days); None if they can."""
    frame = figure_set.frame
    if frame.empty:
        return "empty"
    # The set's plain rows (read once per set): cheaper than pandas on a few rows, per answer.
    at = {str(c): i for i, c in enumerate(frame.columns)}
    rows = figure_set.rows
    counts = [at[c] for c, kind in figure_set.types.items() if kind == "count" and c in at]
    for i in counts:
        given = [row[i] for row in rows if row[i] is not None]
        if not given:
            return "empty"  # a count without a single value (NULL throughout)
        if not any(given):
            return "zero"  # a count that is 0 throughout: a value that matched nothing, likely
    for column, kind in figure_set.types.items():
        if column not in at:
            continue
        if kind == "year" and not all(
            period.first_year <= int(row[at[column]]) <= period.last_year
            for row in rows
            if row[at[column]] is not None
        ):
            return "outside"
        if kind == "date":  # conform keeps dates as datetime.date already
            values = frame[column].dropna()
            days = [d if isinstance(d, dt.date) else pd.Timestamp(d).date() for d in values]
            if not all(period.start <= d <= period.end for d in days):
                return "outside"
    return None


def _fill_part(
    step: Step, question: Question, source: FigureSource, env: Any, settings: DraftSettings,
    flags: list[Flag],
) -> tuple[list[Block], dict[str, FigureSet], dict[str, bytes]]:  # fmt: skip
    """The blocks that answer one part, the figure sets they used and the charts they drew."""
    template, number = step.template, step.subquestion.number
    if step.covered_by:
        return [], {}, {}
    if template is None and (routed := figure_route.answer(question, step, source)):
        routed_blocks, written = routed  # a figure ask no template answers (issue 12)
        flags.extend((number, "figures", f"{step.label}: {p}") for p in written.problems)
        if routed_blocks:
            return routed_blocks, written.figures, {}
    if template is None or step.period is None:
        if step.written is not None:
            return list(parse_markup(step.written)), {}, {}
        assert step.reason is not None
        if step.reason.flag:
            flags.append((number, "coverage", f"{step.label}: {step.reason.en}"))
        return [_note(step, step.reason.nl)], {}, {}
    figures: dict[str, FigureSet] = {}
    for name, spec in template.figures.items():
        period, params = for_period(step, spec)
        figures[name] = figure_set = source.fetch(spec.query, params)
        problem = None if spec.optional else _suspect(figure_set, period)
        if problem is not None:
            text = catalogue.ROWS_OUTSIDE if problem == "outside" else catalogue.EMPTY_FIGURES
            flags.append((number, "figures", f"{step.label}: figure set '{name}' "
                          f"({spec.query}) is {problem} for {period.label}"))  # fmt: skip
            return [_note(step, text.format(figures=spec.query, period=period.in_words))], {}, {}
    # Templates get read-only tables of plain values, never a library object.
    frames = {name: FigureTable.of(name, figure_set) for name, figure_set in figures.items()}
    pictures: dict[str, bytes] = {}  # charts the template draws, by key
    context = {
        "question": question,
        "subquestion": step.subquestion,
        "part": step.part,
        "period": step.period,
        "previous_period": step.period.previous(),
        "params": step.params,
        "figures": frames,
        "settings": settings,
        "annex": settings.annex,
        "labels": template.labels,
        "pictures": pictures,
    }
    blocks: list[Block] = list(parse_markup(render_template(env, template, context)))
    if not blocks:
        why = catalogue.TEMPLATE_GAVE_NOTHING.format(template=template.name)
        return [_note(step, why)], figures, pictures
    policy = template.answers_policy
    if step.policy and not (policy is not None and policy.search(step.policy)):
        blocks.insert(0, _note(step, catalogue.POLICY_ASK.format(ask=step.policy)))
    if step.period.open and not any(
        date(step.period.end) in b.text for b in blocks if isinstance(b, Paragraph)
    ):
        # A period not over when asked: say where its figures end, if the template did not.
        until = catalogue.OPEN_PERIOD_ASKED if "date of the question" in step.period.note else ""
        note = (until or catalogue.OPEN_PERIOD).format(
            start=date(step.period.start), end=date(step.period.end)
        )
        blocks.append(Paragraph((Run(note),)))
    return blocks, figures, pictures


def _labelled(step: Step, blocks: list[Block]) -> list[Block]:
    """`blocks` opened with the part's label ("a) ") where the question has sub-points."""
    if not step.part.label or not blocks:
        return blocks
    first = blocks[0]
    label = Run(f"{step.part.label} ")
    if isinstance(first, Paragraph):
        return [Paragraph((label, *first.runs)), *blocks[1:]]
    return [Paragraph((label,)), *blocks]


def compose(
    question: Question,
    source: FigureSource,
    workspace: Workspace,
    settings: DraftSettings | None = None,
    steps: list[Step] | None = None,
) -> Answer:
    """The draft answer to `question`, with figures from `source`; by `steps` when the question
    was planned already (a batch plans it to pull its figures), each step's sub-question one of
    `question`'s own."""
    settings = settings or DraftSettings()
    env = templating.environment(workspace)
    asked = {id(sub) for sub in question.subquestions}
    if steps is None or any(id(step.subquestion) not in asked for step in steps):
        steps = plan(
            question, templating.templates(workspace), functools.partial(queries.query, workspace)
        )
    flags: list[Flag] = []
    sections = []
    references = recurring_answer.references(question, steps)  # issue 11: the earlier question
    for sub in question.subquestions:
        blocks: list[Block] = []
        figures: dict[str, FigureSet] = {}
        pictures: dict[str, bytes] = {}
        labels: dict[str, str] = {}
        used: list[Step] = []
        own = [s for s in steps if s.subquestion is sub]
        for step in own:
            part_blocks, part_figures, part_pictures = _fill_part(
                step, question, source, env, settings, flags
            )
            since, since_figures = recurring_answer.change(
                step, part_figures, source, flags, referred_here=sub.number in references
            )
            part_blocks = recurring_answer.placed(part_blocks, since)
            part_figures = {**part_figures, **since_figures}
            blocks += _labelled(step, part_blocks)
            prefix = f"{step.part.key}/" if len([s for s in own if s.template]) > 1 else ""
            figures.update({prefix + k: v for k, v in part_figures.items()})
            pictures.update(part_pictures)
            if step.template is not None and part_figures:
                labels.update(step.template.labels)
                used.append(step)
        if sub.number in references:
            labelled = bool(own and own[0].part.label)
            blocks = recurring_answer.opened(blocks, references[sub.number], labelled)
        names = ", ".join(dict.fromkeys(s.template.name for s in used if s.template)) or None
        period = used[0].period if used else None
        sections.append(Section(sub, tuple(blocks), names, period, figures, labels, pictures))
    return Answer(question, tuple(sections), flags=tuple(flags), steps=tuple(steps))


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
