"""The reading corpus: 102 questions written as users would, with what a correct tool does.

tests/reading/corpus.yaml holds per part whether it is answered with figures (by which template,
for which period, with which values) or is a placeholder (quoting which words), each reasoned by
hand from the templates' front matter, with a line that says why. The classes are those of the
issue "Read every word of a part": narrowing words the data cannot answer (people, places, apps,
conditions, times), other measures, other bodies' services, periods, typos, two asks in one
sentence, references to an earlier part, exclusions, policy asks and other subjects.

No part may be answered with figures that are not what it asks: every expectation is asserted.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from pqgen.compose import templating
from pqgen.compose.checks import check_answer
from pqgen.compose.fill import compose
from pqgen.compose.plan import Step, plan
from pqgen.compose.settings import DraftSettings
from pqgen.figures import queries
from pqgen.question.model import Question
from pqgen.workspace import Workspace

CORPUS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "reading" / "corpus.yaml").read_text(encoding="utf-8")
)
CLASSES = {"plain", "narrowing-people", "narrowing-place", "narrowing-medium",
           "narrowing-condition", "narrowing-time", "measure", "other-body", "period", "typo",
           "two-asks", "reference", "exclusion", "policy", "other-subject"}  # fmt: skip
# Reasons that are not a failed check: the part asks for what only a person can write, or
# nothing in the workspace is about its subject.
UNFLAGGED = ("policy", "no template", "off subject", "resolution", "measure", "template none",
             "not narrowed")  # fmt: skip
# Reasons that come from reading the part's words: they quote what was not understood.
QUOTING = ("not understood", "near miss")


def question_of(case: dict[str, Any]) -> Question:
    return Question.from_dict(
        {
            "number": 1, "author": "A B", "date": str(case["date"]), "minister": "M",
            "minister_title": "T", "title": case["title"], "intro": case.get("intro") or "",
            "parameters": case.get("parameters") or {},
            "subquestions": [
                {"number": n, "text": text} for n, text in enumerate(case["subquestions"], 1)
            ],
        }
    )  # fmt: skip


@functools.cache
def _routes() -> tuple[list[templating.AnswerTemplate], Any]:
    workspace = Workspace.from_options()
    return templating.templates(workspace), functools.partial(queries.query, workspace)


def plan_of(case: dict[str, Any]) -> dict[str, Step]:
    templates, find = _routes()
    return {step.label: step for step in plan(question_of(case), templates, find)}


def _same(asked: Any, given: Any) -> bool:
    """A value as the corpus writes it and as the plan holds it: one value or a list."""
    each = [str(v) for v in (asked if isinstance(asked, list) else [asked])]
    held = [str(v) for v in (given if isinstance(given, list | tuple) else [given])]
    return sorted(each) == sorted(held)


def _words(text: str) -> set[str]:
    """The words of a text that say something (three letters or more, or a number)."""
    found = {w.strip("'\".,?;:()").lower() for w in text.replace("-", " ").split()}
    return {w for w in found if len(w) > 2 or w.isdigit()}


def outcome_problems(case: dict[str, Any]) -> list[str]:
    """What the plan does that the corpus says it must not, one line per part."""
    steps = plan_of(case)
    problems = []
    for expect in case["expect"]:
        label = expect["part"]
        step = steps.get(label)
        if step is None:
            problems.append(f"{label}: no such part (the plan has {', '.join(steps)})")
            continue
        writer = steps[step.covered_by] if step.covered_by else step
        got = writer.template.name if writer.template else None
        if step.covered_by and step.policy and not step.part.joined:
            got = None  # the sibling's template writes the placeholder for the minister's view
        if not expect["answered"]:
            if got is not None:
                problems.append(f"{label}: answered by {got}, but {expect['why']}")
                continue
            reason = step.reason
            if reason is None:
                continue
            quoted = expect.get("quoted") or [] if reason.kind in QUOTING else []
            if quoted and not any(_words(q) & _words(reason.nl) for q in quoted):
                problems.append(f"{label}: none of {quoted} quoted in '{reason.nl}'")
            if reason.kind not in UNFLAGGED and not reason.flag:
                problems.append(f"{label}: {reason.kind} is not flagged")
            continue
        if got != expect["template"]:
            said = step.reason.en if step.reason else "?"
            problems.append(f"{label}: {got or 'placeholder'} ({said}), not {expect['template']}")
            continue
        assert writer.period is not None
        period = f"{writer.period.start}/{writer.period.end}"
        if expect.get("period") and period != expect["period"]:
            problems.append(f"{label}: period {period}, not {expect['period']}")
        for name, value in (expect.get("params") or {}).items():
            if not _same(value, writer.params.get(name)):
                problems.append(f"{label}: {name} = {writer.params.get(name)!r}, not {value!r}")
    return problems


def test_the_corpus_covers_every_class_with_questions_of_its_own() -> None:
    assert len(CORPUS) >= 60
    assert {case["class"] for case in CORPUS} == CLASSES
    assert len({case["id"] for case in CORPUS}) == len(CORPUS)
    parts = [e for case in CORPUS for e in case["expect"]]
    assert sum(e["answered"] for e in parts) >= 80  # answerable parts, about half
    assert all(e["why"] for e in parts)


@pytest.mark.parametrize("case", CORPUS, ids=[case["id"] for case in CORPUS])
def test_each_part_is_answered_exactly_as_asked_or_held(case: dict[str, Any]) -> None:
    assert outcome_problems(case) == []


def test_no_part_on_another_body_or_subject_gets_figures() -> None:
    for case in CORPUS:
        if case["class"] not in ("other-body", "other-subject", "typo"):
            continue
        steps = plan_of(case)
        for expect in case["expect"]:
            if not expect["answered"]:
                assert steps[expect["part"]].template is None, (case["id"], expect["part"])


@pytest.mark.parametrize(
    "name", ["nm-facebook-sociale-media", "p-laatste-vijf-jaar"]
)  # read exactly, but the data holds nothing for them
def test_figures_the_data_does_not_hold_are_a_failed_check_not_a_zero(
    name: str, source: Any, workspace: Workspace
) -> None:
    case = next(c for c in CORPUS if c["id"] == name)
    answer = compose(question_of(case), source, workspace)
    failures = check_answer(answer, DraftSettings())
    assert any(f.subquestion == 2 for f in failures), failures
